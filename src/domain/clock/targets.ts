// The targets as data (DESIGN §4 "meeting a target", P9): each kind of target
// is one entry of TARGETS, saying when it starts, which milestones of the
// replayed timeline meet it, and whether it repeats. A new kind is a key of
// the severity schema plus its entry here.
import type { Config, TargetName } from "../../config/schema.js";
import { type Clock, type Interval, countedBetween, dueAt } from "./clock.js";
import type { ClosedPeriod, Milestone, Pause } from "./replay.js";

export type TargetStatus = "running" | "paused" | "met" | "breached" | "cancelled";

export interface TargetResult {
  status: TargetStatus;
  dueAt: string;
  metAt: string | null;
  breached: boolean;
}

export interface TargetDetail extends TargetResult {
  name: TargetName;
  /** The contract's text, e.g. "4h". */
  target: string;
  amountMs: number;
  due: number;
  met: { at: number; by: string; how: "label" | "closed"; label?: string } | null;
  /** Counted time used at `now` (or when met). */
  usedMs: number;
  /** Counted time from its start to `now` (or to when it was met), not capped at the target. */
  countedMs: number;
  /** Counted time left before the due time (0 when none is left). */
  leftMs: number;
  /** Wall-clock time past the due time: at `now` for an unmet target, at `metAt` for a met one. */
  overdueMs: number;
}

/** What a target's start rule can see. */
interface StartContext {
  /** The incident's start (DESIGN §4, P11). */
  t0: number;
}

interface TargetKind {
  /** The instant its clock starts counting from. */
  startsAt(context: StartContext): number;
  /** Whether this milestone meets it; the first milestone that does is when it was met (met is final). */
  metBy(milestone: Milestone, labels: Config["labels"]): boolean;
  /**
   * Whether it starts again once met. Only `false` is evaluated today; the
   * type says so, so that a repeating kind cannot be added without teaching
   * the evaluation to repeat.
   */
  repeats: false;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const fromT0 = ({ t0 }: StartContext) => t0;

/** The contract's three targets (P9), in the schema's order of TARGET_NAMES. */
export const TARGETS: { readonly [name in TargetName]: TargetKind } = {
  // Any state label added by a trusted actor, or the first close (for any reason).
  accept: {
    startsAt: fromT0,
    metBy: (m, labels) =>
      m.how === "closed" ||
      same(m.label, labels.accepted) ||
      same(m.label, labels.waiting) ||
      same(m.label, labels.workaround) ||
      same(m.label, labels.resolved),
    repeats: false,
  },
  // workaround or resolved added by a trusted actor, or a close as completed.
  workaround: {
    startsAt: fromT0,
    metBy: (m, labels) => (m.how === "closed" ? m.reason === "completed" : same(m.label, labels.workaround) || same(m.label, labels.resolved)),
    repeats: false,
  },
  // resolved added by a trusted actor, or a close as completed (by anyone).
  resolve: {
    startsAt: fromT0,
    metBy: (m, labels) => (m.how === "closed" ? m.reason === "completed" : same(m.label, labels.resolved)),
    repeats: false,
  },
};

/** The first milestone that meets the kind, as the explanation shows it. */
export function metOf(kind: TargetKind, milestones: readonly Milestone[], labels: Config["labels"]): TargetDetail["met"] {
  for (const m of milestones) {
    if (!kind.metBy(m, labels)) continue;
    return m.how === "label" ? { at: m.at, by: m.by, how: "label", label: m.label } : { at: m.at, by: m.by, how: "closed" };
  }
  return null;
}

/** Everything one target's result depends on besides its own rule. */
interface TargetInput {
  name: TargetName;
  /** The contract's text, e.g. "4h", and its length on this clock. */
  text: string;
  amountMs: number;
  start: number;
  met: TargetDetail["met"];
  clock: Clock;
  now: number;
  /** Pauses and closed periods up to a horizon ("nothing pauses after it"). */
  exclusionsUntil: (horizon: number) => Interval[];
  /** exclusionsUntil(now), computed once for all unmet targets. */
  nowExclusions: Interval[];
  openPause: Pause | null;
  openClosed: ClosedPeriod | null;
}

/** One target's due time, status and counted time (DESIGN §4 "due time", "breach", "status"). */
export function targetResult(input: TargetInput): TargetDetail {
  const { name, text, amountMs, start, met, clock, now, openPause, openClosed } = input;
  const horizon = met ? met.at : now;
  const exclusions = met ? input.exclusionsUntil(horizon) : input.nowExclusions;
  const due = dueAt(clock, start, amountMs, exclusions);
  const countedMs = countedBetween(clock, start, horizon, exclusions);
  const usedMs = Math.min(amountMs, countedMs);
  const breached = horizon > due;
  let status: TargetStatus;
  if (met) status = "met";
  else if (openClosed && openClosed.reason !== "completed") status = "cancelled";
  else if (breached) status = "breached";
  else if (openPause || openClosed) status = "paused";
  else status = "running";
  return {
    name,
    target: text,
    amountMs,
    status,
    due,
    dueAt: new Date(due).toISOString(),
    met,
    metAt: met ? new Date(met.at).toISOString() : null,
    breached,
    usedMs,
    countedMs,
    leftMs: Math.max(0, amountMs - usedMs),
    overdueMs: Math.max(0, horizon - due),
  };
}
