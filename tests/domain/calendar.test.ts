// Working windows per local date (DESIGN §4 "Working time", P12, P14). The
// ru preset is checked against every date in calendar-ru.md; expected windows
// are written out by hand (Moscow is UTC+3, so 09:00–18:00 MSK is
// 06:00Z–15:00Z and a shortened 09:00–17:00 is 06:00Z–14:00Z).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { type WorkingCalendar, calendarOf, createCalendar } from "../../src/domain/clock/calendar.js";
import { ruPresetDay } from "../../src/domain/clock/calendar-ru.js";
import { epochDayFromIso } from "../../src/units/local-time.js";

type Day = { working: false; reason: string } | { working: true; open: string; close: string; reason: string };

const calendarFor = (calendar: NonNullable<ConfigInput["calendar"]> = {}, timezone = "Europe/Moscow"): WorkingCalendar => {
  const config = parseConfig({ timezone, calendar });
  return createCalendar(config.calendar, config.timezone);
};

function dayOf(calendar: WorkingCalendar, date: string): Day {
  const d = calendar.day(epochDayFromIso(date));
  return d.working
    ? { working: true, open: new Date(d.open).toISOString(), close: new Date(d.close).toISOString(), reason: d.reason }
    : { working: false, reason: d.reason };
}

const off = (reason: string): Day => ({ working: false, reason });
/** A Moscow working window from local hours on `date`, e.g. msk("2026-03-10", 9, 18). */
const msk = (date: string, openHour: number, closeHour: number, reason: string): Day => {
  const at = (h: number) => new Date(Date.parse(`${date}T00:00:00Z`) + (h - 3) * 3_600_000).toISOString();
  return { working: true, open: at(openHour), close: at(closeHour), reason };
};
const ordinary = (date: string): Day => msk(date, 9, 18, "working-day");
const shortened = (date: string, reason = "pre-holiday"): Day => msk(date, 9, 17, reason);

const ru = calendarFor();
const ruEveryDay = calendarFor({ workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] });

describe("ru preset, 2025 (decree No. 1335)", () => {
  // calendar-ru.md: non-working weekdays 1, 2, 3, 6, 7, 8 January; 1, 2, 8, 9 May; 12, 13 June; 3, 4 November;
  // 31 December. Public holidays (art. 112) are "holiday"; days moved by the decree are "moved-day-off".
  it.each([
    ["2025-01-01", "holiday"], // Wed
    ["2025-01-02", "holiday"], // Thu
    ["2025-01-03", "holiday"], // Fri
    ["2025-01-06", "holiday"], // Mon
    ["2025-01-07", "holiday"], // Tue, Christmas
    ["2025-01-08", "holiday"], // Wed
    ["2025-05-01", "holiday"], // Thu
    ["2025-05-02", "moved-day-off"], // Fri, from Sat 4 January
    ["2025-05-08", "moved-day-off"], // Thu, from Sun 23 February
    ["2025-05-09", "holiday"], // Fri
    ["2025-06-12", "holiday"], // Thu
    ["2025-06-13", "moved-day-off"], // Fri, from Sat 8 March
    ["2025-11-03", "moved-day-off"], // Mon, from Sat 1 November
    ["2025-11-04", "holiday"], // Tue
    ["2025-12-31", "moved-day-off"], // Wed, from Sun 5 January
  ])("%s is off (%s)", (date, reason) => {
    expect(dayOf(ru, date)).toEqual(off(reason));
  });

  it("the working Saturday 1 November 2025 is working, shortened to 09:00–17:00", () => {
    expect(dayOf(ru, "2025-11-01")).toEqual(shortened("2025-11-01", "working-saturday"));
  });

  it.each(["2025-03-07", "2025-04-30", "2025-06-11"])("%s is shortened by one hour (09:00–17:00)", (date) => {
    expect(dayOf(ru, date)).toEqual(shortened(date));
  });

  it.each([
    "2025-01-09", // Thu, first working day after the New Year holidays
    "2025-03-10", // Mon after 8 March (a Saturday moved to 13 June, so nothing here)
    "2025-05-05", // Mon between the two May breaks
    "2025-05-07", // Wed before the moved day off 8 May: not a holiday, so not shortened
    "2025-10-31", // Fri before the working Saturday
    "2025-12-30", // Tue before the moved day off 31 December
  ])("%s is an ordinary working day", (date) => {
    expect(dayOf(ru, date)).toEqual(ordinary(date));
  });

  it.each([
    "2025-01-04", // Sat, New Year holiday
    "2025-01-05", // Sun, New Year holiday
    "2025-02-23", // Sun
    "2025-03-08", // Sat
  ])("%s (a holiday on a weekend) is off even for a seven-day contract", (date) => {
    expect(dayOf(ruEveryDay, date)).toEqual(off("holiday"));
  });
});

