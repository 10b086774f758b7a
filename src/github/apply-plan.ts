// Applying an incident plan, idempotently (DESIGN §1.4): labels are added in
// one request and only when missing; comments are found by their markers and
// created, edited or deleted only when that changes something. Comment
// creation is never retried blindly: after a failure the app looks for the
// comment before giving up, and after a creation it removes any twin that a
// concurrent delivery or replica posted, keeping the oldest.
import type { Config } from "../config/schema.js";
import { readMarker } from "../domain/markers.js";
import type { CommentAction, IncidentPlan } from "../domain/plan-incident.js";
import type { LabelCache } from "./labels.js";
import type { AppComment } from "./read-incident.js";
import { type IssueRef, type Octokit, statusOf } from "./types.js";

export interface ApplyResult {
  labelsAdded: number;
  labelsRemoved: number;
  labelsCreated: number;
  commentsCreated: number;
  commentsUpdated: number;
  commentsDeleted: number;
}

export interface ApplyDeps {
  octokit: Octokit;
  labels: LabelCache;
  config: Config;
  botLogin: string;
  /** The app's clock (the window for finding a comment after a failure). */
  now: () => number;
}

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

async function createComment(deps: ApplyDeps, ref: IssueRef, action: CommentAction & { body: string }, result: ApplyResult) {
  const since = new Date(deps.now() - 10 * 60_000).toISOString();
  try {
    // No automatic retry: a 5xx may come after GitHub stored the comment.
    await deps.octokit.rest.issues.createComment({ ...ref, body: action.body, request: { retries: 0 } });
    result.commentsCreated++;
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && status < 500) throw error;
    // A 5xx or a lost connection: if GitHub applied it after all, carry on.
    if ((await findComments(deps, ref, action.key, since)).length === 0) throw error;
  }
  // A duplicated delivery handled elsewhere at the same moment may have posted the same
  // comment: keep the oldest, delete the rest (both sides converge on the same one).
  const twins = await findComments(deps, ref, action.key, since);
  for (const twin of twins.slice(1)) {
    await ignore404(deps.octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: twin.id }));
    result.commentsDeleted++;
  }
}

export async function applyPlan(deps: ApplyDeps, ref: IssueRef, plan: IncidentPlan, existing: Map<string, AppComment[]>): Promise<ApplyResult> {
  const { octokit } = deps;
  const result: ApplyResult = { labelsAdded: 0, labelsRemoved: 0, labelsCreated: 0, commentsCreated: 0, commentsUpdated: 0, commentsDeleted: 0 };
  if (plan.addLabels.length > 0) {
    result.labelsCreated = await deps.labels.ensure(octokit, ref, plan.addLabels, deps.config);
    await octokit.rest.issues.addLabels({ ...ref, labels: plan.addLabels });
    result.labelsAdded = plan.addLabels.length;
  }
  for (const name of plan.removeLabels) {
    // 404: already gone (a concurrent delivery removed it), which is what we wanted.
    await ignore404(octokit.rest.issues.removeLabel({ ...ref, name }));
    result.labelsRemoved++;
  }
  for (const action of plan.comments) {
    const found = existing.get(action.key) ?? [];
    const [keep, ...twins] = found;
    for (const twin of twins) {
      await ignore404(octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: twin.id }));
      result.commentsDeleted++;
    }
    if (action.mode === "delete") {
      if (keep) {
        await ignore404(octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: keep.id }));
        result.commentsDeleted++;
      }
      continue;
    }
    if (!keep) {
      await createComment(deps, ref, action, result);
      continue;
    }
    if (action.mode === "upsert") {
      const same = action.fingerprint ? keep.fingerprint === action.fingerprint : keep.body.trim() === action.body.trim();
      if (!same) {
        await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: keep.id, body: action.body });
        result.commentsUpdated++;
      }
    }
  }
  return result;
}

export function writesOf(r: ApplyResult): number {
  return (r.labelsAdded > 0 ? 1 : 0) + r.labelsRemoved + r.labelsCreated + r.commentsCreated + r.commentsUpdated + r.commentsDeleted;
}
