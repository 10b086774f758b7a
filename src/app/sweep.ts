// The sweep (README, Reminders, escalation and the sweep): GitHub sends no event when a deadline approaches, so
// open incidents are re-evaluated on a schedule and acted on. One code path
// serves the in-app interval, `incident-sla sweep` in a scheduled workflow and
// a Kubernetes CronJob. Per repository: load the configuration → read open
// incidents in batches (GraphQL) → decide (the same plan as webhooks, plus
// reminders) → write only what changed, most urgent first, within GitHub's
// write limits. One repository's failure never stops the others.
import { type BoardIncident, boardIncident } from "../domain/plans/board.js";
import { type IncidentStatus, incidentStatus } from "../domain/clock/incident-status.js";
import { readMarker } from "../domain/texts/markers.js";
import { type Write, emptyResult, executeWrites, pendingWrites, writesOf } from "../github/apply-plan.js";
import { CONFIG_ERROR_TITLE, closeConfigErrorIssue, reportConfigError } from "../github/config-error-issue.js";
import { FIELDS_ISSUE_KEY, closeFieldsIssues } from "../github/issue-fields-issue.js";
import { wordsFor } from "../words/index.js";
import { loadRepoConfig } from "../github/load-config.js";
import { RateLimited, withRateLimitRetry } from "../github/rate-limit.js";
import { type ReadStats, readOpenIncidents } from "../github/read-open-incidents.js";
import { type IssueRef, type Octokit, type RepoRef, messageOf, statusOf } from "../github/types.js";
import { BudgetExhausted } from "../github/write-budget.js";
import { decideIncident } from "./decide-incident.js";
import { prepareSweepFields } from "./issue-fields-step.js";
import type { SweepDeps, SweepTarget } from "./sweep-deps.js";
import type { Config } from "../config/schema.js";
import { appWriteTimes } from "../domain/plans/write-cap.js";

export interface RepoSweep {
  /** owner/name; "*" for an installation whose repositories could not be listed. */
  repo: string;
  installation?: number | string;
  ok: boolean;
  error?: string;
  /** Not swept because GitHub's rate limit asked for a longer wait than allowed: left for the next sweep. */
  rateLimited?: boolean;
  /** HTTP status of the error that stopped the repository, when it had one. */
  errorStatus?: number;
  config: "valid" | "missing" | "invalid";
  /** Why the repository's incidents were left alone (an invalid configuration: what is wrong). */
  reason?: string;
  incidents: number;
  reads: number;
  extraPages: number;
  writes: number;
  /** Incidents with writes left for the next sweep (write budget or rate limit). */
  deferred: number;
  changed: number;
  /** Open incidents by status (metrics). */
  byStatus?: Partial<Record<IncidentStatus, number>>;
  /** This line is an SLA board written into `repo` (app/board.ts), not a repository swept. */
  board?: true;
}

export interface Pending {
  ref: IssueRef;
  writes: Write[];
  /** Earliest due time of an unmet target: the smaller, the more urgent. */
  urgency: number;
}

/** A repository read and decided: what it needs written, most urgent first. */
export interface RepoRead {
  result: RepoSweep;
  /** Incidents with something to write, most urgent first (empty unless the configuration is valid). */
  pending: Pending[];
  config?: Config;
  /** Every open incident as the SLA board shows it (app/board.ts). */
  board?: BoardIncident[];
}

/** The budget's key for an issue's writes. */
const budgetKey = (ref: IssueRef) => `${ref.owner}/${ref.repo}#${ref.issue_number}`.toLowerCase();

function waitsOf(deps: SweepDeps) {
  return { now: deps.now, sleep: deps.sleep, maxWaitMs: deps.maxRateLimitWaitMs ?? 60_000, onWait: deps.onRateLimitWait };
}

/** Marks a repository failed, logged with the installation and the cause (a rate limit: at warn, for the next sweep). */
function failRepository(deps: SweepDeps, target: SweepTarget, result: RepoSweep, error: unknown): void {
  result.ok = false;
  result.error = messageOf(error);
  const status = statusOf(error);
  if (status !== undefined) result.errorStatus = status;
  const where = { installation: target.installationId, repo: result.repo, error: result.error, ...(status !== undefined ? { status } : {}) };
  if (error instanceof RateLimited) {
    result.rateLimited = true;
    deps.log.warn(where, "repository left for the next sweep: rate limited");
  } else deps.log.error(where, "repository not swept");
}

/**
 * Steps 1 and 2 for one repository: its configuration, then its open incidents read in
 * batches and decided. Each incident's timeline also tells the installation's budget what
 * the app wrote there in the last hour. Never throws: a failure is in `result`.
 */
