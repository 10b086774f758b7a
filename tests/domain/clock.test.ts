// Clock arithmetic on intervals (DESIGN §4 "Counted time", "Due time"): dueAt
// and countedBetween on business and 24x7 clocks, with exclusions (pauses and
// closed periods). Expected instants are worked out by hand; Moscow is UTC+3.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { createCalendar } from "../../src/domain/clock/calendar.js";
import { type Clock, type Interval, countedBetween, dueAt, measureWithin, mergeIntervals } from "../../src/domain/clock/clock.js";

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

const business = (calendar: NonNullable<ConfigInput["calendar"]> = {}, timezone = "Europe/Moscow"): Clock => {
  const config = parseConfig({ timezone, calendar });
  return { kind: "business", calendar: createCalendar(config.calendar, config.timezone) };
};
const ruBusiness = business();
const allWeek = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const roundTheClock = (hours: string, zone: string) => business({ preset: "none", workingDays: [...allWeek], hours }, zone);
const h24: Clock = { kind: "24x7", calendar: ruBusiness.calendar };

interface DueCase {
  name: string;
  clock: Clock;
  start: string;
  amount: number;
  exclusions?: Interval[];
  due: string;
}

describe("dueAt on the Moscow business clock (ru preset, 09:00–18:00)", () => {
  const cases: DueCase[] = [
    // 30m Fri (17:30–18:00), Mon 2026-03-09 is a day off (8 March fell on Sunday), 7h30m Tue → 16:30 MSK = 13:30Z.
    { name: "Fri 17:30 + 8h over a weekend and a holiday", clock: ruBusiness, start: "2026-03-06T14:30:00Z", amount: 8 * H, due: "2026-03-10T13:30:00Z" },
    // Opened Tue 07:00 MSK, before opening: counting starts 09:00, + 8h = 17:00 MSK = 14:00Z.
    { name: "opened before opening", clock: ruBusiness, start: "2026-03-10T04:00:00Z", amount: 8 * H, due: "2026-03-10T14:00:00Z" },
    // Opened Tue 19:00 MSK, after closing: starts Wed 09:00, + 1h = 10:00 MSK = 07:00Z.
    { name: "opened after closing", clock: ruBusiness, start: "2026-03-10T16:00:00Z", amount: 1 * H, due: "2026-03-11T07:00:00Z" },
    // Opened at exactly 18:00 MSK: the window is half-open, so counting starts Wed 09:00.
    { name: "opened exactly at closing time", clock: ruBusiness, start: "2026-03-10T15:00:00Z", amount: 1 * H, due: "2026-03-11T07:00:00Z" },
    // Opened Sat 12:00 MSK: starts Mon 16 09:00, + 30m = 09:30 MSK = 06:30Z.
    { name: "opened on a weekend", clock: ruBusiness, start: "2026-03-14T09:00:00Z", amount: 30 * M, due: "2026-03-16T06:30:00Z" },
    // Opened Mon 23 Feb 2026 (a holiday) 10:00 MSK: starts Tue 24 09:00, + 1h = 10:00 MSK = 07:00Z.
    { name: "opened on a holiday", clock: ruBusiness, start: "2026-02-23T07:00:00Z", amount: 1 * H, due: "2026-02-24T07:00:00Z" },
    // Tue 17:00 MSK + 1h is used up at 18:00 exactly: due 18:00 MSK = 15:00Z, not Wed 09:00.
    { name: "due exactly at closing time (18:00, not next 09:00)", clock: ruBusiness, start: "2026-03-10T14:00:00Z", amount: 1 * H, due: "2026-03-10T15:00:00Z" },
    // Tue 09:00 + 9h = the whole day: due Tue 18:00 MSK.
    { name: "a whole working day from opening is due at its closing", clock: ruBusiness, start: "2026-03-10T06:00:00Z", amount: 9 * H, due: "2026-03-10T15:00:00Z" },
    // 90h from Mon 16 09:00: two full weeks (45h + 45h), used up Fri 27 at 18:00 MSK = 15:00Z.
    { name: "10 business days end on a Friday at closing time", clock: ruBusiness, start: "2026-03-16T06:00:00Z", amount: 90 * H, due: "2026-03-27T15:00:00Z" },
    // Thu 30 Apr 2026 is shortened (09–17): 16:00 + 1h = 17:00 MSK = 14:00Z, its closing time.
    { name: "due at a shortened day's closing (17:00)", clock: ruBusiness, start: "2026-04-30T13:00:00Z", amount: 1 * H, due: "2026-04-30T14:00:00Z" },
    // 1h Thu 30 Apr (16–17), Fri 1 May holiday, weekend, Mon 4 May 09:00 + 1h = 10:00 MSK = 07:00Z.
    { name: "over the shortened day and 1 May", clock: ruBusiness, start: "2026-04-30T13:00:00Z", amount: 2 * H, due: "2026-05-04T07:00:00Z" },
    // Tue 30 Dec 2025 17:00: 1h; 31 Dec 2025 (decree 2025) and 1–9 Jan 2026 (decree 2026) off; Mon 12 Jan 10:00 MSK.
    { name: "over the New Year holidays 2025/2026", clock: ruBusiness, start: "2025-12-30T14:00:00Z", amount: 2 * H, due: "2026-01-12T07:00:00Z" },
    // Fri 31 Oct 2025 17:00: 1h; Sat 1 Nov 2025 is a working (shortened) Saturday: 09:00 + 1h = 10:00 MSK = 07:00Z.
    { name: "into the working Saturday 1 November 2025", clock: ruBusiness, start: "2025-10-31T14:00:00Z", amount: 2 * H, due: "2025-11-01T07:00:00Z" },
    // Sat 1 Nov 2025 16:30: 30m left that day (closes 17:00); Mon 3 and Tue 4 Nov off; Wed 5 Nov 09:00 + 30m.
    { name: "from the working Saturday over 3–4 November 2025", clock: ruBusiness, start: "2025-11-01T13:30:00Z", amount: 1 * H, due: "2025-11-05T06:30:00Z" },
    { name: "a zero amount is due at the start", clock: ruBusiness, start: "2026-03-14T09:00:00Z", amount: 0, due: "2026-03-14T09:00:00Z" },
  ];
  it.each(cases)("$name", ({ clock, start, amount, exclusions, due }) => {
    expect(iso(dueAt(clock, at(start), amount, exclusions ?? []))).toBe(iso(at(due)));
  });
});

