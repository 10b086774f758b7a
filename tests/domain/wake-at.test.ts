// wakeAt (issue 16, item 1): between `now` and the incident's wake-up instant,
// with no event on the issue, planning at any moment gives the plan of `now`:
// a schedule that looks at the incident only then misses nothing.
import { fc, it } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { decideIncident } from "../../src/app/decide-incident.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { wakeAt } from "../../src/domain/clock/wake-at.js";
import { type IncidentCase, incidentCase } from "../support/arbitraries.js";

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

describe("wakeAt: nothing is missed before the wake-up instant", () => {
  it.prop([incidentCase, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 })], { numRuns: 300 })(
    "planning at any instant in [now, wakeAt) gives the actions of now; at wakeAt or after a change may come",
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

  it.prop([incidentCase], { numRuns: 200 })("an incident past its wake-up instant is not woken in the past", (c) => {
    const config = parseConfig(c.config);
    const now = quietNow(c);
    const first = wakeAt(decideIncident({ config, issue: c.issue, timeline: c.timeline, now }, []).explanation);
    if (first === null) return;
    const again = wakeAt(decideIncident({ config, issue: c.issue, timeline: c.timeline, now: first }, []).explanation);
    if (again !== null) expect(again).toBeGreaterThan(first);
    expect(first - now).toBeGreaterThanOrEqual(1);
  });
});
