// The issue-fields step of a repository (README, Managers' views), before
// its incidents are written: the organisation's fields (cached per
// installation per sweep, or for a while for webhooks), what is wrong with
// the configured ones (reported once in the repository's issue-fields issue,
// or that issue closed once all is well), and the values the incidents carry
// now. Then, per incident, the write that makes them what plan-fields.ts
// wants. Nothing here can stop the labels: every failure is logged with what
// it was doing and leaves the fields alone.
import type { Config } from "../config/schema.js";
import type { Explanation } from "../domain/clock/evaluate.js";
import { type FieldWant, planFields, severityOption, statusOption } from "../domain/plans/plan-fields.js";
import { INCIDENT_STATUSES } from "../domain/clock/incident-status.js";
import { applyFieldsWrite, noteRepoFields } from "../github/apply-fields.js";
import {
  type CurrentValues,
  type FieldsProblem,
  type FieldsWrite,
  OrgFieldsCache,
  checkFields,
  currentValuesOf,
  fieldsWrite,
  readIssueValues,
  readOpenValues,
} from "../github/issue-fields.js";
import { type ListedIssue, closeFieldsIssues, fieldsIssuesAmong, reportFieldsProblems, writeRefusalIn } from "../github/issue-fields-issue.js";
import { type IssueRef, type Octokit, type RepoRef, messageOf, statusOf } from "../github/types.js";
import { withRateLimitRetry } from "../github/rate-limit.js";
import { wordsFor } from "../words/index.js";
import type { SweepDeps, SweepTarget } from "./sweep-deps.js";

export interface FieldsStepDeps {
  octokit: Octokit;
  cache: OrgFieldsCache;
  botLogin: string;
  log: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Print, write nothing. */
  dryRun?: boolean;
  /** Before every write (the write budget). */
  beforeWrite?: () => void;
  /** Runs each read (the sweep waits out rate limits here). */
  runRead?: <T>(read: () => Promise<T>) => Promise<T>;
}

export interface RepoFields {
  /** Requests made to read fields and values (the sweep counts them as reads). */
  reads: number;
  /** Writes made for the issue-fields issue. */
  writes: number;
  problems: FieldsProblem[];
  /** The write an incident needs, or null (nothing differs, or the fields cannot be written here). */
  writeFor(number: number, x: Explanation, issue?: Record<string, unknown>): Promise<FieldsWrite | null>;
}

/** Every option the configuration can ask of each single select. */
function neededOptions(config: Config): Partial<Record<"status" | "severity", string[]>> {
  const status = INCIDENT_STATUSES.map((s) => statusOption(config, s)).filter((o): o is string => o !== null);
  const severity = Object.keys(config.severities).map((level) => severityOption(config, Number(level)));
  return { status: [...new Set(status)], severity: [...new Set(severity)] };
}

/** The configured fields without values: what plan-fields.ts fills in. */
function configuredFields(config: Config): Pick<FieldWant, "role" | "field" | "dataType">[] {
  const f = config.issueFields;
  if (!f) return [];
  return [
    ...(f.nextDue ? [{ role: "nextDue" as const, field: f.nextDue, dataType: "date" as const }] : []),
    ...(f.status ? [{ role: "status" as const, field: f.status, dataType: "single_select" as const }] : []),
    ...(f.severity ? [{ role: "severity" as const, field: f.severity, dataType: "single_select" as const }] : []),
  ];
}

/**
 * Prepares a repository's issue fields; null when its configuration names none.
 * `listOpen`: read the open issues' values in one list (a sweep); otherwise each
 * incident's own issue JSON carries them (a webhook).
 */
