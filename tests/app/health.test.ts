// GET /healthz's verdict (README, Health and metrics): healthy while sweeps succeed;
// failing with the reason after repeated failed sweeps, or when no sweep has
// succeeded for three intervals; a partial failure is reported but healthy.
import { describe, expect, it } from "vitest";
import { SweepHealth } from "../../src/app/health.js";
import { INCIDENT_STATUSES } from "../../src/domain/clock/incident-status.js";
import { AppMetrics } from "../../src/app/metrics.js";

function clock(start = Date.parse("2026-03-02T10:00:00Z")) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("SweepHealth", () => {
  it("sweeps off in this process (a CronJob sweeps): always healthy, and says so", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 0, now: c.now });
    h.recordError("GitHub is down");
    c.advance(86_400_000);
    expect(h.report()).toEqual({ healthy: true, body: { status: "ok", sweeps: "off" } });
  });

  it("before the first sweep: healthy (the first sweep comes within seconds)", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 300, now: c.now });
    expect(h.report()).toMatchObject({ healthy: true, body: { status: "ok", sweeps: "on", consecutiveFailures: 0 } });
  });

  it.each([
    { what: "one failed sweep", sweeps: [false], healthy: true },
    { what: "two failed sweeps in a row", sweeps: [false, false], healthy: false },
    { what: "failed, then succeeded", sweeps: [false, false, true], healthy: true },
    { what: "failed, succeeded, failed", sweeps: [false, true, false], healthy: true },
    { what: "three in a row after a success", sweeps: [true, false, false, false], healthy: false },
  ])("$what → healthy: $healthy", ({ sweeps, healthy }) => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 60, now: c.now });
    for (const ok of sweeps) {
      c.advance(60_000);
      h.record(ok ? { swept: 3, failed: 0, problems: [] } : { swept: 3, failed: 3, problems: ["acme/support: Bad credentials"] });
    }
    expect(h.report().healthy).toBe(healthy);
  });

  it("failing: the reason names the number of failed sweeps and the first problems", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 60, now: c.now });
    h.recordError("the app's installations could not be listed: connect ECONNREFUSED 127.0.0.1:1");
    c.advance(60_000);
    h.recordError("the app's installations could not be listed: connect ECONNREFUSED 127.0.0.1:1");
    expect(h.report()).toEqual({
      healthy: false,
      body: {
        status: "failing",
        reason: "the last 2 sweeps failed: the app's installations could not be listed: connect ECONNREFUSED 127.0.0.1:1",
        sweeps: "on",
        intervalSeconds: 60,
        consecutiveFailures: 2,
        lastSweep: { at: "2026-03-02T10:01:00.000Z", ok: false, swept: 0, failed: 0, problems: ["the app's installations could not be listed: connect ECONNREFUSED 127.0.0.1:1"] },
      },
    });
  });

  it("a partial failure (one repository of three) stays healthy however often it repeats, and is listed", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 60, now: c.now });
    for (let i = 0; i < 5; i++) {
      c.advance(60_000);
      h.record({ swept: 3, failed: 1, problems: ["acme/legacy: Resource not accessible by integration"] });
    }
    const report = h.report();
    expect(report.healthy).toBe(true);
    expect(report.body.lastSweep).toMatchObject({ ok: true, failed: 1, problems: ["acme/legacy: Resource not accessible by integration"] });
  });

  it("no sweep succeeding for three intervals (one hung on GitHub) is failing too", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 60, now: c.now });
    h.record({ swept: 1, failed: 0, problems: [] });
    c.advance(3 * 60_000 + 60_000);
    expect(h.report().healthy).toBe(true);
    c.advance(1);
    expect(h.report()).toMatchObject({ healthy: false, body: { reason: "no sweep has succeeded since 2026-03-02T10:00:00.000Z" } });
  });

  it("an installation with nothing to sweep is not a failure", () => {
    const c = clock();
    const h = new SweepHealth({ intervalSeconds: 60, now: c.now });
    h.record({ swept: 0, failed: 0, problems: [] });
    h.record({ swept: 0, failed: 0, problems: [] });
    expect(h.report().healthy).toBe(true);
  });
});

describe("AppMetrics", () => {
  it("exposes every open-incident status, zero until a sweep says otherwise, in Prometheus' text format", async () => {
    const m = new AppMetrics();
    m.setOpenIncidents({ breached: 2, running: 5 });
    const text = await m.registry.metrics();
    for (const status of INCIDENT_STATUSES) {
      const expected = status === "breached" ? 2 : status === "running" ? 5 : 0;
      expect(text).toContain(`incident_sla_open_incidents{status="${status}"} ${expected}\n`);
    }
    // A later sweep replaces the counts: an incident met since then is no longer breached.
    m.setOpenIncidents({ running: 1 });
    expect(await m.registry.metrics()).toContain('incident_sla_open_incidents{status="breached"} 0\n');
  });

  it("two apps in one process keep their own registries (no duplicate registration)", async () => {
    const a = new AppMetrics();
    const b = new AppMetrics();
    a.sweeps.inc({ outcome: "ok" });
    expect(await a.registry.metrics()).toContain('incident_sla_sweeps_total{outcome="ok"} 1\n');
    expect(await b.registry.metrics()).not.toContain('incident_sla_sweeps_total{outcome="ok"}');
  });
});
