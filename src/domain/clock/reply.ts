// The reply target (README, How the clock works): the first target that
// repeats. Each comment by the customer side opens a *wait* when none is
// open; the first later comment by a trusted person answers it (the app's own
// comments never do, nor do label changes); a close ends it: answered at the
// close when completed, cancelled when not planned or a duplicate. A comment
// while the issue is closed opens nothing (nothing counts while closed). The
// issue's opening is not a comment: acceptance covers it. Counted time is the
// severity's clock minus pauses and closed periods, as for the other targets.
import { type Clock, type Interval, countedBetween, dueAt } from "./clock.js";
import type { Pause } from "./replay.js";
import type { TargetStatus } from "./targets.js";
import type { Actor, IncidentEvent } from "./timeline.js";

/** One customer comment (or a chain of them) waiting for support's answer. */
export interface Wait {
  /** The customer comment that opened it. */
  start: number;
  openedBy: string;
  /** How it ended: a trusted person's comment, or a close; null while open at `now`. */
  end: { at: number; by: string; how: "comment" | "closed" } | null;
  /** Ended by a close as not planned or duplicate. */
  cancelled: boolean;
  due: number;
  /** Counted time from its start to its end (or `now`), not capped. */
  countedMs: number;
  usedMs: number;
  leftMs: number;
  /** Wall-clock time past the due time, at its end (or `now`). */
  overdueMs: number;
  /** Answered after its due time, open past it, or cancelled after it (closing cannot erase a breach). */
  breached: boolean;
}

/** targets.reply of the evaluation contract (DESIGN §5 as extended by README). */
export interface ReplyResult {
  status: TargetStatus;
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  /** Waits opened so far. */
  waits: number;
  /** Waits breached: answered late, cancelled late, or open and overdue. */
  breaches: number;
}

export interface ReplyDetail {
  name: "reply";
  /** The contract's text, e.g. "4h", and its length on this clock. */
  target: string;
  amountMs: number;
  status: TargetStatus;
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  waitCount: number;
  breaches: number;
  /** Every wait, in time order. */
  waits: Wait[];
  /** The wait open at `now`, if any (the last of `waits`). */
  open: Wait | null;
}

export interface ReplyInput {
  text: string;
  amountMs: number;
  /** Normalised events up to `now`, in time order. */
  events: readonly IncidentEvent[];
  isTrusted: (a: Actor) => boolean;
  /** The app's own bot: trusted, but its comments answer nothing. */
  isApp: (a: Actor) => boolean;
  clock: Clock;
  now: number;
  exclusionsUntil: (horizon: number) => Interval[];
  nowExclusions: Interval[];
  openPause: Pause | null;
}

interface Span {
  start: number;
  openedBy: string;
  end: Wait["end"];
  cancelled: boolean;
}

/** The waits of a timeline, before any clock arithmetic. */
function waitSpans(events: readonly IncidentEvent[], isTrusted: (a: Actor) => boolean, isApp: (a: Actor) => boolean): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  let closed = false;
  for (const e of events) {
    if (e.kind === "commented") {
      if (isApp(e.actor)) continue;
      if (!isTrusted(e.actor)) {
        if (!open && !closed) {
          open = { start: e.at, openedBy: e.actor.display, end: null, cancelled: false };
          spans.push(open);
        }
      } else if (open) {
        open.end = { at: e.at, by: e.actor.display, how: "comment" };
        open = null;
      }
    } else if (e.kind === "closed") {
      closed = true;
      if (open) {
        open.end = { at: e.at, by: e.actor.display, how: "closed" };
        open.cancelled = e.reason !== "completed";
        open = null;
      }
    } else if (e.kind === "reopened") closed = false;
  }
  return spans;
}

/** A customer's open wait past its due time: the managers' "breached" (README, Managers' views). */
export const waitOverdue = (reply: ReplyDetail | null): boolean => reply?.open?.breached === true;

/** A running open wait that has used `share` of its time: the managers' "at risk". */
export const waitAtRisk = (reply: ReplyDetail | null, share: number): boolean =>
  reply !== null && reply.open !== null && reply.status === "running" && reply.open.usedMs >= share * reply.amountMs;

export function replyResult(input: ReplyInput): ReplyDetail {
  const { amountMs, clock, now } = input;
  const waits: Wait[] = waitSpans(input.events, input.isTrusted, input.isApp).map((span) => {
    const horizon = span.end ? span.end.at : now;
    const exclusions = span.end ? input.exclusionsUntil(horizon) : input.nowExclusions;
    const due = dueAt(clock, span.start, amountMs, exclusions);
    const countedMs = countedBetween(clock, span.start, horizon, exclusions);
    const usedMs = Math.min(amountMs, countedMs);
    return {
      ...span,
      due,
      countedMs,
      usedMs,
      leftMs: Math.max(0, amountMs - usedMs),
      overdueMs: Math.max(0, horizon - due),
      breached: horizon > due,
    };
  });
  const last = waits.at(-1) ?? null;
  const open = last && last.end === null ? last : null;
  let status: TargetStatus;
  if (open) status = open.breached ? "breached" : input.openPause ? "paused" : "running";
  else status = last?.cancelled ? "cancelled" : "met";
  const breaches = waits.filter((w) => w.breached).length;
  return {
    name: "reply",
    target: input.text,
    amountMs,
    status,
    dueAt: last ? new Date(last.due).toISOString() : null,
    metAt: last?.end && !last.cancelled ? new Date(last.end.at).toISOString() : null,
    breached: breaches > 0,
    waitCount: waits.length,
    breaches,
    waits,
    open,
  };
}
