// The reply target in the compliance report, on incidents worked out by hand:
// per severity that configures `reply`, waits answered in time out of the
// waits counted, median and 90th percentile of the wall-clock reply time, in
// Markdown (en, ru), JSON and CSV; and nothing of it when no severity sets
// `reply` (the golden files in render.test.ts hold the rest byte for byte).
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/parse-config.js";
import type { Config } from "../../src/config/schema.js";
import { buildReport } from "../../src/report/build-report.js";
import { renderCsv } from "../../src/report/render-csv.js";
import { reportJson } from "../../src/report/render-json.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { BOT, CUSTOMER, ENGINEER, closed, comment, issue, labeled, unlabeled } from "../fixtures/incident-builders.js";

const H = 3_600_000;
const NOW = Date.parse("2026-04-01T09:00:00Z");
const PERIOD = { from: "2026-03-01", to: "2026-03-31" };

const configText = (reply: boolean) => `
timezone: UTC
language: en
calendar: { preset: none, hours: "09:00-18:00" }
team: { engineers: [${ENGINEER}], orgMembersAreEngineers: false }
severities:
  1: { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d${reply ? ", reply: 2h" : ""} }
  3: { clock: business, accept: 8h, resolve: 10d }
`;
const config = (reply: boolean): Config => parseConfigText(configText(reply), "reply.yml");

// Severity 1, 24x7, reply 2h. UTC, so local times are the instants.
const INCIDENTS = [
  {
    // #1: wait A opens at 11:00 (the 11:30 comment does not move it), answered 12:00: 1h, in time.
    // Wait B opens at 14:00, due 16:00; the app's comment at 15:00 answers nothing; answered
    // 16:30: 2h30, late by 30m. Closed as completed the next day with no wait open.
    issue: issue({ number: 1, createdAt: "2026-03-02T10:00:00Z", labels: ["severity: 1", "state: accepted"], state: "closed", closedAt: "2026-03-03T10:00:00Z", stateReason: "completed" }),
    timeline: [
      labeled("2026-03-02T10:10:00Z", ENGINEER, "state: accepted"),
      comment("2026-03-02T11:00:00Z", CUSTOMER),
      comment("2026-03-02T11:30:00Z", CUSTOMER),
      comment("2026-03-02T12:00:00Z", ENGINEER),
      comment("2026-03-02T14:00:00Z", CUSTOMER),
      comment("2026-03-02T15:00:00Z", BOT),
      comment("2026-03-02T16:30:00Z", ENGINEER),
      closed("2026-03-03T10:00:00Z", ENGINEER, "completed"),
    ],
  },
  {
    // #2: wait C opens at 09:00; support pauses 09:30–11:30 (2h), answers 12:00: counted 1h,
    // due 13:00, in time; its reply time is wall-clock: 3h. Wait D opens 31 Mar 20:00, due
    // 22:00, still open at now (1 Apr 09:00): breached, overdue by 11h.
    issue: issue({ number: 2, createdAt: "2026-03-10T08:00:00Z", labels: ["severity: 1", "state: accepted"] }),
    timeline: [
      labeled("2026-03-10T08:10:00Z", ENGINEER, "state: accepted"),
      comment("2026-03-10T09:00:00Z", CUSTOMER),
      labeled("2026-03-10T09:30:00Z", ENGINEER, "state: waiting for customer"),
      unlabeled("2026-03-10T11:30:00Z", ENGINEER, "state: waiting for customer"),
      comment("2026-03-10T12:00:00Z", ENGINEER),
      comment("2026-03-31T20:00:00Z", CUSTOMER),
    ],
  },
  {
    // #3: wait E opens 09:00, due 11:00; closed as not planned at 10:00: cancelled before its
    // due time, not counted.
    issue: issue({ number: 3, createdAt: "2026-03-12T08:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-12T10:00:00Z", stateReason: "not_planned" }),
    timeline: [comment("2026-03-12T09:00:00Z", CUSTOMER), closed("2026-03-12T10:00:00Z", ENGINEER, "not_planned")],
  },
  {
    // #4: wait F opens 1 Apr 08:00, due 10:00: at now 1h used, 1h left: not yet due.
    issue: issue({ number: 4, createdAt: "2026-03-20T08:00:00Z", labels: ["severity: 1", "state: accepted"] }),
    timeline: [labeled("2026-03-20T08:05:00Z", ENGINEER, "state: accepted"), comment("2026-04-01T08:00:00Z", CUSTOMER)],
  },
  {
    // #5: severity 3 sets no reply: its customer comment is no wait.
    issue: issue({ number: 5, createdAt: "2026-03-16T09:00:00Z", labels: ["severity: 3"] }),
    timeline: [comment("2026-03-16T10:00:00Z", CUSTOMER)],
  },
];

