// The answers of an incident, request or registration form, as values the
// app reasons with. Works on bodies written by the forms, by the API without a
// form (headings may be missing) and by people editing either.
import { FORM_FIELDS, type FormField, type FormFieldId, type Option } from "./form-fields.js";
import { parseIssueForm } from "./issue-form.js";

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

const normal = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

function pick(options: readonly Option[], answer: string | null | undefined): string | null {
  if (!answer) return null;
  const a = normal(answer);
  const found = options.find((o) => [o.value, o.en, o.ru].some((t) => normal(t) === a));
  return found ? found.value : null;
}

/** Ticked boxes of a checkboxes field ("- [x] Label"). */
function ticked(options: readonly Option[], answer: string | null | undefined): string[] {
  if (!answer) return [];
  const values: string[] = [];
  for (const line of answer.split("\n")) {
    const m = /^\s*[-*]\s*\[[xX]\]\s*(.+)$/.exec(line);
    if (!m) continue;
    const value = pick(options, m[1]);
    values.push(value ?? m[1]!.trim());
  }
  return values;
}

const FIELDS = Object.values(FORM_FIELDS) as FormField[];

export function parseIncidentForm(body: string): IncidentForm {
  const answers = parseIssueForm(body, FIELDS) as Map<FormFieldId, string | null>;
  const f = FORM_FIELDS;
  const text = (id: FormFieldId) => answers.get(id) ?? null;
  const severityText = text("severity");
  const severityValue = pick(f.severity.options, severityText) ?? /\b([1-9])\b/.exec(severityText ?? "")?.[1] ?? null;
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
