// One word per open incident for managers' overviews (metrics today): the
// order of urgency breached > paused > at risk > running > met, and
// not covered outside the support period (P1).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { incidentStatus, nextDue } from "../../src/domain/clock/incident-status.js";
import { CUSTOMER, ENGINEER, closed, comment, issue, labeled } from "../fixtures/incident-builders.js";

// Severity 1 on a 24x7 clock: accept 30m, workaround 4h, resolve 3d.
const config = parseConfig({ timezone: "UTC", team: { engineers: [ENGINEER] }, contract: { supportFrom: "2026-01-01", supportUntil: "2026-12-31" } });
const OPENED = "2026-03-02T10:00:00Z";
const WAITING = "state: waiting for customer";

describe("incidentStatus", () => {
  it.each([
    { what: "just opened", now: "2026-03-02T10:05:00Z", timeline: [], status: "running" },
    { what: "25 of 30 acceptance minutes used (at risk from 75%)", now: "2026-03-02T10:25:00Z", timeline: [], status: "at-risk" },
    { what: "acceptance overdue", now: "2026-03-02T10:31:00Z", timeline: [], status: "breached" },
    { what: "accepted late, then paused: the breach stays first", now: "2026-03-02T11:00:00Z", timeline: [labeled("2026-03-02T10:40:00Z", ENGINEER, "state: accepted"), labeled("2026-03-02T10:50:00Z", ENGINEER, WAITING)], status: "breached" },
    { what: "accepted on time, then paused by support", now: "2026-03-02T13:00:00Z", timeline: [labeled("2026-03-02T10:10:00Z", ENGINEER, "state: accepted"), labeled("2026-03-02T10:20:00Z", ENGINEER, WAITING)], status: "paused" },
    { what: "a waiting label by the customer pauses nothing", now: "2026-03-02T10:25:00Z", timeline: [labeled("2026-03-02T10:10:00Z", CUSTOMER, WAITING)], status: "at-risk" },
    { what: "resolved on time (still open)", now: "2026-03-02T12:00:00Z", timeline: [labeled("2026-03-02T10:10:00Z", ENGINEER, "state: resolved")], status: "met" },
    { what: "closed as not planned before any deadline", now: "2026-03-02T12:00:00Z", timeline: [closed("2026-03-02T10:10:00Z", ENGINEER, "not_planned")], status: "met" },
  ])("$what → $status", ({ now, timeline, status }) => {
    const x = explainIncident({ config, issue: issue({ createdAt: OPENED, labels: ["severity: 1"] }), timeline, now, bot: "incident-sla[bot]" });
    expect(incidentStatus(x)).toBe(status);
  });

  it("registered outside the support period (P1): not covered, whatever the clock would say", () => {
    const x = explainIncident({ config, issue: issue({ createdAt: "2027-01-05T10:00:00Z", labels: ["severity: 1"] }), timeline: [], now: "2027-01-09T10:00:00Z", bot: "incident-sla[bot]" });
    expect(incidentStatus(x)).toBe("not-covered");
  });
});

// The next deadline for boards and issue fields: the earliest target still owed (P9).
describe("nextDue", () => {
  const explain = (now: string, timeline: unknown[] = []) =>
    explainIncident({ config, issue: issue({ createdAt: OPENED, labels: ["severity: 1"] }), timeline, now, bot: "incident-sla[bot]" });

  it("just opened: acceptance, due 30 minutes after the opening", () => {
    expect(nextDue(explain("2026-03-02T10:05:00Z"))).toEqual({ target: "accept", due: Date.parse("2026-03-02T10:30:00Z"), overdue: false });
  });

  it("acceptance overdue and unmet: still the next deadline, marked overdue", () => {
    expect(nextDue(explain("2026-03-02T10:31:00Z"))).toEqual({ target: "accept", due: Date.parse("2026-03-02T10:30:00Z"), overdue: true });
  });

  it("accepted: the workaround, 4 hours after the opening", () => {
    const x = explain("2026-03-02T11:00:00Z", [labeled("2026-03-02T10:10:00Z", ENGINEER, "state: accepted")]);
    expect(nextDue(x)).toEqual({ target: "workaround", due: Date.parse("2026-03-02T14:00:00Z"), overdue: false });
  });

  it("resolved, or outside the support period: nothing is owed", () => {
    expect(nextDue(explain("2026-03-02T12:00:00Z", [labeled("2026-03-02T10:10:00Z", ENGINEER, "state: resolved")]))).toBeNull();
    const outside = explainIncident({ config, issue: issue({ createdAt: "2027-01-05T10:00:00Z", labels: ["severity: 1"] }), timeline: [], now: "2027-01-09T10:00:00Z", bot: "incident-sla[bot]" });
    expect(nextDue(outside)).toBeNull();
  });
});

// The customer's open wait for a reply (README, How the clock works) is owed like a target.
describe("nextDue with the reply target", () => {
  const replyConfig = parseConfig({
    timezone: "UTC",
    team: { engineers: [ENGINEER] },
    defaultSeverity: 1,
    severities: { 1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d", reply: "1h" } },
  });
  const explain = (now: string, timeline: unknown[]) =>
    explainIncident({ config: replyConfig, issue: issue({ createdAt: OPENED, labels: ["severity: 1"] }), timeline, now, bot: "incident-sla[bot]" });
  const accepted = labeled("2026-03-02T10:10:00Z", ENGINEER, "state: accepted");

  it("an open wait due before the workaround is the next deadline; overdue, it stays so", () => {
    // Customer 10:20: wait due 11:20; the workaround is due 14:00.
    const timeline = [accepted, comment("2026-03-02T10:20:00Z", CUSTOMER)];
    expect(nextDue(explain("2026-03-02T11:00:00Z", timeline))).toEqual({ target: "reply", due: Date.parse("2026-03-02T11:20:00Z"), overdue: false });
    expect(nextDue(explain("2026-03-02T11:30:00Z", timeline))).toEqual({ target: "reply", due: Date.parse("2026-03-02T11:20:00Z"), overdue: true });
  });

  it("an answered wait is owed no more; an open one due after the workaround comes second", () => {
    const answered = [accepted, comment("2026-03-02T10:20:00Z", CUSTOMER), comment("2026-03-02T10:40:00Z", ENGINEER)];
    expect(nextDue(explain("2026-03-02T11:00:00Z", answered))).toEqual({ target: "workaround", due: Date.parse("2026-03-02T14:00:00Z"), overdue: false });
    // Customer 13:30: due 14:30, after the workaround's 14:00.
    const late = [accepted, comment("2026-03-02T13:30:00Z", CUSTOMER)];
    expect(nextDue(explain("2026-03-02T13:40:00Z", late))).toEqual({ target: "workaround", due: Date.parse("2026-03-02T14:00:00Z"), overdue: false });
  });

  it("every contract target met: the open wait is still owed", () => {
    const timeline = [labeled("2026-03-02T10:10:00Z", ENGINEER, "state: resolved"), comment("2026-03-02T12:00:00Z", CUSTOMER)];
    expect(nextDue(explain("2026-03-02T12:10:00Z", timeline))).toEqual({ target: "reply", due: Date.parse("2026-03-02T13:00:00Z"), overdue: false });
  });
});
