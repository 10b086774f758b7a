// The SLA board as text (README, The SLA board): groups in order of urgency,
// rows by next due time, nothing that moves minute by minute, a gantt of the
// next 7 days, and GitHub's 65,536-character body limit for thousands of
// incidents (most urgent first, the rest counted).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { BOARD_LIMIT, type BoardIncident, boardBody, boardIncident, coarseSpan, renderBoard } from "../../src/domain/plans/board.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { wordsFor } from "../../src/words/index.js";
import { CUSTOMER, ENGINEER, comment, issue, labeled } from "../fixtures/incident-builders.js";

const NOW = Date.parse("2026-12-03T12:00:00Z");
const HOUR = 3_600_000;
const en = wordsFor("en");
const ru = wordsFor("ru");

let next = 1;
function row(o: Partial<BoardIncident> & { dueIn?: number }): BoardIncident {
  const number = o.number ?? next++;
  const repository = o.repository ?? "acme/alpha";
  return {
    repository,
    customer: o.customer ?? "Alpha",
    number,
    url: `https://github.com/${repository}/issues/${number}`,
    severity: o.severity ?? 2,
    status: o.status ?? "running",
    zone: o.zone ?? "Europe/Moscow",
    next: o.next !== undefined ? o.next : { target: "workaround", due: NOW + (o.dueIn ?? 2 * HOUR) },
    leftMs: o.leftMs ?? 2 * HOUR,
    assignees: o.assignees ?? [],
  };
}

const render = (incidents: BoardIncident[], now = NOW, more: Partial<Parameters<typeof renderBoard>[0]> = {}) =>
  renderBoard({ incidents, now, zone: "Europe/Moscow", language: "en", words: en, ...more });

