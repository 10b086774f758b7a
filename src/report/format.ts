// How the report writes dates, times, durations and shares in its language.
// Dates are the language's usual numeric form (en 2026-03-10, ru 10.03.2026);
// local times are in the contract's zone, which each customer's section
// names once. Pure: luxon with an explicit zone, never the host's.
import { DateTime } from "luxon";
import { WALL_DAY, durationWords } from "../domain/duration-words.js";
import type { Language } from "../domain/render-explanation.js";

export type { Language };

const MINUTE = 60_000;

/** A YYYY-MM-DD date in the language's form. */
export function formatDate(iso: string, language: Language): string {
  return language === "ru" ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : iso;
}

/** An instant's local date and time in `zone` ("2026-03-10 16:00" / "10.03.2026 16:00"). */
export function formatLocalDateTime(ms: number, zone: string, language: Language): string {
  const dt = DateTime.fromMillis(ms, { zone });
  return `${formatDate(dt.toFormat("yyyy-MM-dd"), language)} ${dt.toFormat("HH:mm")}`;
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
  return language === "ru" ? `${text.replace(".", ",")} %` : `${text}%`;
}

/** The percentage as a number with one decimal (charts, CSV, JSON). */
export const percentValue = (share: number | null): number | null => (share === null ? null : Math.round(share * 1000) / 10);
