// The reply target in the app (README, How the clock works): the managers'
// status word, reminders and escalation once per wait (keys carry the wait's
// start), and the status comment's "customer waiting" line. Hand-computed:
// severity 1, 24x7, only `reply: 2h`; the customer opens the issue Mon
// 2026-03-02 06:00Z (09:00 MSK); reminders at 75% of a wait (90 min).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { incidentStatus } from "../../src/domain/clock/incident-status.js";
import { planIncident } from "../../src/domain/plans/plan-incident.js";
import { planReminders } from "../../src/domain/plans/plan-reminders.js";
import { renderStatusComment } from "../../src/domain/texts/status-comment.js";
import { BOT, CUSTOMER, ENGINEER, comment, issue } from "../fixtures/incident-builders.js";

const config = (language: "en" | "ru" = "en") =>
  parseConfig({
    timezone: "Europe/Moscow",
    language,
    defaultSeverity: 1,
    team: { engineers: [ENGINEER], orgMembersAreEngineers: false },
    reminders: { escalate: ["boss"] },
    severities: { 1: { clock: "24x7", reply: "2h" } },
  });
const opened = issue({ createdAt: "2026-03-02T06:00:00Z" });
const explain = (timeline: unknown[], now: string, language: "en" | "ru" = "en") => explainIncident({ config: config(language), issue: opened, timeline, now });
const bodyOf = (a: ReturnType<typeof planReminders>[number] | undefined) => (a && "body" in a ? a.body : "");
const keys = (timeline: unknown[], now: string) => planReminders(explain(timeline, now), []).map((a) => a.key);

// The customer writes at 07:00Z: due 09:00Z; 75% used at 08:30Z.
const asked = [comment("2026-03-02T07:00:00Z", CUSTOMER)];

describe("the reply target in the app", () => {
  it("the status word: running, at risk from 75% of the wait, breached when overdue, met once answered", () => {
    expect(incidentStatus(explain([], "2026-03-02T08:00:00Z"))).toBe("met");
    expect(incidentStatus(explain(asked, "2026-03-02T08:00:00Z"))).toBe("running");
    expect(incidentStatus(explain(asked, "2026-03-02T08:40:00Z"))).toBe("at-risk");
    expect(incidentStatus(explain(asked, "2026-03-02T09:10:00Z"))).toBe("breached");
    expect(incidentStatus(explain([...asked, comment("2026-03-02T08:50:00Z", ENGINEER)], "2026-03-02T09:10:00Z"))).toBe("met");
  });

  it("reminds and escalates once per wait: the keys carry the wait's start", () => {
    expect(keys(asked, "2026-03-02T08:00:00Z")).toEqual([]);
    expect(keys(asked, "2026-03-02T08:40:00Z")).toEqual(["reminder:reply@2026-03-02T07:00:00Z:75:s1"]);
    // Its own reminder (a comment by the app) answers nothing: at 09:10 the wait escalates.
    const reminded = [...asked, comment("2026-03-02T08:40:00Z", BOT)];
    expect(keys(reminded, "2026-03-02T09:10:00Z")).toEqual(["breach:reply@2026-03-02T07:00:00Z:s1"]);
    expect(keys(reminded, "2026-03-02T12:00:00Z")).toEqual(["breach:reply@2026-03-02T07:00:00Z:s1"]);
    // Answered at 09:20; the customer writes again at 10:00: a new wait, new keys.
    const again = [...reminded, comment("2026-03-02T09:20:00Z", ENGINEER), comment("2026-03-02T10:00:00Z", CUSTOMER)];
    expect(keys(again.slice(0, 3), "2026-03-02T09:50:00Z")).toEqual([]);
    expect(keys(again, "2026-03-02T11:40:00Z")).toEqual(["reminder:reply@2026-03-02T10:00:00Z:75:s1"]);
    expect(keys(again, "2026-03-02T12:01:00Z")).toEqual(["breach:reply@2026-03-02T10:00:00Z:s1"]);
  });

  it("the reminder and the escalation name the reply target and mention the managers at a breach", () => {
    const [reminder] = planReminders(explain(asked, "2026-03-02T08:40:00Z"), ["anna"]);
    expect(bodyOf(reminder)).toContain("Reply to the customer");
    expect(bodyOf(reminder)).toContain("@anna");
    const [escalation] = planReminders(explain(asked, "2026-03-02T09:10:00Z"), ["anna"]);
    expect(bodyOf(escalation)).toContain("Reply to the customer");
    expect(bodyOf(escalation)).toContain("@boss");
  });

  it("the status comment says since when the customer waits and when the reply is due, in each language", () => {
    const en = renderStatusComment(explain(asked, "2026-03-02T08:00:00Z")).body;
    expect(en).toContain("💬 The customer has been waiting for an answer since 2026-03-02 10:00 UTC+3: reply due 2026-03-02 12:00 UTC+3.");
    const ru = renderStatusComment(explain(asked, "2026-03-02T08:00:00Z", "ru")).body;
    expect(ru).toContain("💬 Заказчик ждёт ответа с 2026-03-02 10:00 UTC+3: ответить нужно до 2026-03-02 12:00 UTC+3.");
    const answered = renderStatusComment(explain([...asked, comment("2026-03-02T08:30:00Z", ENGINEER)], "2026-03-02T09:00:00Z")).body;
    expect(answered).not.toContain("💬");
  });

  it("the managers' labels: an at-risk wait is at risk, an overdue one breached", () => {
    const labelsAt = (now: string) => planIncident({ config: config(), issue: opened, timeline: asked, now }).plan.addLabels;
    expect(labelsAt("2026-03-02T08:00:00Z")).not.toContain("sla: at risk");
    expect(labelsAt("2026-03-02T08:40:00Z")).toContain("sla: at risk");
    expect(labelsAt("2026-03-02T08:40:00Z")).not.toContain("sla: breached");
    expect(labelsAt("2026-03-02T09:10:00Z")).toContain("sla: breached");
  });
});
