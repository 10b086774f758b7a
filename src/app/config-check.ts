// The `incident-sla` check run on a pull request that changes a configuration
// (README, "The check on pull requests"). Nothing from the
// pull request is run or evaluated: its YAML is read through the contents API
// at the head commit (through the base repository, which GitHub serves for a
// fork's pull request too) and parsed with the app's own resolver.
import { CONFIG_PATH, type ConfigError } from "../config/parse-config.js";
import { type ConfigSource, type ResolvedConfig, type SourceRead, resolveConfig } from "../config/resolve-config.js";
import type { Config } from "../config/schema.js";
import { incidentImpact } from "../domain/clock/config-impact.js";
import { type CheckReport, type ImpactRow, type RenderedCheck, type RepoRead, renderConfigCheck } from "../domain/texts/render-config-check.js";
import { type GitHubFile, readGitHubFile } from "../github/load-config.js";
import { type ReadStats, readOpenIncidents } from "../github/read-open-incidents.js";
import type { Octokit, RepoRef } from "../github/types.js";
import { wordsFor } from "../words/index.js";
import type { AppServices } from "./services.js";

const CHECK_NAME = "incident-sla";
/** The defaults repository of an organisation (`_extends: .github`). */
const DEFAULTS_REPO = ".github";
/** Pages of a pull request's files (GitHub lists at most 3,000). */
const MAX_FILE_PAGES = 30;
/** Repositories whose configuration a defaults check reads. */
const MAX_REPOSITORIES = 50;
/** Open incidents compared per check, across repositories (100 a GraphQL request). */
const MAX_INCIDENTS = 500;
/** GitHub takes at most 50 annotations a request. */
const ANNOTATIONS_PER_REQUEST = 50;

export interface PullRequestEvent {
  action: string;
  number: number;
  pull_request: { head: { sha: string }; base: { sha: string } };
  repository: { name: string; owner: { login: string; type?: string } };
  installation?: { id: number };
}

interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure";
  title: string;
  message: string;
}

export interface ConfigCheckDeps {
  services: AppServices;
  octokit: Octokit;
  log: { info: (o: object, m: string) => void; debug: (o: object, m: string) => void };
}

export type ConfigCheckOutcome = "skipped" | "created" | "updated" | "unchanged";

/** The files of the owner, the pull request's repository read at `sha`; each file read once per check. */
function sourceAt(octokit: Octokit, owner: string, pr: string, sha: string, reads: Map<string, Promise<SourceRead>>): ConfigSource<GitHubFile> {
  const at = (repo: string, path: string): GitHubFile => ({ owner, repo, path, ...(repo.toLowerCase() === pr.toLowerCase() ? { ref: sha } : {}) });
  return {
    owner,
    name: (f) => `${f.owner}/${f.repo}:${f.path}`,
    key: (f) => `${f.owner.toLowerCase()}/${f.repo.toLowerCase()}:${f.path}@${f.ref ?? ""}`,
    read: (f) => {
      const key = `${f.repo.toLowerCase()}:${f.path}@${f.ref ?? ""}`;
      let read = reads.get(key);
      if (!read) reads.set(key, (read = readGitHubFile(octokit, f)));
      return read;
    },
    follow: (_from, target) => ({ location: at(target.repo, target.path) }),
  };
}

/** Whether the pull request changes `.github/incident-sla.yml` (bounded: GitHub lists at most 3,000 files). */
async function touchesConfig(octokit: Octokit, ref: RepoRef, number: number): Promise<boolean> {
  let page = 0;
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.listFiles, { ...ref, pull_number: number, per_page: 100 })) {
    if (data.some((f) => f.filename === CONFIG_PATH || f.previous_filename === CONFIG_PATH)) return true;
    if (++page >= MAX_FILE_PAGES) break;
  }
  return false;
}

