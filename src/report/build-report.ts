// The compliance report (P1, P2, P7–P9) as a value: per customer (repository),
// severity and target, how many deadlines were met on time, which were
// breached and by how much, how long support took and how long customers kept
// it waiting. Pure: every incident goes through the same explainIncident as
// the status comments, at one `now`, so the report and the incidents never
// disagree. Incidents are added one at a time and only a small row is kept
// per incident, so a report over 10,000 incidents never holds their
// timelines at once.
//
// An incident belongs to the period when its start (t0, after P11
// registration) falls on one of the period's dates in the contract's zone.
import { type Config, type TargetName, TARGET_NAMES } from "../config/schema.js";
import { type Coverage, type Evaluation, type Explanation, type TargetStatus, explainIncident } from "../domain/clock/evaluate.js";
import { calendarOf } from "../domain/clock/calendar.js";
import { REQUEST_TYPES } from "../domain/forms/form-fields.js";
import { parseIncidentForm } from "../domain/forms/incident-form.js";
import { localEpochDay } from "../units/local-time.js";
import { readMarker } from "../domain/texts/markers.js";
import { IncidentInputError, normaliseIssue } from "../domain/clock/timeline.js";
import { waitAtRisk, waitOverdue } from "../domain/clock/reply.js";
import { median, nearestRank } from "./percentile.js";
import { type ReplyFigures, type ReplyRow, replyFigures, replyRow } from "./reply-figures.js";
import { type PeriodBounds, type ReportPeriod, daysBetween, isoWeek, isoWeeksBetween, periodBounds } from "./period.js";

/** How far from the period's last day a support period's end is worth a manager's attention (P1). */
const SUPPORT_ENDING_DAYS = 60;

export interface ReportOptions {
  period: ReportPeriod;
  /** The instant every incident is evaluated at. */
  now: number;
  /** The app's bot login, trusted like an engineer (default incident-sla[bot]). */
  bot?: string;
}

interface RepositorySource {
  /** owner/name */
  repository: string;
  config: Config;
  /** More trusted logins, e.g. organisation members the app looked up. */
  engineers?: readonly string[];
}

export interface TargetRow {
  name: TargetName;
  /** The contract's text, e.g. "4h". */
  contract: string;
  amountMs: number;
  status: TargetStatus;
  breached: boolean;
  dueAt: number;
  metAt: number | null;
  /** The engine's counted time used (at `now`, or when met), capped at the target. */
  usedMs: number;
  /** Counted clock time from t0 to when the target was met, not capped at the target; null while unmet. */
  timeToMeetMs: number | null;
  /** Wall-clock time past the due time (at `now`, or when met). */
  overdueMs: number;
  leftMs: number;
}

interface AtRiskTarget {
  /** A contract target, or "reply": the customer's open wait for an answer. */
  name: TargetName | "reply";
  status: "running" | "breached";
  /** Share of the target's counted time used at `now` (1 or more once breached). */
  usedShare: number;
  dueAt: number;
  leftMs: number;
  overdueMs: number;
}

export interface IncidentRow {
  number: number;
  title: string;
  url: string | null;
  /** P2 request type from the form; "incident" when the issue has none, "other" when the answer is unknown. */
  requestType: string;
  severity: number;
  clock: "24x7" | "business";
  coverage: Coverage;
  /** t0, epoch ms. */
  startedAt: number;
  inPeriod: boolean;
  /** Open at `now` (not inside a closed period). */
  open: boolean;
  /** Wall-clock time paused within [t0, now) (P7); floor(pausedMs / 60000) is the evaluation's pausedMinutes. */
  pausedMs: number;
  /** Targets that make the open incident at risk now; empty when it is not. */
  atRisk: AtRiskTarget[];
  /** Exactly what `evaluate` returns for this incident at `now`. */
  evaluation: Evaluation;
  targets: TargetRow[];
  /** The reply target's waits (README, How the clock works); null when the severity sets no `reply` or no clock runs. */
  reply: ReplyRow | null;
}

export interface IncidentError {
  number: number | null;
  /** The input line, for offline reports. */
  line: number | null;
  message: string;
}

export interface PauseFigures {
  /** Incidents paused at least once. */
  incidents: number;
  totalMs: number;
  /** Median over the incidents paused at least once. */
  medianMs: number | null;
}

/** One target's deadlines: each is counted in exactly one of metOnTime, breached, pending and cancelled. */
export interface TargetFigures {
  target: TargetName;
  contract: string;
  /** In-period incidents of this severity, within the support period, with this target. */
  incidents: number;
  metOnTime: number;
  /** Met late plus unmet past the due time. */
  breached: number;
  metLate: number;
  /** Running or paused, not yet due: not decided yet. */
  pending: number;
  /** Cancelled by a close before it was due; one breached before the close stays under `breached`. */
  cancelled: number;
  /** metOnTime / (metOnTime + breached); null when nothing is decided. */
  compliance: number | null;
  timeToMeet: { count: number; medianMs: number | null; p90Ms: number | null };
}

