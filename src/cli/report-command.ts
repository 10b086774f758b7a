// `incident-sla report` (README, Compliance reports): the compliance report over a period, for
// managers. From GitHub (batched GraphQL reads, the sweep's credentials) for
// one repository, several, or every repository of the app's installations;
// or offline from a JSON Lines export in the `evaluate` input format.
// `--post` puts the report into the organisation's report repository as an
// issue, once per period, exactly as the app's monthly schedule does.
import { messageOf } from "../github/types.js";
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { pino } from "pino";
import { type PublishOutcome, type ReportDeps, loadReportSettings, publishReport, readReport, reportUnits } from "../app/monthly-report.js";
import { DEFAULT_BOT_LOGIN } from "../domain/clock/evaluate.js";
import { OrgMembersCache } from "../github/org-members.js";
import { type Report, type ReportOptions, assembleReport, collectRepository } from "../report/build-report.js";
import { LANGUAGES, type Language, isLanguage, wordsFor } from "../words/index.js";
import { type ReportPeriod, checkPeriod, previousMonth } from "../report/period.js";
import { renderCsv } from "../report/render-csv.js";
import { renderJson } from "../report/render-json.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { type CommandContext, write } from "./cli-io.js";
import { connectToGitHub } from "./github-connection.js";
import { incidentInput } from "./incident-input.js";
import { configOptions, loadConfig } from "./load-config.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { parseNow } from "./parse-now.js";
import { InputError, UsageError } from "./usage-error.js";

/**
 * What goes into the report (an input line's error) and into --post's JSON
 * lines is not the command line's to translate: English, as today, whatever
 * its language.
 */
const MACHINE = wordsFor("en").cli;

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
const FORMATS = ["markdown", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  from: { type: "string" },
  to: { type: "string" },
  repo: { type: "string", multiple: true },
  input: { type: "string" },
  config: { type: "string" },
  "extends-root": { type: "string" },
  format: { type: "string" },
  lang: { type: "string" },
  now: { type: "string" },
  bot: { type: "string" },
  post: { type: "boolean" },
  output: { type: "string" },
} as const;

function render(report: Report, format: Format, language: Language): string {
  if (format === "csv") return renderCsv(report, language);
  if (format === "json") return renderJson(report);
  return renderMarkdown(report, language);
}

/** owner/name from an issue's html_url (https://github.com/acme/support/issues/12). */
function repositoryOfUrl(url: unknown): string | null {
  if (typeof url !== "string") return null;
  const m = /\/([^/]+)\/([^/]+)\/issues\/\d+$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : null;
}

async function openLines(path: string, { io, words }: CommandContext) {
  if (path === "-") return createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    await access(path);
  } catch {
    throw new UsageError(words.cannotRead(words.files.input, path, words.reasons.missingOrUnreadable));
  }
  return createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
}

/** The offline report: one repository's export, one configuration. */
async function offlineReport(values: { input: string; config?: string; "extends-root"?: string; repo?: string[]; now?: string; bot?: string }, period: ReportPeriod, context: CommandContext) {
  const { words } = context;
  if (!values.config) throw new UsageError(words.report.inputNeedsConfig);
  if ((values.repo ?? []).length > 1) throw new UsageError(words.report.inputOneRepo);
  const config = await loadConfig(values.config, words, configOptions(values["extends-root"], context.io, "report"));
  let now = context.now();
  if (values.now !== undefined) {
    const parsed = parseNow(values.now, config.timezone, words);
    if (typeof parsed !== "number") throw new UsageError(`--now: ${parsed.error}`);
    now = parsed;
  }
  const options: ReportOptions = { period, now, bot: values.bot ?? DEFAULT_BOT_LOGIN };
  const collector = collectRepository({ repository: values.repo?.[0] ?? "", config }, options);
  let repository: string | null = values.repo?.[0] ?? null;
  let ownNow = 0;
  let lineNumber = 0;
  for await (const raw of await openLines(values.input, context)) {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    try {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new InputError(MACHINE.json.invalid(null, (error as Error).message));
      }
      const input = incidentInput(value, config.timezone, MACHINE);
      if (input.now !== null) ownNow++;
      repository ??= repositoryOfUrl((input.issue as { html_url?: unknown } | null)?.html_url);
      collector.add(input.issue, input.timeline, lineNumber);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      collector.error({ number: null, line: lineNumber, message: error.message });
    }
  }
  if (ownNow > 0) {
    await write(context.io.stderr, `incident-sla report: ${words.report.ownNow(ownNow, new Date(now).toISOString())}\n`);
  }
  const customer = collector.finish();
  customer.repository = repository ?? basename(values.input);
  customer.customer = config.contract.customer ?? customer.repository;
  return { report: assembleReport(options, [customer]), language: config.language };
}