/** One annotation per problem in the pull request's own file (`inFile`), at its line (line 1 when the problem has none). */
function annotationsOf(error: ConfigError, inFile: (file: string | undefined) => boolean, title: string): Annotation[] {
  return error.problems
    .filter((p) => inFile(p.file))
    .map((p) => ({ path: CONFIG_PATH, start_line: p.line ?? 1, end_line: p.line ?? 1, annotation_level: "failure" as const, title, message: p.path ? `${p.path}: ${p.message}` : p.message }));
}

interface Compared {
  repo: RepoRef;
  before: Config;
  after: Config;
}

/** Open incidents of each repository, before → after, within MAX_INCIDENTS in all. */
async function compare(deps: ConfigCheckDeps, installationId: number | undefined, ownerType: string | undefined, pairs: Compared[]): Promise<{ repos: RepoRead[]; rows: ImpactRow[] }> {
  const botLogin = await deps.services.botLogin();
  const now = deps.services.now();
  const repos: RepoRead[] = [];
  const rows: ImpactRow[] = [];
  let budget = MAX_INCIDENTS;
  // The incidents are read without Probot's write spacing (github/read-client.ts).
  const graphql = installationId !== undefined && deps.services.reads ? deps.services.reads.graphqlFor(deps.octokit, installationId) : deps.octokit.graphql;
  for (const { repo, before, after } of pairs) {
    const name = `${repo.owner}/${repo.repo}`;
    const read: RepoRead = { repo: name, read: 0, truncated: false };
    repos.push(read);
    const wantsMembers = ownerType === "Organization" && (before.team.orgMembersAreEngineers || after.team.orgMembersAreEngineers);
    const members = wantsMembers ? await deps.services.members.members(deps.octokit, installationId, repo.owner) : [];
    const stats: ReadStats = { requests: 0, extraPages: 0 };
    for await (const incident of readOpenIncidents(graphql, repo, botLogin, stats)) {
      // The app's own issues (a configuration error) are not incidents.
      if ((incident.issue.user as { login?: string } | null)?.login?.toLowerCase() === botLogin.toLowerCase()) continue;
      if (budget === 0) {
        read.truncated = true;
        break;
      }
      budget--;
      read.read++;
      const changes = incidentImpact({ before, after, issue: incident.issue, timeline: incident.timeline, now, bot: botLogin, members });
      if (changes.length > 0) rows.push({ repo: name, number: incident.issue.number as number, title: incident.issue.title as string, url: incident.issue.html_url as string, changes });
    }
  }
  return { repos, rows };
}

