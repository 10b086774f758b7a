// What the simulated hour owes, worked out apart from the wake-up schedule:
// every open incident is read once at the hour's start and evaluated at its
// start and end (no person touches an issue during the hour, so only the
// clock moves). Each reminder threshold a running target crosses within the
// hour, and each breach, is then pinned to its instant by bisection on the
// evaluation (counted share of a target and its breach only grow with time
// while nothing happens), to the millisecond. The comment the planner owes at
// that instant carries the marker key reminderKey/breachKey names.
import { type RepoToSweep } from "../../src/app/sweep-runner.js";
import type { Config } from "../../src/config/schema.js";
import { type EvaluateInput, type Explanation, explainIncident } from "../../src/domain/clock/evaluate.js";
import { breachKey, reminderKey } from "../../src/domain/plans/plan-reminders.js";
import { loadRepoConfig } from "../../src/github/load-config.js";
import type { OrgMembersCache } from "../../src/github/org-members.js";
import { readOpenIncidents } from "../../src/github/read-open-incidents.js";
import type { Octokit } from "../../src/github/types.js";

export interface Owed {
  /** Repository name, without the owner. */
  repo: string;
  number: number;
  /** The marker key of the comment owed. */
  key: string;
  kind: "reminder" | "breach";
  /** The first instant at which the planner owes it. */
  at: number;
}

export interface HourOwed {
  owed: Owed[];
  incidents: number;
  /** Incidents with a target running at the hour's start. */
  running: number;
  /** Incidents with a reply target (not checked here: the seed configures none). */
  withReply: number;
  /** Evaluations the bisections took. */
  evaluations: number;
}

/** The least instant in (lo, hi] where `test` holds, given it fails at lo and holds at hi and stays so. */
function firstInstant(lo: number, hi: number, test: (at: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (test(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

export async function owedWithin(
  octokit: Octokit,
  repos: RepoToSweep[],
  members: OrgMembersCache,
  bot: string,
  from: number,
  to: number,
): Promise<HourOwed> {
  const result: HourOwed = { owed: [], incidents: 0, running: 0, withReply: 0, evaluations: 0 };
  for (const ref of repos) {
    const loaded = await loadRepoConfig(octokit, ref);
    if (loaded.kind !== "valid") continue;
    const config: Config = loaded.config;
    const engineers = config.team.orgMembersAreEngineers && ref.ownerType === "Organization" ? await members.members(octokit, undefined, ref.owner) : [];
    for await (const incident of readOpenIncidents(octokit.graphql, ref, bot, { requests: 0, extraPages: 0 })) {
      const input: Omit<EvaluateInput, "now"> = { config, issue: incident.issue, timeline: incident.timeline, bot, engineers };
      const explain = (at: number): Explanation => {
        result.evaluations++;
        return explainIncident({ ...input, now: at });
      };
      const x0 = explain(from);
      result.incidents++;
      if (x0.reply) result.withReply++;
      if (x0.issue.state !== "open" || x0.evaluation.coverage !== "active") continue;
      if (!x0.targets.some((t) => t.status === "running")) continue;
      result.running++;
      const x1 = explain(to);
      if (x1.evaluation.coverage !== "active") continue;
      const severity = x0.severity.level;
      const number = incident.issue.number as number;
      for (const t0 of x0.targets) {
        const t1 = x1.targets.find((t) => t.name === t0.name);
        if (!t1 || t0.status !== "running") continue;
        const target = (x: Explanation) => x.targets.find((t) => t.name === t0.name)!;
        for (const share of config.reminders.thresholds) {
          if (t0.usedMs / t0.amountMs >= share || t1.usedMs / t1.amountMs < share) continue;
          const at = firstInstant(from, to, (now) => {
            const t = target(explain(now));
            return t.usedMs / t.amountMs >= share;
          });
          result.owed.push({ repo: ref.repo, number, key: reminderKey(t0.name, share, severity), kind: "reminder", at });
        }
        if (t1.status === "breached") {
          const at = firstInstant(from, to, (now) => target(explain(now)).status === "breached");
          result.owed.push({ repo: ref.repo, number, key: breachKey(t0.name, severity), kind: "breach", at });
        }
      }
    }
  }
  return result;
}
