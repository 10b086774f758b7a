// Where the app posts for managers (README, Compliance reports; The SLA board): the
// organisation's report repository named by `report.repository` in its
// defaults, refused when it is a customer's repository, and the issues there
// found by their hidden marker. The monthly report and the SLA board share
// these, so both refuse and find alike (DESIGN §8).
import type { Config } from "../config/schema.js";
import { readMarker } from "../domain/texts/markers.js";
import { loadRepoConfig } from "../github/load-config.js";
import type { Octokit, RepoRef } from "../github/types.js";
import type { Language } from "../report/format.js";

/** The organisation's defaults: the file customers `_extends` (Probot's organisation-wide location). */
export const DEFAULTS_REPO = ".github";

export const fullName = (r: RepoRef) => `${r.owner}/${r.repo}`;
export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export interface ReportSettings {
  repository: RepoRef;
  schedule: "monthly" | "off";
  /** The SLA board in the same repository, kept by the sweep (absent: off). */
  board?: "on" | "off";
  language: Language;
  timezone: string;
  /** Where the settings were read, for messages. */
  source: string;
}

const defaultsSource = (owner: string) => `${owner}/${DEFAULTS_REPO}:.github/incident-sla.yml`;

/** The report settings of an organisation's defaults already loaded, or null when they have none. */
export function reportSettingsOf(owner: string, config: Config): ReportSettings | null {
  const { report, language, timezone } = config;
  if (!report) return null;
  const [targetOwner, targetRepo] = report.repository.split("/") as [string, string];
  return { repository: { owner: targetOwner, repo: targetRepo }, schedule: report.schedule, board: report.board, language: report.language ?? language, timezone, source: defaultsSource(owner) };
}

/** The report settings from the organisation's defaults, or null when there are none. */
export async function loadReportSettings(octokit: Octokit, owner: string): Promise<ReportSettings | null> {
  const loaded = await loadRepoConfig(octokit, { owner, repo: DEFAULTS_REPO });
  if (loaded.kind === "invalid") throw new Error(`the organisation's defaults ${defaultsSource(owner)} are invalid: ${loaded.error.message}`);
  return loaded.kind === "missing" ? null : reportSettingsOf(owner, loaded.config);
}

/**
 * Why nothing may be posted into `target`, or null when it may: it is one of the
 * reported repositories, or it has its own incident-sla configuration (a
 * customer's repository). Nothing from a customer's repository is written
 * into another's (DESIGN §8).
 */
export function refusal(target: RepoRef, reported: readonly string[], targetConfig: "valid" | "missing" | "invalid"): string | null {
  const name = fullName(target);
  if (reported.some((r) => same(r, name))) return `${name} is one of the reported repositories; reports go to an internal repository`;
  if (targetConfig !== "missing") return `${name} has its own incident-sla configuration: it is a customer's repository, and reports never go there`;
  return null;
}

export interface MarkedIssue {
  number: number;
  title: string;
  body: string;
  url: string;
}

/** Issues of `target` whose hidden marker has this key, oldest first (pull requests left out). */
export async function findMarked(
  octokit: Octokit,
  target: RepoRef,
  key: string,
  filter: { state: "open" | "all"; since?: string },
  onPage: () => void = () => undefined,
): Promise<MarkedIssue[]> {
  const found: MarkedIssue[] = [];
  for await (const { data } of octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...target, ...filter, per_page: 100 })) {
    onPage();
    for (const i of data) if (!i.pull_request && readMarker(i.body)?.key === key) found.push({ number: i.number, title: i.title, body: i.body ?? "", url: i.html_url });
  }
  return found.sort((a, b) => a.number - b.number);
}

/** Closes twins (a retried create, two replicas at once) as duplicates: the oldest issue stays. */
export async function closeTwins(octokit: Octokit, target: RepoRef, twins: readonly MarkedIssue[], beforeWrite: () => void = () => undefined): Promise<number> {
  for (const twin of twins) {
    beforeWrite();
    await octokit.rest.issues.update({ ...target, issue_number: twin.number, state: "closed", state_reason: "duplicate" });
  }
  return twins.length;
}
