// Issue fields that cannot be kept are reported once, like a configuration
// error (config-error-issue.ts): one issue per repository, in the contract's
// language, found by its hidden marker, edited only when what it says
// changes, closed by the sweep once every configured field works. It is a
// separate issue: the configuration itself is valid, and the incidents keep
// their labels, comments and reminders.
import { marker, readMarker } from "../domain/texts/markers.js";
import type { Words } from "../words/index.js";
import type { FieldsProblem } from "./issue-fields.js";
import type { Octokit, RepoRef } from "./types.js";

export const FIELDS_ISSUE_KEY = "issue-fields";

export function fieldsIssueBody(words: Words, problems: FieldsProblem[]): string {
  const w = words.issueFields;
  const lines = problems.map((p) => {
    switch (p.kind) {
      case "missing-field":
        return w.missingField(p.field, w.roles[p.role]);
      case "wrong-type":
        return w.wrongType(p.field, w.roles[p.role], p.dataType, p.expected);
      case "missing-option":
        return w.missingOption(p.field, p.option);
      case "refused":
        return w.refused(p.status, p.doing, p.message);
    }
  });
  // A refused write is kept in a hidden line, so that the next sweep keeps saying it until a write succeeds.
  const refusedWrite = problems.find((p) => p.kind === "refused" && p.doing === "write-values");
  const hidden = refusedWrite?.kind === "refused" ? [`<!-- ${WRITE_REFUSED} status=${refusedWrite.status} message=${Buffer.from(refusedWrite.message).toString("base64url")} -->`] : [];
  return [marker(FIELDS_ISSUE_KEY), ...hidden, w.intro, "", ...[...new Set(lines)].map((l) => `- ${l}`), "", w.fix].join("\n");
}

const WRITE_REFUSED = "incident-sla-fields-write-refused";

/** The refused write an issue-fields issue still reports, if any. */
export function writeRefusalIn(body: string | null): FieldsProblem | null {
  const m = body ? new RegExp(`<!-- ${WRITE_REFUSED} status=(\\d{3}) message=([A-Za-z0-9_-]*) -->`).exec(body) : null;
  return m ? { kind: "refused", status: Number(m[1]), doing: "write-values", message: Buffer.from(m[2]!, "base64url").toString("utf8") } : null;
}

/** An open issue of the repository, as a list shows it. */
export interface ListedIssue {
  number: number;
  body: string | null;
  user: string | null;
}

/** The app's open issue-fields issues among listed issues, oldest first. */
export function fieldsIssuesAmong(issues: ListedIssue[], botLogin: string): ListedIssue[] {
  return issues.filter((i) => i.user?.toLowerCase() === botLogin.toLowerCase() && readMarker(i.body)?.key === FIELDS_ISSUE_KEY).sort((a, b) => a.number - b.number);
}

async function listOpen(octokit: Octokit, ref: RepoRef, botLogin: string): Promise<ListedIssue[]> {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: ref.owner, repo: ref.repo, state: "open", creator: botLogin, per_page: 100 });
  return fieldsIssuesAmong(issues.map((i) => ({ number: i.number, body: i.body ?? null, user: i.user?.login ?? null })), botLogin);
}

/**
 * Opens or updates the issue; returns what it did and how many writes it made.
 * `open`: the repository's open issue-fields issues when the caller already listed them (no read then).
 */
export async function reportFieldsProblems(
  octokit: Octokit,
  ref: RepoRef,
  botLogin: string,
  words: Words,
  problems: FieldsProblem[],
  open?: ListedIssue[],
  beforeWrite?: () => void,
): Promise<{ done: "created" | "updated" | "unchanged"; writes: number }> {
  const { owner, repo } = ref;
  const body = fieldsIssueBody(words, problems);
  const [first] = open ?? (await listOpen(octokit, ref, botLogin));
  if (!first) {
    beforeWrite?.();
    await octokit.rest.issues.create({ owner, repo, title: words.issueFields.title, body });
    let writes = 1;
    // Another replica (or a webhook beside the sweep) may have opened one at the same moment: keep the oldest.
    const [, ...twins] = await listOpen(octokit, ref, botLogin);
    for (const twin of twins) {
      beforeWrite?.();
      await octokit.rest.issues.update({ owner, repo, issue_number: twin.number, state: "closed", state_reason: "duplicate" });
      writes++;
    }
    return { done: "created", writes };
  }
  if ((first.body ?? "").trim() === body.trim()) return { done: "unchanged", writes: 0 };
  beforeWrite?.();
  await octokit.rest.issues.update({ owner, repo, issue_number: first.number, body });
  return { done: "updated", writes: 1 };
}

/** Says `comment` (every field works again, or none is configured) on each open issue and closes it (2 writes each). */
export async function closeFieldsIssues(octokit: Octokit, ref: RepoRef, comment: string, open: ListedIssue[], beforeWrite?: () => void): Promise<number> {
  const { owner, repo } = ref;
  for (const issue of open) {
    beforeWrite?.();
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: comment });
    beforeWrite?.();
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
  }
  return open.length * 2;
}
