// Which preliminary diagnostics (P4) an incident still owes: exactly the
// required items that are empty; logs are not owed when support has remote
// access (P6); consultations and other requests (P2) owe nothing.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { DiagnosticField } from "../../src/config/schema.js";
import { missingDiagnostics } from "../../src/domain/forms/diagnostics.js";
import { parseIncidentForm } from "../../src/domain/forms/incident-form.js";
import { type Answers, COMPLETE, appForm, formBody } from "../fixtures/app/forms.js";

const config = parseConfig({});
const missing = (body: string, c = config) => missingDiagnostics(parseIncidentForm(body), c);

describe.each(["en", "ru"] as const)("missingDiagnostics, form in %s", (lang) => {
  it("a complete form owes nothing", () => {
    expect(missing(formBody(lang, COMPLETE))).toEqual([]);
  });

  it.each<[string, Answers, DiagnosticField[]]>([
    ["no product version (P4.5)", { productVersion: null }, ["productVersion"]],
    ["no reproduction scenario (P4.3)", { reproduction: null }, ["reproduction"]],
    ["no logs (P4.1)", { logs: null }, ["logs"]],
    ["no infrastructure ticked (P4.2)", { infrastructureChecks: [] }, ["infrastructureChecks"]],
    ["own incident database not ticked (P4.4)", { incidentDbChecked: false }, ["incidentDbChecked"]],
    ["no logs but remote access given (P6)", { logs: null, remoteAccess: "given" }, []],
    ["no logs, remote access not given", { logs: null, remoteAccess: "not-given" }, ["logs"]],
    ["no logs, remote access unanswered", { logs: null, remoteAccess: null }, ["logs"]],
    ["version and logs missing, in the configured order", { logs: null, productVersion: null }, ["productVersion", "logs"]],
    [
      "everything missing",
      { productVersion: null, reproduction: null, logs: null, infrastructureChecks: [], incidentDbChecked: false },
      ["productVersion", "reproduction", "logs", "infrastructureChecks", "incidentDbChecked"],
    ],
  ])("%s", (_name, change, expected) => {
    expect(missing(formBody(lang, { ...COMPLETE, ...change }))).toEqual(expected);
  });

  it.each(["configuration", "connection", "update", "patch", "onsite"])("a %s request owes nothing (P2)", (requestType) => {
    expect(missing(formBody(lang, { requestType, description: "How do we…?" }))).toEqual([]);
  });
});

describe("missingDiagnostics and the configuration", () => {
  it("only the configured items are required", () => {
    const c = parseConfig({ diagnostics: { required: ["productVersion", "incidentDbChecked"] } });
    expect(missing(formBody("en", { requestType: "incident", severity: "3" }), c)).toEqual(["productVersion", "incidentDbChecked"]);
  });

  it("nothing required, nothing owed", () => {
    expect(missing("", parseConfig({ diagnostics: { required: [] } }))).toEqual([]);
  });

  it("an issue created through the API without the form owes everything (forms are not enforced there)", () => {
    expect(missing(appForm("api-created-no-form.md"))).toEqual(["productVersion", "reproduction", "logs", "infrastructureChecks", "incidentDbChecked"]);
  });

  it("captured forms: ru missing logs and own database check; en missing version and steps; remote access instead of logs", () => {
    expect(missing(appForm("incident-ru-missing-logs-and-db-check.md"))).toEqual(["logs", "incidentDbChecked"]);
    expect(missing(appForm("incident-ru-complete-logs-and-db-check.md"))).toEqual([]);
    expect(missing(appForm("incident-en-missing-version-and-steps.md"))).toEqual(["productVersion", "reproduction"]);
    expect(missing(appForm("incident-en-test-env-claims-level1.md"))).toEqual([]);
    expect(missing(appForm("incident-ru-level1-outage.md"))).toEqual([]);
    expect(missing(appForm("request-ru-configuration-consultation.md"))).toEqual([]);
  });
});
