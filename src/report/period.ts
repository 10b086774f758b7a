// The report's period: inclusive local dates, turned into instants in each
// contract's own zone (a Moscow contract's March starts three hours before a
// London one's). Pure; the host's TZ never matters.
import { isIsoDate } from "../config/schema.js";
import { epochDayFromIso, epochDayOf, instantAt, isoFromEpochDay, localEpochDay, weekdayOfEpochDay, yearOfEpochDay } from "../units/local-time.js";

export interface ReportPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  to: string;
}

/** The period's instants in a zone: [start, end), local midnights. */
export interface PeriodBounds {
  start: number;
  end: number;
}

/** Checks two dates given on the command line; the message says what is wrong. */
export function checkPeriod(period: ReportPeriod): string | null {
  for (const [name, value] of [["--from", period.from], ["--to", period.to]] as const) {
    if (!isIsoDate(value)) return `${name} expects a date written YYYY-MM-DD, got ${JSON.stringify(value)}`;
  }
  if (period.from > period.to) return `--from (${period.from}) is after --to (${period.to})`;
  return null;
}

export function periodBounds(period: ReportPeriod, zone: string): PeriodBounds {
  return { start: instantAt(epochDayFromIso(period.from), 0, zone), end: instantAt(epochDayFromIso(period.to) + 1, 0, zone) };
}

/** The calendar month before the one `now` falls in, in `zone`. */
export function previousMonth(now: number, zone: string): ReportPeriod {
  const today = new Date(localEpochDay(now, zone) * 86_400_000);
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1; // 1..12, this month
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  // The last day of the previous month is the day before the first of this one.
  return { from: isoFromEpochDay(epochDayOf(y, m, 1)), to: isoFromEpochDay(epochDayOf(year, month, 1) - 1) };
}

/** The ISO 8601 week of a local date ("2026-W10"): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeek(epochDay: number): string {
  const thursday = epochDay - (weekdayOfEpochDay(epochDay) - 1) + 3;
  const year = yearOfEpochDay(thursday);
  const week = Math.floor((thursday - epochDayOf(year, 1, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Every ISO week from the one holding `firstDay` to the one holding `lastDay`, in order. */
export function isoWeeksBetween(firstDay: number, lastDay: number): string[] {
  const weeks: string[] = [];
  const monday = firstDay - (weekdayOfEpochDay(firstDay) - 1);
  for (let day = monday; day <= lastDay; day += 7) weeks.push(isoWeek(day));
  return weeks;
}

/** Whole days from `a` to `b` (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return epochDayFromIso(b) - epochDayFromIso(a);
}
