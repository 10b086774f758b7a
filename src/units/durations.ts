// Contract durations: `30m`, `4h`, `2d`, or combinations such as `1d4h30m`.
// `m` and `h` are minutes and hours of the severity's clock; `d` is resolved
// by the clock (24 h on a 24x7 clock, one standard working day on a business
// clock), so a parsed duration keeps days apart from minutes.

export interface Duration {
  days: number;
  minutes: number;
}

const PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

export function parseDuration(text: string): Duration | { error: string } {
  const m = PATTERN.exec(text);
  const hint = `expected a duration such as 30m, 4h, 2d or 1d4h, got ${JSON.stringify(text)}`;
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return { error: hint };
  const days = Number(m[1] ?? 0);
  const minutes = Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  if (days === 0 && minutes === 0) return { error: `a target must be longer than zero, got ${JSON.stringify(text)}` };
  if (days > 3650) return { error: `a target longer than ten years is surely a typo, got ${JSON.stringify(text)}` };
  return { days, minutes };
}

/** Milliseconds of clock time, given how long one `d` is on that clock. */
export function durationMs(duration: Duration, dayMs: number): number {
  return duration.days * dayMs + duration.minutes * 60_000;
}
