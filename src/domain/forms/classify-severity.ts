// Proposing a severity from the form and correcting impossible claims (P8):
// level 1 is a complete outage in PROD; level 2 a partial one in PROD for more
// than 10% of users with no workaround; everything else, including any TEST
// environment, is level 3. Only what the form contradicts is corrected: an
// unanswered question never lowers a claim (support can still relabel).
import type { Config } from "../../config/schema.js";
import type { IncidentForm } from "./incident-form.js";

export type CorrectionReason = "test-environment" | "not-all-users" | "few-users" | "workaround-available";

export interface SeverityProposal {
  level: number;
  /** The level the form claimed, when it claimed one. */
  claimed: number | null;
  /** Why the claim was lowered; empty when it stands. */
  reasons: CorrectionReason[];
}

export function classifySeverity(form: IncidentForm, config: Config): SeverityProposal {
  const configured = (level: number) => String(level) in config.severities;
  const claimed = form.severity !== null && configured(form.severity) ? form.severity : null;
  if (claimed === null) return { level: config.defaultSeverity, claimed: null, reasons: [] };
  const reasons: CorrectionReason[] = [];
  let level = claimed;
  if (level <= 2 && form.environment === "TEST") {
    reasons.push("test-environment");
    level = 3;
  }
  if (level === 1 && (form.affectedShare === "over10" || form.affectedShare === "upTo10")) {
    reasons.push("not-all-users");
    level = 2;
  }
  if (level === 2) {
    if (form.affectedShare === "upTo10") reasons.push("few-users");
    if (form.workaroundAvailable === true) reasons.push("workaround-available");
    if (reasons.some((r) => r === "few-users" || r === "workaround-available")) level = 3;
  }
  // A contract without the corrected level uses its least severe level.
  if (!configured(level)) level = Math.max(...Object.keys(config.severities).map(Number));
  return { level, claimed, reasons };
}
