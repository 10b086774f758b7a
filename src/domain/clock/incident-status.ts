// One word for where an open incident stands, for managers' overviews (the
// sweep's metrics; later the board and issue fields). Derived from the
// explanation only, in a fixed order of urgency.
import type { Explanation, TargetDetail } from "./evaluate.js";
import { waitAtRisk, waitOverdue } from "./reply.js";

export const INCIDENT_STATUSES = ["breached", "at-risk", "paused", "running", "met", "not-covered"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * - `not-covered`: outside the support period, no clock runs (P1);
 * - `breached`: a deadline was missed (met late, overdue, or breached before a cancelling close);
 * - `paused`: support waits for the customer (P7);
 * - `at-risk`: a running target has used `reminders.atRiskShare` of its time;
 * - `running`: a target is still to be met;
 * - `met`: nothing is owed any more.
 */
export function incidentStatus(x: Explanation): IncidentStatus {
  if (x.evaluation.coverage !== "active") return "not-covered";
  // A customer's open wait for a reply (src/domain/clock/reply.ts) counts like a target: overdue is breached.
  if (x.targets.some((t) => t.breached) || waitOverdue(x.reply)) return "breached";
  if (x.evaluation.paused) return "paused";
  const share = x.config.reminders.atRiskShare;
  if (x.targets.some((t) => t.status === "running" && t.usedMs >= share * t.amountMs)) return "at-risk";
  if (waitAtRisk(x.reply, share)) return "at-risk";
  if (x.targets.some((t) => t.status === "running" || t.status === "paused") || x.reply?.open) return "running";
  return "met";
}

/** The earliest target still owed (not met, not cancelled, or the customer's open wait), for boards and issue fields. */
export interface NextDue {
  target: TargetDetail["name"] | "reply";
  /** Its due time (ms); in the past when it is overdue. */
  due: number;
  overdue: boolean;
}

/**
 * The next deadline of an open incident: the earliest due time among its
 * unmet targets and the customer's open wait for a reply (an overdue one
 * counts, it is still owed). Null outside coverage or when nothing is owed
 * any more.
 */
export function nextDue(x: Explanation): NextDue | null {
  if (x.evaluation.coverage !== "active") return null;
  let next: NextDue | null = null;
  for (const t of x.targets) {
    if (t.met !== null || t.status === "met" || t.status === "cancelled") continue;
    if (next === null || t.due < next.due) next = { target: t.name, due: t.due, overdue: t.due <= x.now };
  }
  const wait = x.reply?.open;
  if (wait && (next === null || wait.due < next.due)) next = { target: "reply", due: wait.due, overdue: wait.due <= x.now };
  return next;
}
