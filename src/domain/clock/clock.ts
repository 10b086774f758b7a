// Clock arithmetic on intervals (DESIGN §4). Counted time is the measure of
// [start, t) ∩ clock time − exclusions (pauses and closed periods). Nothing
// here steps minute by minute: a computation visits each working window once
// and each exclusion once, so its cost grows with the days spanned and the
// number of pauses.
import type { WorkingCalendar } from "./calendar.js";

/** A half-open interval [start, end) of UTC milliseconds. */
export type Interval = readonly [number, number];

export interface Clock {
  kind: "24x7" | "business";
  calendar: WorkingCalendar;
}

/** Longest stretch of days searched for working time before giving up (a calendar with no working day left). */
const MAX_DAYS = 366 * 50;

/** Sorted, disjoint, non-empty intervals covering the same instants as the input. */
export function mergeIntervals(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Total length of sorted, disjoint intervals clipped to [from, to). */
export function measureWithin(intervals: readonly Interval[], from: number, to: number): number {
  let total = 0;
  for (const [a, b] of intervals) {
    const lo = Math.max(a, from);
    const hi = Math.min(b, to);
    if (hi > lo) total += hi - lo;
  }
  return total;
}

/**
 * Visits, in time order, the pieces of clock time from `start` on that no
 * exclusion covers. `visit` returns true to stop. `exclusions` must be
 * merged (see mergeIntervals).
 */
function walk(clock: Clock, start: number, exclusions: readonly Interval[], visit: (a: number, b: number) => boolean): void {
  let x = 0;
  const pieces = (a: number, b: number): boolean => {
    let cursor = a;
    while (x < exclusions.length && exclusions[x]![1] <= cursor) x++;
    while (cursor < b) {
      const ex = exclusions[x];
      if (!ex || ex[0] >= b) return visit(cursor, b);
      if (ex[0] > cursor && visit(cursor, ex[0])) return true;
      cursor = ex[1];
      if (ex[1] <= b) x++;
    }
    return false;
  };
  if (clock.kind === "24x7") {
    pieces(start, Number.POSITIVE_INFINITY);
    return;
  }
  const { calendar } = clock;
  const first = calendar.localDay(start);
  for (let day = first; day < first + MAX_DAYS; day++) {
    const window = calendar.day(day);
    if (!window.working || window.close <= start || window.close <= window.open) continue;
    if (pieces(Math.max(window.open, start), window.close)) return;
  }
  throw new Error(`no working time within ${Math.round(MAX_DAYS / 366)} years after ${new Date(start).toISOString()}: check calendar.workingDays and holidays`);
}

/**
 * The earliest instant at which counted time since `start` reaches
 * `amountMs`. A target used up exactly at closing time is due at closing
 * time, not at the next opening.
 */
export function dueAt(clock: Clock, start: number, amountMs: number, exclusions: readonly Interval[]): number {
  if (amountMs <= 0) return start;
  let remaining = amountMs;
  let due = Number.NaN;
  walk(clock, start, exclusions, (a, b) => {
    if (b - a >= remaining) {
      due = a + remaining;
      return true;
    }
    remaining -= b - a;
    return false;
  });
  return due;
}

/** Counted time in [start, end). */
export function countedBetween(clock: Clock, start: number, end: number, exclusions: readonly Interval[]): number {
  if (end <= start) return 0;
  let total = 0;
  walk(clock, start, exclusions, (a, b) => {
    if (a >= end) return true;
    total += Math.min(b, end) - a;
    return b >= end;
  });
  return total;
}
