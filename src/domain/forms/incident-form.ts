// The answers of an incident, request or registration form, as values the
// app reasons with. Works on bodies written by the forms, by the API without a
// form (headings may be missing) and by people editing either. Like
// issue-form.ts, it reads customer text by plain scanning, never with a
// regular expression (README, Security: issue forms are read one answer per field), and an answer of only whitespace or invisible
// characters is no answer: it satisfies no required diagnostic (P4).
import { FORM_FIELDS, type FormField, type FormFieldId, type Option } from "./form-fields.js";
import { isSpaceCode } from "./is-space-code.js";
import { isBlankAnswer, normalText, parseIssueForm, splitLines, trimBlank } from "./issue-form.js";

export interface IncidentForm {
  /** Which headings appeared at all (a body without the form has none). */
  present: Set<FormFieldId>;
  requestType: string | null;
  severity: number | null;
  environment: "PROD" | "TEST" | null;
  affectedShare: "all" | "over10" | "upTo10" | "unknown" | null;
  workaroundAvailable: boolean | null;
  productVersion: string | null;
  description: string | null;
  reproduction: string | null;
  logs: string | null;
  infrastructureChecks: string[];
  incidentDbChecked: boolean;
  remoteAccess: boolean;
  phoneCall: boolean;
}

function pick(options: readonly Option[], answer: string | null | undefined): string | null {
  if (!answer) return null;
  const a = normalText(trimBlank(answer));
  const found = options.find((o) => [o.value, o.en, o.ru].some((t) => normalText(t) === a));
  return found ? found.value : null;
}

/** After `from`, the first index that is not whitespace. */
function skipSpaces(line: string, from: number): number {
  let i = from;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  return i;
}

/** The label of a ticked box ("- [x] Label", "* [X] Label"), or undefined for any other line. */
function tickedLabel(line: string): string | undefined {
  let i = skipSpaces(line, 0);
  const bullet = line[i];
  if (bullet !== "-" && bullet !== "*") return undefined;
  i = skipSpaces(line, i + 1);
  if (line[i] !== "[" || (line[i + 1] !== "x" && line[i + 1] !== "X") || line[i + 2] !== "]") return undefined;
  const label = line.slice(i + 3);
  // A label crossing a line or paragraph separator was never read as one.
  if (label.includes("\u2028") || label.includes("\u2029")) return undefined;
  return label;
}

/** Ticked boxes of a checkboxes field; a box whose label is blank or invisible ticks nothing. */
function ticked(options: readonly Option[], answer: string | null | undefined): string[] {
  if (!answer) return [];
  const values: string[] = [];
  for (const line of splitLines(answer)) {
    const label = tickedLabel(line);
    if (label === undefined || isBlankAnswer(label)) continue;
    values.push(pick(options, label) ?? trimBlank(label));
  }
  return values;
}

const isWordCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** The first digit 1–9 standing on its own ("Level 2 (PROD)"), as a level someone typed. */
function levelDigit(text: string | null): string | null {
  if (!text) return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x31 || c > 0x39) continue;
    if ((i === 0 || !isWordCode(text.charCodeAt(i - 1))) && (i + 1 === text.length || !isWordCode(text.charCodeAt(i + 1)))) return text[i]!;
  }
  return null;
}

const FIELDS = Object.values(FORM_FIELDS) as FormField[];

export function parseIncidentForm(body: string): IncidentForm {
  const answers = parseIssueForm(body, FIELDS) as Map<FormFieldId, string | null>;
  const f = FORM_FIELDS;
  const text = (id: FormFieldId) => answers.get(id) ?? null;
  const severityText = text("severity");
  const severityValue = pick(f.severity.options, severityText) ?? levelDigit(severityText);
  const workaround = pick(f.workaroundAvailable.options, text("workaroundAvailable"));
  return {
    present: new Set(answers.keys()),
    requestType: pick(f.requestType.options, text("requestType")) ?? (text("requestType") ? "other" : null),
    severity: severityValue ? Number(severityValue) : null,
    environment: pick(f.environment.options, text("environment")) as IncidentForm["environment"],
    affectedShare: pick(f.affectedShare.options, text("affectedShare")) as IncidentForm["affectedShare"],
    workaroundAvailable: workaround === null ? null : workaround === "yes",
    productVersion: text("productVersion"),
    description: text("description"),
    reproduction: text("reproduction"),
    logs: text("logs"),
    infrastructureChecks: ticked(f.infrastructureChecks.options, text("infrastructureChecks")),
    incidentDbChecked: ticked(f.incidentDbChecked.options, text("incidentDbChecked")).length > 0,
    remoteAccess: pick(f.remoteAccess.options, text("remoteAccess")) === "given",
    phoneCall: ticked(f.phoneCall.options, text("phoneCall")).length > 0,
  };
}

/** True when the request is an incident (P2): its form says so, or it has no request type at all. */
export function isIncident(form: IncidentForm): boolean {
  return form.requestType === null || form.requestType === "incident";
}
