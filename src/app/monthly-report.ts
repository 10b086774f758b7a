// Compliance reports from GitHub (P1, P2, P7–P9; README, Compliance reports): reading customers' repositories
// for a report, and posting the report as an issue in an internal repository,
// once per period, never in a customer's repository. One code path serves
// `incident-sla report` (print or --post) and the app's monthly schedule.
//
// Posting is idempotent across retries, replicas and CronJobs:
//   1. look for an issue whose hidden marker names the period: found → done
//      (continuation comments a stopped run left out are added);
//   2. refuse a target that has its own incident-sla configuration (a
//      customer's repository, DESIGN §8) or is one of the reported ones;
//   3. read and render (reads only);
//   4. claim the period by creating a label named for it: GitHub creates a
//      label name once, so of two replicas only one goes on (a claim older
//      than 15 minutes with no issue is taken over: its process stopped);
//   5. create the issue (and comments for a report longer than one body);
//   6. a twin made anyway (a retried POST) is closed as a duplicate of the
//      oldest.
import { loadRepoConfig } from "../github/load-config.js";
import type { OrgMembersCache } from "../github/org-members.js";
import { type PeriodReadStats, readIssuesInPeriod } from "../github/read-issues-in-period.js";
import { type Octokit, type RepoRef, messageOf, statusOf } from "../github/types.js";
import { readMarker } from "../domain/texts/markers.js";
import { type CustomerReport, type Report, type ReportOptions, assembleReport, collectRepository } from "../report/build-report.js";
import type { Language } from "../report/format.js";
import { issueBody, packParts, partBody, partKey, partsOf, reportKey } from "../report/issue-parts.js";
import { type ReportPeriod, periodBounds, previousMonth } from "../report/period.js";
import { markdownSections } from "../report/render-markdown.js";
import { wordsFor } from "../report/words.js";
import { DEFAULTS_REPO, type MarkedIssue, type ReportSettings, closeTwins, findMarked, fullName, loadReportSettings, refusal, same } from "./report-target.js";
import { type InstallationToSweep, type RepoToSweep, listInstallationRepos } from "./sweep-runner.js";

export { type ReportSettings, loadReportSettings, refusal };

const HOUR = 3_600_000;
const CLAIM_TTL_MS = 15 * 60_000;

export interface ReportDeps {
  now: () => number;
  /** The app's bot login, trusted like an engineer. */
  botLogin: string;
  members: OrgMembersCache;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
}

export interface RepoReadResult {
  repo: string;
  ok: boolean;
  config: "valid" | "missing" | "invalid";
  error?: string;
  /** Issues read. */
  issues: number;
  reads: number;
  extraPages: number;
}

/** One repository's part of a report, or why it has none. */
async function reportRepository(
  deps: ReportDeps,
  installation: Pick<InstallationToSweep, "id" | "octokit" | "graphql">,
  repo: RepoToSweep,
  options: ReportOptions,
): Promise<{ result: RepoReadResult; customer: CustomerReport | null }> {
  const ref = { owner: repo.owner, repo: repo.repo };
  const result: RepoReadResult = { repo: fullName(ref), ok: true, config: "missing", issues: 0, reads: 0, extraPages: 0 };
  try {
    const loaded = await loadRepoConfig(installation.octokit, ref);
    result.config = loaded.kind;
    if (loaded.kind === "missing") return { result, customer: null };
    if (loaded.kind === "invalid") {
      result.ok = false;
      result.error = loaded.error.message;
      return { result, customer: null };
    }
    const { config } = loaded;
    const engineers =
      config.team.orgMembersAreEngineers && repo.ownerType === "Organization"
        ? await deps.members.members(installation.octokit, Number(installation.id), ref.owner)
        : [];
    const collector = collectRepository({ repository: result.repo, config, engineers }, { ...options, bot: deps.botLogin });
    const stats: PeriodReadStats = { requests: 0, extraPages: 0, issues: 0 };
    for await (const batch of readIssuesInPeriod(installation.graphql, ref, periodBounds(options.period, config.timezone).start, stats)) {
      for (const incident of batch) collector.add(incident.issue, incident.timeline);
    }
    Object.assign(result, { issues: stats.issues, reads: stats.requests, extraPages: stats.extraPages });
    return { result, customer: collector.finish() };
  } catch (error) {
    result.ok = false;
    result.error = messageOf(error);
    deps.log.warn({ repo: result.repo, error: result.error }, "repository not reported");
    return { result, customer: null };
  }
}

export interface ReportUnit {
  installation: InstallationToSweep;
  /** The account whose repositories these are (an organisation, usually). */
  owner: string;
  /** Repositories asked for (customers or not). */
  repos: RepoToSweep[];
}