describe("dueAt with exclusions (pauses, closed periods)", () => {
  const cases: DueCase[] = [
    // Fri 6 Mar 17:00 MSK + 8h, excluded Tue 10 Mar 10:00–12:00 MSK: 1h Fri, Tue 09–10 1h, Tue 12–18 6h → 18:00 MSK.
    {
      name: "business: a pause in the middle of a working day",
      clock: ruBusiness,
      start: "2026-03-06T14:00:00Z",
      amount: 8 * H,
      exclusions: [[at("2026-03-10T07:00:00Z"), at("2026-03-10T09:00:00Z")]],
      due: "2026-03-10T15:00:00Z",
    },
    // Start Tue 09:00 MSK inside an exclusion 08:00–11:00 MSK: counting starts 11:00, + 1h = 12:00 MSK = 09:00Z.
    {
      name: "business: an exclusion covering the start",
      clock: ruBusiness,
      start: "2026-03-10T06:00:00Z",
      amount: 1 * H,
      exclusions: [[at("2026-03-10T05:00:00Z"), at("2026-03-10T08:00:00Z")]],
      due: "2026-03-10T09:00:00Z",
    },
    // Tue 16:00 MSK + 2h with 17:00–18:00 excluded: 1h Tue, then Wed 09:00 + 1h = 10:00 MSK = 07:00Z.
    {
      name: "business: an exclusion up to closing time",
      clock: ruBusiness,
      start: "2026-03-10T13:00:00Z",
      amount: 2 * H,
      exclusions: [[at("2026-03-10T14:00:00Z"), at("2026-03-10T15:00:00Z")]],
      due: "2026-03-11T07:00:00Z",
    },
    // A pause only over the weekend costs no business time: Fri 17:00 + 2h → Mon 10:00 MSK either way.
    {
      name: "business: a pause entirely outside working time changes nothing",
      clock: ruBusiness,
      start: "2026-03-13T14:00:00Z",
      amount: 2 * H,
      exclusions: [[at("2026-03-13T15:00:00Z"), at("2026-03-16T06:00:00Z")]],
      due: "2026-03-16T07:00:00Z",
    },
    // 24x7 from 06:00Z + 4h, excluded 07:00–08:00 and 09:00–11:00: 1h + 1h, then 2h from 11:00 → 13:00Z.
    {
      name: "24x7: two exclusions",
      clock: h24,
      start: "2026-03-02T06:00:00Z",
      amount: 4 * H,
      exclusions: [
        [at("2026-03-02T07:00:00Z"), at("2026-03-02T08:00:00Z")],
        [at("2026-03-02T09:00:00Z"), at("2026-03-02T11:00:00Z")],
      ],
      due: "2026-03-02T13:00:00Z",
    },
    // The target is used up exactly where an exclusion begins: due then, not after the exclusion.
    {
      name: "24x7: used up exactly when a pause starts",
      clock: h24,
      start: "2026-03-02T06:00:00Z",
      amount: 1 * H,
      exclusions: [[at("2026-03-02T07:00:00Z"), at("2026-03-02T09:00:00Z")]],
      due: "2026-03-02T07:00:00Z",
    },
    // 24x7 holidays are ordinary time: Fri 1 May 2026 00:00 MSK (30 Apr 21:00Z) + 1d = 24h later.
    { name: "24x7: a day is 24 hours, holidays included", clock: h24, start: "2026-04-30T21:00:00Z", amount: 24 * H, due: "2026-05-01T21:00:00Z" },
  ];
  it.each(cases)("$name", ({ clock, start, amount, exclusions, due }) => {
    expect(iso(dueAt(clock, at(start), amount, exclusions ?? []))).toBe(iso(at(due)));
  });
});