describe("ru preset, 2026 (decree No. 1466)", () => {
  // calendar-ru.md: non-working weekdays 1, 2, 5, 6, 7, 8, 9 January; 23 February; 9 March; 1, 11 May; 12 June;
  // 4 November; 31 December.
  it.each([
    ["2026-01-01", "holiday"], // Thu
    ["2026-01-02", "holiday"], // Fri
    ["2026-01-05", "holiday"], // Mon
    ["2026-01-06", "holiday"], // Tue
    ["2026-01-07", "holiday"], // Wed
    ["2026-01-08", "holiday"], // Thu
    ["2026-01-09", "moved-day-off"], // Fri, from Sat 3 January
    ["2026-02-23", "holiday"], // Mon
    ["2026-03-09", "moved-day-off"], // Mon, 8 March is a Sunday
    ["2026-05-01", "holiday"], // Fri
    ["2026-05-11", "moved-day-off"], // Mon, 9 May is a Saturday
    ["2026-06-12", "holiday"], // Fri
    ["2026-11-04", "holiday"], // Wed
    ["2026-12-31", "moved-day-off"], // Thu, from Sun 4 January
  ])("%s is off (%s)", (date, reason) => {
    expect(dayOf(ru, date)).toEqual(off(reason));
  });

  it.each(["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03"])("%s is shortened by one hour (09:00–17:00)", (date) => {
    expect(dayOf(ru, date)).toEqual(shortened(date));
  });

  it("has no working Saturday: Sat 2026-11-07 and Sat 2026-10-31 are off", () => {
    expect([dayOf(ru, "2026-10-31"), dayOf(ru, "2026-11-07")]).toEqual([off("weekend"), off("weekend")]);
  });

  it.each([
    "2026-01-12", // Mon, first working day of the year
    "2026-02-20", // Fri before Mon 23 February: the day before the holiday is a Sunday, so not shortened
    "2026-03-06", // Fri before the Sunday 8 March
    "2026-03-10", // Tue after the moved day off
    "2026-05-04", // Mon between the May breaks
    "2026-11-02", // Mon before the shortened 3 November
    "2026-11-05", // Thu after 4 November
    "2026-12-30", // Wed before the moved 31 December: not a holiday, so not shortened
  ])("%s is an ordinary working day", (date) => {
    expect(dayOf(ru, date)).toEqual(ordinary(date));
  });

  it.each([
    ["2026-03-07", off("weekend")],
    ["2026-01-10", off("weekend")],
  ])("%s (an ordinary weekend) is off", (date, expected) => {
    expect(dayOf(ru, date)).toEqual(expected);
  });

  it.each([
    "2026-01-03", // Sat, New Year holiday
    "2026-01-04", // Sun, New Year holiday
    "2026-03-08", // Sun
    "2026-05-09", // Sat
  ])("%s (a holiday on a weekend) is off even for a seven-day contract", (date) => {
    expect(dayOf(ruEveryDay, date)).toEqual(off("holiday"));
  });

  it("a seven-day contract works an ordinary Saturday and still keeps moved days off and shortened days", () => {
    expect(dayOf(ruEveryDay, "2026-03-07")).toEqual(ordinary("2026-03-07"));
    expect(dayOf(ruEveryDay, "2026-03-09")).toEqual(off("moved-day-off"));
    expect(dayOf(ruEveryDay, "2026-05-08")).toEqual(shortened("2026-05-08"));
  });

  it("a shortened date on a weekday the contract does not work stays off", () => {
    // Mon–Thu contract: Fri 8 May 2026 is shortened by the decree, but not one of the contract's days.
    const monToThu = calendarFor({ workingDays: ["mon", "tue", "wed", "thu"] });
    expect(dayOf(monToThu, "2026-05-08")).toEqual(off("weekend"));
    expect(dayOf(monToThu, "2026-04-30")).toEqual(shortened("2026-04-30"));
  });

  it("shortening follows the contract's hours: 10:00–19:00 becomes 10:00–18:00", () => {
    const late = calendarFor({ hours: "10:00-19:00" });
    expect(dayOf(late, "2026-04-30")).toEqual(msk("2026-04-30", 10, 18, "pre-holiday"));
    expect(dayOf(late, "2026-04-29")).toEqual(msk("2026-04-29", 10, 19, "working-day"));
  });
});

