// Working time (DESIGN §4). For a local date D in the contract's zone:
//   1. D in calendar.workingDates → working with those hours;
//   2. D in calendar.holidays → off;
//   3. the preset knows D → off, working (standard hours) or shortened
//      (standard hours ending one hour earlier);
//   4. otherwise working with `hours` when D's weekday is in workingDays.
// A shortened date whose weekday is not a working day of the contract stays
// off: shortening changes how long a working day is, not whether it is one.
// Days are resolved once per calendar and kept, as UTC windows [open, close).
import type { Config, Weekday } from "../../config/schema.js";
import { WEEKDAYS } from "../../config/schema.js";
import { ruHasDecree, ruPresetDay, type PresetReason } from "./calendar-ru.js";
import { epochDayFromIso, instantAt, localEpochDay, parseHoursRange, weekdayOfEpochDay, yearOfEpochDay, type HoursRange } from "../../units/local-time.js";

export type DayReason =
  | "working-day"
  | "weekend"
  | "configured-working-date"
  | "configured-holiday"
  | PresetReason;

export interface CalendarDay {
  epochDay: number;
  working: boolean;
  /** UTC instant of opening; NaN on a day off. */
  open: number;
  /** UTC instant of closing (exclusive); NaN on a day off. */
  close: number;
  reason: DayReason;
}

export interface WorkingCalendar {
  readonly zone: string;
  /** Length of a standard working day in minutes (one `d` on a business clock). */
  readonly dayMinutes: number;
  day(epochDay: number): CalendarDay;
  localDay(instantMs: number): number;
  /** Years this calendar had to guess (the `ru` preset without decree data). */
  isGuessedYear(year: number): boolean;
}

const hours = (text: string): HoursRange => {
  const parsed = parseHoursRange(text);
  if (parsed.error !== undefined) throw new Error(parsed.error);
  return parsed;
};

export function createCalendar(calendar: Config["calendar"], zone: string): WorkingCalendar {
  const standard = hours(calendar.hours);
  const shortened: HoursRange = { open: standard.open, close: Math.max(standard.open + 1, standard.close - 60) };
  const workingWeekdays = new Set(calendar.workingDays.map((d: Weekday) => WEEKDAYS.indexOf(d) + 1));
  const holidays = new Set(calendar.holidays.map(epochDayFromIso));
  const workingDates = new Map(Object.entries(calendar.workingDates).map(([date, h]) => [epochDayFromIso(date), hours(h)]));
  const usePreset = calendar.preset === "ru";
  const cache = new Map<number, CalendarDay>();

  const make = (epochDay: number, range: HoursRange | null, reason: DayReason): CalendarDay =>
    range
      ? { epochDay, working: true, open: instantAt(epochDay, range.open, zone), close: instantAt(epochDay, range.close, zone), reason }
      : { epochDay, working: false, open: Number.NaN, close: Number.NaN, reason };

  const resolve = (epochDay: number): CalendarDay => {
    const custom = workingDates.get(epochDay);
    if (custom) return make(epochDay, custom, "configured-working-date");
    if (holidays.has(epochDay)) return make(epochDay, null, "configured-holiday");
    const weekdayWorks = workingWeekdays.has(weekdayOfEpochDay(epochDay));
    const preset = usePreset ? ruPresetDay(epochDay) : undefined;
    if (preset) {
      switch (preset.kind) {
        case "off":
          return make(epochDay, null, preset.reason);
        case "working":
          return make(epochDay, standard, preset.reason);
        case "working-shortened":
          return make(epochDay, shortened, preset.reason);
        case "shortened":
          return weekdayWorks ? make(epochDay, shortened, preset.reason) : make(epochDay, null, "weekend");
      }
    }
    return weekdayWorks ? make(epochDay, standard, "working-day") : make(epochDay, null, "weekend");
  };

  return {
    zone,
    dayMinutes: standard.close - standard.open,
    day(epochDay) {
      let day = cache.get(epochDay);
      if (!day) {
        day = resolve(epochDay);
        cache.set(epochDay, day);
      }
      return day;
    },
    localDay: (instantMs) => localEpochDay(instantMs, zone),
    isGuessedYear: (year) => usePreset && !ruHasDecree(year),
  };
}

const calendars = new WeakMap<Config, WorkingCalendar>();

/** The calendar of a parsed configuration, built once per configuration object. */
export function calendarOf(config: Config): WorkingCalendar {
  let calendar = calendars.get(config);
  if (!calendar) {
    calendar = createCalendar(config.calendar, config.timezone);
    calendars.set(config, calendar);
  }
  return calendar;
}

export { yearOfEpochDay };
