// Reading incident, request and registration forms into values, from bodies
// GitHub renders (either language), bodies people edited, and bodies created
// through the API without the form.
import { describe, expect, it } from "vitest";
import { isIncident, parseIncidentForm } from "../../src/domain/forms/incident-form.js";
import { COMPLETE, appForm, formBody } from "../fixtures/app/forms.js";

const completeValues = {
  requestType: "incident",
  severity: 3,
  environment: "PROD",
  affectedShare: "upTo10",
  workaroundAvailable: true,
  productVersion: "4.2.1",
  description: "Users of one department see a slow login page.",
  reproduction: "1. Open the portal\n2. Click Sign in",
  logs: "2026-03-02 09:14:11 WARN ldap pool exhausted",
  infrastructureChecks: ["dbms", "directory"],
  incidentDbChecked: true,
  remoteAccess: false,
  phoneCall: false,
};

describe("parseIncidentForm", () => {
  it.each(["en", "ru"] as const)("a complete %s form", (lang) => {
    const form = parseIncidentForm(formBody(lang, COMPLETE));
    expect(form).toMatchObject(completeValues);
    expect(isIncident(form)).toBe(true);
  });

  it("the same answers in either language give the same values", () => {
    const { present: _a, ...en } = parseIncidentForm(formBody("en", COMPLETE));
    const { present: _b, ...ru } = parseIncidentForm(formBody("ru", COMPLETE));
    expect(ru).toEqual(en);
  });

  it("CRLF line ends and lower-case ticks are read like GitHub's own", () => {
    const body = formBody("en", COMPLETE).replace(/\[X\]/g, "[x]").replace(/\n/g, "\r\n");
    expect(parseIncidentForm(body)).toMatchObject(completeValues);
  });

  it("a body created through the API without the form: nothing present, an incident with nothing answered", () => {
    const form = parseIncidentForm(appForm("api-created-no-form.md"));
    expect(form.present.size).toBe(0);
    expect(form).toMatchObject({ requestType: null, severity: null, environment: null, productVersion: null, infrastructureChecks: [], incidentDbChecked: false });
    expect(isIncident(form)).toBe(true);
  });

  it("_No response_ is no answer", () => {
    const form = parseIncidentForm(formBody("ru", { ...COMPLETE, productVersion: null, logs: null, remoteAccess: null }));
    expect(form).toMatchObject({ productVersion: null, logs: null, remoteAccess: false });
    expect(form.present.has("productVersion")).toBe(true);
  });

  it("a consultation request is not an incident (P2)", () => {
    const form = parseIncidentForm(appForm("request-ru-configuration-consultation.md"));
    expect(form.requestType).toBe("configuration");
    expect(isIncident(form)).toBe(false);
  });

  it("an unknown request type is not an incident", () => {
    expect(isIncident(parseIncidentForm("### Request type\n\nSomething else"))).toBe(false);
  });

  it.each([
    ["incident-en-test-env-claims-level1.md", { severity: 1, environment: "TEST", affectedShare: "all", remoteAccess: true, logs: null }],
    ["incident-ru-level1-outage.md", { severity: 1, environment: "PROD", affectedShare: "all", workaroundAvailable: false, remoteAccess: true }],
    ["incident-ru-missing-logs-and-db-check.md", { logs: null, incidentDbChecked: false, infrastructureChecks: ["dbms", "dns", "certificates"] }],
  ])("captured form %s", (name, values) => {
    expect(parseIncidentForm(appForm(name))).toMatchObject(values);
  });

  it("the phone-call box (P10)", () => {
    expect(parseIncidentForm(formBody("ru", { ...COMPLETE, phoneCall: true })).phoneCall).toBe(true);
  });
});