/** The incident links of a board, in the order shown. */
const linksOf = (content: string) => [...content.matchAll(/\[(acme\/[a-z]+#\d+)\]/g)].map((m) => m[1]);

describe("the SLA board", () => {
  it("groups breached, at risk, running, paused, met, not covered; each group by next due time; every row's cells", () => {
    const rows = [
      row({ repository: "acme/gamma", number: 7, status: "running", dueIn: 30 * HOUR, customer: "Gamma | Ltd @boss" }),
      row({ repository: "acme/alpha", number: 3, status: "paused", leftMs: 5 * HOUR + 17 * 60_000, next: { target: "resolve", due: NOW + 99 * HOUR } }),
      row({ repository: "acme/beta", number: 9, status: "breached", dueIn: -5 * HOUR, severity: 1, assignees: ["eng-anna", "eng-boris"] }),
      row({ repository: "acme/alpha", number: 1, status: "running", dueIn: 3 * HOUR }),
      row({ repository: "acme/beta", number: 2, status: "at-risk", dueIn: 20 * 60_000 }),
      row({ repository: "acme/gamma", number: 4, status: "not-covered", next: null }),
      row({ repository: "acme/alpha", number: 5, status: "breached", dueIn: -30 * 60_000 }),
      row({ repository: "acme/beta", number: 6, status: "met", next: null }),
    ];
    const board = render(rows);
    expect(linksOf(board.content)).toEqual(["acme/beta#9", "acme/alpha#5", "acme/beta#2", "acme/alpha#1", "acme/gamma#7", "acme/alpha#3", "acme/beta#6", "acme/gamma#4"]);
    const headings = board.content.split("\n").filter((l) => l.startsWith("### "));
    expect(headings).toEqual([
      "### Deadlines of the next 7 days (Europe/Moscow)",
      "### Breached (2)",
      "### At risk (1)",
      "### Running (2)",
      "### Paused (waiting for the customer) (1)",
      "### Met, still open (1)",
      "### Not covered (outside the support period) (1)",
    ]);
    expect(board.content).toContain("| Alpha | [acme/beta#9](https://github.com/acme/beta/issues/9) | 1 | Workaround | 2026-12-03 10:00 UTC+3 | overdue < 1 day | `eng-anna`, `eng-boris` |");
    expect(board.content).toContain("| Alpha | [acme/alpha#1](https://github.com/acme/alpha/issues/1) | 2 | Workaround | 2026-12-03 18:00 UTC+3 | < 4 h | — |");
    // A paused incident: no due time (it moves while paused), the counted time left exactly.
    expect(board.content).toContain("| Alpha | [acme/alpha#3](https://github.com/acme/alpha/issues/3) | 2 | Permanent solution | — | 5 h 17 min left, clock stopped | — |");
    // The customer's name from the configuration cannot break the table or mention anyone.
    expect(board.content).toContain("| Gamma \\| Ltd @\u200bboss |");
    expect(board.content).toContain("**8 open incidents** · Breached: 2 · At risk: 1 · Running: 2 · Paused (waiting for the customer): 1 · Met, still open: 1 · Not covered (outside the support period): 1");
    expect(board.omitted).toBe(0);
  });

  it("time left and overdue in coarse steps", () => {
    const steps = [10, 59, 60, 239, 240, 1439, 1440, 4319, 4320, 10_079, 10_080, 50_000].map((m) => coarseSpan(m * 60_000, "en", en));
    expect(steps).toEqual(["< 1 h", "< 1 h", "< 4 h", "< 4 h", "< 1 day", "< 1 day", "< 3 days", "< 3 days", "< 7 days", "< 7 days", "≥ 7 days", "≥ 7 days"]);
    expect(coarseSpan(2 * 1440 * 60_000, "ru", ru)).toBe("< 3 дня");
  });

  it("a steady sweep minute by minute changes nothing but at a step; the 'as of' time is not content", () => {
    const rows = [row({ dueIn: 3 * HOUR + 30 * 60_000 }), row({ status: "breached", dueIn: -90 * 60_000 }), row({ status: "paused", leftMs: HOUR })];
    const first = render(rows);
    const contents = new Set<string>();
    for (let minute = 0; minute <= 120; minute++) contents.add(render(rows, NOW + minute * 60_000).content);
    // 3 h 30 min left: "< 4 h" becomes "< 1 h" after 2 h 30 min, not within these two hours; the overdue one stays "< 4 h".
    expect(contents.size).toBe(1);
    expect(render(rows, NOW + 151 * 60_000).content).not.toBe(first.content);
    const a = boardBody("acme", first, NOW, { zone: "Europe/Moscow", words: en });
    const b = boardBody("acme", render(rows, NOW + 60 * 60_000), NOW + 60 * 60_000, { zone: "Europe/Moscow", words: en });
    expect(a).not.toBe(b);
    expect(readMarker(a)).toEqual({ key: "board:acme", fingerprint: first.fingerprint });
    expect(readMarker(b)?.fingerprint).toBe(first.fingerprint);
    expect(a).toContain("As of 2026-12-03 15:00 UTC+3.");
  });

  it("draws the deadlines due before the end of the 7th day ahead (the board's zone) as a Mermaid gantt, paused and overdue ones left out", () => {
    const rows = [
      row({ repository: "acme/alpha", number: 1, dueIn: 2 * HOUR }),
      row({ repository: "acme/beta", number: 2, status: "at-risk", dueIn: HOUR }),
      row({ repository: "acme/beta", number: 3, status: "breached", dueIn: -HOUR }),
      row({ repository: "acme/beta", number: 4, status: "paused", dueIn: 3 * HOUR }),
      // 2026-12-10 23:00 Moscow is in the window (it ends at 2026-12-11 00:00 Moscow); 01:00 is not.
      row({ repository: "acme/gamma", number: 5, next: { target: "resolve", due: Date.parse("2026-12-10T20:00:00Z") } }),
      row({ repository: "acme/gamma", number: 6, next: { target: "resolve", due: Date.parse("2026-12-10T22:00:00Z") } }),
    ];
    const { content } = render(rows);
    const chart = content.slice(content.indexOf("```mermaid"), content.indexOf("```", content.indexOf("```mermaid") + 3) + 3);
    expect(chart).toBe(
      [
        "```mermaid",
        "gantt",
        "    dateFormat YYYY-MM-DD HH:mm",
        "    axisFormat %m-%d",
        "    section At risk",
        "    acme/beta 2 S2 Workaround : milestone, d1, 2026-12-03 16:00, 0m",
        "    section Running",
        "    acme/alpha 1 S2 Workaround : milestone, d2, 2026-12-03 17:00, 0m",
        "    acme/gamma 5 S2 Permanent solution : milestone, d3, 2026-12-10 23:00, 0m",
        "```",
      ].join("\n"),
    );
  });

  it("5,000 incidents: within GitHub's body limit, most urgent first, the rest counted by group", () => {
    const statuses = ["breached", "at-risk", "running", "paused", "not-covered"] as const;
    const rows = Array.from({ length: 5_000 }, (_, i) =>
      row({ repository: `acme/customer${"abcdefghij"[i % 10]!}`, number: 1000 + i, status: statuses[i % 5]!, dueIn: ((i * 7919) % 10_000) * 60_000 - 2 * HOUR, assignees: ["eng-anna"] }),
    );
    const board = render(rows);
    const body = boardBody("acme", board, NOW, { zone: "Europe/Moscow", words: en });
    expect(body.length).toBeLessThanOrEqual(BOARD_LIMIT);
    expect(body.length).toBeGreaterThan(BOARD_LIMIT - 2_000);
    expect(board.shown + board.omitted).toBe(5_000);
    expect(board.omitted).toBeGreaterThan(0);
    // The most urgent come first: the breached ones by due time, as many as fit; the rest are counted by group.
    const breached = rows.filter((r) => r.status === "breached").sort((a, b) => a.next!.due - b.next!.due || a.repository.localeCompare(b.repository) || a.number - b.number);
    expect(board.shown).toBeGreaterThan(300);
    expect(linksOf(board.content)).toEqual(breached.slice(0, board.shown).map((r) => `${r.repository}#${r.number}`));
    expect(board.content).toContain(
      `${board.omitted} more incidents are not shown (Breached: ${1000 - board.shown}, At risk: 1000, Running: 1000, Paused (waiting for the customer): 1000, Not covered (outside the support period): 1000)`,
    );
    // The limit is kept in Russian too (longer words).
    const inRussian = renderBoard({ incidents: rows, now: NOW, zone: "Europe/Moscow", language: "ru", words: ru });
    expect(boardBody("acme", inRussian, NOW, { zone: "Europe/Moscow", words: ru }).length).toBeLessThanOrEqual(BOARD_LIMIT);
  });

  it("a row from an evaluated incident: customer, severity, next target and due time, status, assignees sorted", () => {
    const config = parseConfig({ timezone: "Asia/Kolkata", contract: { customer: "ACME Bank" }, team: { engineers: [ENGINEER] } });
    const x = explainIncident({
      config,
      issue: issue({ createdAt: "2026-12-03T10:00:00Z", labels: ["severity: 1"] }),
      timeline: [labeled("2026-12-03T10:10:00Z", ENGINEER, "state: accepted")],
      now: "2026-12-03T11:00:00Z",
      bot: "incident-sla[bot]",
    });
    const r = boardIncident("acme/support", x, ["zed", "eng-anna"]);
    expect(r).toMatchObject({ repository: "acme/support", customer: "ACME Bank", severity: 1, zone: "Asia/Kolkata", assignees: ["eng-anna", "zed"], next: { target: "workaround" } });
    expect(render([r]).content).toContain("| ACME Bank |");
  });

  // The customer's open wait for a reply (README, How the clock works) is a deadline like the contract's.
  describe("the reply target", () => {
    // Severity 1, 24x7, reply 1h; opened 10:00Z, accepted 10:10Z, the customer writes at 10:20Z: the wait
    // is due 11:20Z (16:50 in Kolkata, UTC+5:30), before the workaround (14:00Z).
    const config = (language: "en" | "ru") =>
      parseConfig({
        timezone: "Asia/Kolkata",
        language,
        contract: { customer: "ACME Bank" },
        team: { engineers: [ENGINEER] },
        defaultSeverity: 1,
        severities: { 1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d", reply: "1h" } },
      });
    const waiting = [labeled("2026-12-03T10:10:00Z", ENGINEER, "state: accepted"), comment("2026-12-03T10:20:00Z", CUSTOMER)];
    const explain = (language: "en" | "ru", timeline: unknown[], now: string) =>
      explainIncident({ config: config(language), issue: issue({ createdAt: "2026-12-03T10:00:00Z", labels: ["severity: 1"] }), timeline, now, bot: "incident-sla[bot]" });

    it.each([
      ["en", "| ACME Bank | [acme/support#42](https://github.com/acme/support/issues/42) | 1 | Reply to the customer | 2026-12-03 16:50 UTC+5:30 | < 1 h | — |"],
      ["ru", "| ACME Bank | [acme/support#42](https://github.com/acme/support/issues/42) | 1 | Ответ заказчику | 03.12.2026 16:50 UTC+5:30 | < 1 ч | — |"],
    ] as const)("an open wait due first names the reply target (%s), with its due time", (language, line) => {
      const r = boardIncident("acme/support", explain(language, waiting, "2026-12-03T10:30:00Z"), []);
      expect(r).toMatchObject({ status: "running", next: { target: "reply", due: Date.parse("2026-12-03T11:20:00Z") } });
      const board = renderBoard({ incidents: [r], now: Date.parse("2026-12-03T10:30:00Z"), zone: "Asia/Kolkata", language, words: wordsFor(language) });
      expect(board.content).toContain(line);
      expect(board.content).toContain(`acme/support 42 S1 ${wordsFor(language).reply.name} : milestone`);
    });

    it("a wait paused by support shows its own counted time left, not the workaround's", () => {
      // The engineer adds the waiting label at 10:50Z: 30 of the wait's 60 minutes used, 30 left;
      // the workaround has 3 h 10 min left. At 12:00Z both clocks stand still; the wait's due time is the nearer.
      const paused = [...waiting, labeled("2026-12-03T10:50:00Z", ENGINEER, "state: waiting for customer")];
      const r = boardIncident("acme/support", explain("en", paused, "2026-12-03T12:00:00Z"), []);
      expect(r).toMatchObject({ status: "paused", next: { target: "reply" }, leftMs: 30 * 60_000 });
      expect(render([r], Date.parse("2026-12-03T12:00:00Z")).content).toContain("| 1 | Reply to the customer | — | 30 min left, clock stopped | — |");
    });
  });

  it("no incidents: says so, no chart", () => {
    const { content } = render([]);
    expect(content).toContain("No open incidents.");
    expect(content).not.toContain("mermaid");
  });
});
