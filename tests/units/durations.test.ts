// Contract durations (DESIGN §4 "Durations"): `m` and `h` are minutes and
// hours of the severity's clock; `d` is 24 h on a 24x7 clock and one standard
// working day (the length of `calendar.hours`) on a business clock.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { durationMs, parseDuration } from "../../src/units/durations.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { issue } from "../fixtures/incident-builders.js";

describe("parseDuration", () => {
  it.each([
    ["30m", { days: 0, minutes: 30 }],
    ["4h", { days: 0, minutes: 240 }],
    ["2d", { days: 2, minutes: 0 }],
    ["1d4h30m", { days: 1, minutes: 270 }],
    ["1d30m", { days: 1, minutes: 30 }],
    ["90m", { days: 0, minutes: 90 }],
    ["0d1m", { days: 0, minutes: 1 }],
    ["10d", { days: 10, minutes: 0 }],
  ])("%s", (text, expected) => {
    expect(parseDuration(text)).toEqual(expected);
  });

  it.each([
    ["4x", "expected a duration such as 30m, 4h, 2d or 1d4h"],
    ["", "expected a duration such as"],
    ["4", "expected a duration such as"],
    ["1h30", "expected a duration such as"],
    ["30m4h", "expected a duration such as"], // units out of order
    ["4 h", "expected a duration such as"],
    ["-1h", "expected a duration such as"],
    ["1.5h", "expected a duration such as"],
    ["0m", "a target must be longer than zero"],
    ["0d0h0m", "a target must be longer than zero"],
    ["3651d", "longer than ten years"],
  ])("%j is refused: %s", (text, message) => {
    const parsed = parseDuration(text);
    expect(parsed).toHaveProperty("error");
    expect((parsed as { error: string }).error).toContain(message);
  });
});

describe("durationMs: what one d is worth", () => {
  const H = 3_600_000;
  it.each([
    // 24x7: d = 24 h.
    ["1d", 24, 24],
    ["2d", 24, 48],
    // business 09:00–18:00: d = 9 h, so 1d4h30m = 13 h 30 m.
    ["1d4h30m", 9, 13.5],
    // business 10:00–16:00: d = 6 h.
    ["1d", 6, 6],
    ["10d", 9, 90],
    ["4h", 6, 4], // hours are hours on any clock
  ])("%s with d = %i h is %d h", (text, dayHours, hours) => {
    const parsed = parseDuration(text);
    if ("error" in parsed) throw new Error(parsed.error);
    expect(durationMs(parsed, dayHours * H)).toBe(hours * H);
  });
});

describe("d through evaluate", () => {
  // Moscow, no preset so only weekdays matter. Mon 2026-03-16 is an ordinary Monday.
  const config = (clock: "24x7" | "business", accept: string, calendar: NonNullable<ConfigInput["calendar"]> = {}) =>
    parseConfig({ calendar: { preset: "none", ...calendar }, defaultSeverity: 1, severities: { 1: { clock, accept } } });
  const cases: { name: string; clock: "24x7" | "business"; accept: string; hours?: string; createdAt: string; due: string }[] = [
    // hours 10:00–16:00 → 1d = 6 h. Mon 10:00 MSK (07:00Z) + 6h = Mon 16:00 MSK = 13:00Z.
    { name: "business 1d with hours 10:00–16:00 is 6 h", clock: "business", accept: "1d", hours: "10:00-16:00", createdAt: "2026-03-16T07:00:00Z", due: "2026-03-16T13:00:00Z" },
    // Mon 13:00 MSK: 3h Mon (13–16) + 3h Tue (10–13) → Tue 13:00 MSK = 10:00Z.
    { name: "business 1d from midday, hours 10:00–16:00", clock: "business", accept: "1d", hours: "10:00-16:00", createdAt: "2026-03-16T10:00:00Z", due: "2026-03-17T10:00:00Z" },
    // 2d = 12 h: Mon 10–16 + Tue 10–16 → Tue 16:00 MSK = 13:00Z.
    { name: "business 2d with hours 10:00–16:00 is 12 h", clock: "business", accept: "2d", hours: "10:00-16:00", createdAt: "2026-03-16T07:00:00Z", due: "2026-03-17T13:00:00Z" },
    // 09:00–18:00: 1d4h30m = 13h30. Mon 09:00 MSK: 9h Mon, 4h30 Tue → Tue 13:30 MSK = 10:30Z.
    { name: "business 1d4h30m with 09:00–18:00 is 13 h 30 m", clock: "business", accept: "1d4h30m", createdAt: "2026-03-16T06:00:00Z", due: "2026-03-17T10:30:00Z" },
    // Fri 13 Mar 09:00 MSK + 1d (9 h) = Fri 18:00 MSK; it never reaches into the weekend.
    { name: "business 1d is one working day, not 24 hours", clock: "business", accept: "1d", createdAt: "2026-03-13T06:00:00Z", due: "2026-03-13T15:00:00Z" },
    // 24x7 1d = 24 h whatever the hours: Mon 07:00Z → Tue 07:00Z.
    { name: "24x7 1d is 24 h even with hours 10:00–16:00", clock: "24x7", accept: "1d", hours: "10:00-16:00", createdAt: "2026-03-16T07:00:00Z", due: "2026-03-17T07:00:00Z" },
    // 24x7 1d4h30m from Mon 07:00Z → Tue 11:30Z.
    { name: "24x7 1d4h30m is 28 h 30 m", clock: "24x7", accept: "1d4h30m", createdAt: "2026-03-16T07:00:00Z", due: "2026-03-17T11:30:00Z" },
    // 24x7 2d from Fri 13 Mar 07:00Z runs through the weekend → Sun 15 Mar 07:00Z.
    { name: "24x7 2d runs through a weekend", clock: "24x7", accept: "2d", createdAt: "2026-03-13T07:00:00Z", due: "2026-03-15T07:00:00Z" },
    { name: "24x7 30m", clock: "24x7", accept: "30m", createdAt: "2026-03-13T07:00:00Z", due: "2026-03-13T07:30:00Z" },
    { name: "24x7 4h", clock: "24x7", accept: "4h", createdAt: "2026-03-13T22:00:00Z", due: "2026-03-14T02:00:00Z" },
  ];
  it.each(cases)("$name", ({ clock, accept, hours, createdAt, due }) => {
    const r = evaluate({ config: config(clock, accept, hours ? { hours } : {}), issue: issue({ createdAt }), timeline: [], now: createdAt });
    expect(r.targets.accept?.dueAt).toBe(new Date(due).toISOString());
  });
});
