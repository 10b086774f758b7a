// The SLA clock of one incident (DESIGN §4, §5): a pure function of the
// configuration, the issue, its timeline and `now`. No I/O, no clock reads.
import { type Config, type SeverityConfig, type TargetName, TARGET_NAMES, severityLabel } from "../../config/schema.js";
import { calendarOf } from "./calendar.js";
import { type Clock, type Interval, measureWithin, mergeIntervals } from "./clock.js";
import { durationMs, parseDuration } from "../../units/durations.js";
import { FORM_FIELDS, type FormField, type FormFieldId, officialChannel } from "../forms/form-fields.js";
import { readIssueForm } from "../forms/issue-form.js";
import { isoFromEpochDay, parseLocalOrIso, yearOfEpochDay } from "../../units/local-time.js";
import { type ClosedPeriod, type Pause, type Replay, continueReplay, replayTimeline } from "./replay.js";
import { type TargetDetail, type TargetResult, TARGETS, metOf, targetResult } from "./targets.js";
import { type ReplyDetail, type ReplyResult, replyResult } from "./reply.js";
import {
  type Actor,
  type IncidentEvent,
  type IncidentIssue,
  IncidentInputError,
  normaliseIssue,
  normaliseTimeline,
} from "./timeline.js";
import { type Warning, renderWarning } from "./warnings.js";

export const DEFAULT_BOT_LOGIN = "incident-sla[bot]";
const MINUTE = 60_000;
const DAY = 86_400_000;

export type Coverage = "active" | "expired" | "not-started";
export type { ClosedPeriod, Pause } from "./replay.js";
export type { TargetDetail, TargetResult, TargetStatus } from "./targets.js";

/** The evaluation contract of DESIGN §5. */
export interface Evaluation {
  number: number;
  coverage: Coverage;
  severity: number;
  clock: "24x7" | "business";
  startedAt: string;
  paused: boolean;
  pausedMinutes: number;
  warnings: string[];
  targets: Partial<Record<TargetName, TargetResult>> & { reply?: ReplyResult };
}

export interface EvaluateInput {
  config: Config;
  /** The issue as GET /repos/{owner}/{repo}/issues/{number} returns it. */
  issue: unknown;
  /** Its timeline as GET …/issues/{number}/timeline returns it (all pages). */
  timeline: unknown;
  now: Date | string | number;
  /** Login of the app's bot, trusted like an engineer (default incident-sla[bot]). */
  bot?: string;
  /** More trusted logins, e.g. organisation members the app looked up. */
  engineers?: Iterable<string>;
}

export interface Start {
  at: number;
  createdAt: number;
  /** "registered": an engineer registered a request received earlier through an official channel (P11). */
  reason: "created" | "registered" | "unofficial-channel";
  channel: string | null;
  registeredBy: string | null;
}

/** Everything behind an evaluation, for explanations and status comments. */
export interface Explanation {
  evaluation: Evaluation;
  now: number;
  issue: IncidentIssue;
  start: Start;
  severity: { level: number; label: string | null };
  config: Config;
  severityConfig: SeverityConfig;
  pauses: Pause[];
  /** Paused time from t0 to `now` (evaluation.pausedMinutes rounds it down to minutes). */
  pausedMs: number;
  closedPeriods: ClosedPeriod[];
  /** Waiting labels added by the customer side, which start nothing (P7). */
  ignoredPauses: { at: number; by: string }[];
  targets: TargetDetail[];
  /** The repeating reply target (README, How the clock works): null when the severity sets no `reply`. */
  reply: ReplyDetail | null;
  warnings: Warning[];
  /** The timeline's events up to `now`, normalised. */
  events: IncidentEvent[];
  /** Lower-cased logins trusted in this evaluation (engineers, members seen, the bot). */
  trusted: ReadonlySet<string>;
}

function toMs(now: Date | string | number): number {
  const ms = now instanceof Date ? now.getTime() : typeof now === "number" ? now : Date.parse(now);
  if (Number.isNaN(ms)) throw new IncidentInputError(`now: expected an ISO 8601 time, got ${JSON.stringify(now)}`);
  return ms;
}

const iso = (ms: number) => new Date(ms).toISOString();