describe("ru preset, a year without decree data (2027): statutory rules only", () => {
  it.each([
    ["2027-01-01", "holiday"], // Fri
    ["2027-01-04", "holiday"], // Mon
    ["2027-01-07", "holiday"], // Thu, Christmas
    ["2027-01-08", "holiday"], // Fri
    ["2027-02-23", "holiday"], // Tue
    ["2027-03-08", "holiday"], // Mon
    ["2027-05-03", "moved-day-off"], // Mon: 1 May is a Saturday (art. 112 transfer)
    ["2027-05-10", "moved-day-off"], // Mon: 9 May is a Sunday
    ["2027-06-14", "moved-day-off"], // Mon: 12 June is a Saturday
    ["2027-11-04", "holiday"], // Thu
  ])("%s is off (%s)", (date, reason) => {
    expect(dayOf(ru, date)).toEqual(off(reason));
  });

  it.each([
    "2027-02-22", // Mon before 23 February
    "2027-04-30", // Fri before Sat 1 May
    "2027-06-11", // Fri before Sat 12 June
    "2027-11-03", // Wed before 4 November
    "2027-12-31", // Fri before 1 January 2028
  ])("%s, the working day before a holiday, is shortened (art. 95)", (date) => {
    expect(dayOf(ru, date)).toEqual(shortened(date));
  });

  it.each([
    "2027-01-11", // Mon: 2 and 3 January fall on Sat/Sun but January holidays do not move by rule
    "2027-03-05", // Fri before Mon 8 March: the day before the holiday is a Sunday
    "2027-05-04", // Tue after the moved 3 May
    "2027-05-07", // Fri: 9 May is a Sunday, so no shortening
    "2027-11-05", // Fri after 4 November: no bridge day without a decree
  ])("%s is an ordinary working day", (date) => {
    expect(dayOf(ru, date)).toEqual(ordinary(date));
  });

  it.each(["2027-01-02", "2027-01-03", "2027-05-01", "2027-05-09", "2027-06-12"])(
    "%s (a holiday on a weekend) is off even for a seven-day contract",
    (date) => {
      expect(dayOf(ruEveryDay, date)).toEqual(off("holiday"));
    },
  );

  it("marks 2027 as guessed, 2025 and 2026 not, and nothing without the preset", () => {
    expect([2025, 2026, 2027, 2030].map((y) => ru.isGuessedYear(y))).toEqual([false, false, true, true]);
    expect(calendarFor({ preset: "none" }).isGuessedYear(2027)).toBe(false);
    expect(ruPresetDay(epochDayFromIso("2027-05-03"))?.guessed).toBe(true);
    expect(ruPresetDay(epochDayFromIso("2026-05-11"))?.guessed).toBe(false);
  });
});

