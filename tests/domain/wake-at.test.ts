// wakeAt (issue 16, item 1): between `now` and the incident's wake-up instant,
// with no event on the issue, planning at any moment gives the plan of `now`:
// a schedule that looks at the incident only then misses nothing.
import { fc, it } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { decideIncident } from "../../src/app/decide-incident.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { wakeAt } from "../../src/domain/plans/wake-at.js";
import { type IncidentCase, incidentCase } from "../support/arbitraries.js";
import { replyCase } from "../support/reply-arbitraries.js";
import { CUSTOMER, ENGINEER, comment, issue, labeled } from "../fixtures/incident-builders.js";

const DAY = 86_400_000;

/** What a plan would do: labels, and comments as the write path sees them (a "once" comment by key, the phone duplicate by its text too). */
function actionsOf(c: IncidentCase, config: ReturnType<typeof parseConfig>, now: number): string {
  const { plan } = decideIncident({ config, issue: c.issue, timeline: c.timeline, now }, []);
  const comments = plan.comments.map((a) => (a.mode === "delete" ? `delete ${a.key}` : a.mode === "once" ? `once ${a.key}${a.key === "phone" ? ` ${a.body}` : ""}` : `upsert ${a.key} ${a.fingerprint ?? a.body}`));
  return JSON.stringify({ add: plan.addLabels, remove: plan.removeLabels, gone: plan.labelsGone ?? [], comments: comments.sort() });
}

/** The case's `now`, moved after its last event so that nothing happens between `now` and any later instant. */
function quietNow(c: IncidentCase): number {
  const times = [Date.parse(c.now), ...c.timeline.map((e) => Date.parse(e.created_at as string)).filter(Number.isFinite)];
  return Math.max(...times);
}

// Incidents whose severities set `reply` (README, How the clock works), some with more reminder thresholds.
const withReply = fc
  .tuple(replyCase, fc.option(fc.constantFrom([0.5], [0.25, 0.5, 0.9], [0.9, 0.1])))
  .map(([c, thresholds]): IncidentCase => (thresholds === null ? c : { ...c, config: { ...c.config, reminders: { thresholds: [...thresholds] } } }));

describe("wakeAt: nothing is missed before the wake-up instant", () => {
  it.prop([fc.oneof(incidentCase, withReply), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 })], { numRuns: 400 })(
    "planning at any instant in [now, wakeAt) gives the actions of now; at wakeAt or after a change may come (with and without reply)",
    (c, fractions) => {
      const config = parseConfig(c.config);
      const now = quietNow(c);
      const planned = decideIncident({ config, issue: c.issue, timeline: c.timeline, now }, []);
      const wake = wakeAt(planned.explanation);
      if (wake !== null) expect(wake).toBeGreaterThan(now);
      const until = wake ?? now + 60 * DAY;
      const at = actionsOf(c, config, now);
      // Random instants, plus the last millisecond before the wake-up (where an early edge would show).
      const instants = [...fractions.map((f) => now + Math.floor(f * (until - now - 1))), until - 1];
      for (const t of instants) expect(actionsOf(c, config, t), `planned at ${new Date(t).toISOString()}, now ${new Date(now).toISOString()}, wake ${wake === null ? "never" : new Date(wake).toISOString()}`).toBe(at);
    },
  );

  it.prop([fc.oneof(incidentCase, withReply)], { numRuns: 200 })("an incident past its wake-up instant is not woken in the past", (c) => {
    const config = parseConfig(c.config);
    const now = quietNow(c);
    const first = wakeAt(decideIncident({ config, issue: c.issue, timeline: c.timeline, now }, []).explanation);
    if (first === null) return;
    const again = wakeAt(decideIncident({ config, issue: c.issue, timeline: c.timeline, now: first }, []).explanation);
    if (again !== null) expect(again).toBeGreaterThan(first);
    expect(first - now).toBeGreaterThanOrEqual(1);
  });
});

