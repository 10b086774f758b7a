// The app's comments on an incident, in the contract's language: the words
// are the language's (src/words), this module only puts them together.
// Numbers and contacts come from configuration only; a contract may replace
// the phone and support-period texts with its own (config `texts`).
import type { Config, DiagnosticField, TargetName } from "../../config/schema.js";
import type { CorrectionReason, SeverityProposal } from "../forms/classify-severity.js";
import type { Coverage } from "../clock/evaluate.js";
import { FORM_FIELDS } from "../forms/form-fields.js";
import { formatLocal } from "../../units/local-time.js";
import { type Language, wordsFor } from "../../words/index.js";



/** Fills {placeholders}; an unknown or missing value becomes an empty string. */
export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

const DIAGNOSTIC_FIELD_ID: Record<DiagnosticField, keyof typeof FORM_FIELDS> = {
  productVersion: "productVersion",
  reproduction: "reproduction",
  logs: "logs",
  infrastructureChecks: "infrastructureChecks",
  incidentDbChecked: "incidentDbChecked",
};

export function diagnosticsComment(missing: DiagnosticField[], lang: Language, paused: boolean): string {
  const w = wordsFor(lang).diagnostics;
  const items = missing.map((f) => `- **${FORM_FIELDS[DIAGNOSTIC_FIELD_ID[f]][lang]}**: ${w.hints[f]}`);
  return [w.title, w.intro, ...items, "", paused ? w.paused : w.running, w.goesAway].join("\n");
}

export function severityCorrectionComment(p: SeverityProposal, lang: Language): string {
  const w = wordsFor(lang).severityCorrection;
  const reasons = p.reasons.map((r: CorrectionReason) => `- ${w.reasons[r]}`);
  return [w.title(p.level, p.claimed), w.intro, ...reasons, "", w.ifWrong].join("\n");
}

export function phoneComment(
  config: Config,
  severity: number,
  moment: "workingHours" | "outsideHours",
  alreadyCalled: boolean,
): string {
  const w = wordsFor(config.language).phone;
  const { contacts, texts } = config;
  // In working hours the company phone, or failing that the on-duty line; outside them the
  // on-duty line; without any number, ask for them (P10). Never claim the wrong time of day.
  const workingPhone = contacts.companyPhone ?? contacts.onDutyPhone;
  const kind = moment === "workingHours" ? (workingPhone ? "workingHours" : "askForNumbers") : contacts.onDutyPhone ? "outsideHours" : "askForNumbers";
  const custom = { workingHours: texts.phoneWorkingHours, outsideHours: texts.phoneOutsideHours, askForNumbers: texts.phoneAskForNumbers }[kind];
  const text = fill(custom ?? w[kind], {
    severity,
    companyPhone: workingPhone,
    onDutyPhone: contacts.onDutyPhone,
    email: contacts.email,
    hours: config.calendar.hours,
    zone: config.timezone,
  });
  if (!alreadyCalled) return text;
  return `${text}\n\n${w.alreadyCalled}`;
}

export function coverageComment(config: Config, coverage: Exclude<Coverage, "active">): string {
  const { supportFrom, supportUntil } = config.contract;
  const renewal = config.contacts.renewal ?? config.contacts.email;
  if (config.texts.outsideSupportPeriod) {
    return fill(config.texts.outsideSupportPeriod, { supportFrom, supportUntil, renewal });
  }
  const w = wordsFor(config.language).coverage;
  return [
    w.title,
    `${coverage === "expired" ? w.ended(supportUntil ?? "") : w.starts(supportFrom ?? "")} ${w.noDeadlines}`,
    renewal ? w.renewWith(renewal) : w.renewAsk,
  ].join("\n");
}

/** A refused label, counted over the issue: how many attempts so far and the last one. */
export interface Refusal {
  /** The label of the last attempt. */
  label: string;
  /** Who made the last attempt, as GitHub spells the login. */
  by: string;
  at: number;
  attempts: number;
}

/** The line a repeated refusal adds: the explanation is edited, never posted again (README, Security). */
function attemptsLine(config: Config, r: Refusal): string {
  if (r.attempts < 2) return "";
  const at = formatLocal(r.at, config.timezone);
  return `\n\n${wordsFor(config.language).refusals.attempts(r.attempts, at)}`;
}

export function pauseRefusedComment(config: Config, r: Refusal): string {
  return wordsFor(config.language).refusals.pause(r.by, config.labels.waiting) + attemptsLine(config, r);
}

/** A state label (accepted, workaround, resolved) added by the customer side, removed (DESIGN §8). */
export function stateLabelRefusedComment(config: Config, r: Refusal): string {
  return wordsFor(config.language).refusals.stateLabel(r.by, r.label) + attemptsLine(config, r);
}

/** A label the timeline says the issue has, gone because it left the repository (README, Security). */
export interface GoneLabel {
  label: string;
  kind: "severity" | "state" | "waiting";
}

/**
 * The status comment's note on a label that is no longer in the repository.
 * `severity` is the level the incident counts as now, and the label behind it (null: the default).
 */
export function goneLabelNote(lang: Language, gone: GoneLabel, severity: { level: number; label: string | null }): string {
  const w = wordsFor(lang).goneLabel;
  const note = {
    severity: severity.label ? w.severity(severity.level, severity.label) : w.severityDefault(severity.level),
    waiting: w.waiting,
    state: w.state,
  }[gone.kind];
  return `${w.head(gone.label)} ${note}`;
}

const mentionList = (who: string[]) => who.map((w) => `@${w}`).join(" ");

/** A target's name as people read it; the repeating reply target has its own section. */
const targetName = (w: ReturnType<typeof wordsFor>, target: TargetName | "reply") => (target === "reply" ? w.reply.name : w.targets[target]);

export function reminderComment(config: Config, target: TargetName | "reply", due: string, left: string, percent: number, who: string[]): string {
  const w = wordsFor(config.language);
  return w.reminders.approaching(targetName(w, target), who.length ? `${mentionList(who)} ` : "", percent, due, left);
}

export function escalationComment(config: Config, target: TargetName | "reply", due: string, who: string[]): string {
  const w = wordsFor(config.language);
  return w.reminders.breached(targetName(w, target), who.length ? `${mentionList(who)} ` : "", due);
}
