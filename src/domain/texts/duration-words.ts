// Durations in the reader's words: "30 мин", "4 ч", "10 рабочих дней" / "30 min",
// "4 h", "10 working days". The one duration formatter of the texts a person
// reads; the units are the language's words (src/words, `durations`). A day is the
// clock's day: 24 hours on a 24x7 clock and wall time, one working day on a
// business clock (its length is said where a target counts in days).
import { parseDuration } from "../../units/durations.js";
import { type Language, wordsFor } from "../../words/index.js";

/** How long one day of the clock is, and whether it is a working day. */
export interface DayUnit {
  minutes: number;
  working: boolean;
}

/** The 24-hour day of wall time and of a 24x7 clock. */
export const WALL_DAY: DayUnit = { minutes: 1440, working: false };

function parts(days: number, minutes: number, lang: Language, working: boolean): string {
  const w = wordsFor(lang).durations;
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
  return `${text} ${wordsFor(lang).durations.dayLength(durationWords(day.minutes, lang))}`;
}

/** Whether a contract target counts whole days ("10d", "1d4h"), which a business clock reads as working days. */
export function targetHasDays(target: string): boolean {
  const parsed = parseDuration(target);
  return !("error" in parsed) && parsed.days > 0;
}
