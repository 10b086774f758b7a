// `now` as given on the command line or in an input line. An ISO 8601 time
// with an offset is an instant; one without an offset (or `YYYY-MM-DD HH:MM`)
// is read in the contract's zone, never in the host's.
import { parseLocalOrIso } from "../units/local-time.js";
import type { CliWords } from "./cli-language.js";

/** `shownZone` is the zone the error names, null when it says UTC (the report from GitHub, whose contracts differ). */
export function parseNow(value: unknown, zone: string, words: CliWords, shownZone: string | null = zone): number | { error: string } {
  const ms = typeof value === "string" ? parseLocalOrIso(value, zone) : null;
  if (ms !== null) return ms;
  return { error: words.nowExpected(shownZone, JSON.stringify(value)) };
}
