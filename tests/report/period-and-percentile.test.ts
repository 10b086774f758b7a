// The report's arithmetic: nearest-rank percentiles, the period's instants in
// a contract's zone, the previous month, ISO weeks and how issue-sized parts
// are packed.
import { describe, expect, it } from "vitest";
import { epochDayFromIso } from "../../src/units/local-time.js";
import { issueBody, packParts, partBody, partsOf, PART_LIMIT } from "../../src/report/issue-parts.js";
import { median, nearestRank } from "../../src/report/percentile.js";
import { checkPeriod, daysBetween, isoWeek, isoWeeksBetween, periodBounds, previousMonth } from "../../src/report/period.js";

describe("nearest-rank percentiles", () => {
  it.each([
    // values, p, expected: rank ⌈p·n/100⌉
    [[], 50, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[3, 1, 2], 50, 2], // rank 2
    [[4, 1, 3, 2], 50, 2], // even n: the lower middle value (rank 2), never 2.5
    [[4, 1, 3, 2], 90, 4], // rank ⌈3.6⌉ = 4
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90, 90], // rank 9 exactly
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 91, 100], // rank ⌈9.1⌉ = 10
    [[5, 5, 5, 1], 50, 5], // rank 2 of 1, 5, 5, 5
    [[2, 1], 1, 1],
    [[2, 1], 100, 2],
  ])("%j, p%i → %s", (values, p, expected) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it("the rank is exact: the 7th percentile of 100 values is rank 7 (0.07·100 is 7.000000000000001 in floating point)", () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(Math.ceil((7 / 100) * 100)).toBe(8);
    expect(nearestRank(values, 7)).toBe(7);
    expect(nearestRank(values, 14)).toBe(14);
  });

  it("median is the 50th percentile", () => {
    expect(median([9, 1, 5, 3])).toBe(3);
  });

  it.each([0, 101, 50.5])("refuses percentile %s", (p) => {
    expect(() => nearestRank([1], p)).toThrow(RangeError);
  });
});

