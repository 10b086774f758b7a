// The `ru` calendar preset (P14): the Russian production calendar for a
// five-day week. Facts from ../shared/calendar-ru.md: the Labour Code
// (art. 112 holidays and weekend transfers, art. 95 shortened pre-holiday
// days) and the yearly decrees that move days off (No. 1335 for 2025,
// No. 1466 for 2026). For a year without decree data only the statutory rules
// apply, and the day is marked `guessed` so evaluation can warn.
import { epochDayOf, weekdayOfEpochDay, yearOfEpochDay } from "../../units/local-time.js";

export type PresetDayKind = "off" | "working" | "shortened" | "working-shortened";

export type PresetReason =
  | "holiday" // a public holiday (art. 112)
  | "moved-day-off" // a weekday made a day off by the decree or by the weekend-transfer rule
  | "working-saturday" // a Saturday made a working day by the decree
  | "pre-holiday"; // the working day before a holiday, one hour shorter (art. 95)

export interface PresetDay {
  kind: PresetDayKind;
  reason: PresetReason;
  /** True when the year has no decree data and the statutory rules were applied. */
  guessed: boolean;
}

/** Public holidays (art. 112) as [month, day]. */
const HOLIDAYS: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [1, 2], [1, 3], [1, 4], [1, 5], [1, 6], [1, 7], [1, 8],
  [2, 23], [3, 8], [5, 1], [5, 9], [6, 12], [11, 4],
];

interface DecreeYear {
  decree: string;
  /** Weekdays that are not working (holidays and moved days off). */
  offWeekdays: string[];
  workingSaturdays: string[];
  shortened: string[];
}

const DECREES: Record<number, DecreeYear> = {
  2025: {
    decree: "No. 1335 of 4 October 2024",
    offWeekdays: ["01-01", "01-02", "01-03", "01-06", "01-07", "01-08", "05-01", "05-02", "05-08", "05-09", "06-12", "06-13", "11-03", "11-04", "12-31"],
    workingSaturdays: ["11-01"],
    shortened: ["03-07", "04-30", "06-11", "11-01"],
  },
  2026: {
    decree: "No. 1466 of 24 September 2025",
    offWeekdays: ["01-01", "01-02", "01-05", "01-06", "01-07", "01-08", "01-09", "02-23", "03-09", "05-01", "05-11", "06-12", "11-04", "12-31"],
    workingSaturdays: [],
    shortened: ["04-30", "05-08", "06-11", "11-03"],
  },
};

const isWeekend = (epochDay: number) => weekdayOfEpochDay(epochDay) >= 6;

function holidayDays(year: number): number[] {
  return HOLIDAYS.map(([m, d]) => epochDayOf(year, m, d));
}

function buildYear(year: number): Map<number, PresetDay> {
  const days = new Map<number, PresetDay>();
  const holidays = holidayDays(year);
  for (const day of holidays) days.set(day, { kind: "off", reason: "holiday", guessed: false });
  const decree = DECREES[year];
  const at = (mmdd: string) => epochDayOf(year, Number(mmdd.slice(0, 2)), Number(mmdd.slice(3, 5)));
  if (decree) {
    for (const mmdd of decree.offWeekdays) {
      const day = at(mmdd);
      if (!days.has(day)) days.set(day, { kind: "off", reason: "moved-day-off", guessed: false });
    }
    for (const mmdd of decree.workingSaturdays) days.set(at(mmdd), { kind: "working", reason: "working-saturday", guessed: false });
    for (const mmdd of decree.shortened) {
      const day = at(mmdd);
      const working = days.get(day)?.kind === "working";
      days.set(day, { kind: working ? "working-shortened" : "shortened", reason: working ? "working-saturday" : "pre-holiday", guessed: false });
    }
    return days;
  }
  // Statutory rules only. A holiday on a weekend moves to the next weekday
  // that is not already off, except the January holidays, which only a decree
  // moves (art. 112).
  for (const day of holidays) {
    if (!isWeekend(day) || day < epochDayOf(year, 1, 9)) continue;
    let next = day + 1;
    while (isWeekend(next) || days.has(next)) next++;
    days.set(next, { kind: "off", reason: "moved-day-off", guessed: true });
  }
  // The working day right before a holiday is one hour shorter (art. 95);
  // 31 December comes before next year's 1 January.
  for (const holiday of [...holidays, epochDayOf(year + 1, 1, 1)]) {
    const before = holiday - 1;
    if (yearOfEpochDay(before) !== year || isWeekend(before) || days.has(before)) continue;
    days.set(before, { kind: "shortened", reason: "pre-holiday", guessed: true });
  }
  for (const [day, info] of days) days.set(day, { ...info, guessed: true });
  return days;
}

const years = new Map<number, Map<number, PresetDay>>();

/** What the `ru` preset says about a local date, or undefined for an ordinary day. */
export function ruPresetDay(epochDay: number): PresetDay | undefined {
  const year = yearOfEpochDay(epochDay);
  let table = years.get(year);
  if (!table) {
    table = buildYear(year);
    years.set(year, table);
  }
  return table.get(epochDay);
}

export function ruHasDecree(year: number): boolean {
  return year in DECREES;
}
