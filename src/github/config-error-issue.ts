// An invalid configuration is never guessed around (DESIGN §1.5): the app
// leaves incidents alone and keeps one issue open in the repository that says
// what is wrong (file, field, fix). It is edited when the error changes and
// closed once the configuration is valid again.
import type { ConfigError } from "../config/parse-config.js";
import { marker, readMarker } from "../domain/markers.js";
import type { Octokit, RepoRef } from "./types.js";

export const CONFIG_ERROR_TITLE = "incident-sla: configuration error";
const KEY = "config-error";

export function configErrorBody(error: ConfigError): string {
  return [
    marker(KEY),
    "incident-sla cannot run the SLA clocks of this repository, because its configuration is invalid. Until it is fixed, incidents here get no status, labels or reminders.",
    "",
    "```text",
    error.message,
    "```",
    "",
    `Fix \`${error.file}\` on the **default branch** (the app reads the configuration only from there). This issue closes itself once the configuration is valid. Check a file locally with \`npx incident-sla check-config ${error.file}\`.`,
  ].join("\n");
}

async function findOpen(octokit: Octokit, ref: RepoRef, botLogin: string) {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...ref, state: "open", creator: botLogin, per_page: 100 });
  return issues.find((i) => readMarker(i.body)?.key === KEY) ?? null;
}

/** Opens or updates the error issue; returns what it did. */
export async function reportConfigError(octokit: Octokit, ref: RepoRef, botLogin: string, error: ConfigError): Promise<"created" | "updated" | "unchanged"> {
  const body = configErrorBody(error);
  const open = await findOpen(octokit, ref, botLogin);
  if (!open) {
    await octokit.rest.issues.create({ ...ref, title: CONFIG_ERROR_TITLE, body });
    return "created";
  }
  if ((open.body ?? "").trim() === body.trim()) return "unchanged";
  await octokit.rest.issues.update({ ...ref, issue_number: open.number, body });
  return "updated";
}

/** Closes the error issue if one is open. */
export async function clearConfigError(octokit: Octokit, ref: RepoRef, botLogin: string): Promise<boolean> {
  const open = await findOpen(octokit, ref, botLogin);
  if (!open) return false;
  await octokit.rest.issues.createComment({
    ...ref,
    issue_number: open.number,
    body: "The configuration is valid again: incident-sla is back at work here.",
  });
  await octokit.rest.issues.update({ ...ref, issue_number: open.number, state: "closed", state_reason: "completed" });
  return true;
}
