// Reply compliance for the report: over the waits of one
// customer and severity, waits answered in time out of the waits decided. A
// wait still open and past its due time at the report's `now` counts as
// breached; an open wait not yet due is pending; a cancelled wait (closed as
// not planned or duplicate) is not counted. Reply times are wall-clock time
// from the customer's comment to the answer, by nearest rank (percentile.ts).
import type { Wait } from "../domain/clock/reply.js";
import { median, nearestRank } from "./percentile.js";

export interface ReplyFigures {
  /** Waits counted: answered (in time or late) plus open and overdue. */
  waits: number;
  answeredInTime: number;
  breached: number;
  /** Open, not yet due: not counted. */
  pending: number;
  /** Cancelled: not counted. */
  cancelled: number;
  /** Wall-clock reply time of answered waits. */
  medianMs: number | null;
  p90Ms: number | null;
}

export function replyFigures(waits: readonly Wait[]): ReplyFigures {
  let answeredInTime = 0;
  let breached = 0;
  let pending = 0;
  let cancelled = 0;
  const replyMs: number[] = [];
  for (const w of waits) {
    if (w.cancelled) {
      cancelled++;
      continue;
    }
    if (w.end === null) {
      if (w.breached) breached++;
      else pending++;
      continue;
    }
    replyMs.push(w.end.at - w.start);
    if (w.breached) breached++;
    else answeredInTime++;
  }
  return {
    waits: answeredInTime + breached,
    answeredInTime,
    breached,
    pending,
    cancelled,
    medianMs: median(replyMs),
    p90Ms: nearestRank(replyMs, 90),
  };
}