export interface SeverityFigures {
  severity: number;
  clock: "24x7" | "business";
  incidents: number;
  outsideSupport: number;
  metOnTime: number;
  breached: number;
  compliance: number | null;
  paused: PauseFigures;
  targets: TargetFigures[];
  /** Only when this severity configures `reply`: the waits of its covered incidents of the period. */
  reply?: SeverityReplyFigures;
}

export interface SeverityReplyFigures extends ReplyFigures {
  /** The contract's text, e.g. "4h". */
  contract: string;
  /** answeredInTime / waits; null when no wait is counted. */
  compliance: number | null;
}

export interface Breach {
  number: number;
  title: string;
  url: string | null;
  severity: number;
  target: TargetName;
  contract: string;
  /** "met": met late; "breached": still unmet past its due time. */
  status: "met" | "breached";
  dueAt: number;
  metAt: number | null;
  overdueMs: number;
  /** ISO week of the due time's local date. */
  week: string;
}

export interface SupportFigures {
  from: string | null;
  until: string | null;
  /** supportUntil − the period's last day, in days (negative: it ended before); null without supportUntil. */
  daysAfterPeriod: number | null;
  /** The support period ends within SUPPORT_ENDING_DAYS of the period's last day, either side (P1). */
  endingSoon: boolean;
}

export interface CustomerReport {
  repository: string;
  /** contract.customer, else the repository. */
  customer: string;
  timezone: string;
  /** The contract's language (config `language`). */
  language: "ru" | "en";
  /** How long the contract's working day is, in minutes: a business target in days counts these. */
  workingDayMinutes: number;
  bounds: PeriodBounds;
  support: SupportFigures;
  incidents: number;
  metOnTime: number;
  breached: number;
  compliance: number | null;
  paused: PauseFigures;
  severities: SeverityFigures[];
  requestsByType: { type: string; count: number }[];
  outsideSupport: IncidentRow[];
  breaches: Breach[];
  breachesPerWeek: { week: string; breaches: number }[];
  /** Open incidents at risk now, whatever their period. */
  atRisk: IncidentRow[];
  /** The period's incidents, by start. */
  incidentList: IncidentRow[];
  errors: IncidentError[];
}

export interface Report {
  period: ReportPeriod;
  now: number;
  customers: CustomerReport[];
}

const REQUEST_TYPE_ORDER: readonly string[] = [...REQUEST_TYPES.map((t) => t.value), "other"];

/**
 * Targets that make an open incident "at risk" now: as the `sla: at risk` label, plus unmet
 * breaches; the customer's open wait for a reply counts as the labels count it (domain/clock/reply.ts).
 */
function atRiskTargets(x: Explanation, open: boolean): AtRiskTarget[] {
  if (!open || x.evaluation.coverage !== "active") return [];
  const share = x.config.reminders.atRiskShare;
  const out: AtRiskTarget[] = [];
  for (const t of x.targets) {
    const usedShare = t.usedMs / t.amountMs;
    if (t.status === "breached") out.push({ name: t.name, status: "breached", usedShare, dueAt: t.due, leftMs: t.leftMs, overdueMs: t.overdueMs });
    else if (t.status === "running" && t.usedMs >= share * t.amountMs) {
      out.push({ name: t.name, status: "running", usedShare, dueAt: t.due, leftMs: t.leftMs, overdueMs: t.overdueMs });
    }
  }
  const wait = x.reply?.open;
  if (x.reply && wait && (waitOverdue(x.reply) || waitAtRisk(x.reply, share))) {
    out.push({
      name: "reply",
      status: wait.breached ? "breached" : "running",
      usedShare: wait.countedMs / x.reply.amountMs,
      dueAt: wait.due,
      leftMs: wait.leftMs,
      overdueMs: wait.overdueMs,
    });
  }
  return out;
}

