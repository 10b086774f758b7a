// Applying an incident plan, idempotently (DESIGN §1.4). First the plan is
// compared with what is on GitHub (pendingWrites: pure), so a plan that
// changes nothing costs nothing and a dry run can print what would happen;
// then the writes are made (executeWrites). Labels are added in one request;
// comments are found by their markers and created, edited or deleted only when
// that changes something. Comment creation is never retried blindly: after a
// failure the app looks for the comment before giving up, and after a creation
// it removes any twin that a concurrent delivery or replica posted, keeping
// the oldest. The writes stay within the issue's write cap (README, Security: replies are bounded): an
// edited comment carries the log of the app's edits within the hour, so the
// next event, in any process, counts them.
import type { Config } from "../config/schema.js";
import { readMarker } from "../domain/texts/markers.js";
import type { IncidentPlan } from "../domain/plans/plan-incident.js";
import { statusCommentIntact } from "../domain/texts/status-comment.js";
import { withEditLog, withoutEditLog } from "../domain/texts/edit-log.js";
import { applyFieldsWrite } from "./apply-fields.js";
import type { FieldsWrite } from "./issue-fields.js";
import { type LabelCache, labelDefinitions } from "./labels.js";
import type { AppComment } from "./read-incident.js";
import { type IssueRef, type Octokit, statusOf } from "./types.js";

export type Write =
  /** Labels left the repository: the app's labels are created again (per repository, outside the cap). */
  | { kind: "restore-labels"; gone: string[] }
  | { kind: "add-labels"; labels: string[] }
  | { kind: "remove-label"; name: string }
  | { kind: "create-comment"; key: string; body: string }
  | { kind: "update-comment"; key: string; id: number; body: string }
  | { kind: "delete-comment"; key: string; id: number }
  /** Organisation issue fields (issue-fields.ts): values to set and to clear. */
  | FieldsWrite;

export interface ApplyResult {
  labelsAdded: number;
  labelsRemoved: number;
  labelsCreated: number;
  commentsCreated: number;
  commentsUpdated: number;
  commentsDeleted: number;
  /** Writes the plan wanted but the issue's write cap held back. */
  writesWithheld: number;
  /** Issue-field writes (set on the first one). */
  fieldsWritten?: number;
}

export interface ApplyDeps {
  octokit: Octokit;
  labels: LabelCache;
  config: Config;
  botLogin: string;
  /** The app's clock (the window for finding a comment after a failure). */
  now: () => number;
  /** Called before every content-creating request; throws to stop (rate budget). */
  beforeWrite?: () => void;
  /**
   * Runs each write (the sweep waits out rate limits here). Per write, so a
   * retry never repeats the writes before it.
   */
  runWrite?: <T>(write: () => Promise<T>) => Promise<T>;
  /** Where a write cap that held writes back is logged; the Octokit's own logger otherwise. */
  log?: { warn: (obj: object, msg: string) => void };
}

/** How long a label list read for a label that left the repository is trusted (one read a minute at most). */
const RESTORE_LIST_AGE_MS = 60_000;

/**
 * What the plan changes on GitHub, given the app's comments already there, and
 * how many of those writes the issue's write cap holds back. A comment counts
 * as unchanged when its text (without the edit log) is what the plan would
 * write; the status comment when its fingerprint is the same and nobody else
 * edited it.
 */
function plannedWrites(plan: IncidentPlan, existing: Map<string, AppComment[]>): { writes: Write[]; withheld: number } {
  const writes: Write[] = [];
  const cap = plan.writeCap;
  if (plan.addLabels.length > 0) writes.push({ kind: "add-labels", labels: plan.addLabels });
  for (const name of plan.removeLabels) writes.push({ kind: "remove-label", name });
  for (const action of plan.comments) {
    const [keep, ...twins] = existing.get(action.key) ?? [];
    for (const twin of twins) writes.push({ kind: "delete-comment", key: action.key, id: twin.id });
    if (action.mode === "delete") {
      if (keep) writes.push({ kind: "delete-comment", key: action.key, id: keep.id });
    } else if (!keep) {
      writes.push({ kind: "create-comment", key: action.key, body: action.body });
    } else if (action.mode === "upsert") {
      const same = action.fingerprint
        ? keep.fingerprint === action.fingerprint && statusCommentIntact(keep.body)
        : withoutEditLog(keep.body).trim() === action.body.trim();
      if (!same) {
        const body = cap ? withEditLog(action.body, keep.body, cap.now, cap.windowMs) : action.body;
        writes.push({ kind: "update-comment", key: action.key, id: keep.id, body });
      }
    }
  }
  const allowed = cap ? Math.max(0, cap.limit - cap.used) : writes.length;
  const withheld = Math.max(0, writes.length - allowed);
  const kept = withheld > 0 ? writes.slice(0, allowed) : writes;
  const restore: Write[] = plan.labelsGone?.length ? [{ kind: "restore-labels", gone: plan.labelsGone }] : [];
  return { writes: [...restore, ...kept], withheld };
}

/** What the plan changes on GitHub within the issue's write cap. */
export function pendingWrites(plan: IncidentPlan, existing: Map<string, AppComment[]>): Write[] {
  return plannedWrites(plan, existing).writes;
}