function trustedLogins(input: EvaluateInput, issue: IncidentIssue, events: IncidentEvent[]): Set<string> {
  const trusted = new Set<string>();
  for (const login of input.config.team.engineers) trusted.add(login.toLowerCase());
  for (const login of input.engineers ?? []) trusted.add(login.toLowerCase());
  trusted.add((input.bot ?? DEFAULT_BOT_LOGIN).toLowerCase());
  if (input.config.team.orgMembersAreEngineers) {
    // author_association is only on issue authors and comments; a login seen
    // there as MEMBER or OWNER is an organisation member everywhere.
    const actors: Actor[] = [issue.author, ...events.filter((e) => e.kind === "commented").map((e) => e.actor)];
    for (const a of actors) if (a.login && (a.association === "MEMBER" || a.association === "OWNER")) trusted.add(a.login);
  }
  return trusted;
}

/** The most severe (lowest) configured level whose label the issue has, else the default. */
function currentSeverity(config: Config, labels: string[]): { level: number; label: string | null } {
  const names = new Set(labels.map((l) => l.toLowerCase()));
  const levels = Object.keys(config.severities)
    .map(Number)
    .sort((a, b) => a - b);
  for (const level of levels) {
    const label = severityLabel(config, level);
    if (names.has(label.toLowerCase())) return { level, label };
  }
  return { level: config.defaultSeverity, label: null };
}

const FORM = Object.values(FORM_FIELDS) as FormField[];

/**
 * t0 (DESIGN §4, P11). The body is read with every field of the forms, in
 * their order, so that "### Channel" / "### Received at" pasted into an answer
 * (customer text in an engineer's registration) is text of that answer and the
 * form's own fields win (P11; README, Security); a heading seen more than once, or only
 * inside another answer, is said in a warning.
 */
function startOf(issue: IncidentIssue, zone: string, isTrusted: (a: Actor) => boolean, warnings: Warning[]): Start {
  const start: Start = { at: issue.createdAt, createdAt: issue.createdAt, reason: "created", channel: null, registeredBy: null };
  const reading = readIssueForm(issue.body, FORM);
  const fields = reading.repeated as FormFieldId[];
  if (fields.length > 0) warnings.push({ code: "form-heading-repeated", fields });
  for (const { field, within } of reading.enclosed) warnings.push({ code: "form-heading-inside-answer", field: field as FormFieldId, within: within as FormFieldId });
  const form = reading.answers;
  const channelText = form.get("channel");
  const receivedText = form.get("receivedAt");
  if (!channelText) return start;
  if (!isTrusted(issue.author)) {
    if (receivedText) warnings.push({ code: "registration-by-customer", author: issue.author.display });
    return start;
  }
  start.channel = channelText;
  start.registeredBy = issue.author.display;
  const channel = officialChannel(channelText);
  if (!channel) {
    start.reason = "unofficial-channel";
    return start;
  }
  if (!receivedText) return start;
  const received = parseLocalOrIso(receivedText, zone);
  if (received === null) warnings.push({ code: "received-at-unreadable", text: receivedText });
  else if (received > issue.createdAt) warnings.push({ code: "received-at-not-earlier", text: receivedText });
  else {
    start.at = received;
    start.reason = "registered";
  }
  return start;
}

/** The issue and its timeline up to `now`, and who is trusted (the first step of an evaluation). */
export interface Normalised {
  now: number;
  issue: IncidentIssue;
  /** Up to `now`, in time order, with the close a truncated export lacks. */
  events: IncidentEvent[];
  trusted: Set<string>;
  isTrusted: (a: Actor) => boolean;
  warnings: Warning[];
  /** The app's bot login, lower-cased: its comments never answer a customer's wait (default incident-sla[bot]). */
  bot?: string;
}