describe("targets ending at a day boundary", () => {
  // Mon–Fri 00:00–24:00 in Moscow: Fri 13 Mar 00:00 MSK (12 Mar 21:00Z) + 24h is used up at Friday's 24:00, which is
  // Sat 00:00 MSK = 13 Mar 21:00Z, not Monday 00:00.
  const weekdaysAllDay = business({ preset: "none", hours: "00:00-24:00" });
  it.each([
    { name: "Friday 00:00 + 24h ends at Friday 24:00", start: "2026-03-12T21:00:00Z", amount: 24 * H, due: "2026-03-13T21:00:00Z" },
    // One more hour has to wait for Monday: Mon 16 Mar 01:00 MSK = 15 Mar 22:00Z.
    { name: "Friday 00:00 + 25h continues Monday 00:00", start: "2026-03-12T21:00:00Z", amount: 25 * H, due: "2026-03-15T22:00:00Z" },
    // Starting at Saturday 00:00 exactly: Monday 00:00 MSK (15 Mar 21:00Z) + 1h.
    { name: "starting at the boundary after the last window", start: "2026-03-13T21:00:00Z", amount: 1 * H, due: "2026-03-15T22:00:00Z" },
  ])("$name", ({ start, amount, due }) => {
    expect(iso(dueAt(weekdaysAllDay, at(start), amount, []))).toBe(iso(at(due)));
  });

  it("24x7: Tue 00:00 MSK + 1d is Wed 00:00 MSK", () => {
    expect(iso(dueAt(h24, at("2026-03-09T21:00:00Z"), 24 * H, []))).toBe("2026-03-10T21:00:00.000Z");
  });
});

