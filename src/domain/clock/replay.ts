// The timeline replayed once (DESIGN §4): pauses (P7), closed periods, and
// the milestones a target can be met by. Pure: events in, periods out.
import type { Config } from "../../config/schema.js";
import type { Actor, CloseReason, IncidentEvent } from "./timeline.js";

export interface Pause {
  start: number;
  /** null while the pause is running at `now`. */
  end: number | null;
  startedBy: string;
  endedBy: string | null;
  endReason: "label-removed" | "customer-comment" | "closed" | null;
}

export interface ClosedPeriod {
  start: number;
  end: number | null;
  reason: CloseReason;
  closedBy: string;
  reopenedBy: string | null;
}

/**
 * An event a target can be met by: a label added by a trusted actor, or a
 * close (by anyone). Which milestones meet which target is the target's rule
 * (targets.ts).
 */
export type Milestone =
  | { how: "label"; at: number; by: string; label: string }
  | { how: "closed"; at: number; by: string; reason: CloseReason };

export interface Replay {
  pauses: Pause[];
  closedPeriods: ClosedPeriod[];
  /** Waiting labels added by the customer side, which start nothing (P7). */
  ignoredPauses: { at: number; by: string }[];
  /** The pause running at the last event, if any. */
  openPause: Pause | null;
  /** The closed period running at the last event, if any. */
  openClosed: ClosedPeriod | null;
  /** In timeline order. */
  milestones: Milestone[];
}

const EMPTY: Replay = { pauses: [], closedPeriods: [], ignoredPauses: [], openPause: null, openClosed: null, milestones: [] };

/** Replays the normalised events (in time order) once. */
export function replayTimeline(events: readonly IncidentEvent[], labels: Config["labels"], isTrusted: (a: Actor) => boolean): Replay {
  return continueReplay(EMPTY, events, labels, isTrusted);
}

/**
 * The replay of `from`'s events followed by `events` (in time order, none
 * before `from`'s last), without replaying `from`'s again: the planner's own
 * changes at `now` go on from the incident's replay. `from` is left as it was.
 */
export function continueReplay(from: Replay, events: readonly IncidentEvent[], labels: Config["labels"], isTrusted: (a: Actor) => boolean): Replay {
  const waiting = labels.waiting.toLowerCase();
  // The open pause and closed period are the last of their lists and the only ones that still change: copied.
  let pause: Pause | null = from.openPause && { ...from.openPause };
  let closed: ClosedPeriod | null = from.openClosed && { ...from.openClosed };
  const pauses: Pause[] = pause ? [...from.pauses.slice(0, -1), pause] : [...from.pauses];
  const closedPeriods: ClosedPeriod[] = closed ? [...from.closedPeriods.slice(0, -1), closed] : [...from.closedPeriods];
  const ignoredPauses = [...from.ignoredPauses];
  const milestones = [...from.milestones];
  const endPause = (at: number, by: Actor, reason: NonNullable<Pause["endReason"]>) => {
    if (!pause) return;
    pause.end = at;
    pause.endedBy = by.display;
    pause.endReason = reason;
    pause = null;
  };

  for (const e of events) {
    switch (e.kind) {
      case "labeled": {
        const trustedActor = isTrusted(e.actor);
        if (e.label.toLowerCase() === waiting) {
          if (!trustedActor) ignoredPauses.push({ at: e.at, by: e.actor.display });
          else if (!pause) {
            pause = { start: e.at, end: null, startedBy: e.actor.display, endedBy: null, endReason: null };
            pauses.push(pause);
          }
        }
        if (trustedActor) milestones.push({ how: "label", at: e.at, by: e.actor.display, label: e.label });
        break;
      }
      case "unlabeled":
        if (e.label.toLowerCase() === waiting) endPause(e.at, e.actor, "label-removed");
        break;
      case "commented":
        if (!isTrusted(e.actor)) endPause(e.at, e.actor, "customer-comment");
        break;
      case "closed":
        endPause(e.at, e.actor, "closed");
        if (closed) closed.reason = e.reason;
        else {
          closed = { start: e.at, end: null, reason: e.reason, closedBy: e.actor.display, reopenedBy: null };
          closedPeriods.push(closed);
        }
        milestones.push({ how: "closed", at: e.at, by: e.actor.display, reason: e.reason });
        break;
      case "reopened":
        if (closed) {
          closed.end = e.at;
          closed.reopenedBy = e.actor.display;
          closed = null;
        }
        break;
    }
  }
  return { pauses, closedPeriods, ignoredPauses, openPause: pause, openClosed: closed, milestones };
}