/**
 * The repositories to report on, grouped by owner. Without a list, every
 * repository the installation sees except the organisation's defaults
 * repository (`.github`), which holds defaults, not a contract.
 */
export async function reportUnits(installations: readonly InstallationToSweep[], only?: readonly RepoRef[]): Promise<ReportUnit[]> {
  const units: ReportUnit[] = [];
  for (const installation of installations) {
    let repos = installation.repos ?? (await listInstallationRepos(installation.octokit));
    if (only && only.length > 0 && installation.repos === undefined) repos = repos.filter((r) => only.some((o) => same(fullName(o), fullName(r))));
    else if (installation.repos === undefined) repos = repos.filter((r) => r.repo !== DEFAULTS_REPO);
    const owners = new Map<string, RepoToSweep[]>();
    for (const r of repos) owners.set(r.owner.toLowerCase(), [...(owners.get(r.owner.toLowerCase()) ?? []), r]);
    for (const list of owners.values()) units.push({ installation, owner: list[0]!.owner, repos: list });
  }
  return units;
}

/** Reads every repository of the units for one report. */
export async function readReport(deps: ReportDeps, units: readonly ReportUnit[], options: ReportOptions): Promise<{ report: Report; results: RepoReadResult[]; languages: Language[] }> {
  const customers: CustomerReport[] = [];
  const results: RepoReadResult[] = [];
  const languages: Language[] = [];
  for (const unit of units) {
    for (const repo of unit.repos) {
      const { result, customer } = await reportRepository(deps, unit.installation, repo, options);
      results.push(result);
      if (customer) {
        customers.push(customer);
        languages.push(customer.language);
      }
    }
  }
  return { report: assembleReport(options, customers), results, languages };
}

// ---------------------------------------------------------------- posting

export type PublishStatus = "created" | "exists" | "claimed-elsewhere" | "refused";

export interface PublishOutcome {
  owner: string;
  repository: string;
  period: ReportPeriod;
  status: PublishStatus;
  issue?: number;
  url?: string;
  parts?: number;
  reason?: string;
  reads?: RepoReadResult[];
}

const claimLabel = (period: ReportPeriod) => `sla-report ${period.from}..${period.to}`;
const CLAIM = /claimed (\S+)/;

/** Issues of the target repository carrying this period's marker, oldest first. */
async function findReports(octokit: Octokit, target: RepoRef, period: ReportPeriod): Promise<MarkedIssue[]> {
  // A period's report is never posted before the period began: only issues updated since then can be it.
  const since = new Date(Date.parse(`${period.from}T00:00:00Z`) - 86_400_000).toISOString();
  return findMarked(octokit, target, reportKey(period), { state: "all", since });
}

/** Takes the period's claim label; false when another process holds a fresh claim. */
async function claim(octokit: Octokit, target: RepoRef, period: ReportPeriod, now: number): Promise<boolean> {
  const name = claimLabel(period);
  const description = `incident-sla report, claimed ${new Date(now).toISOString()}`;
  try {
    await octokit.rest.issues.createLabel({ ...target, name, color: "5319e7", description });
    return true;
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
  const { data } = await octokit.rest.issues.getLabel({ ...target, name });
  const at = Date.parse(CLAIM.exec(data.description ?? "")?.[1] ?? "");
  if (Number.isFinite(at) && now - at < CLAIM_TTL_MS) return false;
  // The process that claimed the period stopped before posting: take it over.
  await octokit.rest.issues.updateLabel({ ...target, name, description });
  return true;
}

/** Posts the continuation comments an issue lacks (a run that stopped between the issue and its comments). */
async function postMissingParts(octokit: Octokit, target: RepoRef, issue: number, period: ReportPeriod, parts: readonly string[], language: Language): Promise<number> {
  if (parts.length < 2) return 0;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...target, issue_number: issue, per_page: 100 });
  const have = new Set(comments.map((c) => readMarker(c.body)?.key));
  let posted = 0;
  for (let part = 2; part <= parts.length; part++) {
    if (have.has(partKey(period, part))) continue;
    await octokit.rest.issues.createComment({ ...target, issue_number: issue, body: partBody(period, part, parts, wordsFor(language).continued(part, parts.length)) });
    posted++;
  }
  return posted;
}

export interface PublishRequest {
  unit: ReportUnit;
  settings: ReportSettings;
  period: ReportPeriod;
}

