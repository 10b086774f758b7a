// The report's three formats on the hand-worked fixtures: golden files in
// English and Russian (UPDATE_GOLDEN=1 rewrites them; read the diff before
// committing), plus the rules each format must keep whatever the data: RFC
// 4180 quoting, no table broken or person mentioned by an issue title, Mermaid
// charts GitHub can draw, and the same figures in every format.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildReport } from "../../src/report/build-report.js";
import { formatDuration, formatPercent } from "../../src/report/format.js";
import { csvField, renderCsv } from "../../src/report/render-csv.js";
import { reportJson, renderJson } from "../../src/report/render-json.js";
import { inlineText } from "../../src/domain/texts/inline-text.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { ACME_INCIDENTS, GLOBEX_INCIDENTS, NOW, PERIOD, acmeConfig, globexConfig } from "../fixtures/report/acme-march.js";

const golden = new URL("../fixtures/report/golden/", import.meta.url);
const report = () =>
  buildReport({ period: PERIOD, now: Date.parse(NOW) }, [
    { repository: "acme/support", config: acmeConfig(), incidents: ACME_INCIDENTS },
    { repository: "globex/helpdesk", config: globexConfig(), incidents: GLOBEX_INCIDENTS },
  ]);

function matchesGolden(name: string, text: string): void {
  const file = new URL(name, golden);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) {
    mkdirSync(golden, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, "utf8"));
}

describe("golden outputs (March 2026, ACME Bank and Globex)", () => {
  it.each([
    ["report-en.md", () => renderMarkdown(report(), "en")],
    ["report-ru.md", () => renderMarkdown(report(), "ru")],
    ["report-en.csv", () => renderCsv(report(), "en")],
    ["report-ru.csv", () => renderCsv(report(), "ru")],
    ["report.json", () => renderJson(report())],
  ])("%s", (name, render) => {
    matchesGolden(name, render());
  });
});

describe("Markdown", () => {
  const md = () => renderMarkdown(report(), "en");

  it("issue titles cannot break a table, start HTML or mention anyone", () => {
    expect(inlineText("a | b\nc <img src=x> @ops-team #12 `x`")).toBe("a \\| b c \\<img src=x\\> @\u200bops-team \\#12 \\`x\\`");
    const text = md();
    expect(text).not.toMatch(/(^|[^\u200b])@ops-team/m);
    expect(text).toContain("Login page \\| spins \\| forever");
  });

  it("every table row has as many cells as its header", () => {
    const lines = md().split("\n");
    let width = 0;
    for (const line of lines) {
      if (!line.startsWith("|")) {
        width = 0;
        continue;
      }
      const cells = line.replace(/\\\|/g, "").split("|").length - 2;
      if (width === 0) width = cells;
      expect(cells, line).toBe(width);
    }
  });

  it("has the two Mermaid charts per customer with breaches, in GitHub's xychart syntax", () => {
    const charts = md().match(/```mermaid\n[\s\S]*?```/g) ?? [];
    // ACME: compliance and breaches per week; Globex: compliance only (no breach).
    expect(charts).toHaveLength(3);
    expect(charts[0]).toBe(
      [
        "```mermaid",
        "xychart-beta",
        '    title "Met on time, % of decided deadlines"',
        '    x-axis ["Severity 1", "Severity 2", "Severity 3"]',
        '    y-axis "%" 0 --> 100',
        // 4/8, 4/6, 1/2 (acme-march.ts)
        "    bar [50, 66.7, 50]",
        "```",
      ].join("\n"),
    );
    expect(charts[1]).toContain('x-axis ["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"]');
    expect(charts[1]).toContain("bar [0, 0, 2, 2, 1, 2]");
  });

  it("links each breach to its issue, with local due and met times and by how much", () => {
    expect(md()).toContain("| [#102](https://github.com/acme/support/issues/102) Login page \\| spins \\| forever | 1 | Acceptance, 30 min | 2026-03-09 22:30 | 2026-03-09 22:45 | 15 min |");
    expect(renderMarkdown(report(), "ru")).toContain("| [#102](https://github.com/acme/support/issues/102) Login page \\| spins \\| forever | 1 | Принятие в работу, 30 мин | 09.03.2026 22:30 | 09.03.2026 22:45 | 15 мин |");
  });

  it("an empty report says so", () => {
    const empty = buildReport({ period: PERIOD, now: Date.parse(NOW) }, []);
    expect(renderMarkdown(empty, "en")).toContain("No customer repositories were reported on.");
  });
});