/** Steps 2–4: what the change does, as a report, and the annotations of the pull request's file. */
async function examine(deps: ConfigCheckDeps, event: PullRequestEvent): Promise<{ report: CheckReport; annotations: (title: string) => Annotation[]; language: Config["language"]; zones: string[] }> {
  const { octokit } = deps;
  const owner = event.repository.owner.login;
  const repo = event.repository.name;
  const { head, base } = event.pull_request;
  const reads = new Map<string, Promise<SourceRead>>();
  const before = sourceAt(octokit, owner, repo, base.sha, reads);
  const after = sourceAt(octokit, owner, repo, head.sha, reads);
  const start = (r: string, sha?: string): GitHubFile => ({ owner, repo: r, path: CONFIG_PATH, ...(sha ? { ref: sha } : {}) });
  const report: CheckReport = { head: head.sha.slice(0, 7), outcome: "compared", errors: [], problemCount: 0, repos: [], rows: [], reposNotRead: 0, whenDeadlinesMove: "neutral" };
  const errors: { error: ConfigError; own: (file: string | undefined) => boolean }[] = [];
  const pairs: Compared[] = [];
  let language: Config["language"] | undefined;
  const invalid = (error: ConfigError, own: (file: string | undefined) => boolean) => {
    errors.push({ error, own });
    report.errors.push(error.message);
    report.problemCount += error.problems.length;
  };

  if (repo.toLowerCase() !== DEFAULTS_REPO) {
    // A customer's own file: its base commit against its head commit.
    const [was, will] = await Promise.all([resolveConfig(before, start(repo, base.sha), { file: CONFIG_PATH }), resolveConfig(after, start(repo, head.sha), { file: CONFIG_PATH })]);
    language = will.kind === "valid" ? will.config.language : was.kind === "valid" ? was.config.language : undefined;
    // The verdict is the merged configuration's: a pull request cannot choose its own.
    if (was.kind === "valid") report.whenDeadlinesMove = was.config.configCheck.whenDeadlinesMove;
    if (will.kind === "invalid") invalid(will.error, (file) => file === undefined);
    else if (will.kind === "missing") report.outcome = "removed";
    else if (was.kind !== "valid") report.outcome = was.kind === "missing" ? "added" : "compared";
    if (was.kind === "invalid" && will.kind === "valid") report.repos.push({ repo: `${owner}/${repo}`, read: 0, truncated: false, invalidBefore: true });
    if (was.kind === "valid" && will.kind === "valid") pairs.push({ repo: { owner, repo }, before: was.config, after: will.config });
    if (report.outcome === "removed" && was.kind === "valid") {
      // Removed: what loses its clocks, counted as a comparison would read them.
      const compared = await compare(deps, event.installation?.id, event.repository.owner.type, [{ repo: { owner, repo }, before: was.config, after: was.config }]);
      report.openIncidents = compared.repos[0]?.read ?? 0;
    }
  } else {
    // The organisation's defaults: the file itself, then every repository that extends it.
    const [ownBefore, own] = await Promise.all([resolveConfig(before, start(repo, base.sha), { file: CONFIG_PATH }), resolveConfig(after, start(repo, head.sha), { file: CONFIG_PATH })]);
    // The verdict is the merged defaults': a pull request cannot choose its own.
    if (ownBefore.kind === "valid") report.whenDeadlinesMove = ownBefore.config.configCheck.whenDeadlinesMove;
    if (own.kind === "invalid") invalid(own.error, (file) => file === undefined);
    if (own.kind === "valid") language = own.config.language;
    const defaultsName = `${owner}/${repo}:${CONFIG_PATH}`;
    const listed: string[] = [];
    let total = 0;
    for await (const { data } of octokit.paginate.iterator(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })) {
      for (const r of data) {
        if (r.owner.login.toLowerCase() !== owner.toLowerCase() || r.name.toLowerCase() === DEFAULTS_REPO) continue;
        total++;
        if (listed.length < MAX_REPOSITORIES) listed.push(r.name);
      }
      if (total >= MAX_REPOSITORIES * 4) break;
    }
    report.reposNotRead = total - listed.length;
    report.dependants = [];
    for (const name of listed) {
      const [was, will] = await Promise.all([resolveConfig(before, start(name), { file: `${owner}/${name}:${CONFIG_PATH}` }), resolveConfig(after, start(name), { file: `${owner}/${name}:${CONFIG_PATH}` })]);
      const extendsIt = (r: ResolvedConfig) => r.kind === "valid" && r.files.includes(defaultsName);
      const problemsHere = will.kind === "invalid" && will.error.problems.some((p) => p.file === defaultsName);
      if (!extendsIt(was) && !extendsIt(will) && !problemsHere) continue;
      report.dependants.push(`${owner}/${name}`);
      if (will.kind === "invalid") {
        // A problem in the defaults is annotated on this file; one in the customer's own file is only listed.
        if (own.kind !== "invalid" || !problemsHere) invalid(will.error, (file) => file === defaultsName);
      } else if (was.kind === "invalid") report.repos.push({ repo: `${owner}/${name}`, read: 0, truncated: false, invalidBefore: true });
      else if (was.kind === "valid" && will.kind === "valid") pairs.push({ repo: { owner, repo: name }, before: was.config, after: will.config });
    }
  }

  if (errors.length > 0) report.outcome = "invalid";
  else if (pairs.length > 0) {
    const compared = await compare(deps, event.installation?.id, event.repository.owner.type, pairs);
    report.repos.push(...compared.repos);
    report.rows = compared.rows;
  }
  const zones = pairs.flatMap((p) => [p.before.timezone, p.after.timezone]);
  const annotations = (title: string) => {
    const seen = new Set<string>();
    return errors
      .flatMap(({ error, own }) => annotationsOf(error, own, title))
      .filter((a) => {
        const key = `${a.start_line}\n${a.message}`;
        return !seen.has(key) && (seen.add(key), true);
      });
  };
  return { report, annotations, language: language ?? pairs[0]?.after.language ?? "en", zones };
}

