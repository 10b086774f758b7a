// Preliminary diagnostics (P4–P6): which of the required items an incident
// still owes. Logs are not the customer's debt when support has remote access
// (P6). Only incidents owe diagnostics; consultations and other requests (P2)
// do not.
import type { Config, DiagnosticField } from "../../config/schema.js";
import { type IncidentForm, isIncident } from "./incident-form.js";

export function missingDiagnostics(form: IncidentForm, config: Config): DiagnosticField[] {
  if (!isIncident(form)) return [];
  return config.diagnostics.required.filter((field) => {
    switch (field) {
      case "productVersion":
        return !form.productVersion;
      case "reproduction":
        return !form.reproduction;
      case "logs":
        return !form.logs && !form.remoteAccess;
      case "infrastructureChecks":
        return form.infrastructureChecks.length === 0;
      case "incidentDbChecked":
        return !form.incidentDbChecked;
    }
  });
}