describe("precedence: workingDates > holidays > preset > workingDays", () => {
  const cases: { name: string; calendar: NonNullable<ConfigInput["calendar"]>; date: string; expected: Day }[] = [
    {
      name: "workingDates beats holidays",
      calendar: { holidays: ["2026-03-10"], workingDates: { "2026-03-10": "10:00-14:00" } },
      date: "2026-03-10",
      expected: msk("2026-03-10", 10, 14, "configured-working-date"),
    },
    {
      name: "workingDates beats the preset's holiday",
      calendar: { workingDates: { "2026-01-05": "10:00-14:00" } },
      date: "2026-01-05",
      expected: msk("2026-01-05", 10, 14, "configured-working-date"),
    },
    {
      name: "workingDates beats the preset's shortening",
      calendar: { workingDates: { "2026-04-30": "09:00-18:00" } },
      date: "2026-04-30",
      expected: msk("2026-04-30", 9, 18, "configured-working-date"),
    },
    {
      name: "workingDates beats workingDays (a Saturday)",
      calendar: { workingDates: { "2026-03-07": "10:00-15:00" } },
      date: "2026-03-07",
      expected: msk("2026-03-07", 10, 15, "configured-working-date"),
    },
    { name: "holidays beat the preset's working Saturday", calendar: { holidays: ["2025-11-01"] }, date: "2025-11-01", expected: off("configured-holiday") },
    { name: "holidays beat the preset's shortened day", calendar: { holidays: ["2026-04-30"] }, date: "2026-04-30", expected: off("configured-holiday") },
    { name: "holidays beat workingDays", calendar: { holidays: ["2026-03-10"] }, date: "2026-03-10", expected: off("configured-holiday") },
    { name: "the preset beats workingDays (a moved day off on a Monday)", calendar: {}, date: "2026-03-09", expected: off("moved-day-off") },
    {
      name: "the preset beats workingDays (the working Saturday for a Mon–Fri contract)",
      calendar: {},
      date: "2025-11-01",
      expected: shortened("2025-11-01", "working-saturday"),
    },
    {
      name: "the preset beats workingDays (a Sunday holiday for a seven-day contract)",
      calendar: { workingDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] },
      date: "2026-01-04",
      expected: off("holiday"),
    },
    { name: "preset none: 9 March 2026 is an ordinary Monday", calendar: { preset: "none" }, date: "2026-03-09", expected: ordinary("2026-03-09") },
    { name: "preset none: 1 January is an ordinary Thursday", calendar: { preset: "none" }, date: "2026-01-01", expected: ordinary("2026-01-01") },
    { name: "preset none: 1 November 2025 is an ordinary Saturday", calendar: { preset: "none" }, date: "2025-11-01", expected: off("weekend") },
    { name: "workingDays alone: a weekend-only contract works Saturday", calendar: { preset: "none", workingDays: ["sat", "sun"] }, date: "2026-03-07", expected: ordinary("2026-03-07") },
    { name: "workingDays alone: a weekend-only contract is off on Tuesday", calendar: { preset: "none", workingDays: ["sat", "sun"] }, date: "2026-03-10", expected: off("weekend") },
  ];
  it.each(cases)("$name", ({ calendar, date, expected }) => {
    expect(dayOf(calendarFor(calendar), date)).toEqual(expected);
  });
});