/** Step 5: exactly one check run of the app on the head commit, created or updated; nothing written when it already says this. */
async function applyCheckRun(deps: ConfigCheckDeps, ref: RepoRef, headSha: string, rendered: RenderedCheck, annotations: Annotation[]): Promise<ConfigCheckOutcome> {
  const { octokit } = deps;
  const slug = (await deps.services.botLogin()).replace(/\[bot\]$/, "").toLowerCase();
  const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: headSha, check_name: CHECK_NAME, filter: "all", per_page: 100 });
  const mine = data.check_runs.find((r) => r.app?.slug?.toLowerCase() === slug);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (batch: Annotation[] | undefined) => ({ title: rendered.title, summary: rendered.summary, ...(batch ? { annotations: batch } : {}) });
  const completed = { status: "completed" as const, conclusion: rendered.conclusion, completed_at: new Date(deps.services.now()).toISOString() };
  if (mine && mine.status === "completed" && mine.conclusion === rendered.conclusion && mine.output.title === rendered.title && mine.output.summary === rendered.summary && mine.output.annotations_count === annotations.length) {
    return "unchanged";
  }
  let id: number;
  // GitHub appends the annotations of every update, so the first batch goes with the run and each further batch is one update.
  if (mine) {
    id = mine.id;
    await octokit.rest.checks.update({ ...ref, check_run_id: id, ...completed, output: output(batches[0]) });
  } else {
    ({ data: { id } } = await octokit.rest.checks.create({ ...ref, name: CHECK_NAME, head_sha: headSha, ...completed, output: output(batches[0]) }));
  }
  for (const batch of batches.slice(1)) await octokit.rest.checks.update({ ...ref, check_run_id: id, output: output(batch) });
  return mine ? "updated" : "created";
}

/**
 * A pull request opened, synchronized or reopened:
 * 1. does it change the configuration? (its files; none: no check run);
 * 2. the configurations before (base commit) and after (head commit);
 * 3. the repositories they apply to (the defaults: every repository extending them);
 * 4. their open incidents before → after (bounded);
 * 5. the check run, applied idempotently.
 */
export async function checkConfigChange(deps: ConfigCheckDeps, event: PullRequestEvent): Promise<{ outcome: ConfigCheckOutcome; conclusion?: RenderedCheck["conclusion"] }> {
  const ref: RepoRef = { owner: event.repository.owner.login, repo: event.repository.name };
  const where = { repo: `${ref.owner}/${ref.repo}`, pull: event.number, head: event.pull_request.head.sha };
  // 1.
  if (!(await touchesConfig(deps.octokit, ref, event.number))) {
    deps.log.debug({ ...where, outcome: "skipped", reason: "the configuration did not change" }, "pull request skipped");
    return { outcome: "skipped" };
  }
  // 2–4.
  const { report, annotations, language, zones } = await examine(deps, event);
  const words = wordsFor(language);
  const rendered = renderConfigCheck(report, words, zones);
  // 5. One run per head commit, whoever delivers the event (a redelivery, a second replica in this process).
  const outcome = await deps.services.serialise(`check:${where.repo}@${where.head}`, () => applyCheckRun(deps, ref, event.pull_request.head.sha, rendered, annotations(words.checkRun.annotationTitle)));
  deps.log.info({ ...where, outcome, conclusion: rendered.conclusion, problems: report.problemCount, moved: report.rows.length, dependants: report.dependants?.length }, "configuration check");
  return { outcome, conclusion: rendered.conclusion };
}
