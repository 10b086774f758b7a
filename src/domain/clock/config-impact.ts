// What a configuration change does to one open incident (README, "The check on pull requests"): the incident evaluated with the
// configuration before and after, at the same `now`, and every difference in
// severity, coverage (P1), due times and states of its targets (P9), and its
// one-word status. Pure: no I/O, `now` is a parameter.
import type { Config, TargetName } from "../../config/schema.js";
import { TARGET_NAMES } from "../../config/schema.js";
import { type Coverage, type Explanation, explainIncident } from "./evaluate.js";
import { type IncidentStatus, incidentStatus } from "./incident-status.js";
import type { TargetStatus } from "./targets.js";

export type ImpactChange =
  | { kind: "severity"; before: number; after: number }
  | { kind: "coverage"; before: Coverage; after: Coverage }
  | { kind: "status"; before: IncidentStatus; after: IncidentStatus }
  /** A due time (ms), each side in its own contract's zone; null: the target is not set on that side. */
  | { kind: "due"; target: TargetName; before: number | null; after: number | null; beforeZone: string; afterZone: string }
  | { kind: "targetStatus"; target: TargetName; before: TargetStatus | null; after: TargetStatus | null };

export interface ImpactInput {
  before: Config;
  after: Config;
  issue: unknown;
  timeline: unknown;
  now: number;
  bot: string;
  /** Organisation members (trusted when a side's `team.orgMembersAreEngineers` is on). */
  members: readonly string[];
}

function explain(config: Config, input: ImpactInput): Explanation {
  const engineers = config.team.orgMembersAreEngineers ? input.members : [];
  return explainIncident({ config, issue: input.issue, timeline: input.timeline, now: input.now, bot: input.bot, engineers });
}

/** The differences, in a fixed order: severity, coverage, each target's due time and state, status. Empty: nothing moves. */
export function incidentImpact(input: ImpactInput): ImpactChange[] {
  const before = explain(input.before, input);
  const after = explain(input.after, input);
  const changes: ImpactChange[] = [];
  if (before.severity.level !== after.severity.level) changes.push({ kind: "severity", before: before.severity.level, after: after.severity.level });
  if (before.evaluation.coverage !== after.evaluation.coverage) changes.push({ kind: "coverage", before: before.evaluation.coverage, after: after.evaluation.coverage });
  for (const target of TARGET_NAMES) {
    const b = before.targets.find((t) => t.name === target);
    const a = after.targets.find((t) => t.name === target);
    if ((b?.due ?? null) !== (a?.due ?? null)) {
      changes.push({ kind: "due", target, before: b?.due ?? null, after: a?.due ?? null, beforeZone: input.before.timezone, afterZone: input.after.timezone });
    }
    if ((b?.status ?? null) !== (a?.status ?? null)) changes.push({ kind: "targetStatus", target, before: b?.status ?? null, after: a?.status ?? null });
  }
  const statusBefore = incidentStatus(before);
  const statusAfter = incidentStatus(after);
  if (statusBefore !== statusAfter) changes.push({ kind: "status", before: statusBefore, after: statusAfter });
  return changes;
}