export async function readRepository(
  deps: SweepDeps,
  target: SweepTarget,
  ref: RepoRef,
  ownerType: string | undefined,
  /** Named by the user (--repo): a repository that cannot be seen is a failure, not "no configuration". */
  explicit = false,
): Promise<RepoRead> {
  const result: RepoSweep = { repo: `${ref.owner}/${ref.repo}`, installation: target.installationId, ok: true, config: "missing", incidents: 0, reads: 0, extraPages: 0, writes: 0, deferred: 0, changed: 0 };
  const read: RepoRead = { result, pending: [] };
  const { octokit } = target;
  // Reads wait out rate limits like writes do.
  const waits = waitsOf(deps);
  const graphql = ((query: string, variables: Record<string, unknown>) =>
    withRateLimitRetry(() => target.graphql(query, variables), waits)) as Octokit["graphql"];
  try {
    // 1. Configuration (default branch).
    const loaded = await withRateLimitRetry(() => loadRepoConfig(octokit, ref), waits);
    result.config = loaded.kind;
    if (loaded.kind === "missing") {
      if (explicit) await withRateLimitRetry(() => octokit.rest.repos.get({ owner: ref.owner, repo: ref.repo }), waits);
      return read;
    }
    if (loaded.kind === "invalid") {
      // Skipped, said where people see it (the error issue) and in the log (README, Configuration).
      result.reason = loaded.error.message;
      deps.log.warn({ repo: result.repo, reason: loaded.error.message }, "repository skipped: invalid configuration");
      if (!deps.dryRun) {
        const done = await reportConfigError(octokit, ref, deps.botLogin, loaded.error);
        if (done !== "unchanged") result.writes++;
      }
      return read;
    }
    const { config } = loaded;
    read.config = config;
    // Organisation issue fields, when configured: checked and read once per repository (app/issue-fields-step.ts).
    const fields = await prepareSweepFields(deps, target, ref, config);
    // Organisation members are engineers: the owner's kind comes with the first page when the caller did not know it.
    let engineers: string[] | null = null;
    const engineersFor = async (kind: string | undefined): Promise<string[]> => {
      engineers ??= config.team.orgMembersAreEngineers && kind === "Organization" ? await deps.members.members(octokit, Number(target.installationId), ref.owner) : [];
      return engineers;
    };

    // 2. Read and decide, incident by incident; keep only incidents with something to write.
    const now = deps.now();
    const stats: ReadStats = { requests: 0, extraPages: 0 };
    for await (const incident of readOpenIncidents(graphql, ref, deps.botLogin, stats, deps.changedSince)) {
      const number = incident.issue.number as number;
      const issueRef = { ...ref, issue_number: number };
      const author = (incident.issue.user as { login?: string } | null)?.login?.toLowerCase();
      if (author === deps.botLogin.toLowerCase()) {
        // The app's own "configuration error" issue, still open although the configuration is valid now.
        const key = readMarker(incident.issue.body as string)?.key;
        if (key === "config-error" && !deps.dryRun) {
          await closeStaleErrorIssue(deps, target, ref, number);
          result.writes += 2;
        }
        // The issue-fields issue, still open although the configuration names no issue fields any
        // more: nothing is left to fix (with fields configured, the fields step closes it when they work).
        if (key === FIELDS_ISSUE_KEY && fields === null && !deps.dryRun) result.writes += await closeUnconfiguredFieldsIssue(deps, target, ref, config, number);
        continue;
      }
      result.incidents++;
      // What the app wrote here in the last hour, whichever process or replica wrote it (only a
      // budget with limits needs to know).
      if (target.budget.bounded) {
        const since = now - 3_600_000;
        target.budget.observe(budgetKey(issueRef), appWriteTimes(incident.timeline, { botLogin: deps.botLogin, needsDiagnosticsLabel: config.labels.needsDiagnostics, since }), now);
      }
      const input = { config, issue: incident.issue, timeline: incident.timeline, now, bot: deps.botLogin, engineers: await engineersFor(ownerType ?? stats.ownerType) };
      const decided = decideIncident(input, incident.assignees);
      deps.onDecided?.({ installationId: target.installationId, ref: issueRef, explanation: decided.explanation, appComments: incident.appComments, assignees: incident.assignees });
      const status = incidentStatus(decided.explanation);
      result.byStatus = { ...result.byStatus, [status]: (result.byStatus?.[status] ?? 0) + 1 };
      (read.board ??= []).push(boardIncident(result.repo, decided.explanation, incident.assignees));
      const writes = pendingWrites(decided.plan, incident.appComments);
      const fieldsWrite = await fields?.writeFor(number, decided.explanation);
      if (fieldsWrite) writes.push(fieldsWrite);
      if (writes.length === 0) continue;
      const urgency = Math.min(...decided.explanation.targets.filter((t) => !t.met && t.status !== "cancelled").map((t) => t.due), Number.POSITIVE_INFINITY);
      read.pending.push({ ref: issueRef, writes, urgency });
    }
    result.reads = stats.requests + (fields?.reads ?? 0);
    result.extraPages = stats.extraPages;
    result.changed = read.pending.length;
    read.pending.sort((a, b) => a.urgency - b.urgency);
    for (const p of read.pending) deps.onPlan?.(p.ref, p.writes, p.urgency);
  } catch (error) {
    read.pending = [];
    failRepository(deps, target, result, error);
  }
  return read;
}