// The customer's open wait for a reply, by hand. Severity 1 (24x7), reply 2h, reminders at 50% and 75%
// (75% is also the at-risk share). Opened Mon 2 March 08:00Z and resolved at 08:10Z, so no contract
// target is owed; the phone duplicate is already posted. The customer writes at 10:00Z: the wait is due 12:00Z.
describe("wakeAt and the reply target, hand-computed", () => {
  const config = parseConfig({
    timezone: "UTC",
    team: { engineers: [ENGINEER] },
    defaultSeverity: 1,
    severities: { 1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d", reply: "2h" } },
    reminders: { thresholds: [0.5, 0.75] },
  });
  const opened = issue({ createdAt: "2026-03-02T08:00:00Z", labels: ["severity: 1"] });
  const waiting = [labeled("2026-03-02T08:10:00Z", ENGINEER, "state: resolved"), comment("2026-03-02T10:00:00Z", CUSTOMER)];
  const REMINDER_50 = "reminder:reply@2026-03-02T10:00:00Z:50:s1";
  const REMINDER_75 = "reminder:reply@2026-03-02T10:00:00Z:75:s1";
  const decide = (now: string, timeline: unknown[] = waiting) => decideIncident({ config, issue: opened, timeline, now: Date.parse(now) }, []);
  const wake = (now: string, posted: string[] = [], timeline: unknown[] = waiting) => {
    const at = wakeAt(decide(now, timeline).explanation, { posted: new Set(["phone", ...posted]) });
    return at === null ? null : new Date(at).toISOString();
  };
  const onceKeys = (now: string) => decide(now).plan.comments.flatMap((a) => (a.mode === "once" && a.key.startsWith("reminder:reply") ? [a.key] : []));

  it("without a customer comment nothing is owed: never", () => {
    expect(wake("2026-03-02T09:00:00Z", [], waiting.slice(0, 1))).toBeNull();
  });

  it("a wait opened at the customer's comment wakes at its first reminder threshold, whose reminder the plan then owes", () => {
    expect(wake("2026-03-02T10:00:00Z")).toBe("2026-03-02T11:00:00.000Z");
    expect(onceKeys("2026-03-02T10:59:00Z")).toEqual([]);
    expect(onceKeys("2026-03-02T11:00:00Z")).toEqual([REMINDER_50]);
  });

  it("after that reminder's marker is posted, at the next threshold; then at the breach", () => {
    expect(wake("2026-03-02T11:00:00Z", [REMINDER_50])).toBe("2026-03-02T11:30:00.000Z");
    expect(onceKeys("2026-03-02T11:30:00Z")).toEqual([REMINDER_75]);
    // Breached once the due time 12:00Z has passed (by a millisecond).
    expect(wake("2026-03-02T11:30:00Z", [REMINDER_50, REMINDER_75])).toBe("2026-03-02T12:00:00.001Z");
    expect(decide("2026-03-02T12:00:00.001Z").plan.comments.some((a) => a.mode === "once" && a.key === "breach:reply@2026-03-02T10:00:00Z:s1")).toBe(true);
    // Breached and escalated: nothing more changes until an event.
    expect(wake("2026-03-02T12:30:00Z", [REMINDER_50, REMINDER_75, "breach:reply@2026-03-02T10:00:00Z:s1"])).toBeNull();
  });

  it("a threshold ahead whose reminder is already on the issue (the reply target was lengthened) is skipped", () => {
    expect(wake("2026-03-02T10:30:00Z", [REMINDER_50])).toBe("2026-03-02T11:30:00.000Z");
  });

  it("at the at-risk share when it is no reminder threshold: the managers' label comes then", () => {
    // Reminders at 50% only, at risk from 80%: after the 50% reminder the next change is at 96 of 120 minutes, 11:36Z.
    const atRisk = parseConfig({ ...config, reminders: { thresholds: [0.5], atRiskShare: 0.8 } });
    const planned = (now: string) => decideIncident({ config: atRisk, issue: opened, timeline: waiting, now: Date.parse(now) }, []);
    expect(new Date(wakeAt(planned("2026-03-02T11:00:00Z").explanation, { posted: new Set(["phone", REMINDER_50]) })!).toISOString()).toBe("2026-03-02T11:36:00.000Z");
    expect(planned("2026-03-02T11:35:59Z").plan.addLabels).not.toEqual(planned("2026-03-02T11:36:00Z").plan.addLabels);
  });

  it("none after an answer, nor while support pauses the wait", () => {
    expect(wake("2026-03-02T10:45:00Z", [], [...waiting, comment("2026-03-02T10:40:00Z", ENGINEER)])).toBeNull();
    expect(wake("2026-03-02T10:45:00Z", [], [...waiting, labeled("2026-03-02T10:20:00Z", ENGINEER, "state: waiting for customer")])).toBeNull();
  });
});
