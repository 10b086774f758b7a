// The due-time workload: random starts across 2026 in Europe/Moscow and
// business durations from 30 minutes to 10 working days. Generated with
// luxon directly, not with the engine's own helpers, so the input does not
// depend on the code under test.
import { DateTime } from "luxon";
import { seededRandom } from "./random.js";

export const ZONE = "Europe/Moscow";
export const HOURS = "09:00-18:00";
const OPEN = 9 * 60;
const CLOSE = 18 * 60;
/** One `d` on a business clock: the standard working day, 9 h (DESIGN §4). */
export const DAY_MINUTES = CLOSE - OPEN;

/**
 * The 2026 non-working weekdays of decree No. 1466 (../shared/calendar-ru.md),
 * given to both sides as plain holidays. Shortened pre-holiday days and
 * working Saturdays cannot be told to moment-business-time, so both sides run
 * the `none` preset with these dates only.
 */
export const HOLIDAYS_2026 = [
  "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
  "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31",
];

/** Durations a contract would write (minutes of business time): 30m, 1h, 2h, 4h, 8h, 1d, 2d, 3d, 5d, 10d. */
const CONTRACT_MINUTES = [30, 60, 120, 240, 480, DAY_MINUTES, 2 * DAY_MINUTES, 3 * DAY_MINUTES, 5 * DAY_MINUTES, 10 * DAY_MINUTES];

export interface DueCase {
  startMs: number;
  minutes: number;
}

export interface DueCases {
  cases: DueCase[];
  /** Starts outside working time (nights, weekends, holidays, or exactly at closing). */
  outside: number;
  /** Starts exactly at 09:00 or 18:00 local. */
  atBoundary: number;
}

export function dueCases(count: number, seed: number): DueCases {
  const random = seededRandom(seed);
  const holidays = new Set(HOLIDAYS_2026);
  const first = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone: ZONE });
  const cases: DueCase[] = [];
  let outside = 0;
  let atBoundary = 0;
  for (let i = 0; i < count; i++) {
    const date = first.plus({ days: random.int(0, 364) });
    // Mostly any second of the day; one in five exactly at opening or closing,
    // where off-by-one mistakes live.
    const kind = random.next();
    const secondOfDay = kind < 0.1 ? OPEN * 60 : kind < 0.2 ? CLOSE * 60 : random.int(0, 86_399);
    if (kind < 0.2) atBoundary++;
    const start = date.set({ hour: Math.floor(secondOfDay / 3600), minute: Math.floor(secondOfDay / 60) % 60, second: secondOfDay % 60 });
    const workingDay = start.weekday <= 5 && !holidays.has(start.toISODate()!);
    const minuteOfDay = secondOfDay / 60;
    if (!workingDay || minuteOfDay < OPEN || minuteOfDay >= CLOSE) outside++;
    const minutes = random.chance(0.5) ? random.pick(CONTRACT_MINUTES) : random.int(30, 10 * DAY_MINUTES);
    cases.push({ startMs: start.toMillis(), minutes });
  }
  return { cases, outside, atBoundary };
}