/**
 * Step 3 for one incident: its writes, each taken from the installation's budget. Writes
 * made are counted in the repository's result as they happen, so those before a stop count.
 * Throws BudgetExhausted or RateLimited when the rest must wait for the next sweep.
 */
async function writeIncident(deps: SweepDeps, target: SweepTarget, read: RepoRead, p: Pending): Promise<void> {
  const waits = waitsOf(deps);
  const applied = emptyResult();
  try {
    await executeWrites(
      {
        octokit: target.octokit,
        labels: deps.labels,
        config: read.config!,
        botLogin: deps.botLogin,
        now: deps.now,
        beforeWrite: () => target.budget.take(budgetKey(p.ref)),
        runWrite: <T>(write: () => Promise<T>) => withRateLimitRetry(write, waits),
      },
      p.ref,
      p.writes,
      applied,
    );
  } finally {
    read.result.writes += writesOf(applied);
  }
}

/** Whether an error means "the rest waits for the next sweep" rather than a failure. */
const isDeferral = (error: unknown): error is BudgetExhausted | RateLimited => error instanceof BudgetExhausted || error instanceof RateLimited;

/** An incident waiting for its writes, with the repository it was read from. */
export interface Queued {
  read: RepoRead;
  p: Pending;
}

/**
 * Step 3: the queued incidents' writes, in the queue's order, until the budget or a long rate
 * limit says stop; then each read's `deferred` is what it still has to write. A write that fails
 * otherwise fails its repository, whose other incidents are skipped; a 401 is tried once more
 * after `refresh` (an installation token that expired meanwhile).
 */
export async function writeQueued(deps: SweepDeps, target: () => SweepTarget, reads: RepoRead[], queue: Queued[], refresh?: () => Promise<void>): Promise<void> {
  for (const read of reads) read.result.deferred = read.result.changed;
  let stop: string | null = null;
  const fail = (read: RepoRead, error: unknown) => {
    if (isDeferral(error)) stop = error.message;
    else failRepository(deps, target(), read.result, error);
  };
  for (const { read, p } of queue) {
    if (stop) break;
    if (!read.result.ok) continue;
    try {
      await writeIncident(deps, target(), read, p);
    } catch (error) {
      if (statusOf(error) !== 401 || !refresh) {
        fail(read, error);
        continue;
      }
      try {
        await refresh();
        await writeIncident(deps, target(), read, p);
      } catch (again) {
        fail(read, again);
        continue;
      }
    }
    read.result.deferred--;
  }
  // A failed repository's unwritten incidents wait for its failure to end, not for the budget.
  for (const read of reads) if (!read.result.ok) read.result.deferred = 0;
  if (stop) {
    const left = reads.filter((r) => r.result.deferred > 0);
    deps.log.warn(
      { installation: target().installationId, repos: left.map((r) => r.result.repo), deferred: left.reduce((n, r) => n + r.result.deferred, 0), reason: stop },
      "writes left for the next sweep",
    );
  }
}

/** One repository read, decided and written, most urgent first, until the budget or a long rate limit says stop. */
export async function sweepRepository(
  deps: SweepDeps,
  target: SweepTarget,
  ref: RepoRef,
  ownerType: string | undefined,
  /** Named by the user (--repo): a repository that cannot be seen is a failure, not "no configuration". */
  explicit = false,
): Promise<RepoSweep> {
  const read = await readRepository(deps, target, ref, ownerType, explicit);
  if (!deps.dryRun) await writeQueued(deps, () => target, [read], read.pending.map((p) => ({ read, p })));
  return read.result;
}

async function closeUnconfiguredFieldsIssue(deps: SweepDeps, target: SweepTarget, ref: RepoRef, config: Config, number: number): Promise<number> {
  const open = [{ number, body: null, user: deps.botLogin }];
  const writes = await closeFieldsIssues(target.octokit, ref, wordsFor(config.language).issueFields.unconfigured, open, () => target.budget.take());
  deps.log.info({ repo: `${ref.owner}/${ref.repo}`, issue: number }, "issue-fields issue closed: the configuration names no issue fields");
  return writes;
}

async function closeStaleErrorIssue(deps: SweepDeps, target: SweepTarget, ref: RepoRef, number: number): Promise<void> {
  target.budget.take();
  target.budget.take();
  await closeConfigErrorIssue(target.octokit, ref, number);
  deps.log.info({ repo: `${ref.owner}/${ref.repo}`, issue: number, title: CONFIG_ERROR_TITLE }, "configuration error issue closed");
}