const report = (reply = true) => buildReport({ period: PERIOD, now: NOW }, [{ repository: "acme/support", config: config(reply), incidents: INCIDENTS }]);

describe("reply figures in the report (issue 15, item 5)", () => {
  it("per severity: 2 answered in time of 4 counted, 1 not yet due, 1 cancelled; median 2h30 and p90 3h of wall-clock reply time", () => {
    const [s1, s3] = report().customers[0]!.severities;
    // Counted: A (in time), B (late), C (in time), D (open, overdue). Reply times 1h, 2h30, 3h (C's
    // wall-clock time, not its counted 1h): median rank ⌈1.5⌉ = 2 → 2h30, p90 rank ⌈2.7⌉ = 3 → 3h.
    expect(s1!.reply).toEqual({ contract: "2h", waits: 4, answeredInTime: 2, breached: 2, pending: 1, cancelled: 1, compliance: 0.5, medianMs: 2.5 * H, p90Ms: 3 * H });
    expect(s3!.severity).toBe(3);
    expect(s3).not.toHaveProperty("reply");
  });

  it("the contract's deadlines are counted as without reply", () => {
    const [withReply, without] = [report(true), report(false)].map((r) => r.customers[0]!);
    expect({ met: withReply!.metOnTime, breached: withReply!.breached, severities: withReply!.severities.map((s) => s.targets) }).toEqual({
      met: without!.metOnTime,
      breached: without!.breached,
      severities: without!.severities.map((s) => s.targets),
    });
  });

  // The Russian heading is the reply target's own name (words.reply.name), as in the status comment.
  it.each([
    {
      language: "en" as const,
      deadlines: "### Deadlines",
      heading: "### Reply to the customer",
      next: "### Breached deadlines",
      head: "| Severity | Contract | Waits | Answered in time | Breached | Not yet due | Cancelled | Compliance | Median time | 90th percentile |",
      row: "| Severity 1 (24x7) | 2 h | 4 | 2 | 2 | 1 | 1 | 50.0% | 2 h 30 min | 3 h |",
      note: "Reply times are wall-clock time",
    },
    {
      language: "ru" as const,
      deadlines: "### Сроки",
      heading: "### Ответ заказчику",
      next: "### Нарушенные сроки",
      head: "| Уровень | По договору | Ожиданий ответа | Ответ в срок | Нарушено | Срок не наступил | Отменено | Соблюдение | Медиана | 90-й процентиль |",
      row: "| Уровень 1 (24x7) | 2 ч | 4 | 2 | 2 | 1 | 1 | 50,0 % | 2 ч 30 мин | 3 ч |",
      note: "календарное время",
    },
  ])("Markdown ($language): a section after the deadlines with one row for severity 1", ({ language, deadlines, heading, next, head, row, note }) => {
    const md = renderMarkdown(report(), language);
    const section = md.slice(md.indexOf(heading), md.indexOf(next));
    expect(section.split("\n").slice(0, 5)).toEqual([heading, "", head, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|", row]);
    expect(section).toContain(note);
    expect(md.indexOf(deadlines)).toBeLessThan(md.indexOf(heading));
  });

  it("JSON: the severity's reply figures, and each incident's waits; no reply where none is configured", () => {
    const c = reportJson(report()).customers[0]!;
    expect(c.severities[0]).toMatchObject({ severity: 1, reply: { contract: "2h", waits: 4, answeredInTime: 2, breached: 2, pending: 1, cancelled: 1, compliance: 0.5, medianMs: 9_000_000, p90Ms: 10_800_000 } });
    expect(c.severities[1]).not.toHaveProperty("reply");
    const byNumber = new Map(c.incidentList.map((r) => [r.number, r]));
    expect(byNumber.get(2)!.reply).toEqual({
      contract: "2h",
      amountMs: 2 * H,
      waits: [
        { startedAt: "2026-03-10T09:00:00.000Z", endedAt: "2026-03-10T12:00:00.000Z", endedBy: "comment", status: "met", breached: false, dueAt: "2026-03-10T13:00:00.000Z", countedMs: 1 * H, replyMs: 3 * H, overdueMs: 0, leftMs: 1 * H },
        { startedAt: "2026-03-31T20:00:00.000Z", endedAt: null, endedBy: null, status: "breached", breached: true, dueAt: "2026-03-31T22:00:00.000Z", countedMs: 13 * H, replyMs: null, overdueMs: 11 * H, leftMs: 0 },
      ],
    });
    expect(byNumber.get(3)!.reply!.waits).toMatchObject([{ status: "cancelled", endedBy: "closed", breached: false, replyMs: null }]);
    expect(byNumber.get(5)).not.toHaveProperty("reply");
    // The existing fields keep their names: the evaluation carries targets.reply as `evaluate` does.
    expect(byNumber.get(2)!.evaluation.targets.reply).toEqual({ status: "breached", dueAt: "2026-03-31T22:00:00.000Z", metAt: null, breached: true, waits: 2, breaches: 1 });
  });

  it("CSV: two more columns and one row per wait after the incident's deadlines", () => {
    const lines = renderCsv(report(), "en").split("\r\n");
    expect(lines[0]).toMatch(/,time zone,customer wrote \(local\),"reply time, minutes"$/);
    const waitRows = lines.filter((l) => l.includes(",Reply to the customer,"));
    // The last columns: status, breached, due, met, time to meet (counted), overdue, left, time zone, customer wrote, reply time.
    expect(waitRows.map((l) => l.split(",").slice(-10))).toEqual([
      ["met", "no", "2026-03-02 13:00", "2026-03-02 12:00", "60", "0", "", "UTC", "2026-03-02 11:00", "60"],
      ["met", "yes", "2026-03-02 16:00", "2026-03-02 16:30", "150", "30", "", "UTC", "2026-03-02 14:00", "150"],
      ["met", "no", "2026-03-10 13:00", "2026-03-10 12:00", "60", "0", "", "UTC", "2026-03-10 09:00", "180"],
      ["breached", "yes", "2026-03-31 22:00", "", "", "660", "", "UTC", "2026-03-31 20:00", ""],
      ["cancelled", "no", "2026-03-12 11:00", "", "", "0", "", "UTC", "2026-03-12 09:00", ""],
      ["running", "no", "2026-04-01 10:00", "", "", "0", "60", "UTC", "2026-04-01 08:00", ""],
    ]);
    expect(waitRows.every((l) => l.includes(",Reply to the customer,2h,"))).toBe(true);
    // The deadlines' rows leave the two new columns empty.
    const deadlineRows = lines.slice(1).filter((l) => l !== "" && !waitRows.includes(l));
    expect(deadlineRows.length).toBeGreaterThan(0);
    expect(deadlineRows.every((l) => l.endsWith(",UTC,,"))).toBe(true);
  });

  it("the CSV in Russian names the columns and the target in Russian", () => {
    const csv = renderCsv(report(), "ru");
    expect(csv.split("\r\n")[0]).toMatch(/,часовой пояс,комментарий заказчика \(местное\),"время ответа, минут"$/);
    expect(csv).toContain(",Ответ заказчику,2h,выполнено,да,02.03.2026 16:00,02.03.2026 16:30,150,30,,UTC,02.03.2026 14:00,150\r\n");
  });

  it("without reply configured: no section, no JSON field, the CSV's usual columns; the rest as with it", () => {
    const without = report(false);
    const md = renderMarkdown(without, "en");
    expect(md).not.toContain("Reply to the customer");
    // With reply, the Markdown is this one plus its section, byte for byte.
    // With reply, the Markdown is this one plus its section and #2's overdue wait in the at-risk list, byte for byte.
    const withReply = renderMarkdown(report(true), "en");
    const start = withReply.indexOf("### Reply to the customer");
    const wait = "; Reply to the customer: overdue by 11 h, due 2026-03-31 22:00";
    expect(withReply.split(wait)).toHaveLength(2);
    expect((withReply.slice(0, start) + withReply.slice(withReply.indexOf("### Breached deadlines"))).replace(wait, "")).toBe(md);
    expect(JSON.stringify(reportJson(without))).not.toContain('"reply"');
    const csv = renderCsv(without, "en").split("\r\n");
    expect(csv[0]).toMatch(/,time zone$/);
    expect(csv.some((l) => l.includes("Reply to the customer"))).toBe(false);
  });

  // As the managers' labels count it (README, Managers' views): an overdue wait is breached, a
  // running one that has used reminders.atRiskShare (0.75) of its time is at risk.
  it("the at-risk list names the customer's overdue wait, and a wait that has used the at-risk share", () => {
    const waitsAt = (now: number) =>
      buildReport({ period: PERIOD, now }, [{ repository: "acme/support", config: config(true), incidents: INCIDENTS }])
        .customers[0]!.atRisk.map((r) => ({ number: r.number, reply: r.atRisk.filter((t) => t.name === "reply") }));
    // At 09:00 #4's wait F (opened 08:00, due 10:00) has used 1h of 2h: not yet at risk. #2's wait D
    // (opened 31 Mar 20:00, due 22:00) is 11h overdue: 13h counted of 2h.
    expect(waitsAt(NOW)).toEqual([
      { number: 2, reply: [{ name: "reply", status: "breached", usedShare: 6.5, dueAt: Date.parse("2026-03-31T22:00:00Z"), leftMs: 0, overdueMs: 11 * H }] },
      { number: 4, reply: [] },
      { number: 5, reply: [] },
    ]);
    // At 09:40 F has used 1h40 (5/6 ≥ 0.75), 20 min left.
    const later = waitsAt(NOW + 40 * 60_000).find((r) => r.number === 4)!;
    expect(later.reply).toEqual([{ name: "reply", status: "running", usedShare: 5 / 6, dueAt: Date.parse("2026-04-01T10:00:00Z"), leftMs: 20 * 60_000, overdueMs: 0 }]);
    const md = renderMarkdown(buildReport({ period: PERIOD, now: NOW + 40 * 60_000 }, [{ repository: "acme/support", config: config(true), incidents: INCIDENTS }]), "ru");
    expect(md).toContain("Ответ заказчику: использовано 83,3 %, осталось 20 мин, крайний срок 01.04.2026 10:00");
  });

  it("a severity with reply but no covered incident in the period says so", () => {
    const r = buildReport({ period: { from: "2026-02-01", to: "2026-02-28" }, now: NOW }, [{ repository: "acme/support", config: config(true), incidents: INCIDENTS }]);
    const md = renderMarkdown(r, "en");
    expect(md).toContain("### Reply to the customer\n\nNo incidents with a reply target in this period.\n\n### Breached deadlines");
    expect(r.customers[0]!.severities[0]!.reply).toEqual({ contract: "2h", waits: 0, answeredInTime: 0, breached: 0, pending: 0, cancelled: 0, compliance: null, medianMs: null, p90Ms: null });
  });
});
