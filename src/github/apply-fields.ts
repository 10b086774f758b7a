// Applying an incident's issue-fields write (apply-plan.ts runs it like any
// other write, within the write budget). GitHub's refusal (403, 404, 422) is
// not a failure of the incident: it is logged with what the app was doing,
// reported once in the repository's issue-fields issue, and the repository's
// other field writes by the same Octokit (one installation's sweep, or one
// event) are skipped; the labels and comments go on. A write that succeeds
// where the issue still reports a refused write closes it (or, with other
// problems left, says only those).
import type { Config } from "../config/schema.js";
import { wordsFor } from "../words/index.js";
import { type FieldsProblem, type FieldsWrite, executeFieldsWrite, isFieldsRefusal } from "./issue-fields.js";
import { type ListedIssue, closeFieldsIssues, reportFieldsProblems, writeRefusalIn } from "./issue-fields-issue.js";
import { type IssueRef, type Octokit, type RepoRef, messageOf, statusOf } from "./types.js";

export interface FieldsWriteDeps {
  octokit: Octokit;
  config: Config;
  botLogin: string;
  beforeWrite?: () => void;
  log?: { warn: (obj: object, msg: string) => void };
}

/** What the repository's preparation found (issue-fields-step.ts), for the writes that follow. */
export interface RepoFieldsState {
  /** The problems found before writing (missing fields, options, refused reads). */
  problems: FieldsProblem[];
  /** The app's open issue-fields issues, when listed; undefined: not known (read when needed). */
  open?: ListedIssue[];
  /** GitHub refused a field write here: the rest are skipped. */
  refused?: boolean;
}

const states = new WeakMap<Octokit, Map<string, RepoFieldsState>>();
const keyOf = (ref: RepoRef) => `${ref.owner}/${ref.repo}`.toLowerCase();

export function noteRepoFields(octokit: Octokit, ref: RepoRef, state: RepoFieldsState): void {
  const map = states.get(octokit) ?? new Map<string, RepoFieldsState>();
  map.set(keyOf(ref), state);
  states.set(octokit, map);
}

function stateOf(octokit: Octokit, ref: RepoRef): RepoFieldsState {
  const known = states.get(octokit)?.get(keyOf(ref));
  if (known) return known;
  const state: RepoFieldsState = { problems: [] };
  noteRepoFields(octokit, ref, state);
  return state;
}

/** Makes the write unless GitHub refused this repository's field writes already; returns the writes made. */
export async function applyFieldsWrite(deps: FieldsWriteDeps, ref: IssueRef, write: FieldsWrite): Promise<number> {
  const state = stateOf(deps.octokit, ref);
  if (state.refused) return 0;
  const log = deps.log ?? (deps.octokit.log as unknown as NonNullable<FieldsWriteDeps["log"]>);
  const words = wordsFor(deps.config.language);
  const where = { repo: `${ref.owner}/${ref.repo}`, issue: ref.issue_number, fields: [...write.set.map((s) => s.field), ...write.clear.map((c) => c.field)] };
  let written: number;
  try {
    written = await executeFieldsWrite(deps.octokit, ref, write, deps.beforeWrite);
  } catch (error) {
    if (!isFieldsRefusal(error)) throw error;
    const status = statusOf(error)!;
    log.warn({ ...where, status, error: messageOf(error) }, "issue fields: GitHub refused the write; labels and comments go on, the repository's other field writes are skipped");
    state.refused = true;
    try {
      const refusal: FieldsProblem = { kind: "refused", status, doing: "write-values", message: messageOf(error) };
      const reported = await reportFieldsProblems(deps.octokit, ref, deps.botLogin, words, [...state.problems, refusal], state.open, deps.beforeWrite);
      written = reported.writes;
    } catch (reportError) {
      // The budget may be spent, or GitHub may refuse the issue too: this line says so.
      log.warn({ ...where, error: messageOf(reportError) }, "issue fields: the refused write could not be reported in the repository");
      written = 0;
    }
    return written;
  }
  // A write works again where the issue still says it was refused.
  const stale = (state.open ?? []).filter((i) => writeRefusalIn(i.body) !== null);
  if (stale.length > 0) {
    try {
      written +=
        state.problems.length === 0
          ? await closeFieldsIssues(deps.octokit, ref, words.issueFields.resolved, stale, deps.beforeWrite)
          : (await reportFieldsProblems(deps.octokit, ref, deps.botLogin, words, state.problems, stale, deps.beforeWrite)).writes;
      state.open = (state.open ?? []).filter((i) => !stale.includes(i));
    } catch (error) {
      log.warn({ ...where, error: messageOf(error) }, "issue fields: the issue about a refused write could not be updated");
    }
  }
  return written;
}
