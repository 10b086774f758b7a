// What a sweep, a reconciliation and the wake-ups are given: the clock, the
// app's login, caches, the log and the hooks, and per installation its clients
// and write budget. In a file of its own so that the sweep's steps
// (sweep.ts, issue-fields-step.ts) can share them without importing each other.
import type { Explanation } from "../domain/clock/evaluate.js";
import type { Write } from "../github/apply-plan.js";
import type { LabelCache } from "../github/labels.js";
import type { OrgMembersCache } from "../github/org-members.js";
import type { AppComment } from "../github/read-incident.js";
import type { IssueRef, Octokit } from "../github/types.js";
import type { WriteBudget } from "../github/write-budget.js";

export interface SweepDeps {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  botLogin: string;
  labels: LabelCache;
  members: OrgMembersCache;
  /** Print the plan, write nothing. */
  dryRun?: boolean;
  /** The longest rate-limit wait worth waiting within a sweep. */
  maxRateLimitWaitMs?: number;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Told of every rate-limit wait the sweep waits out (metrics). */
  onRateLimitWait?: (ms: number) => void;
  /** Read only the issues updated since this instant (a reconciliation, app/reconcile.ts). */
  changedSince?: number;
  /** Told of every incident decided (the wake-ups take its next instant; app/wake-ups.ts). */
  onDecided?: (decided: Decided) => void;
  /** Receives each incident's pending writes (dry runs print them). */
  onPlan?: (ref: IssueRef, writes: Write[], urgency: number) => void;
}

/** One incident decided, by whatever read it (webhook, wake-up, sweep): its next instant and board row come from this. */
export interface Decided {
  installationId: number | string;
  ref: IssueRef;
  explanation: Explanation;
  appComments: ReadonlyMap<string, AppComment[]>;
  assignees: readonly string[];
}

export interface SweepTarget {
  octokit: Octokit;
  /** GraphQL for this installation or token (GITHUB_GRAPHQL_URL may differ from the REST base). */
  graphql: Octokit["graphql"];
  installationId: number | string;
  budget: WriteBudget;
}
