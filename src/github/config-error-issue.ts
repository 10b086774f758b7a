// An invalid configuration is never guessed around (DESIGN §1.5): the app
// leaves incidents alone and keeps one issue open in the repository that says
// what is wrong (file, field, fix). It is edited when the error changes and
// closed once the configuration is valid again. Its words are every language's
// (`configError`): the language is set in the configuration that is invalid.
import type { ConfigError } from "../config/parse-config.js";
import { marker, readMarker } from "../domain/texts/markers.js";
import type { Octokit, RepoRef } from "./types.js";
import { LANGUAGES, wordsFor } from "../words/index.js";

export const CONFIG_ERROR_TITLE = "incident-sla: configuration error";
const KEY = "config-error";

/**
 * The error issue's body. The configuration that names the language is the one
 * that is invalid, so the issue speaks every language: each one's words in
 * turn around the one error message.
 */
function configErrorBody(error: ConfigError): string {
  // Problems in a file this one extends are fixed there (README, Configuration): say which files, once each.
  const others = [...new Set(error.problems.flatMap((p) => (p.file ? [p.file] : [])))];
  const file = `\`${error.file}\``;
  const words = LANGUAGES.map((lang) => wordsFor(lang).configError);
  const fixes = words.map((w) => w.fix(others.length === 0 ? file : w.extended(file, others.map((f) => `\`${f}\``).join(", ")), error.file));
  return [marker(KEY), words.map((w) => w.intro).join("\n\n"), "", "```text", error.message, "```", "", fixes.join("\n\n")].join("\n");
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
  await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: LANGUAGES.map((lang) => wordsFor(lang).configError.validAgain).join("\n\n") });
  await octokit.rest.issues.update({ owner, repo, issue_number: number, state: "closed", state_reason: "completed" });
}

/** Closes the error issue if one is open. */
export async function clearConfigError(octokit: Octokit, ref: RepoRef, botLogin: string): Promise<boolean> {
  const { owner, repo } = ref;
  const open = await findOpen(octokit, ref, botLogin);
  for (const issue of open) await closeConfigErrorIssue(octokit, { owner, repo }, issue.number);
  return open.length > 0;
}
