// Deciding what an incident needs on GitHub, as a plan value: labels to add
// and remove, comments to create once, keep up to date or delete. Pure: the
// caller reads GitHub, this decides, and applying the plan is a separate,
// idempotent step that skips what is already true.
import { type Config, severityLabel } from "../../config/schema.js";
import { type SeverityProposal, classifySeverity } from "../forms/classify-severity.js";
import { calendarOf } from "../clock/calendar.js";
import { missingDiagnostics } from "../forms/diagnostics.js";
import { type EvaluateInput, type Explanation, type Normalised, normalise, replayNormalised, resultsOf } from "../clock/evaluate.js";
import { officialChannel } from "../forms/form-fields.js";
import { type IncidentForm, parseIncidentForm } from "../forms/incident-form.js";
import { marker } from "../texts/markers.js";
import { STATUS_KEY, type StatusNote, renderStatusComment } from "../texts/status-comment.js";
import type { WriteCap } from "./write-cap.js";
import {
  type GoneLabel,
  type Refusal,
  coverageComment,
  diagnosticsComment,
  pauseRefusedComment,
  phoneComment,
  severityCorrectionComment,
  stateLabelRefusedComment,
} from "../texts/texts.js";
import type { IncidentEvent } from "../clock/timeline.js";
import { waitAtRisk, waitOverdue } from "../clock/reply.js";

export type CommentAction =
  /** Create when missing; edit when the fingerprint (or, without one, the body) differs. */
  | { mode: "upsert"; key: string; body: string; fingerprint?: string }
  /** Create when missing; never edit. */
  | { mode: "once"; key: string; body: string }
  /** Delete when present. */
  | { mode: "delete"; key: string };

export interface IncidentPlan {
  addLabels: string[];
  removeLabels: string[];
  comments: CommentAction[];
  /** Short reasons for the log line. */
  decisions: string[];
  /**
   * Labels the timeline says the issue has but GitHub took off because they
   * left the repository: the app creates its labels again (README, Security: deleted labels are noticed).
   */
  labelsGone?: string[];
  /** The per-issue write cap and what was already spent (decideIncident fills it in). */
  writeCap?: WriteCap;
}

export interface PlannedIncident {
  plan: IncidentPlan;
  /** The evaluation as it will be once the plan is applied. */
  explanation: Explanation;
  form: IncidentForm;
}

const COMMENT_KEYS = {
  status: STATUS_KEY,
  diagnostics: "diagnostics",
  phone: "phone",
  coverage: "coverage",
  severityCorrection: "severity-correction",
  /** One explanation per issue for every refused waiting label, edited on a repeat (README, Security: replies are bounded). */
  pauseRefused: "pause-refused",
  /** The same for the other state labels (accepted, workaround, resolved). */
  stateRefused: "state-refused",
} as const;

/**
 * A label that disappears from an issue without a removal in its timeline was
 * taken off by GitHub when it left the repository. A label added a moment ago
 * may be missing from an issue read just before its timeline: give it a minute.
 */
const GONE_AFTER_MS = 60_000;

type LabelEvent = Extract<IncidentEvent, { label: string }>;

/** Whether `now` falls inside a working window of the contract's calendar (P10, P12). */
export function inWorkingHours(config: Config, now: number): boolean {
  const calendar = calendarOf(config);
  const day = calendar.day(calendar.localDay(now));
  return day.working && day.open <= now && now < day.close;
}

