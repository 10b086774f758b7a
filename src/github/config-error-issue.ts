// An invalid configuration is never guessed around (DESIGN §1.5): the app
// leaves incidents alone and keeps one issue open in the repository that says
// what is wrong (file, field, fix). It is edited when the error changes and
// closed once the configuration is valid again.
import type { ConfigError } from "../config/parse-config.js";
import { marker, readMarker } from "../domain/markers.js";
import type { Octokit, RepoRef } from "./types.js";

export const CONFIG_ERROR_TITLE = "incident-sla: configuration error";
const KEY = "config-error";

function configErrorBody(error: ConfigError): string {
  // Problems in a file this one extends are fixed there (README, Configuration): say which files, once each.
  const others = [...new Set(error.problems.flatMap((p) => (p.file ? [p.file] : [])))];
  const where = others.length === 0 ? `\`${error.file}\`` : `\`${error.file}\` or the file it extends (${others.map((f) => `\`${f}\``).join(", ")})`;
  return [
    marker(KEY),
    "incident-sla cannot run the SLA clocks of this repository, because its configuration is invalid. Until it is fixed, incidents here get no status, labels or reminders.",
    "",
    "```text",
    error.message,
    "```",
    "",
    `Fix ${where} on the **default branch** (the app reads the configuration only from there). This issue closes itself once the configuration is valid. Check a file locally with \`npx incident-sla check-config ${error.file}\`.`,
  ].join("\n");
}

async function findOpen(octokit: Octokit, ref: RepoRef, botLogin: string) {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: ref.owner, repo: ref.repo, state: "open", creator: botLogin, per_page: 100 });
  return issues.filter((i) => readMarker(i.body)?.key === KEY).sort((a, b) => a.number - b.number);
}

/** Opens or updates the error issue; returns what it did. */
export async function reportConfigError(octokit: Octokit, ref: RepoRef, botLogin: string, error: ConfigError): Promise<"created" | "updated" | "unchanged"> {
  const { owner, repo } = ref;
  const body = configErrorBody(error);
  const [open] = await findOpen(octokit, ref, botLogin);
  if (!open) {
    await octokit.rest.issues.create({ owner, repo, title: CONFIG_ERROR_TITLE, body });
    // Another replica may have opened one at the same moment: keep the oldest.
    const [, ...twins] = await findOpen(octokit, ref, botLogin);
    for (const twin of twins) await octokit.rest.issues.update({ owner, repo, issue_number: twin.number, state: "closed", state_reason: "duplicate" });
    return "created";
  }
  if ((open.body ?? "").trim() === body.trim()) return "unchanged";
  await octokit.rest.issues.update({ owner, repo, issue_number: open.number, body });
  return "updated";
}

/** Says the configuration is valid again and closes one error issue (2 writes). */
export async function closeConfigErrorIssue(octokit: Octokit, ref: RepoRef, number: number): Promise<void> {
  const { owner, repo } = ref;
  await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: "The configuration is valid again: incident-sla is back at work here." });
  await octokit.rest.issues.update({ owner, repo, issue_number: number, state: "closed", state_reason: "completed" });
}

/** Closes the error issue if one is open. */
export async function clearConfigError(octokit: Octokit, ref: RepoRef, botLogin: string): Promise<boolean> {
  const { owner, repo } = ref;
  const open = await findOpen(octokit, ref, botLogin);
  for (const issue of open) await closeConfigErrorIssue(octokit, { owner, repo }, issue.number);
  return open.length > 0;
}