export function normalise(input: EvaluateInput): Normalised {
  const now = toMs(input.now);
  const issue = normaliseIssue(input.issue);
  const events = normaliseTimeline(input.timeline).filter((e) => e.at <= now);
  // Trust as known at `now`: a membership revealed only by a later comment does not reach back.
  const trusted = trustedLogins(input, issue, events);
  const isTrusted = (a: Actor) => a.login !== null && trusted.has(a.login);
  const warnings: Warning[] = [];

  // A closed issue whose timeline lacks the close (a truncated export) is closed at closed_at.
  if (issue.state === "closed" && issue.closedAt !== null && issue.closedAt <= now) {
    const last = events.findLast((e) => e.kind === "closed" || e.kind === "reopened");
    if (!last || (last.kind === "reopened" && last.at <= issue.closedAt)) {
      events.push({ kind: "closed", at: issue.closedAt, actor: { login: null, display: "unknown" }, reason: issue.stateReason ?? "completed" });
      events.sort((a, b) => a.at - b.at);
      warnings.push({ code: "closed-without-event" });
    }
  }
  return { now, issue, events, trusted, isTrusted, warnings, bot: (input.bot ?? DEFAULT_BOT_LOGIN).toLowerCase() };
}

/**
 * Evaluates one incident with everything behind the result, in three steps:
 * normalise the input, replay its timeline once (pauses, closed periods,
 * milestones), then each target of TARGETS that the severity sets.
 */
export function explainIncident(input: EvaluateInput): Explanation {
  return explainNormalised(input.config, normalise(input));
}

/**
 * The evaluation of an already normalised incident (the steps after the
 * first). `warnings` is filled in; pass a copy to reuse it.
 */
export function explainNormalised(config: Config, normalised: Normalised): Explanation {
  return resultsOf(replayNormalised(config, normalised));
}

/**
 * An incident after the second step of its evaluation: its start, severity
 * and coverage, and its timeline replayed. What the planner decides from
 * before its own changes at `now`, which resultsOf then adds without
 * replaying the timeline again.
 */
export interface Replayed {
  config: Config;
  normalised: Normalised;
  start: Start;
  severity: { level: number; label: string | null };
  severityConfig: SeverityConfig;
  coverage: Coverage;
  replay: Replay;
}

/**
 * The second step: t0 (P11), the severity from the issue's labels, coverage
 * (P1) and one replay of the timeline (P7). `normalised.warnings` is filled
 * in; pass a copy to reuse it.
 */
export function replayNormalised(config: Config, normalised: Normalised): Replayed {
  const { issue, events, isTrusted, warnings } = normalised;
  const start = startOf(issue, config.timezone, isTrusted, warnings);
  const severity = currentSeverity(config, issue.labels);
  const severityConfig = config.severities[String(severity.level)]!;
  const replay = replayTimeline(events, config.labels, isTrusted);
  const startedDate = isoFromEpochDay(calendarOf(config).localDay(start.at));
  const { supportFrom, supportUntil } = config.contract;
  const coverage: Coverage =
    supportUntil && startedDate > supportUntil ? "expired" : supportFrom && startedDate < supportFrom ? "not-started" : "active";
  return { config, normalised, start, severity, severityConfig, coverage, replay };
}

/** The issue's labels after label events, in their order: an added label goes last, a removed one goes. */
function labelsAfter(labels: readonly string[], events: readonly IncidentEvent[]): string[] {
  let after = [...labels];
  for (const e of events) {
    if (e.kind !== "labeled" && e.kind !== "unlabeled") continue;
    const same = (l: string) => l.toLowerCase() === e.label.toLowerCase();
    if (e.kind === "unlabeled") after = after.filter((l) => !same(l));
    else if (!after.some(same)) after.push(e.label);
  }
  return after;
}

/**
 * The last step: each target's result (and the reply target's), from a
 * replayed incident and, when given, events at `now` (in whole milliseconds,
 * after the timeline's, in time order) that the caller adds to
 * it (the app's own waiting label, P7): they go on from its replay, and the
 * issue's labels follow their label changes. They may not change the
 * severity, which the second step read. `replayed` is left as it was.
 */