async function prepareRepoFields(deps: FieldsStepDeps, ref: RepoRef, config: Config, listOpen: boolean): Promise<RepoFields | null> {
  const configured = configuredFields(config);
  if (configured.length === 0) return null;
  const run = deps.runRead ?? (<T>(read: () => Promise<T>) => read());
  const where = { repo: `${ref.owner}/${ref.repo}` };
  const out: RepoFields = { reads: 0, writes: 0, problems: [], writeFor: () => Promise.resolve(null) };

  // 1. The organisation's fields.
  let fields;
  try {
    const known = await run(() => deps.cache.fields(deps.octokit, ref.owner));
    if (known.ok) fields = known.fields;
    else out.problems.push({ kind: "refused", status: known.status, doing: "list-fields", message: known.message });
  } catch (error) {
    deps.log.error({ ...where, doing: "reading the organisation's issue fields", status: statusOf(error), error: messageOf(error) }, "issue fields left alone in this repository");
    return out;
  }
  if (fields) out.problems.push(...checkFields(configured, neededOptions(config), fields));

  // 2. The values the open incidents carry now (a sweep: 100 a request), and the app's open issue-fields issues.
  let values: Map<number, CurrentValues | null> | null = null;
  let open: ListedIssue[] | undefined;
  if (listOpen && fields) {
    try {
      const read = await run(() => readOpenValues(deps.octokit, ref));
      out.reads += read.requests;
      values = read.values;
      open = fieldsIssuesAmong(read.issues, deps.botLogin);
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 404) out.problems.push({ kind: "refused", status, doing: "read-values", message: messageOf(error) });
      else {
        deps.log.error({ ...where, doing: "reading the open incidents' issue field values", status, error: messageOf(error) }, "issue fields left alone in this repository");
        return out;
      }
    }
  }

  // 3. Reported once, in the contract's language; a refused write the issue still reports stays until a write works.
  const words = wordsFor(config.language);
  if (out.problems.length > 0) deps.log.warn({ ...where, problems: out.problems }, "issue fields: configured fields cannot all be kept; labels go on");
  if (!deps.dryRun) {
    try {
      const carried = (open ?? []).map((i) => writeRefusalIn(i.body)).find((p) => p !== null);
      const problems = carried && out.problems.length > 0 ? [...out.problems, carried] : out.problems;
      if (problems.length > 0) out.writes += (await reportFieldsProblems(deps.octokit, ref, deps.botLogin, words, problems, open, deps.beforeWrite)).writes;
      else if (open && open.length > 0 && !carried) {
        out.writes += await closeFieldsIssues(deps.octokit, ref, words.issueFields.resolved, open, deps.beforeWrite);
        open = [];
      }
    } catch (error) {
      deps.log.error({ ...where, doing: "reporting the issue fields' problems", status: statusOf(error), error: messageOf(error) }, "issue fields: problems not reported in the repository");
    }
  }
  noteRepoFields(deps.octokit, ref, { problems: out.problems, ...(open ? { open } : {}) });

  // 4. Per incident: only what differs.
  const usable = fields;
  if (!usable || out.problems.some((p) => p.kind === "refused")) return out;
  out.writeFor = async (number, x, issue) => {
    let current = issue ? currentValuesOf(issue) : values?.get(number) ?? null;
    if (current === null) {
      // Not in the list (opened since) or a JSON without values: read this issue's own.
      const issueRef: IssueRef = { ...ref, issue_number: number };
      try {
        current = await run(() => readIssueValues(deps.octokit, issueRef));
        out.reads++;
      } catch (error) {
        deps.log.warn({ ...where, issue: number, doing: "reading the incident's issue field values", status: statusOf(error), error: messageOf(error) }, "issue fields of this incident left alone");
        return null;
      }
    }
    return fieldsWrite(planFields(config, x), usable, current);
  };
  return out;
}

/** One cache of organisation field lists per Octokit: a sweep gets a fresh Octokit per installation, so each list is read once per installation per sweep. */
const sweepCaches = new WeakMap<Octokit, OrgFieldsCache>();

function sweepFieldsCache(octokit: Octokit, make: () => OrgFieldsCache): OrgFieldsCache {
  let cache = sweepCaches.get(octokit);
  if (!cache) {
    cache = make();
    sweepCaches.set(octokit, cache);
  }
  return cache;
}

/** The sweep's step for one repository (sweep.ts): its writes are counted in the repository's result. */
export async function prepareSweepFields(deps: SweepDeps, target: SweepTarget, ref: RepoRef, config: Config): Promise<RepoFields | null> {
  const waits = { now: deps.now, sleep: deps.sleep, maxWaitMs: deps.maxRateLimitWaitMs ?? 60_000, onWait: deps.onRateLimitWait };
  const fields = await prepareRepoFields(
    {
      octokit: target.octokit,
      cache: sweepFieldsCache(target.octokit, () => new OrgFieldsCache(deps.now)),
      botLogin: deps.botLogin,
      log: deps.log,
      ...(deps.dryRun ? { dryRun: true } : {}),
      beforeWrite: () => target.budget.take(),
      runRead: (read) => withRateLimitRetry(read, waits),
    },
    ref,
    config,
    true,
  );
  return fields;
}

/** The app's field lists for webhooks: per app (its services), per installation, kept ten minutes. */
const eventCaches = new WeakMap<object, Map<string, OrgFieldsCache>>();
const EVENT_FIELDS_AGE_MS = 10 * 60_000;

/**
 * The webhook's step (handle-incident.ts): the incident's own issue JSON carries its
 * values, so the only extra read is the organisation's field list, at most once in
 * ten minutes per installation. Returns the writes made.
 */
export async function applyEventFields(
  services: { now: () => number },
  ctx: { octokit: Octokit; ref: IssueRef; installationId: number | undefined; log: { warn: (obj: object, msg: string) => void } },
  config: Config,
  issue: Record<string, unknown>,
  x: Explanation,
  botLogin: string,
): Promise<number> {
  if (configuredFields(config).length === 0) return 0;
  const byInstallation = eventCaches.get(services) ?? new Map<string, OrgFieldsCache>();
  eventCaches.set(services, byInstallation);
  const key = `${ctx.installationId ?? "token"}`;
  const cache = byInstallation.get(key) ?? new OrgFieldsCache(services.now, EVENT_FIELDS_AGE_MS);
  byInstallation.set(key, cache);
  const log = { warn: (obj: object, msg: string) => ctx.log.warn(obj, msg), error: (obj: object, msg: string) => ctx.log.warn(obj, msg) };
  const repo = { owner: ctx.ref.owner, repo: ctx.ref.repo };
  const fields = await prepareRepoFields({ octokit: ctx.octokit, cache, botLogin, log }, repo, config, false);
  if (!fields) return 0;
  const write = await fields.writeFor(ctx.ref.issue_number, x, issue);
  if (!write) return fields.writes;
  try {
    return fields.writes + (await applyFieldsWrite({ octokit: ctx.octokit, config, botLogin, log }, ctx.ref, write));
  } catch (error) {
    // The labels and comments are written already; the next event or sweep tries the fields again.
    log.warn({ ...repo, issue: ctx.ref.issue_number, doing: "writing the incident's issue field values", status: statusOf(error), error: messageOf(error) }, "issue fields of this incident not written");
    return fields.writes;
  }
}