describe("windows on daylight-saving change days", () => {
  const everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
  const cases: { name: string; zone: string; hours: string; date: string; open: string; close: string; realHours: number }[] = [
    // Berlin 2026-03-29: 02:00 CET (01:00Z) → 03:00 CEST. Local midnight is still CET, the next one is CEST.
    { name: "Berlin spring, 00:00–24:00 is 23 h", zone: "Europe/Berlin", hours: "00:00-24:00", date: "2026-03-29", open: "2026-03-28T23:00:00Z", close: "2026-03-29T22:00:00Z", realHours: 23 },
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z.
    { name: "Berlin spring, 01:00–04:00 is 2 h", zone: "Europe/Berlin", hours: "01:00-04:00", date: "2026-03-29", open: "2026-03-29T00:00:00Z", close: "2026-03-29T02:00:00Z", realHours: 2 },
    // 02:30 does not exist that night: it opens at 03:30 CEST (01:30Z), the gap's width later; 05:00 CEST = 03:00Z.
    { name: "Berlin spring, opening in the skipped hour", zone: "Europe/Berlin", hours: "02:30-05:00", date: "2026-03-29", open: "2026-03-29T01:30:00Z", close: "2026-03-29T03:00:00Z", realHours: 1.5 },
    // Berlin 2026-10-25: 03:00 CEST (01:00Z) → 02:00 CET.
    { name: "Berlin autumn, 00:00–24:00 is 25 h", zone: "Europe/Berlin", hours: "00:00-24:00", date: "2026-10-25", open: "2026-10-24T22:00:00Z", close: "2026-10-25T23:00:00Z", realHours: 25 },
    // 01:00 CEST = 24 Oct 23:00Z; 04:00 CET = 03:00Z.
    { name: "Berlin autumn, 01:00–04:00 is 4 h", zone: "Europe/Berlin", hours: "01:00-04:00", date: "2026-10-25", open: "2026-10-24T23:00:00Z", close: "2026-10-25T03:00:00Z", realHours: 4 },
    // Ordinary days either side keep 09:00–18:00 local: 08:00Z–17:00Z in CET, 07:00Z–16:00Z in CEST.
    { name: "Berlin, Friday before the spring change (CET)", zone: "Europe/Berlin", hours: "09:00-18:00", date: "2026-03-27", open: "2026-03-27T08:00:00Z", close: "2026-03-27T17:00:00Z", realHours: 9 },
    { name: "Berlin, Monday after the spring change (CEST)", zone: "Europe/Berlin", hours: "09:00-18:00", date: "2026-03-30", open: "2026-03-30T07:00:00Z", close: "2026-03-30T16:00:00Z", realHours: 9 },
    // New York 2026-03-08: 02:00 EST (07:00Z) → 03:00 EDT.
    { name: "New York spring, 00:00–24:00 is 23 h", zone: "America/New_York", hours: "00:00-24:00", date: "2026-03-08", open: "2026-03-08T05:00:00Z", close: "2026-03-09T04:00:00Z", realHours: 23 },
    { name: "New York spring, 01:00–04:00 is 2 h", zone: "America/New_York", hours: "01:00-04:00", date: "2026-03-08", open: "2026-03-08T06:00:00Z", close: "2026-03-08T08:00:00Z", realHours: 2 },
    // New York 2026-11-01: 02:00 EDT (06:00Z) → 01:00 EST.
    { name: "New York autumn, 00:00–24:00 is 25 h", zone: "America/New_York", hours: "00:00-24:00", date: "2026-11-01", open: "2026-11-01T04:00:00Z", close: "2026-11-02T05:00:00Z", realHours: 25 },
    { name: "New York, Monday after the autumn change (EST)", zone: "America/New_York", hours: "09:00-18:00", date: "2026-11-02", open: "2026-11-02T14:00:00Z", close: "2026-11-02T23:00:00Z", realHours: 9 },
  ];
  const checkWindow = ({ zone, hours, date, open, close, realHours }: (typeof cases)[number]) => {
    const calendar = calendarFor({ preset: "none", workingDays: [...everyDay], hours }, zone);
    const d = calendar.day(epochDayFromIso(date));
    expect({ open: new Date(d.open).toISOString(), close: new Date(d.close).toISOString() }).toEqual({
      open: new Date(open).toISOString(),
      close: new Date(close).toISOString(),
    });
    expect((d.close - d.open) / 3_600_000).toBe(realHours);
  };
  it.each(cases)("$name", checkWindow);

  // Regression test for a fixed bug (local-time.ts instantAt): its comment promises that "a time that exists twice is its first occurrence",
  // but luxon resolves an ambiguous wall time to the later (standard-time) offset, so a window opening in the
  // repeated hour opens an hour late: NY 01:00 on 2026-11-01 becomes 06:00Z (01:00 EST), not 05:00Z (01:00 EDT).
  const repeatedHour: typeof cases = [
    // 02:30 happens twice; the first (CEST, 00:30Z) is taken. 05:00 CET = 04:00Z.
    { name: "Berlin autumn, opening in the repeated hour", zone: "Europe/Berlin", hours: "02:30-05:00", date: "2026-10-25", open: "2026-10-25T00:30:00Z", close: "2026-10-25T04:00:00Z", realHours: 3.5 },
    // 01:00 happens twice: first as EDT (05:00Z). 04:00 EST = 09:00Z.
    { name: "New York autumn, 01:00–04:00 is 4 h", zone: "America/New_York", hours: "01:00-04:00", date: "2026-11-01", open: "2026-11-01T05:00:00Z", close: "2026-11-01T09:00:00Z", realHours: 4 },
  ];
  it.each(repeatedHour)("$name (first occurrence of a repeated wall time)", checkWindow);
});

describe("calendar basics", () => {
  it.each([
    ["09:00-18:00", 540],
    ["10:00-16:00", 360],
    ["00:00-24:00", 1440],
  ])("a standard day of %s is %i minutes (one business `d`)", (hours, minutes) => {
    expect(calendarFor({ hours }).dayMinutes).toBe(minutes);
  });

  it("localDay uses the contract's zone: 2026-12-31T21:30Z is already 1 January in Moscow", () => {
    expect(ru.localDay(Date.parse("2026-12-31T21:30:00Z"))).toBe(epochDayFromIso("2027-01-01"));
    expect(ru.localDay(Date.parse("2026-12-31T20:59:59Z"))).toBe(epochDayFromIso("2026-12-31"));
  });

  it("calendarOf builds one calendar per configuration object", () => {
    const config = parseConfig({});
    expect(calendarOf(config)).toBe(calendarOf(config));
    expect(calendarOf(config).zone).toBe("Europe/Moscow");
  });
});