/** Reads, renders and posts one owner's report for a period, idempotently (see the top of this file). */
export async function publishReport(deps: ReportDeps, request: PublishRequest): Promise<PublishOutcome> {
  const { unit, settings, period } = request;
  const { octokit } = unit.installation;
  const target = settings.repository;
  const outcome: PublishOutcome = { owner: unit.owner, repository: fullName(target), period, status: "refused" };

  // 1. Already posted (and complete)?
  const [existing] = await findReports(octokit, target, period);
  if (existing && partsOf(existing.body) === 1) return { ...outcome, status: "exists", issue: existing.number, url: existing.url };

  // 2. Never into a customer's repository: its own configuration says it is one.
  const targetConfig = (await loadRepoConfig(octokit, target)).kind;
  const early = refusal(target, [], targetConfig);
  if (early) return { ...outcome, reason: early };

  // 3. Read and render (reads only; two replicas may both get here).
  const read = await readReport(deps, [unit], { period, now: deps.now(), bot: deps.botLogin });
  outcome.reads = read.results;
  const reason = refusal(target, read.report.customers.map((c) => c.repository), targetConfig);
  if (reason) return { ...outcome, reason };
  const parts = packParts(markdownSections(read.report, settings.language));

  if (existing) {
    const posted = await postMissingParts(octokit, target, existing.number, period, parts, settings.language);
    deps.log.info({ repository: outcome.repository, issue: existing.number, posted }, "report continuation completed");
    return { ...outcome, status: "exists", issue: existing.number, url: existing.url, parts: partsOf(existing.body) };
  }

  // 4. Claim the period, so that of two replicas only one posts.
  if (!(await claim(octokit, target, period, deps.now()))) {
    const [now] = await findReports(octokit, target, period);
    return now ? { ...outcome, status: "exists", issue: now.number, url: now.url } : { ...outcome, status: "claimed-elsewhere" };
  }

  // 5. Post.
  const w = wordsFor(settings.language);
  const title = `${w.title}: ${period.from} – ${period.to}`;
  const { data: created } = await octokit.rest.issues.create({ ...target, title, body: issueBody(period, parts), labels: [claimLabel(period)] });

  // 6. A twin made anyway (a retried request, a taken-over claim): the oldest stays.
  const [oldest, ...twins] = await findReports(octokit, target, period);
  await closeTwins(octokit, target, twins);
  if (oldest && oldest.number !== created.number) return { ...outcome, status: "exists", issue: oldest.number, url: oldest.url };
  await postMissingParts(octokit, target, created.number, period, parts, settings.language);
  deps.log.info({ repository: outcome.repository, issue: created.number, parts: parts.length, period }, "compliance report posted");
  return { ...outcome, status: "created", issue: created.number, url: created.html_url, parts: parts.length };
}

// ---------------------------------------------------------------- the app's schedule

export interface MonthlyReports {
  /** Posts last month's reports that are due; does nothing when it last looked less than an hour ago. */
  check(installations: readonly InstallationToSweep[], botLogin: string): Promise<PublishOutcome[]>;
}

/**
 * The in-app schedule: piggybacks on the sweep's interval and looks at most
 * once an hour. Per installation and owner: the organisation's defaults say
 * whether and where; the month before now (in the defaults' zone) is the
 * period; a report known to be posted is not looked for again by this process.
 */
export function createMonthlyReports(options: { now: () => number; members: OrgMembersCache; log: ReportDeps["log"] }): MonthlyReports {
  let lastCheck = Number.NEGATIVE_INFINITY;
  const done = new Set<string>();
  return {
    async check(installations, botLogin) {
      const now = options.now();
      if (now - lastCheck < HOUR) return [];
      lastCheck = now;
      const deps: ReportDeps = { now: options.now, botLogin, members: options.members, log: options.log };
      const outcomes: PublishOutcome[] = [];
      const units: ReportUnit[] = [];
      for (const installation of installations) {
        try {
          units.push(...(await reportUnits([installation])));
        } catch (error) {
          // One installation that cannot be listed never stops the others' reports.
          options.log.warn({ installation: installation.id, error: messageOf(error) }, "compliance report: repositories not listed");
        }
      }
      for (const unit of units) {
        try {
          const settings = await loadReportSettings(unit.installation.octokit, unit.owner);
          if (!settings || settings.schedule !== "monthly") continue;
          const period = previousMonth(now, settings.timezone);
          const key = `${String(unit.installation.id)}:${unit.owner.toLowerCase()}:${reportKey(period)}`;
          if (done.has(key)) continue;
          const outcome = await publishReport(deps, { unit, settings, period });
          outcomes.push(outcome);
          if (outcome.status === "created" || outcome.status === "exists") done.add(key);
          else options.log.warn({ ...outcome, reads: undefined }, `compliance report not posted: ${outcome.reason ?? outcome.status}`);
        } catch (error) {
          options.log.warn({ owner: unit.owner, error: messageOf(error) }, "compliance report failed");
        }
      }
      return outcomes;
    },
  };
}