export const emptyResult = (): ApplyResult => ({ labelsAdded: 0, labelsRemoved: 0, labelsCreated: 0, commentsCreated: 0, commentsUpdated: 0, commentsDeleted: 0, writesWithheld: 0 });

const ignore404 = async (request: Promise<unknown>) => {
  try {
    await request;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
};

/** The app's comments with this key posted on the issue since `since`, oldest first. */
async function findComments(deps: ApplyDeps, ref: IssueRef, key: string, since: string): Promise<AppComment[]> {
  const list = await deps.octokit.paginate(deps.octokit.rest.issues.listComments, { ...ref, since, per_page: 100 });
  return list
    .filter((c) => c.user?.login.toLowerCase() === deps.botLogin.toLowerCase() && readMarker(c.body)?.key === key)
    .map((c) => ({ id: c.id, key, fingerprint: readMarker(c.body)?.fingerprint ?? null, body: c.body ?? "" }))
    .sort((a, b) => a.id - b.id);
}

async function createComment(deps: ApplyDeps, ref: IssueRef, key: string, body: string, result: ApplyResult) {
  const since = new Date(deps.now() - 10 * 60_000).toISOString();
  try {
    // No automatic retry: a 5xx may come after GitHub stored the comment.
    await deps.octokit.rest.issues.createComment({ ...ref, body, request: { retries: 0 } });
    result.commentsCreated++;
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && status < 500) throw error;
    // A 5xx or a lost connection: if GitHub applied it after all, carry on.
    if ((await findComments(deps, ref, key, since)).length === 0) throw error;
  }
  // A duplicated delivery handled elsewhere at the same moment may have posted the same
  // comment: keep the oldest, delete the rest (both sides converge on the same one).
  const twins = await findComments(deps, ref, key, since);
  for (const twin of twins.slice(1)) {
    deps.beforeWrite?.();
    await ignore404(deps.octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: twin.id }));
    result.commentsDeleted++;
  }
}

export async function executeWrites(deps: ApplyDeps, ref: IssueRef, writes: Write[], result: ApplyResult = emptyResult()): Promise<ApplyResult> {
  const { octokit } = deps;
  const { owner, repo } = ref;
  const run = deps.runWrite ?? (<T>(write: () => Promise<T>) => write());
  for (const write of writes) {
    deps.beforeWrite?.();
    await run(async () => {
      switch (write.kind) {
        case "restore-labels": {
          // Re-read the label list if it is older than a minute: it may still name the labels that left.
          const names = labelDefinitions(deps.config).map((d) => d.name);
          result.labelsCreated += await deps.labels.ensure(octokit, ref, names, deps.config, deps.beforeWrite, { maxAgeMs: RESTORE_LIST_AGE_MS });
          break;
        }
        case "add-labels":
          result.labelsCreated += await deps.labels.ensure(octokit, ref, write.labels, deps.config, deps.beforeWrite);
          await octokit.rest.issues.addLabels({ ...ref, labels: write.labels });
          result.labelsAdded += write.labels.length;
          break;
        case "remove-label":
          // 404: already gone (a concurrent delivery removed it), which is what we wanted.
          await ignore404(octokit.rest.issues.removeLabel({ ...ref, name: write.name }));
          result.labelsRemoved++;
          break;
        case "create-comment":
          await createComment(deps, ref, write.key, write.body, result);
          break;
        case "update-comment":
          await octokit.rest.issues.updateComment({ owner, repo, comment_id: write.id, body: write.body });
          result.commentsUpdated++;
          break;
        case "issue-fields":
          result.fieldsWritten = (result.fieldsWritten ?? 0) + (await applyFieldsWrite(deps, ref, write));
          break;
        case "delete-comment":
          await ignore404(octokit.rest.issues.deleteComment({ owner, repo, comment_id: write.id }));
          result.commentsDeleted++;
          break;
      }
    });
  }
  return result;
}

export async function applyPlan(deps: ApplyDeps, ref: IssueRef, plan: IncidentPlan, existing: Map<string, AppComment[]>): Promise<ApplyResult> {
  const { writes, withheld } = plannedWrites(plan, existing);
  const result = emptyResult();
  if (withheld > 0 && plan.writeCap) {
    const cap = plan.writeCap;
    const resumesAt = cap.resumesAt === null ? null : new Date(cap.resumesAt).toISOString();
    // Probot's Octokit logs through the delivery's logger (pino: object first, then the message).
    const log = deps.log ?? (deps.octokit.log as unknown as NonNullable<ApplyDeps["log"]>);
    log.warn(
      {
        repo: `${ref.owner}/${ref.repo}`,
        issue: ref.issue_number,
        cause: `write cap: ${cap.used} of ${cap.limit} writes on this issue in the last ${cap.windowMs / 60_000} minutes`,
        withheld,
        resumesAt,
      },
      "write cap reached: writes for this issue held back",
    );
    result.writesWithheld = withheld;
  }
  return executeWrites(deps, ref, writes, result);
}

export function writesOf(r: ApplyResult): number {
  return (r.labelsAdded > 0 ? 1 : 0) + r.labelsRemoved + r.labelsCreated + r.commentsCreated + r.commentsUpdated + r.commentsDeleted + (r.fieldsWritten ?? 0);
}