describe("daylight-saving changes on business clocks", () => {
  const berlin = business({ preset: "none" }, "Europe/Berlin");
  const newYork = business({ preset: "none" }, "America/New_York");
  const cases: DueCase[] = [
    // 09:00–18:00 stays local, so the UTC instants move. Fri 27 Mar 17:00 CET (16:00Z): 1h Fri, Mon 30 Mar 09:00 CEST
    // (07:00Z) + 1h → 08:00Z.
    { name: "Berlin spring, Fri → Mon", clock: berlin, start: "2026-03-27T16:00:00Z", amount: 2 * H, due: "2026-03-30T08:00:00Z" },
    // Fri 23 Oct 17:00 CEST (15:00Z): 1h Fri, Mon 26 Oct 09:00 CET (08:00Z) + 1h → 09:00Z.
    { name: "Berlin autumn, Fri → Mon", clock: berlin, start: "2026-10-23T15:00:00Z", amount: 2 * H, due: "2026-10-26T09:00:00Z" },
    // Fri 6 Mar 17:00 EST (22:00Z): 1h Fri, Mon 9 Mar 09:00 EDT (13:00Z) + 1h → 14:00Z.
    { name: "New York spring, Fri → Mon", clock: newYork, start: "2026-03-06T22:00:00Z", amount: 2 * H, due: "2026-03-09T14:00:00Z" },
    // Fri 30 Oct 17:00 EDT (21:00Z): 1h Fri, Mon 2 Nov 09:00 EST (14:00Z) + 1h → 15:00Z.
    { name: "New York autumn, Fri → Mon", clock: newYork, start: "2026-10-30T21:00:00Z", amount: 2 * H, due: "2026-11-02T15:00:00Z" },
    // Working windows around the change hour, every day 01:00–04:00.
    // Berlin: Sat 28 Mar 01:00–04:00 CET = 00:00Z–03:00Z (3h); Sun 29 Mar 01:00 CET–04:00 CEST = 00:00Z–02:00Z (2h).
    // From Sat 00:00 CET (27 Mar 23:00Z), 5h are used up at Sunday's closing, 02:00Z.
    { name: "Berlin spring, 01:00–04:00 windows: the change day has 2 h", clock: roundTheClock("01:00-04:00", "Europe/Berlin"), start: "2026-03-27T23:00:00Z", amount: 5 * H, due: "2026-03-29T02:00:00Z" },
    // Berlin: Sat 24 Oct 01:00–04:00 CEST = 23 Oct 23:00Z–02:00Z (3h); Sun 25 Oct 01:00 CEST–04:00 CET = 24 Oct 23:00Z–03:00Z
    // (4h). From Sat 00:00 CEST (23 Oct 22:00Z), 6h: 3h Sat + 3h Sun → 02:00Z (03:00 CET, after the clocks went back).
    { name: "Berlin autumn, 01:00–04:00 windows: the change day has 4 h", clock: roundTheClock("01:00-04:00", "Europe/Berlin"), start: "2026-10-23T22:00:00Z", amount: 6 * H, due: "2026-10-25T02:00:00Z" },
    // New York: Sat 7 Mar 01:00–04:00 EST = 06:00Z–09:00Z (3h); Sun 8 Mar 01:00 EST–04:00 EDT = 06:00Z–08:00Z (2h).
    { name: "New York spring, 01:00–04:00 windows: the change day has 2 h", clock: roundTheClock("01:00-04:00", "America/New_York"), start: "2026-03-07T05:00:00Z", amount: 5 * H, due: "2026-03-08T08:00:00Z" },
    // 00:00–24:00 every day, so "1d" = 24 h of working time. Berlin Sun 29 Mar 00:00 CET (28 Mar 23:00Z): the day
    // is 23 h, the last hour is Mon 30 Mar 00:00–01:00 CEST → 23:00Z.
    { name: "Berlin spring, 00:00–24:00: the change day is 23 h", clock: roundTheClock("00:00-24:00", "Europe/Berlin"), start: "2026-03-28T23:00:00Z", amount: 24 * H, due: "2026-03-29T23:00:00Z" },
    // Berlin Sun 25 Oct 00:00 CEST (24 Oct 22:00Z): the day is 25 h, 24 h are used up at 22:00Z (23:00 CET Sunday).
    { name: "Berlin autumn, 00:00–24:00: the change day is 25 h", clock: roundTheClock("00:00-24:00", "Europe/Berlin"), start: "2026-10-24T22:00:00Z", amount: 24 * H, due: "2026-10-25T22:00:00Z" },
    // New York Sun 8 Mar 00:00 EST (05:00Z) to Mon 00:00 EDT (9 Mar 04:00Z) is 23 h; + 1h Monday → 05:00Z.
    { name: "New York spring, 00:00–24:00: the change day is 23 h", clock: roundTheClock("00:00-24:00", "America/New_York"), start: "2026-03-08T05:00:00Z", amount: 24 * H, due: "2026-03-09T05:00:00Z" },
    // New York Sun 1 Nov 00:00 EDT (04:00Z) to Mon 00:00 EST (2 Nov 05:00Z) is 25 h; 24 h end at 04:00Z (23:00 EST Sunday).
    { name: "New York autumn, 00:00–24:00: the change day is 25 h", clock: roundTheClock("00:00-24:00", "America/New_York"), start: "2026-11-01T04:00:00Z", amount: 24 * H, due: "2026-11-02T04:00:00Z" },
  ];
  it.each(cases)("$name", ({ clock, start, amount, exclusions, due }) => {
    expect(iso(dueAt(clock, at(start), amount, exclusions ?? []))).toBe(iso(at(due)));
  });

  // Regression test for a fixed bug (local-time.ts instantAt, see calendar.test.ts): the 01:00 opening on 1 Nov is resolved to 01:00 EST
  // (06:00Z) instead of its first occurrence 01:00 EDT (05:00Z), so the window is 3 h instead of 4 h.
  // Sat 31 Oct 01:00–04:00 EDT = 05:00Z–08:00Z (3h); Sun 1 Nov 01:00 EDT–04:00 EST = 05:00Z–09:00Z (4h).
  // From Sat 00:00 EDT (04:00Z), 6h: 3h Sat + 3h Sun → 08:00Z (03:00 EST).
  it("New York autumn, 01:00–04:00 windows: the change day has 4 h", () => {
    expect(iso(dueAt(roundTheClock("01:00-04:00", "America/New_York"), at("2026-10-31T04:00:00Z"), 6 * H, []))).toBe("2026-11-01T08:00:00.000Z");
  });

  it.each([
    { zone: "Europe/Berlin", from: "2026-03-28T23:00:00Z", to: "2026-03-29T22:00:00Z", hours: 23 },
    { zone: "Europe/Berlin", from: "2026-10-24T22:00:00Z", to: "2026-10-25T23:00:00Z", hours: 25 },
    { zone: "America/New_York", from: "2026-03-08T05:00:00Z", to: "2026-03-09T04:00:00Z", hours: 23 },
    { zone: "America/New_York", from: "2026-11-01T04:00:00Z", to: "2026-11-02T05:00:00Z", hours: 25 },
  ])("$zone: a whole change day of 00:00–24:00 counts $hours h", ({ zone, from, to, hours }) => {
    // Counting over two days from the change day's midnight: the change day plus a normal 24 h Monday.
    const clock = roundTheClock("00:00-24:00", zone);
    expect(countedBetween(clock, at(from), at(to), [])).toBe(hours * H);
    expect(countedBetween(clock, at(from), at(to) + 24 * H, [])).toBe((hours + 24) * H);
  });
});

