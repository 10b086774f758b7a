// `now` as given on the command line or in an input line. An ISO 8601 time
// with an offset is an instant; one without an offset (or `YYYY-MM-DD HH:MM`)
// is read in the contract's zone, never in the host's.
import { parseLocalOrIso } from "../units/local-time.js";

export function parseNow(value: unknown, zone: string): number | { error: string } {
  const ms = typeof value === "string" ? parseLocalOrIso(value, zone) : null;
  if (ms !== null) return ms;
  return {
    error: `expected an ISO 8601 time such as "2026-03-02T09:00:00Z" (without an offset it is read in the contract's zone, ${zone}), got ${JSON.stringify(value)}`,
  };
}
