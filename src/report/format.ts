// How the report writes dates, times, durations and shares in its language.
// Dates are the language's usual numeric form (en 2026-03-10, ru 10.03.2026,
// from the words' `dates`); local times are in the contract's zone, which each
// customer's section names once. Pure: the one local-time and duration
// formatters, never the host's zone.
import { WALL_DAY, durationWords } from "../domain/texts/duration-words.js";
import { formatLocal } from "../units/local-time.js";
import { type Language, wordsFor } from "../words/index.js";

export type { Language } from "../words/index.js";

const MINUTE = 60_000;

/** A YYYY-MM-DD date in the language's form. */
export function formatDate(iso: string, language: Language): string {
  return wordsFor(language).dates.date(iso);
}

/** An instant's local date and time in `zone` ("2026-03-10 16:00" / "10.03.2026 16:00"). */
export function formatLocalDateTime(ms: number, zone: string, language: Language): string {
  return formatLocal(ms, zone, { offset: "none", date: wordsFor(language).dates.date });
}

/**
 * A span in whole minutes (rounded down), "1 day 4 h 30 min" / "1 день 4 ч 30 мин".
 * `days`: count 24-hour days (wall-clock and 24x7 time); business time is
 * shown in hours so that a "d" is never mistaken for 24 hours.
 */
export function formatDuration(ms: number, language: Language, days: boolean): string {
  if (ms > 0 && ms < MINUTE) return `< ${durationWords(1, language)}`;
  return durationWords(Math.floor(ms / MINUTE), language, days ? WALL_DAY : undefined);
}

/** A share as a percentage with one decimal ("85.7%" / "85,7 %"); "—" when there is none. */
export function formatPercent(share: number | null, language: Language): string {
  if (share === null) return "—";
  const text = (Math.round(share * 1000) / 10).toFixed(1);
  return wordsFor(language).percent(text);
}

/** The percentage as a number with one decimal (charts, CSV, JSON). */
export const percentValue = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);
