// What an incident's organisation issue fields should say (README, Managers'
// views): the next unmet target's due date, the status and the severity,
// each in a field the configuration names (`issueFields`). Pure, like the
// managers' labels in plan-incident.ts: the adapter (github/issue-fields.ts)
// compares this with the values on GitHub and writes only what differs.
import { type Config, severityLabel } from "../../config/schema.js";
import { isoFromEpochDay, localEpochDay } from "../../units/local-time.js";
import type { Explanation } from "../clock/evaluate.js";
import { type IncidentStatus, incidentStatus, nextDue } from "../clock/incident-status.js";

export type FieldRole = "nextDue" | "status" | "severity";

/** One configured field and the value it should carry; null: no value (cleared). */
export interface FieldWant {
  role: FieldRole;
  /** The organisation field's name, as configured. */
  field: string;
  /** The kind of field the role needs. */
  dataType: "date" | "single_select";
  /** A date written YYYY-MM-DD (the contract's zone) or a single select option's name. */
  value: string | null;
}

const STATUS_OPTION_KEY: { readonly [s in IncidentStatus]: keyof NonNullable<Config["issueFields"]>["statusOptions"] } = {
  running: "running",
  paused: "paused",
  "at-risk": "atRisk",
  breached: "breached",
  met: "met",
  "not-covered": "notCovered",
};

/** The option of the status field for a status (configurable, `issueFields.statusOptions`). */
export function statusOption(config: Config, status: IncidentStatus): string | null {
  const options = config.issueFields?.statusOptions;
  return options ? options[STATUS_OPTION_KEY[status]] : null;
}

/** The option of the severity field for a level: configured, or the level's label. */
export function severityOption(config: Config, level: number): string {
  return config.issueFields?.severityOptions[String(level)] ?? severityLabel(config, level);
}

/** The fields the configuration names, with the values the evaluation gives them (empty: none configured). */
export function planFields(config: Config, x: Explanation): FieldWant[] {
  const fields = config.issueFields;
  if (!fields) return [];
  const wants: FieldWant[] = [];
  if (fields.nextDue) {
    const next = nextDue(x);
    // The date the deadline falls on where the contract's clock runs, not in UTC or the host's zone.
    wants.push({ role: "nextDue", field: fields.nextDue, dataType: "date", value: next ? isoFromEpochDay(localEpochDay(next.due, config.timezone)) : null });
  }
  if (fields.status) wants.push({ role: "status", field: fields.status, dataType: "single_select", value: statusOption(config, incidentStatus(x)) });
  if (fields.severity) wants.push({ role: "severity", field: fields.severity, dataType: "single_select", value: severityOption(config, x.severity.level) });
  return wants;
}