/** One incident's row, or null for an issue that is not an incident at `now`. */
function incidentRow(source: RepositorySource, options: ReportOptions, bounds: PeriodBounds, issue: unknown, timeline: unknown): IncidentRow | null {
  const bot = options.bot ?? "incident-sla[bot]";
  const normal = normaliseIssue(issue);
  // Not yet created at `now`; or the app's own "configuration error" issue, which is no request
  // (opened by a GitHub App, whichever login the report trusts: only apps have "[bot]" logins).
  if (normal.createdAt > options.now) return null;
  if (normal.author.login?.endsWith("[bot]") && readMarker(normal.body)?.key === "config-error") return null;
  const x = explainIncident({
    config: source.config,
    issue,
    timeline,
    now: options.now,
    bot,
    ...(source.engineers ? { engineers: source.engineers } : {}),
  });
  const open = !x.closedPeriods.some((p) => p.end === null);
  return {
    number: x.issue.number,
    title: x.issue.title,
    url: x.issue.url,
    requestType: parseIncidentForm(x.issue.body).requestType ?? "incident",
    severity: x.severity.level,
    clock: x.severityConfig.clock,
    coverage: x.evaluation.coverage,
    startedAt: x.start.at,
    inPeriod: x.start.at >= bounds.start && x.start.at < bounds.end,
    open,
    pausedMs: x.pausedMs,
    atRisk: atRiskTargets(x, open),
    evaluation: x.evaluation,
    targets: x.targets.map((t) => ({
      name: t.name,
      contract: t.target,
      amountMs: t.amountMs,
      status: t.status,
      breached: t.breached,
      dueAt: t.due,
      metAt: t.met?.at ?? null,
      usedMs: t.usedMs,
      // The engine's counted time up to the moment it was met (pauses and closed periods until then).
      timeToMeetMs: t.met ? t.countedMs : null,
      overdueMs: t.overdueMs,
      leftMs: t.leftMs,
    })),
    reply: x.reply ? replyRow(x.reply) : null,
  };
}

interface RepositoryCollector {
  /** Adds one incident (the REST issue and its timeline); input errors are kept, not thrown. */
  add(issue: unknown, timeline: unknown, line?: number): void;
  /** Records an incident that could not even be read. */
  error(error: IncidentError): void;
  finish(): CustomerReport;
}

const ratio = (met: number, breached: number) => (met + breached > 0 ? met / (met + breached) : null);

function pauseFigures(rows: readonly IncidentRow[]): PauseFigures {
  const paused = rows.map((r) => r.pausedMs).filter((ms) => ms > 0);
  return { incidents: paused.length, totalMs: paused.reduce((a, b) => a + b, 0), medianMs: median(paused) };
}

function targetFigures(rows: readonly IncidentRow[], name: TargetName, contract: string): TargetFigures {
  const targets = rows.flatMap((r) => r.targets.filter((t) => t.name === name));
  const metOnTime = targets.filter((t) => t.status === "met" && !t.breached).length;
  const metLate = targets.filter((t) => t.status === "met" && t.breached).length;
  const breached = targets.filter((t) => t.breached).length;
  const times = targets.flatMap((t) => (t.timeToMeetMs === null ? [] : [t.timeToMeetMs]));
  return {
    target: name,
    contract,
    incidents: targets.length,
    metOnTime,
    breached,
    metLate,
    pending: targets.filter((t) => !t.breached && (t.status === "running" || t.status === "paused")).length,
    cancelled: targets.filter((t) => t.status === "cancelled" && !t.breached).length,
    compliance: ratio(metOnTime, breached),
    timeToMeet: { count: times.length, medianMs: median(times), p90Ms: nearestRank(times, 90) },
  };
}