describe("the period in a contract's zone", () => {
  const period = { from: "2026-03-01", to: "2026-03-31" };
  it.each([
    ["UTC", "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["Europe/Moscow", "2026-02-28T21:00:00.000Z", "2026-03-31T21:00:00.000Z"],
    // British Summer Time begins on 29 March: the period is an hour shorter.
    ["Europe/London", "2026-03-01T00:00:00.000Z", "2026-03-31T23:00:00.000Z"],
    ["Asia/Kolkata", "2026-02-28T18:30:00.000Z", "2026-03-31T18:30:00.000Z"],
    ["America/New_York", "2026-03-01T05:00:00.000Z", "2026-04-01T04:00:00.000Z"],
  ])("%s: [%s, %s)", (zone, start, end) => {
    const b = periodBounds(period, zone);
    expect([new Date(b.start).toISOString(), new Date(b.end).toISOString()]).toEqual([start, end]);
  });

  it("a one-day period is that day", () => {
    const b = periodBounds({ from: "2026-03-09", to: "2026-03-09" }, "Europe/Moscow");
    expect(b.end - b.start).toBe(86_400_000);
  });

  it.each([
    ["2026-04-01T09:00:00Z", "Europe/Moscow", { from: "2026-03-01", to: "2026-03-31" }],
    ["2026-01-15T09:00:00Z", "UTC", { from: "2025-12-01", to: "2025-12-31" }],
    ["2026-03-01T10:00:00Z", "UTC", { from: "2026-02-01", to: "2026-02-28" }],
    ["2024-03-05T10:00:00Z", "UTC", { from: "2024-02-01", to: "2024-02-29" }],
    // 31 March 22:00Z is already 1 April in Moscow, still March in UTC.
    ["2026-03-31T22:00:00Z", "Europe/Moscow", { from: "2026-03-01", to: "2026-03-31" }],
    ["2026-03-31T22:00:00Z", "UTC", { from: "2026-02-01", to: "2026-02-28" }],
  ])("the month before %s in %s", (now, zone, expected) => {
    expect(previousMonth(Date.parse(now), zone)).toEqual(expected);
  });

  it.each([
    [{ from: "2026-03-01", to: "2026-03-31" }, null],
    [{ from: "2026-03-31", to: "2026-03-01" }, "--from (2026-03-31) is after --to (2026-03-01)"],
    [{ from: "2026-02-30", to: "2026-03-01" }, '--from expects a date written YYYY-MM-DD, got "2026-02-30"'],
    [{ from: "2026-03-01", to: "31.03.2026" }, '--to expects a date written YYYY-MM-DD, got "31.03.2026"'],
  ])("checkPeriod(%j)", (period, message) => {
    expect(checkPeriod(period)).toBe(message);
  });

  it("days between dates", () => {
    expect(daysBetween("2026-03-31", "2026-05-15")).toBe(45);
    expect(daysBetween("2026-03-31", "2026-03-30")).toBe(-1);
  });
});

describe("ISO 8601 weeks", () => {
  it.each([
    ["2026-01-01", "2026-W01"], // a Thursday
    ["2025-12-29", "2026-W01"], // Monday of that week, still December
    ["2026-03-01", "2026-W09"], // a Sunday: end of week 9
    ["2026-03-02", "2026-W10"],
    ["2026-03-31", "2026-W14"],
    ["2026-12-31", "2026-W53"], // 2026 has 53 weeks (it starts on a Thursday)
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2021-01-03", "2020-W53"],
  ])("%s is in %s", (date, week) => {
    expect(isoWeek(epochDayFromIso(date))).toBe(week);
  });

  it("every week between two dates, each once", () => {
    expect(isoWeeksBetween(epochDayFromIso("2026-03-01"), epochDayFromIso("2026-03-31"))).toEqual(["2026-W09", "2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14"]);
    expect(isoWeeksBetween(epochDayFromIso("2026-03-02"), epochDayFromIso("2026-03-02"))).toEqual(["2026-W10"]);
  });
});

describe("issue-sized parts", () => {
  const period = { from: "2026-03-01", to: "2026-03-31" };

  it("sections that fit stay in one part, joined in order", () => {
    expect(packParts(["# head", "## A", "## B"], 100)).toEqual(["# head\n## A\n## B"]);
  });

  it("a section that does not fit starts the next part", () => {
    expect(packParts(["a".repeat(40), "b".repeat(40), "c".repeat(40)], 90)).toEqual([`${"a".repeat(40)}\n${"b".repeat(40)}`, "c".repeat(40)]);
  });

  it("a section longer than a part is cut between lines, and a cut table repeats its header", () => {
    const rows = Array.from({ length: 20 }, (_, i) => `| row ${String(i).padStart(2, "0")} | x |`);
    const section = ["## Customer", "", "| k | v |", "|---|---|", ...rows].join("\n");
    const parts = packParts([section], 120);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(120);
    for (const part of parts.slice(1)) expect(part.startsWith("| k | v |\n|---|---|\n")).toBe(true);
    // Nothing lost, nothing doubled but the headers.
    const body = parts.join("\n").split("\n").filter((l) => l.startsWith("| row"));
    expect(body).toEqual(rows);
  });

  it("every part of a long report fits GitHub's body limit with its markers", () => {
    const sections = Array.from({ length: 40 }, (_, i) => `## Customer ${i}\n\n${"| cell | cell |\n".repeat(200)}`);
    const parts = packParts(sections);
    expect(parts.length).toBeGreaterThan(1);
    expect(issueBody(period, parts).length).toBeLessThanOrEqual(65_536);
    parts.slice(1).forEach((_, i) => expect(partBody(period, i + 2, parts, "Continued (part 2 of 9).").length).toBeLessThanOrEqual(65_536));
    expect(PART_LIMIT).toBeLessThan(65_536);
  });

  it("the issue body says how many parts there are; a one-part body says nothing", () => {
    expect(issueBody(period, ["only"])).toBe("<!-- incident-sla:report:2026-03-01..2026-03-31 -->\nonly\n");
    expect(partsOf(issueBody(period, ["only"]))).toBe(1);
    expect(partsOf(issueBody(period, ["one", "two", "three"]))).toBe(3);
    expect(partBody(period, 2, ["one", "two"], "Continued (part 2 of 2).")).toBe(
      "<!-- incident-sla:report:2026-03-01..2026-03-31:part-2 -->\n_Continued (part 2 of 2)._\n\ntwo\n",
    );
  });
});
