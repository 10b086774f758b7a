// Durations in the reader's words: "30 мин", "4 ч", "10 рабочих дней" / "30 min",
// "4 h", "10 working days". The one duration formatter of the texts a person
// reads on GitHub; a language is one entry of DURATION_WORDS. A day is the
// clock's day: 24 hours on a 24x7 clock and wall time, one working day on a
// business clock (its length is said where a target counts in days).
import { parseDuration } from "../units/durations.js";
import type { Language } from "./texts.js";

/** How long one day of the clock is, and whether it is a working day. */
export interface DayUnit {
  minutes: number;
  working: boolean;
}

/** The 24-hour day of wall time and of a 24x7 clock. */
export const WALL_DAY: DayUnit = { minutes: 1440, working: false };

interface DurationWords {
  days: (n: number, working: boolean) => string;
  hours: (n: number) => string;
  minutes: (n: number) => string;
  /** What a working day is, after a target counted in working days. */
  dayLength: (hours: string) => string;
}

/** Russian plural: 1 день, 2 дня, 5 дней (21 день, 11 дней, 22 дня). */
function ruPlural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (units === 1 && tens !== 11) return one;
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return few;
  return many;
}

const DURATION_WORDS: Record<Language, DurationWords> = {
  en: {
    days: (n, working) => `${n} ${working ? "working " : ""}${n === 1 ? "day" : "days"}`,
    hours: (n) => `${n} h`,
    minutes: (n) => `${n} min`,
    dayLength: (hours) => `(${hours} each)`,
  },
  ru: {
    days: (n, working) =>
      `${n} ${working ? ruPlural(n, "рабочий день", "рабочих дня", "рабочих дней") : ruPlural(n, "день", "дня", "дней")}`,
    hours: (n) => `${n} ч`,
    minutes: (n) => `${n} мин`,
    dayLength: (hours) => `(по ${hours})`,
  },
};

function parts(days: number, minutes: number, lang: Language, working: boolean): string {
  const w = DURATION_WORDS[lang];
  const out: string[] = [];
  if (days > 0) out.push(w.days(days, working));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h > 0) out.push(w.hours(h));
  if (m > 0 || out.length === 0) out.push(w.minutes(m));
  return out.join(" ");
}

/**
 * A span of clock time in words, rounded to whole minutes: whole days of `day`
 * first (none without `day`), then hours and minutes ("9 рабочих дней 1 ч").
 */
export function durationWords(totalMinutes: number, lang: Language, day?: DayUnit): string {
  let rest = Math.max(0, Math.round(totalMinutes));
  let days = 0;
  if (day && rest >= day.minutes) {
    days = Math.floor(rest / day.minutes);
    rest %= day.minutes;
  }
  return parts(days, rest, lang, day?.working ?? false);
}

/**
 * A contract target ("30m", "4h", "10d", "1d4h") in words, its days as the
 * contract wrote them; on a business clock a target in days says how long a
 * working day is ("10 рабочих дней (по 9 ч)"). Text that is no duration is shown as written.
 */
export function targetWords(target: string, lang: Language, day: DayUnit): string {
  const parsed = parseDuration(target);
  if ("error" in parsed) return target;
  const text = parts(parsed.days, parsed.minutes, lang, day.working);
  if (parsed.days === 0 || !day.working) return text;
  return `${text} ${DURATION_WORDS[lang].dayLength(durationWords(day.minutes, lang))}`;
}

/** Whether a contract target counts whole days ("10d", "1d4h"), which a business clock reads as working days. */
export function targetHasDays(target: string): boolean {
  const parsed = parseDuration(target);
  return !("error" in parsed) && parsed.days > 0;
}