describe("countedBetween", () => {
  const cases: { name: string; clock: Clock; from: string; to: string; exclusions?: Interval[]; counted: number }[] = [
    // Fri 6 Mar 17:00 MSK → Tue 10 Mar 10:00 MSK: 1h Fri + 1h Tue (Mon 9 is off).
    { name: "business over a weekend and a holiday", clock: ruBusiness, from: "2026-03-06T14:00:00Z", to: "2026-03-10T07:00:00Z", counted: 2 * H },
    // Same span up to Tue 12:00 MSK with 09:30–12:00 excluded: 1h Fri + 30m Tue.
    {
      name: "business with an exclusion",
      clock: ruBusiness,
      from: "2026-03-06T14:00:00Z",
      to: "2026-03-10T09:00:00Z",
      exclusions: [[at("2026-03-10T06:30:00Z"), at("2026-03-10T09:00:00Z")]],
      counted: 1.5 * H,
    },
    // Both ends outside working time on the same evening: nothing.
    { name: "business, evening to evening", clock: ruBusiness, from: "2026-03-10T15:30:00Z", to: "2026-03-10T20:00:00Z", counted: 0 },
    // A shortened day counts 8h: Thu 30 Apr 2026 00:00 → Fri 1 May 00:00 MSK.
    { name: "business, a shortened day counts 8 h", clock: ruBusiness, from: "2026-04-29T21:00:00Z", to: "2026-04-30T21:00:00Z", counted: 8 * H },
    // 24x7: 10h minus 1h + 1h excluded.
    {
      name: "24x7 with two exclusions",
      clock: h24,
      from: "2026-03-02T00:00:00Z",
      to: "2026-03-02T10:00:00Z",
      exclusions: [
        [at("2026-03-02T02:00:00Z"), at("2026-03-02T03:00:00Z")],
        [at("2026-03-02T05:00:00Z"), at("2026-03-02T06:00:00Z")],
      ],
      counted: 8 * H,
    },
    // An exclusion reaching past the end is clipped: 06:00–07:00 counted, 07:00–08:00 excluded.
    {
      name: "24x7, an exclusion running past the end",
      clock: h24,
      from: "2026-03-02T06:00:00Z",
      to: "2026-03-02T08:00:00Z",
      exclusions: [[at("2026-03-02T07:00:00Z"), at("2026-03-02T12:00:00Z")]],
      counted: 1 * H,
    },
    { name: "an empty span counts nothing", clock: h24, from: "2026-03-02T06:00:00Z", to: "2026-03-02T06:00:00Z", counted: 0 },
    { name: "a reversed span counts nothing", clock: ruBusiness, from: "2026-03-03T06:00:00Z", to: "2026-03-02T06:00:00Z", counted: 0 },
  ];
  it.each(cases)("$name", ({ clock, from, to, exclusions, counted }) => {
    expect(countedBetween(clock, at(from), at(to), exclusions ?? [])).toBe(counted);
  });
});

describe("interval helpers", () => {
  it.each([
    { name: "sorts, merges overlapping and touching, drops empty and reversed", input: [[5, 10], [1, 3], [2, 4], [10, 12], [7, 7], [20, 15]] as Interval[], merged: [[1, 4], [5, 12]] },
    { name: "keeps disjoint intervals apart", input: [[8, 9], [1, 2]] as Interval[], merged: [[1, 2], [8, 9]] },
    { name: "an interval inside another disappears into it", input: [[1, 10], [3, 4]] as Interval[], merged: [[1, 10]] },
    { name: "nothing in, nothing out", input: [] as Interval[], merged: [] },
  ])("mergeIntervals $name", ({ input, merged }) => {
    expect(mergeIntervals(input)).toEqual(merged);
  });

  it.each([
    { from: 3, to: 6, measure: 2 }, // 3–4 and 5–6
    { from: 0, to: 100, measure: 10 },
    { from: 4, to: 5, measure: 0 },
    { from: 6, to: 6, measure: 0 },
  ])("measureWithin [$from, $to) of [1,4) ∪ [5,12) is $measure", ({ from, to, measure }) => {
    expect(measureWithin([[1, 4], [5, 12]], from, to)).toBe(measure);
  });
});