/** Collects one repository's incidents and works out its figures at the end. */
export function collectRepository(source: RepositorySource, options: ReportOptions): RepositoryCollector {
  const { config } = source;
  const zone = config.timezone;
  const bounds = periodBounds(options.period, zone);
  const inPeriod: IncidentRow[] = [];
  const atRisk = new Map<number, IncidentRow>();
  const errors: IncidentError[] = [];

  return {
    add(issue, timeline, line) {
      let row: IncidentRow | null;
      try {
        row = incidentRow(source, options, bounds, issue, timeline);
      } catch (error) {
        if (!(error instanceof IncidentInputError)) throw error;
        const number = (issue as { number?: unknown } | null)?.number;
        errors.push({ number: typeof number === "number" ? number : null, line: line ?? null, message: error.message });
        return;
      }
      if (!row) return;
      if (row.inPeriod) inPeriod.push(row);
      if (row.atRisk.length > 0) atRisk.set(row.number, row);
    },
    error(error) {
      errors.push(error);
    },
    finish() {
      inPeriod.sort((a, b) => a.startedAt - b.startedAt || a.number - b.number);
      const covered = inPeriod.filter((r) => r.coverage === "active");
      const severities: SeverityFigures[] = Object.keys(config.severities)
        .map(Number)
        .sort((a, b) => a - b)
        .map((level) => {
          const severityConfig = config.severities[String(level)]!;
          const all = inPeriod.filter((r) => r.severity === level);
          const rows = all.filter((r) => r.coverage === "active");
          const targets = TARGET_NAMES.flatMap((name) => {
            const contract = severityConfig[name];
            return contract === undefined ? [] : [targetFigures(rows, name, contract)];
          });
          const metOnTime = targets.reduce((n, t) => n + t.metOnTime, 0);
          const breached = targets.reduce((n, t) => n + t.breached, 0);
          const figures: SeverityFigures = {
            severity: level,
            clock: severityConfig.clock,
            incidents: all.length,
            outsideSupport: all.length - rows.length,
            metOnTime,
            breached,
            compliance: ratio(metOnTime, breached),
            paused: pauseFigures(all),
            targets,
          };
          // The reply target stands apart from the contract's three deadlines: it adds
          // nothing to metOnTime, breached or compliance above, and is absent unless configured.
          if (severityConfig.reply !== undefined) {
            const reply = replyFigures(rows.flatMap((r) => r.reply?.waits ?? []));
            figures.reply = { contract: severityConfig.reply, ...reply, compliance: ratio(reply.answeredInTime, reply.breached) };
          }
          return figures;
        });

      const breaches: Breach[] = covered
        .flatMap((r) =>
          r.targets
            .filter((t) => t.breached)
            .map((t): Breach => ({
              number: r.number,
              title: r.title,
              url: r.url,
              severity: r.severity,
              target: t.name,
              contract: t.contract,
              status: t.status === "met" ? "met" : "breached",
              dueAt: t.dueAt,
              metAt: t.metAt,
              overdueMs: t.overdueMs,
              week: isoWeek(localEpochDay(t.dueAt, zone)),
            })),
        )
        .sort((a, b) => a.dueAt - b.dueAt || a.number - b.number || TARGET_NAMES.indexOf(a.target) - TARGET_NAMES.indexOf(b.target));
      // Weeks of the period, and any later week in which one of its deadlines was breached.
      const firstDay = localEpochDay(bounds.start, zone);
      const lastDay = Math.max(localEpochDay(bounds.end - 1, zone), ...breaches.map((b) => localEpochDay(b.dueAt, zone)));
      const perWeek = new Map(isoWeeksBetween(firstDay, lastDay).map((w) => [w, 0]));
      for (const b of breaches) perWeek.set(b.week, (perWeek.get(b.week) ?? 0) + 1);

      const types = new Map<string, number>();
      for (const r of inPeriod) types.set(r.requestType, (types.get(r.requestType) ?? 0) + 1);
      const requestsByType = [...types]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => REQUEST_TYPE_ORDER.indexOf(a.type) - REQUEST_TYPE_ORDER.indexOf(b.type));

      const { supportFrom, supportUntil } = config.contract;
      const daysAfterPeriod = supportUntil ? daysBetween(options.period.to, supportUntil) : null;
      const metOnTime = severities.reduce((n, s) => n + s.metOnTime, 0);
      const breachedCount = severities.reduce((n, s) => n + s.breached, 0);
      return {
        repository: source.repository,
        customer: config.contract.customer ?? source.repository,
        timezone: zone,
        language: config.language,
        workingDayMinutes: calendarOf(config).dayMinutes,
        bounds,
        support: {
          from: supportFrom ?? null,
          until: supportUntil ?? null,
          daysAfterPeriod,
          endingSoon: daysAfterPeriod !== null && Math.abs(daysAfterPeriod) <= SUPPORT_ENDING_DAYS,
        },
        incidents: inPeriod.length,
        metOnTime,
        breached: breachedCount,
        compliance: ratio(metOnTime, breachedCount),
        paused: pauseFigures(inPeriod),
        severities,
        requestsByType,
        outsideSupport: inPeriod.filter((r) => r.coverage !== "active"),
        breaches,
        breachesPerWeek: [...perWeek].map(([week, n]) => ({ week, breaches: n })),
        atRisk: [...atRisk.values()].sort((a, b) => a.severity - b.severity || Math.min(...a.atRisk.map((t) => t.dueAt)) - Math.min(...b.atRisk.map((t) => t.dueAt)) || a.number - b.number),
        incidentList: inPeriod,
        errors,
      };
    },
  };
}

/** Customers in a stable order: by name, then repository. */
export function assembleReport(options: ReportOptions, customers: CustomerReport[]): Report {
  const sorted = [...customers].sort((a, b) => a.customer.localeCompare(b.customer, "en") || a.repository.localeCompare(b.repository, "en"));
  return { period: options.period, now: options.now, customers: sorted };
}

/** A whole report from values at hand (tests, small offline inputs). */
export function buildReport(
  options: ReportOptions,
  repositories: readonly (RepositorySource & { incidents: readonly { issue: unknown; timeline: unknown }[] })[],
): Report {
  return assembleReport(
    options,
    repositories.map((r) => {
      const collector = collectRepository(r, options);
      r.incidents.forEach((incident, i) => collector.add(incident.issue, incident.timeline, i + 1));
      return collector.finish();
    }),
  );
}