export function resultsOf(replayed: Replayed, atNow: readonly IncidentEvent[] = []): Explanation {
  const { config, start, severity, severityConfig, coverage } = replayed;
  const { now, trusted, isTrusted } = replayed.normalised;
  let { issue, events } = replayed.normalised;
  let replay = replayed.replay;
  if (atNow.length > 0) {
    const last = events.at(-1)?.at ?? -Infinity;
    if (atNow.some((e) => e.at > now || e.at < last)) throw new Error("resultsOf: events added to an evaluation must be at its now, after its timeline");
    const labels = labelsAfter(issue.labels, atNow);
    if (currentSeverity(config, labels).level !== severity.level) throw new Error("resultsOf: events added to an evaluation may not change its severity");
    issue = { ...issue, labels };
    events = [...events, ...atNow];
    replay = continueReplay(replay, atNow, config.labels, isTrusted);
  }
  const warnings = [...replayed.normalised.warnings];
  const t0 = start.at;
  const { pauses, closedPeriods, ignoredPauses, openPause, openClosed, milestones } = replay;

  const calendar = calendarOf(config);
  const clock: Clock = { kind: severityConfig.clock, calendar };
  const dayMs = clock.kind === "24x7" ? DAY : calendar.dayMinutes * MINUTE;

  // Pauses and closed periods up to a horizon ("nothing pauses after it").
  const exclusionsUntil = (horizon: number): Interval[] =>
    mergeIntervals(
      [...pauses, ...closedPeriods].map((p): Interval => [p.start, Math.min(p.end ?? horizon, horizon)]),
    );
  const pauseIntervals = mergeIntervals(pauses.map((p): Interval => [p.start, Math.min(p.end ?? now, now)]));

  const targets: TargetDetail[] = [];
  let reply: ReplyDetail | null = null;
  if (coverage === "active") {
    const nowExclusions = exclusionsUntil(now);
    for (const name of TARGET_NAMES) {
      const text = severityConfig[name];
      if (text === undefined) continue;
      const duration = parseDuration(text);
      if ("error" in duration) throw new Error(duration.error); // parseConfig already refused it
      const kind = TARGETS[name];
      targets.push(
        targetResult({
          name,
          text,
          amountMs: durationMs(duration, dayMs),
          start: kind.startsAt({ t0 }),
          met: metOf(kind, milestones, config.labels),
          clock,
          now,
          exclusionsUntil,
          nowExclusions,
          openPause,
          openClosed,
        }),
      );
    }
    if (severityConfig.reply !== undefined) {
      const duration = parseDuration(severityConfig.reply);
      if ("error" in duration) throw new Error(duration.error); // parseConfig already refused it
      const bot = replayed.normalised.bot ?? DEFAULT_BOT_LOGIN.toLowerCase();
      reply = replyResult({
        text: severityConfig.reply,
        amountMs: durationMs(duration, dayMs),
        events,
        isTrusted,
        isApp: (a) => a.login === bot,
        clock,
        now,
        exclusionsUntil,
        nowExclusions,
        openPause,
      });
    }
    if (clock.kind === "business" && targets.length > 0) {
      const last = Math.max(...targets.map((t) => t.due));
      for (let year = yearOfEpochDay(calendar.localDay(t0)); year <= yearOfEpochDay(calendar.localDay(last)); year++) {
        if (calendar.isGuessedYear(year) && !configCoversYear(config, year)) warnings.push({ code: "calendar-guessed", year });
      }
    }
  }

  const pausedMs = measureWithin(pauseIntervals, t0, now);
  const evaluation: Evaluation = {
    number: issue.number,
    coverage,
    severity: severity.level,
    clock: severityConfig.clock,
    startedAt: iso(t0),
    paused: openPause !== null,
    pausedMinutes: Math.floor(pausedMs / MINUTE),
    warnings: warnings.map((w) => renderWarning(w, "en")),
    targets: Object.fromEntries(
      targets.map((t) => [t.name, { status: t.status, dueAt: t.dueAt, metAt: t.metAt, breached: t.breached }]),
    ),
  };
  if (reply) {
    const { status, dueAt, metAt, breached, waitCount: waits, breaches } = reply;
    evaluation.targets.reply = { status, dueAt, metAt, breached, waits, breaches };
  }
  return { evaluation, now, issue, start, severity, config, severityConfig, pauses, pausedMs, closedPeriods, ignoredPauses, targets, reply, warnings, events, trusted };
}

/** A contract that lists its own holidays or working dates for a year has taken that year's decree into its own hands. */
function configCoversYear(config: Config, year: number): boolean {
  const prefix = `${year}-`;
  return config.calendar.holidays.some((d) => d.startsWith(prefix)) || Object.keys(config.calendar.workingDates).some((d) => d.startsWith(prefix));
}

/** Evaluates one incident (DESIGN §5): pure, no I/O. */
export function evaluate(input: EvaluateInput): Evaluation {
  return explainIncident(input).evaluation;
}
