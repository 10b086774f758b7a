// Severity from the form and the corrections of impossible claims (P8):
// TEST is always level 3; level 2 needs more than 10% of users and no
// workaround; level 1 is a complete outage, so a partial one is at most 2.
// An unanswered question never lowers a claim.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { type CorrectionReason, classifySeverity } from "../../src/domain/forms/classify-severity.js";
import { parseIncidentForm } from "../../src/domain/forms/incident-form.js";
import { COMPLETE, formBody } from "../fixtures/app/forms.js";

const config = parseConfig({});

type Row = [claim: string | null, environment: string | null, share: string | null, workaround: string | null, level: number, reasons: CorrectionReason[]];

const rows: Row[] = [
  ["3", "PROD", "upTo10", "yes", 3, []],
  ["1", "PROD", "all", "no", 1, []],
  ["1", "PROD", "all", "yes", 1, []], // P8 level 1 says nothing about workarounds
  ["2", "PROD", "over10", "no", 2, []],
  ["2", "PROD", "all", "no", 2, []],
  ["1", "TEST", "all", "no", 3, ["test-environment"]],
  ["2", "TEST", "over10", "no", 3, ["test-environment"]],
  ["3", "TEST", "all", "no", 3, []],
  ["2", "PROD", "upTo10", "no", 3, ["few-users"]],
  ["2", "PROD", "over10", "yes", 3, ["workaround-available"]],
  ["2", "PROD", "upTo10", "yes", 3, ["few-users", "workaround-available"]],
  ["1", "PROD", "over10", "no", 2, ["not-all-users"]],
  ["1", "PROD", "upTo10", "no", 3, ["not-all-users", "few-users"]],
  ["1", "PROD", "over10", "yes", 3, ["not-all-users", "workaround-available"]],
  // Unanswered questions never lower a claim (support can still relabel).
  ["1", "PROD", "unknown", "no", 1, []],
  ["1", null, null, null, 1, []],
  ["2", "PROD", null, null, 2, []],
  ["3", "PROD", "all", "no", 3, []], // a claim is never raised
];

describe.each(["en", "ru"] as const)("classifySeverity, form in %s (P8)", (lang) => {
  it.each(rows)("claim %s, %s, share %s, workaround %s → level %i %j", (claim, environment, share, workaround, level, reasons) => {
    const form = parseIncidentForm(formBody(lang, { ...COMPLETE, severity: claim, environment, affectedShare: share, workaroundAvailable: workaround }));
    expect(classifySeverity(form, config)).toEqual({ level, claimed: claim === null ? null : Number(claim), reasons });
  });
});

describe("classifySeverity without a claim", () => {
  it.each([
    ["a body written without the form", "Login is broken for everyone, please help"],
    ["an empty body", ""],
    ["an unanswered severity", "### Severity\n\n_No response_"],
  ])("%s → defaultSeverity, nothing claimed", (_name, body) => {
    expect(classifySeverity(parseIncidentForm(body), parseConfig({ defaultSeverity: 2 }))).toEqual({ level: 2, claimed: null, reasons: [] });
  });

  it("a claim of a level the contract does not have counts as no claim", () => {
    const contract = parseConfig({ severities: { 2: { clock: "24x7", accept: "1h" }, 3: { clock: "business", accept: "8h" } }, defaultSeverity: 3 });
    expect(classifySeverity(parseIncidentForm(formBody("en", { severity: "1" })), contract)).toEqual({ level: 3, claimed: null, reasons: [] });
  });

  it("a correction to a level the contract lacks uses its least severe level", () => {
    const contract = parseConfig({ severities: { 1: { clock: "24x7", accept: "30m" }, 2: { clock: "24x7", accept: "1h" } }, defaultSeverity: 2 });
    const form = parseIncidentForm(formBody("en", { severity: "1", environment: "TEST" }));
    expect(classifySeverity(form, contract)).toEqual({ level: 2, claimed: 1, reasons: ["test-environment"] });
  });
});