export async function reportCommand(args: string[], context: CommandContext): Promise<number> {
  const { io, words } = context;
  const { values, positionals } = parseCommandArgs(args, OPTIONS, words);
  if (positionals.length > 0) throw new UsageError(words.unexpectedArgument(JSON.stringify(positionals[0])));
  const format = (values.format ?? "markdown") as Format;
  if (!FORMATS.includes(format)) throw new UsageError(words.expectsOneOf("--format", FORMATS, JSON.stringify(values.format)));
  if (values.lang !== undefined && !isLanguage(values.lang)) throw new UsageError(words.expectsOneOf("--lang", LANGUAGES, JSON.stringify(values.lang)));
  const lang: Language | undefined = isLanguage(values.lang) ? values.lang : undefined;
  const post = values.post ?? false;
  // --output summary: totals only, for logs other customers may read (a shared Actions log).
  const output = values.output ?? "lines";
  if (output !== "lines" && output !== "summary") throw new UsageError(words.expectsOneOf("--output", ["lines", "summary"], JSON.stringify(values.output)));
  if (output === "summary" && !post) throw new UsageError(words.report.summaryNeedsPost);
  const summaryOnly = output === "summary";
  if ((values.from === undefined) !== (values.to === undefined)) throw new UsageError(words.report.fromAndTo);
  let period: ReportPeriod | null = null;
  if (values.from !== undefined && values.to !== undefined) {
    period = { from: values.from, to: values.to };
    const problem = checkPeriod(period);
    if (problem) throw new UsageError(problem);
  } else if (!post) throw new UsageError(words.report.fromToRequired);
  const repos = (values.repo ?? []).map((r) => {
    const m = REPO.exec(r);
    if (!m) throw new UsageError(words.repoExpected(JSON.stringify(r)));
    return { owner: m[1]!, repo: m[2]! };
  });

  // Offline: a JSON Lines export and its configuration.
  if (values.input !== undefined) {
    if (post) throw new UsageError(words.report.postWithInput);
    const { report, language } = await offlineReport({ ...values, input: values.input }, period!, context);
    await write(io.stdout, render(report, format, lang ?? language));
    const errors = report.customers.reduce((n, c) => n + c.errors.length, 0);
    if (errors > 0) {
      await write(io.stderr, `incident-sla report: ${words.report.inputErrors(errors)}\n`);
      return 1;
    }
    return 0;
  }
  if (values.config !== undefined || values["extends-root"] !== undefined) throw new UsageError(words.report.configWithInput);

  // From GitHub.
  let now = context.now();
  if (values.now !== undefined) {
    // Contracts may be in different zones: a time without an offset is read as UTC here.
    const parsed = parseNow(values.now, "UTC", words, null);
    if (typeof parsed !== "number") throw new UsageError(`--now: ${parsed.error}`);
    now = parsed;
  }
  // With --output summary nothing that names an organisation or a repository is printed, log lines included.
  const log = pino({ level: summaryOnly ? "silent" : (io.env.LOG_LEVEL ?? "warn") }, pino.destination(2));
  const setup = await connectToGitHub(io, { repos, bot: values.bot, tokenBotDefault: DEFAULT_BOT_LOGIN, log, words });
  const deps: ReportDeps = { now: () => now, botLogin: setup.botLogin, members: new OrgMembersCache(context.now), log };
  const units = await reportUnits(setup.installations, repos);
  // A repository named with --repo that no installation of the app can see is said, not silently left out.
  const seen = new Set(units.flatMap((u) => u.repos.map((r) => `${r.owner}/${r.repo}`.toLowerCase())));
  const unseen = repos.map((r) => `${r.owner}/${r.repo}`).filter((name) => !seen.has(name.toLowerCase()));
  if (summaryOnly && unseen.length > 0) await write(io.stderr, `incident-sla report: ${words.report.notSeenCount(unseen.length)}\n`);
  else for (const name of unseen) await write(io.stderr, `incident-sla report: ${words.report.notSeen(name)}\n`);

  if (!post) {
    const read = await readReport(deps, units, { period: period!, now, bot: setup.botLogin });
    const agreed = new Set(read.languages);
    const language = lang ?? (agreed.size === 1 ? [...agreed][0]! : "en");
    await write(io.stdout, render(read.report, format, language));
    const failed = read.results.filter((r) => !r.ok);
    for (const f of failed) await write(io.stderr, `incident-sla report: ${f.repo}: ${f.error ?? words.report.failed}\n`);
    const errors = read.report.customers.reduce((n, c) => n + c.errors.length, 0);
    const requests = read.results.reduce((n, r) => n + r.reads, 0);
    const customers = read.report.customers.length;
    const incidents = read.report.customers.reduce((n, c) => n + c.incidents, 0);
    const unconfigured = read.results.length - customers - failed.length;
    await write(io.stderr, `${words.report.summary({ customers, failed: failed.length, unconfigured, incidents, requests, notEvaluated: errors })}\n`);
    return failed.length > 0 || errors > 0 || unseen.length > 0 ? 1 : 0;
  }

  // --post: each owner's report into its report repository (the organisation's defaults say which).
  let failures = 0;
  const totals = { organisations: 0, created: 0, exists: 0, "claimed-elsewhere": 0, refused: 0, skipped: 0, failed: 0, failedRepositories: 0 };
  for (const unit of units) {
    let outcome: PublishOutcome | { owner: string; status: "failed" | "skipped"; reason: string };
    try {
      const settings = await loadReportSettings(unit.installation.octokit, unit.owner);
      if (!settings) {
        // An organisation that asked for no report is not a failure of the job that serves them all.
        outcome = { owner: unit.owner, status: "skipped", reason: MACHINE.report.noReportRepository(unit.owner) };
      } else {
        const reportSettings = lang ? { ...settings, language: lang } : settings;
        outcome = await publishReport(deps, { unit, settings: reportSettings, period: period ?? previousMonth(now, settings.timezone) });
      }
    } catch (error) {
      outcome = { owner: unit.owner, status: "failed", reason: messageOf(error) };
    }
    if (outcome.status === "refused" || outcome.status === "failed") failures++;
    const { reads, ...printed } = outcome as PublishOutcome;
    const failedReads = (reads ?? []).filter((r) => !r.ok);
    if (failedReads.length > 0) failures++;
    totals.organisations++;
    totals[outcome.status]++;
    totals.failedRepositories += failedReads.length;
    if (summaryOnly) continue;
    await write(io.stdout, `${JSON.stringify({ ...printed, ...(failedReads.length > 0 ? { failedRepositories: failedReads.map((r) => ({ repo: r.repo, error: r.error })) } : {}) })}\n`);
  }
  if (summaryOnly) await write(io.stdout, `${JSON.stringify(totals)}\n`);
  return failures > 0 || unseen.length > 0 ? 1 : 0;
}
