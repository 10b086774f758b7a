// Reply compliance for the report: over the waits of one
// customer and severity, waits answered in time out of the waits decided. A
// wait still open and past its due time at the report's `now` counts as
// breached; an open wait not yet due is pending; a cancelled wait (closed as
// not planned or duplicate) is not counted, unless its due time had passed
// before the close: closing cannot erase a breach, as for the contract's
// deadlines. Reply times are wall-clock time from the customer's comment to
// the answer, by nearest rank (percentile.ts).
import type { ReplyDetail, Wait } from "../domain/clock/reply.js";
import type { TargetStatus } from "../domain/clock/targets.js";
import { median, nearestRank } from "./percentile.js";

export interface ReplyFigures {
  /** Waits counted: answered (in time or late) plus open and overdue. */
  waits: number;
  answeredInTime: number;
  breached: number;
  /** Open, not yet due: not counted. */
  pending: number;
  /** Cancelled before their due time: not counted. */
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
      if (w.breached) breached++;
      else cancelled++;
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

/** What the report keeps of an incident's reply target: its waits, not the timeline. */
export interface ReplyRow {
  /** The contract's text, e.g. "4h", and its length on the severity's clock. */
  contract: string;
  amountMs: number;
  waits: Wait[];
  /** The open wait's status at `now` (running, paused or breached); met or cancelled when none is open. */
  status: TargetStatus;
}

export const replyRow = (detail: ReplyDetail): ReplyRow => ({ contract: detail.target, amountMs: detail.amountMs, waits: detail.waits, status: detail.status });

/** One wait's status: met when answered (late ones too, with `breached`), cancelled, or the open wait's. */
export function waitStatus(w: Wait, row: ReplyRow): TargetStatus {
  if (w.end === null) return row.status;
  return w.cancelled ? "cancelled" : "met";
}

/** Wall-clock time from the customer's comment to the answer; null while open or when cancelled. */
export const replyTimeMs = (w: Wait): number | null => (w.end === null || w.cancelled ? null : w.end.at - w.start);