export function planIncident(input: EvaluateInput): PlannedIncident {
  const { config } = input;
  const labels = config.labels;
  const decisions: string[] = [];
  const comments: CommentAction[] = [];
  const want = new Set<string>();
  const unwant = new Set<string>();
  const lower = (s: string) => s.toLowerCase();

  // Every comment carries the hidden marker of its key, so a retry or a second delivery finds it.
  const say = (mode: "once" | "upsert", key: string, text: string) => comments.push({ mode, key, body: `${marker(key)}\n${text}` });

  // The incident is normalised and evaluated once: the severity label this plan sets is added to its
  // labels before the replay; the app's waiting label change, decided from the replay, is added as
  // an event at `now` to the results (P7).
  const base = normalise(input);
  const form = parseIncidentForm(base.issue.body);
  const current = new Set(base.issue.labels.map(lower));
  const severityNames = Object.keys(config.severities).map((level) => lower(severityLabel(config, Number(level))));
  const isSeverityLabel = (name: string) => severityNames.includes(lower(name));
  const isTrusted = (login: string | null) => login !== null && base.trusted.has(login);
  const open = base.issue.state === "open";

  // 1. Severity (P8): only an incident that never had a severity label gets one from its form.
  let proposal: SeverityProposal | null = null;
  let severityLabels = base.issue.labels;
  const hadSeverity: boolean =
    base.issue.labels.some(isSeverityLabel) ||
    base.events.some((e) => (e.kind === "labeled" || e.kind === "unlabeled") && isSeverityLabel(e.label));
  if (!hadSeverity) {
    proposal = classifySeverity(form, config);
    const name = severityLabel(config, proposal.level);
    want.add(name);
    decisions.push(`severity ${proposal.level} from the form${proposal.reasons.length ? ` (claimed ${proposal.claimed})` : ""}`);
    if (proposal.reasons.length > 0) {
      say("once", COMMENT_KEYS.severityCorrection, severityCorrectionComment(proposal, config.language));
    }
    severityLabels = [...base.issue.labels, name];
  }
  // Replayed with the severity label this plan sets, as if it were already on the issue.
  const replayed = replayNormalised(config, { ...base, issue: { ...base.issue, labels: severityLabels }, warnings: [...base.warnings] } satisfies Normalised);
  const severity = replayed.severity.level;
  const coverage = replayed.coverage;
  const events = replayed.normalised.events;
  const runningPause = replayed.replay.openPause;

  // 2. Coverage (P1): flagged, never dropped; no clock, no diagnostics, no phone.
  if (coverage !== "active") {
    want.add(labels.expired);
    say("once", COMMENT_KEYS.coverage, coverageComment(config, coverage));
    decisions.push(`outside the support period (${coverage})`);
  } else {
    unwant.add(labels.expired);
  }

  // 3. Preliminary diagnostics (P4–P6), while the incident is open.
  const missing = missingDiagnostics(form, config);
  const botLogin = lower(input.bot ?? "incident-sla[bot]");
  const waitingEvents = events.filter((e) => e.kind === "labeled" && lower(e.label) === lower(labels.waiting));
  const diagnosticsPauseWanted =
    coverage === "active" && open && missing.length > 0 && config.diagnostics.pauseUntilComplete.includes(severity);
  // The app pauses for diagnostics once per incident; after the customer answers it does not pause again (P7).
  const appPausedBefore = waitingEvents.some((e) => e.actor.login === botLogin);
  if (coverage === "active" && open) {
    if (missing.length > 0) {
      want.add(labels.needsDiagnostics);
      const willPause = diagnosticsPauseWanted && (runningPause !== null || !appPausedBefore);
      say("upsert", COMMENT_KEYS.diagnostics, diagnosticsComment(missing, config.language, willPause));
      decisions.push(`diagnostics missing: ${missing.join(", ")}`);
    } else {
      unwant.add(labels.needsDiagnostics);
      comments.push({ mode: "delete", key: COMMENT_KEYS.diagnostics });
    }
  }

  // 4. Support's labels (P7, DESIGN §8). A state label whose last addition was by the customer side
  // is removed with one explanation per kind, edited on a repeat; severity labels stay (step 7).
  // A waiting label that is not pausing the clock is removed too: the customer's reply (or a close)
  // ended the pause.
  const additions = (names: string[]) => events.filter((e): e is LabelEvent => e.kind === "labeled" && names.some((n) => lower(n) === lower(e.label)));
  const lastAdd = (name: string) => additions([name]).at(-1);
  const refusal = (names: string[]): Refusal => {
    const attempts = additions(names).filter((e) => !isTrusted(e.actor.login));
    const last = attempts.at(-1)!;
    return { label: last.label, by: last.actor.display, at: last.at, attempts: attempts.length };
  };
  const waitingPresent = current.has(lower(labels.waiting));
  const lastWaiting = lastAdd(labels.waiting);
  const customerWaiting = waitingPresent && !runningPause && lastWaiting !== undefined && !isTrusted(lastWaiting.actor.login);
  if (customerWaiting) {
    unwant.add(labels.waiting);
    const r = refusal([labels.waiting]);
    comments.push({ mode: "upsert", key: COMMENT_KEYS.pauseRefused, body: `${marker(COMMENT_KEYS.pauseRefused)}\n${pauseRefusedComment(config, r)}` });
    decisions.push(`waiting label by customer-side @${r.by} removed (attempt ${r.attempts})`);
  } else if (open && waitingPresent && !runningPause) {
    unwant.add(labels.waiting);
    decisions.push("waiting label removed: the pause had ended");
  } else if (open && !waitingPresent && !runningPause && diagnosticsPauseWanted && !appPausedBefore) {
    want.add(labels.waiting);
    decisions.push("paused until diagnostics are complete");
  } else if (open && runningPause && missing.length === 0 && lower(runningPause.startedBy) === botLogin) {
    unwant.add(labels.waiting);
    decisions.push("diagnostics complete: the app's pause ends");
  }
  const progressLabels = [labels.accepted, labels.workaround, labels.resolved];
  const customerProgress = progressLabels.filter((name) => {
    const add = current.has(lower(name)) ? lastAdd(name) : undefined;
    return add !== undefined && !isTrusted(add.actor.login);
  });
  if (customerProgress.length > 0) {
    for (const name of customerProgress) unwant.add(name);
    const r = refusal(progressLabels);
    comments.push({ mode: "upsert", key: COMMENT_KEYS.stateRefused, body: `${marker(COMMENT_KEYS.stateRefused)}\n${stateLabelRefusedComment(config, r)}` });
    decisions.push(`${customerProgress.join(", ")} by the customer side removed (attempt ${r.attempts})`);
  }

  // 5. Phone duplicate (P10) for levels 1–2, unless the request itself came by phone.
  if (coverage === "active" && open && severity <= 2 && officialChannel(replayed.start.channel) !== "phone") {
    const moment = inWorkingHours(config, base.now) ? "workingHours" : "outsideHours";
    say("once", COMMENT_KEYS.phone, phoneComment(config, severity, moment, form.phoneCall));
  }

  // The app's own pause changes happen now: evaluate as if they were already in the timeline,
  // so the status comment and the managers' labels show the state after this plan.
  // Whether the app changes its waiting label depends on the coverage and on the pause the replay
  // found, and the targets depend on the change: the change goes on from the replay. The app's
  // event comes last (nothing after `now` is in the events), at `now` in whole milliseconds as a
  // timeline time is, by the bot as its lower-cased login.
  const waitingChange = want.has(labels.waiting) ? "labeled" : unwant.has(labels.waiting) && runningPause ? "unlabeled" : null;
  const own: IncidentEvent[] = waitingChange ? [{ kind: waitingChange, at: new Date(base.now).getTime(), actor: { login: botLogin, display: botLogin }, label: labels.waiting }] : [];
  const x = resultsOf(replayed, own);

  // 6. Managers' labels, true to the evaluation.
  const share = config.reminders.atRiskShare;
  // A customer's open wait for a reply counts too (domain/clock/reply.ts).
  const atRisk = x.targets.some((t) => t.status === "running" && t.usedMs >= share * t.amountMs) || waitAtRisk(x.reply, share);
  const breached = x.targets.some((t) => t.breached) || waitOverdue(x.reply);
  (x.evaluation.paused && coverage === "active" ? want : unwant).add(labels.paused);
  (atRisk ? want : unwant).add(labels.atRisk);
  (breached ? want : unwant).add(labels.breached);

  // 7. The status comment, with a note when the customer side changed the severity (P8).
  const note: StatusNote = {};
  const lastSeverityChange = x.events.findLast((e) => (e.kind === "labeled" || e.kind === "unlabeled") && isSeverityLabel(e.label));
  if (lastSeverityChange && (lastSeverityChange.kind === "labeled" || lastSeverityChange.kind === "unlabeled") && !isTrusted(lastSeverityChange.actor.login)) {
    note.severityChangedBy = {
      login: lastSeverityChange.actor.display,
      at: lastSeverityChange.at,
      label: lastSeverityChange.label,
      added: lastSeverityChange.kind === "labeled",
    };
  }
  // A severity or state label that left the repository took itself off the issue without a removal
  // in its timeline: the status comment says so, and the app creates its labels again.
  const gone: GoneLabel[] = [];
  for (const name of [...Object.keys(config.severities).map((level) => severityLabel(config, Number(level))), labels.accepted, labels.waiting, labels.workaround, labels.resolved]) {
    if (current.has(lower(name))) continue;
    const last = x.events.findLast((e) => (e.kind === "labeled" || e.kind === "unlabeled") && lower(e.label) === lower(name));
    if (last?.kind !== "labeled" || last.at > x.now - GONE_AFTER_MS) continue;
    const kind = isSeverityLabel(name) ? "severity" : lower(name) === lower(labels.waiting) && x.evaluation.paused ? "waiting" : "state";
    gone.push({ label: last.label, kind });
  }
  if (gone.length > 0) {
    note.labelsGone = gone;
    decisions.push(`gone from the repository: ${gone.map((g) => g.label).join(", ")}`);
  }
  const status = renderStatusComment(x, note);
  comments.push({ mode: "upsert", key: COMMENT_KEYS.status, body: status.body, fingerprint: status.fingerprint });

  const addLabels = [...want].filter((l) => !current.has(lower(l)));
  const removeLabels = [...unwant].filter((l) => current.has(lower(l)) && ![...want].some((w) => lower(w) === lower(l)));
  const plan: IncidentPlan = { addLabels, removeLabels, comments, decisions };
  if (gone.length > 0) plan.labelsGone = gone.map((g) => g.label);
  return { plan, explanation: x, form };
}
