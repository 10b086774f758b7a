// Failures are seen (README, Health and metrics), against the real app process
// (`probot run`) and the local GitHub: a GitHub the app cannot reach shows up
// in the log at error, on GET /healthz (503 with the reason after repeated
// failed sweeps) and on GET /metrics within a sweep interval or two; one
// installation that fails never stops another; every handled delivery logs
// exactly one info line with its outcome.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formBody } from "../fixtures/app/forms.js";
import { faults } from "../support/fake-github/faults.js";
import { COMPLETE_LEVEL3, CUSTOMER, ENGINEER, contract } from "./support/contracts.js";
import { buildApp } from "./support/build-app.js";
import { summarise } from "./support/state.js";
import { BOT, CONFIG_PATH, type World as WorldType, World, stopAllWorlds } from "./support/world.js";

vi.setConfig({ maxConcurrency: 4 });
beforeAll(async () => void (await buildApp()), 120_000);
afterAll(stopAllWorlds, 20_000);

const SCENARIO_MS = 120_000;

async function get(w: WorldType, path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${w.app.url}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, text: await res.text() };
}

/** A sample's value in Prometheus' text format, e.g. metric(text, 'incident_sla_sweeps_total{outcome="ok"}'). */
function metric(text: string, sample: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : null;
}

describe.concurrent("failures are seen, end to end", () => {
  it("GitHub unreachable (connections reset): each sweep's failure logged at error, /healthz 503 with the reason, /metrics counts it; back to 200 once GitHub answers", async () => {
    const w = await World.start({ appSlug: "incident-sla", sweepInterval: 2 });
    const ok = await w.nextSweep(60_000);
    expect(ok).toMatchObject({ msg: "sweep finished", failed: 0 });
    expect((await get(w, "/healthz")).status).toBe(200);

    // Every request for the app's installations is dropped: the sweep cannot start its work.
    const down = w.fake.setFault({ method: "GET", path: "/app/installations" }, { ...faults.reset(), times: Number.POSITIVE_INFINITY });
    const from = w.app.logs.length;
    const logged = await w.app.waitForLog((l) => l.level === 50 && l.msg === "sweep failed: the app's installations could not be listed", { from, timeoutMs: 60_000 });
    expect(JSON.stringify(logged.err)).toMatch(/socket|ECONNRESET|other side closed|fetch failed/i);
    // Repeated failures: not ready, and the reason says why.
    let health = await get(w, "/healthz");
    for (let i = 0; i < 120 && health.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      health = await get(w, "/healthz");
    }
    expect(health.status).toBe(503);
    const body = JSON.parse(health.text) as { status: string; reason: string; consecutiveFailures: number };
    expect(body.status).toBe("failing");
    expect(body.reason).toMatch(/^the last \d+ sweeps failed: the app's installations could not be listed: /);
    expect(body.consecutiveFailures).toBeGreaterThanOrEqual(2);
    const metrics = await get(w, "/metrics");
    expect(metrics.status).toBe(200);
    expect(metric(metrics.text, 'incident_sla_sweeps_total{outcome="failed"}')).toBeGreaterThanOrEqual(2);
    expect(metric(metrics.text, 'incident_sla_sweep_failures_total{scope="app"}')).toBeGreaterThanOrEqual(2);
    expect(down.hits).toBeGreaterThanOrEqual(2);
    // The app keeps serving while it cannot sweep.
    expect(await w.app.ping()).toBe(true);

    // GitHub answers again: the next sweep succeeds and the app is ready.
    down.remove();
    const since = w.app.logs.length;
    await w.app.waitForLog((l) => l.msg === "sweep finished" && l.failed === 0, { from: since, timeoutMs: 60_000 });
    expect((await get(w, "/healthz")).status).toBe(200);
  }, SCENARIO_MS);

  it("a partial failure (one installation of two): the other's incident is swept, /healthz stays 200 and lists the failure", async () => {
    const w = await World.start({ appSlug: "incident-sla", sweepInterval: 2 });
    const { yaml } = contract();
    const broken = w.fake.addInstallation({ account: "globex", accountType: "Organization" });
    w.fake.addRepo({ owner: "globex", name: "support", files: { [CONFIG_PATH]: yaml } });
    // Only the second installation cannot get a token (revoked, say).
    w.fake.setFault({ method: "POST", path: `/app/installations/${broken.id}/access_tokens` }, { status: 404, times: Number.POSITIVE_INFINITY });
    const repo = w.repo("support", yaml, { customers: [CUSTOMER] });
    const issue = w.fake.addIssue(repo, { user: CUSTOMER, title: "Slow login", body: formBody("en", COMPLETE_LEVEL3) });

    const error = await w.app.waitForLog((l) => l.level === 50 && l.msg === "installation not swept: its repositories could not be listed", { timeoutMs: 90_000 });
    expect(error.installation).toBe(broken.id);
    await w.app.waitForLog((l) => l.msg === "sweep finished" && Number(l.installations) === 2 && Number(l.failed) === 1, { timeoutMs: 60_000 });
    // The first installation's incident got its status comment from the same sweep.
    expect(summarise(w.fake, repo)).toEqual([{ number: issue.number, state: "open", labels: ["severity: 3"], comments: ["bot:status"] }]);
    const health = await get(w, "/healthz");
    expect(health.status, health.text).toBe(200);
    const body = JSON.parse(health.text) as { lastSweep: { ok: boolean; failed: number; problems: string[] } };
    expect(body.lastSweep).toMatchObject({ ok: true, failed: 1 });
    expect(body.lastSweep.problems).toEqual([expect.stringMatching(new RegExp(`^installation ${broken.id}: `))]);
    const metrics = await get(w, "/metrics");
    expect(metric(metrics.text, 'incident_sla_sweep_failures_total{scope="installation"}')).toBeGreaterThanOrEqual(1);
    expect(metric(metrics.text, 'incident_sla_open_incidents{status="running"}')).toBe(1);
    expect(metric(metrics.text, 'incident_sla_open_incidents{status="breached"}')).toBe(0);
    expect(metric(metrics.text, 'incident_sla_writes_total{source="sweep"}')).toBeGreaterThanOrEqual(2);
  }, SCENARIO_MS);

  it("every delivery logs exactly one info line with its outcome: written, nothing to do, skipped and why", async () => {
    const w = await World.start({ appSlug: "incident-sla" });
    const { yaml } = contract();
    const repo = w.repo("support", yaml, { customers: [CUSTOMER] });
    const website = w.repo("website", null);
    const opened = await w.open(repo, { author: CUSTOMER, title: "Slow login", body: formBody("en", COMPLETE_LEVEL3) });
    const engineerComment = await w.comment(repo, opened.number, ENGINEER, "Looking into it.");
    const own = await w.deliver("issues", w.fake.payloads.issues("labeled", repo, opened.number, { sender: BOT, label: "severity: 3" }));
    const elsewhere = await w.open(website, { author: CUSTOMER, title: "Typo", body: "Typo on the front page" });
    const cases = [
      { delivery: opened.delivery, outcome: "written" },
      { delivery: engineerComment, outcome: "nothing to do" },
      { delivery: own, outcome: "skipped", reason: "sent by the app itself" },
      { delivery: elsewhere.delivery, outcome: "skipped", reason: "no configuration: not a customer repository" },
    ];
    // The app's log reaches this process through a pipe, after its HTTP answer: wait for one more
    // delivery's line, which the app wrote after all of the lines above.
    const last = await w.comment(repo, opened.number, ENGINEER, "Still looking.");
    await w.app.waitForLog((l) => l.id === last.id && "outcome" in l);
    for (const c of cases) {
      const lines = w.app.logs.filter((l) => l.id === c.delivery.id && l.level === 30 && "outcome" in l);
      expect(lines, JSON.stringify(lines)).toHaveLength(1);
      expect(lines[0]).toMatchObject({ outcome: c.outcome, ...(c.reason ? { reason: c.reason } : {}) });
    }
    const metrics = await get(w, "/metrics");
    expect(metric(metrics.text, 'incident_sla_webhook_events_total{event="issues.opened",outcome="written"}')).toBe(1);
    expect(metric(metrics.text, 'incident_sla_webhook_events_total{event="issues.opened",outcome="skipped"}')).toBe(1);
    expect(metric(metrics.text, 'incident_sla_webhook_events_total{event="issue_comment.created",outcome="nothing to do"}')).toBe(2);
    // Sweeps are off in this world (a CronJob sweeps): healthy, and it says so.
    const health = await get(w, "/healthz");
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: "ok", sweeps: "off" });
  }, SCENARIO_MS);
});
