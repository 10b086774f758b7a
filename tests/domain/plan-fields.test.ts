// Organisation issue fields, the pure parts (README, Managers' views): the
// `issueFields` configuration, the options the fields need, what is wrong
// with an organisation's fields, the write only values that differ need, and
// the issue that reports problems in the contract's language (no policy codes).
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../../src/config/parse-config.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { planFields, severityOption, statusOption } from "../../src/domain/plans/plan-fields.js";
import { checkFields, fieldsWrite } from "../../src/github/issue-fields.js";
import { fieldsIssueBody, writeRefusalIn } from "../../src/github/issue-fields-issue.js";
import { wordsFor } from "../../src/words/index.js";
import { CUSTOMER, ENGINEER, comment, issue, labeled } from "../fixtures/incident-builders.js";

const config = (extra: string) => parseConfigText(`timezone: Europe/Moscow\nlanguage: en\n${extra}`, ".github/incident-sla.yml");

describe("issueFields configuration", () => {
  it("has the status options of the tracker by default and takes other names", () => {
    const c = config("issueFields:\n  status: SLA status\n  statusOptions:\n    atRisk: At risk\n  severityOptions:\n    '1': Critical\n");
    expect(statusOption(c, "at-risk")).toBe("At risk");
    expect(statusOption(c, "not-covered")).toBe("not covered");
    expect(severityOption(c, 1)).toBe("Critical");
    expect(severityOption(c, 2)).toBe("severity: 2");
  });

  it("refuses a severity option for a level that is not configured, and a misspelt key", () => {
    expect(() => config("issueFields:\n  severityOptions:\n    '7': Low\n")).toThrow(/issueFields\.severityOptions\.7.*severity 7 is not configured/s);
    expect(() => config("issueFields:\n  nextdue: SLA due\n")).toThrow(/nextdue/);
  });
});

// The next due date is the earliest deadline still owed; a customer's open wait for a reply is one (README, Managers' views).
describe("the next due field and the reply target", () => {
  // Moscow (UTC+3), severity 1 24x7 with reply 2h. Opened Mon 2 March 20:00Z (23:00 MSK), accepted 20:05Z,
  // a workaround 20:10Z: the permanent solution is due Thu 5 March 20:00Z. The customer writes at 20:30Z:
  // the wait is due 22:30Z, which is already Tuesday 3 March in Moscow (01:30 MSK), not Monday as in UTC.
  const c = config(
    "team:\n  engineers: [eng-anna]\ndefaultSeverity: 1\nseverities:\n  '1': { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d, reply: 2h }\nissueFields:\n  nextDue: SLA due\n  status: SLA status\n",
  );
  const before = [labeled("2026-03-02T20:05:00Z", ENGINEER, "state: accepted"), labeled("2026-03-02T20:10:00Z", ENGINEER, "state: workaround")];
  const fields = (timeline: unknown[], now: string) =>
    planFields(c, explainIncident({ config: c, issue: issue({ createdAt: "2026-03-02T20:00:00Z", labels: ["severity: 1"] }), timeline, now, bot: "incident-sla[bot]" }));

  it("an open wait: its due date in the contract's zone, and the status it gives", () => {
    const waiting = [...before, comment("2026-03-02T20:30:00Z", CUSTOMER)];
    expect(fields(waiting, "2026-03-02T21:00:00Z")).toEqual([
      { role: "nextDue", field: "SLA due", dataType: "date", value: "2026-03-03" },
      { role: "status", field: "SLA status", dataType: "single_select", value: "running" },
    ]);
    // Overdue at 23:00Z: still the next due date, and breached.
    expect(fields(waiting, "2026-03-02T23:00:00Z").map((f) => f.value)).toEqual(["2026-03-03", "breached"]);
  });

  it("once answered, the permanent solution's date again", () => {
    const answered = [...before, comment("2026-03-02T20:30:00Z", CUSTOMER), comment("2026-03-02T21:00:00Z", ENGINEER)];
    expect(fields(answered, "2026-03-02T21:30:00Z").map((f) => f.value)).toEqual(["2026-03-05", "running"]);
  });
});

describe("checking and writing fields", () => {
  const fields = [
    { id: 1, name: "SLA due", dataType: "date", options: [] },
    { id: 2, name: "SLA status", dataType: "single_select", options: ["running", "breached"] },
    { id: 3, name: "Severity", dataType: "text", options: [] },
  ];

  it("names a missing field, a field of another kind and each missing option", () => {
    const wants = [
      { role: "nextDue" as const, field: "Due", dataType: "date" as const },
      { role: "status" as const, field: "sla STATUS", dataType: "single_select" as const },
      { role: "severity" as const, field: "Severity", dataType: "single_select" as const },
    ];
    expect(checkFields(wants, { status: ["running", "paused"] }, fields)).toEqual([
      { kind: "missing-field", role: "nextDue", field: "Due" },
      { kind: "missing-option", role: "status", field: "SLA status", option: "paused" },
      { kind: "wrong-type", role: "severity", field: "Severity", dataType: "text", expected: "single_select" },
    ]);
  });

  it("sets only values that differ, clears a value no longer owed, and skips an option the field lacks", () => {
    const wants = [
      { role: "nextDue" as const, field: "SLA due", dataType: "date" as const, value: null },
      { role: "status" as const, field: "SLA status", dataType: "single_select" as const, value: "breached" },
    ];
    expect(fieldsWrite(wants, fields, new Map([[1, "2026-03-02"], [2, "running"]]))).toEqual({
      kind: "issue-fields",
      set: [{ field_id: 2, field: "SLA status", value: "breached" }],
      clear: [{ field_id: 1, field: "SLA due" }],
    });
    expect(fieldsWrite(wants, fields, new Map([[2, "breached"]]))).toBeNull();
    expect(fieldsWrite([{ ...wants[1]!, value: "paused" }], fields, new Map())).toBeNull();
    // A date GitHub shows with a time is the same date.
    expect(fieldsWrite([{ role: "nextDue", field: "SLA due", dataType: "date", value: "2026-03-02" }], fields, new Map([[1, "2026-03-02T00:00:00Z"]]))).toBeNull();
  });
});

describe("the issue that reports problems", () => {
  const problems = [
    { kind: "missing-field" as const, role: "nextDue" as const, field: "SLA due" },
    { kind: "refused" as const, status: 403, doing: "write-values" as const, message: "Resource not accessible by integration" },
  ];

  it.each(["en", "ru"] as const)("speaks %s, names each problem once and no policy code", (lang) => {
    const body = fieldsIssueBody(wordsFor(lang), [...problems, problems[0]!]);
    expect(body.startsWith("<!-- incident-sla:issue-fields -->\n")).toBe(true);
    expect(body.match(/SLA due/g)).toHaveLength(1);
    expect(body).toContain("403");
    expect(body).not.toMatch(/\bP\d+\b/);
    expect(body).toContain(lang === "ru" ? "В организации нет поля задач «SLA due»" : 'The organisation has no issue field "SLA due"');
  });

  it("keeps a refused write in a hidden line until a write works", () => {
    const body = fieldsIssueBody(wordsFor("en"), problems);
    expect(writeRefusalIn(body)).toEqual(problems[1]);
    expect(writeRefusalIn(fieldsIssueBody(wordsFor("en"), [problems[0]!]))).toBeNull();
  });
});