/** A strict RFC 4180 reader, to check that what is written reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else while (i < text.length && text[i] !== "," && text[i] !== "\r") field += text[i++];
    row.push(field);
    if (text[i] === ",") i++;
    else if (text.startsWith("\r\n", i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

describe("CSV (RFC 4180)", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["cr\rlf", '"cr\rlf"'],
    [12, "12"],
    [null, ""],
  ])("field %j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("CRLF line ends, one header row, one row per incident and deadline (one for an incident without deadlines)", () => {
    const csv = renderCsv(report(), "en");
    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv);
    // ACME: 101, 102, 106, 108 (3 deadlines each), 103, 104 (3), 105 (2), 100 (none: 1 row); Globex #1: 3.
    expect(rows).toHaveLength(1 + (3 * 6 + 2 + 1) + 3);
    for (const row of rows) expect(row).toHaveLength(22);
    expect(rows[0]!.slice(0, 4)).toEqual(["repository", "customer", "issue", "title"]);
    expect(rows.filter((r) => r[2] === "102").map((r) => r[3])).toEqual(Array(3).fill("Login page | spins | forever"));
  });

  it("a title a spreadsheet would run as a formula stays text", () => {
    expect(renderCsv(report(), "en")).toContain('"\'=HYPERLINK(""x"") phone report: SSO errors"');
  });
});

describe("the formats agree", () => {
  it("JSON carries the same figures as the Markdown and every incident's evaluation", () => {
    const json = reportJson(report());
    const acme = json.customers[0]!;
    expect(acme.customer).toBe("ACME Bank");
    expect([acme.metOnTime, acme.breached, acme.incidents]).toEqual([9, 7, 8]);
    expect(acme.breaches.map((b) => b.dueAt)).toEqual([
      "2026-03-09T19:30:00.000Z",
      "2026-03-10T01:00:00.000Z",
      "2026-03-16T15:00:00.000Z",
      "2026-03-21T07:00:00.000Z",
      "2026-03-25T09:00:00.000Z",
      "2026-03-30T21:00:00.000Z",
      "2026-03-31T00:30:00.000Z",
    ]);
    expect(acme.incidentList.every((i) => i.evaluation.number === i.number)).toBe(true);
    expect(JSON.parse(renderJson(report()))).toEqual(JSON.parse(JSON.stringify(json)));
  });
});

describe("words and numbers in the report's language", () => {
  it.each([
    [0, "en", true, "0 min"],
    [30_000, "en", true, "< 1 min"],
    [30_000, "ru", true, "< 1 мин"],
    [93 * 3_600_000, "en", false, "93 h"],
    [93 * 3_600_000, "en", true, "3 days 21 h"],
    [(34 * 60 + 35) * 60_000, "ru", true, "1 день 10 ч 35 мин"],
  ] as const)("duration %i ms (%s, days %s) → %s", (ms, language, days, text) => {
    expect(formatDuration(ms, language, days)).toBe(text);
  });

  it.each([
    [null, "en", "—"],
    [9 / 16, "en", "56.3%"],
    [9 / 16, "ru", "56,3 %"],
    [1, "en", "100.0%"],
    [0, "ru", "0,0 %"],
  ] as const)("share %s (%s) → %s", (share, language, text) => {
    expect(formatPercent(share, language)).toBe(text);
  });
});
