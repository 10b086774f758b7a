// The app's time-driven work as it runs in the app (README, "Wake-ups and
// reconciliation"): one reconciliation at start reads every open incident;
// from then on a reminder is written by the wake-up timer when its threshold
// comes, reading that incident alone, long before the next reconciliation
// (SWEEP_INTERVAL=3600). Between two full reads the SLA board is kept from
// what the app knows of its open incidents: a webhook's close takes an
// incident off, a new issue read by the changed-since reconciliation comes on.
// Local fake GitHub, fake timers and the world's clock.
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app/app.js";
import { handleIncident } from "../../src/app/handle-incident.js";
import { OpenIncidents } from "../../src/app/open-incidents.js";
import { createReconciler } from "../../src/app/reconcile.js";
import { createServices } from "../../src/app/services.js";
import { WakeUps } from "../../src/app/wake-ups.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { ReadClients } from "../../src/github/read-client.js";
import { WriteBudgets } from "../../src/github/write-budget.js";
import { ACTIONS_BOT, APP_BOT, APP_ID, ENGINEER, KEYS, SweepWorld, VALID_CONFIG } from "./sweep-world.js";
import { directClients } from "./wake-world.js";

let w: SweepWorld | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  if (w) {
    await w.close();
    expect(w.fake.violations).toEqual([]);
  }
  w = undefined;
});

const byNumber = (from: number) => w!.fake.requests.slice(from).filter((r) => r.route === "POST /graphql" && JSON.stringify(r.body).includes("incidentSlaIssuesByNumber"));
const openPages = (from: number) => w!.fake.requests.slice(from).filter((r) => r.route === "POST /graphql" && JSON.stringify(r.body).includes("incidentSlaOpenIssues"));

describe("wake-ups in the app", () => {
  it("SWEEP_INTERVAL=3600: a full reconciliation at start, then the 75% reminder at its threshold from the timer, reading only that incident", async () => {
    const T0 = "2026-03-02T10:00:00Z";
    w = await new SweepWorld(T0).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    // Severity 2: accept within 1 h, 24x7; the 75% reminder is due at 10:45.
    w.incident(repo, { number: 1, severity: 2, createdAt: T0, assignees: [ENGINEER] });
    // Severity 3, business hours (Moscow, 13:00 local): its first threshold is hours away.
    w.incident(repo, { number: 2, severity: 3, createdAt: T0 });
    vi.stubEnv("SWEEP_INTERVAL", "3600");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const lines: Record<string, any>[] = [];
    const waiting: { msg: string; found: () => void }[] = [];
    const stream = new Writable({
      write: (chunk: Buffer, _e, done) => {
        const line = JSON.parse(chunk.toString()) as Record<string, any>;
        lines.push(line);
        for (const w of waiting.filter((x) => x.msg === line.msg)) w.found();
        done();
      },
    });
    /** Resolves once a line with this message is logged (however long the machine takes). */
    const logged = (msg: string) => (lines.some((l) => l.msg === msg) ? Promise.resolve() : new Promise<void>((found) => waiting.push({ msg, found })));
    const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
    // The reads go through the read client (no write spacing; tests/github/read-client*.test.ts show what it skips).
    const readers = vi.spyOn(ReadClients.prototype, "graphqlFor");
    const probot = new Probot({ appId: APP_ID, privateKey: KEYS.privateKey, baseUrl: w.fake.apiUrl, Octokit, log: pino({ level: "info" }, stream) });
    await probot.load(createApp({ now: () => w!.now, appSlug: "incident-sla" }));
    expect(lines.find((l) => l.msg === "sweeps scheduled")).toMatchObject({ intervalSeconds: 3600, fullSweepSeconds: 86_400 });

    // The first reconciliation (at most 15 s after start) reads everything and writes the status comments.
    await vi.advanceTimersByTimeAsync(15_000);
    await logged("sweep finished");
    expect(lines.find((l) => l.msg === "sweep finished")).toMatchObject({ full: true, incidents: 2, scheduled: 2 });
    expect(w.markers(repo, 1, APP_BOT)).toEqual(["phone", "status"]);

    // 10:45 comes; the timer waits its 30 s gathering window, then reads #1 alone.
    const seen = w.fake.requests.length;
    w.at("2026-03-02T10:45:30Z");
    await vi.advanceTimersByTimeAsync(Date.parse("2026-03-02T10:45:30Z") - Date.parse(T0));
    await logged("wake-ups ran");
    expect(w.markers(repo, 1, APP_BOT)).toEqual(["phone", "reminder:accept:75:s2", "status"]);
    expect(w.markers(repo, 2, APP_BOT)).toEqual(["status"]);
    const reads = byNumber(seen);
    expect(reads).toHaveLength(1);
    expect(JSON.stringify(reads[0]!.body)).toContain("i1: issue(number: 1)");
    expect(JSON.stringify(reads[0]!.body)).not.toContain("i2: issue");
    expect(openPages(seen)).toEqual([]);
    // Both the reconciliation's installation and the wake-up's target read through the read client.
    expect(readers.mock.calls.map(([, installation]) => Number(installation))).toEqual([11, 11]);
    expect(lines.filter((l) => l.msg === "sweep finished")).toHaveLength(1);
    expect(lines.find((l) => l.msg === "wake-ups ran")).toMatchObject({ due: 1, repositories: 1, failed: 0, scheduled: 2 });
  });

  it("between two full reads the SLA board follows the webhooks' decisions and the changed-since reads", async () => {
    w = await new SweepWorld("2026-03-02T10:00:00Z").start();
    w.org("acme", 11);
    w.repo("acme/.github", "language: en\ntimezone: Europe/Moscow\nreport:\n  repository: acme/sla-reports\n  board: on\n");
    w.repo("acme/alpha", `${VALID_CONFIG}contract:\n  customer: Alpha Bank\n`);
    w.repo("acme/sla-reports", null);
    const first = w.incident("acme/alpha", { number: 1, severity: 1, createdAt: "2026-03-02T09:35:00Z" });
    const second = w.incident("acme/alpha", { number: 2, severity: 2, createdAt: "2026-03-02T09:50:00Z" });
    const open = new OpenIncidents();
    const { octokit, deps } = directClients(w, { onDecided: (d) => open.note(d.installationId, d.ref, d.explanation, d.assignees) });
    const budgets = new WriteBudgets(undefined, deps.now);
    const wakeUps = new WakeUps({ sweep: deps, targetFor: () => Promise.resolve({ octokit, graphql: octokit.graphql, installationId: 11, budget: budgets.for(11) }), setTimer: () => ({ cancel: () => undefined }) });
    const reconciler = createReconciler(deps, budgets, wakeUps, { open });
    const installation = { id: 11, octokit, graphql: octokit.graphql };
    const board = () => {
      const found = w!.fake.snapshot("acme/sla-reports").issues.find((i) => readMarker(w!.fake.issueOf("acme/sla-reports", i.number).body)?.key === "board:acme");
      return [...(w!.fake.issueOf("acme/sla-reports", found!.number).body ?? "").matchAll(/\[(acme\/[a-z]+#\d+)\]/g)].map((m) => m[1]);
    };

    expect((await reconciler.run([installation])).full).toBe(true);
    expect(board()).toEqual(["acme/alpha#1", "acme/alpha#2"]);

    // Support closes #1; the issues.closed webhook decides it (handleIncident tells the same onDecided).
    w.at("2026-03-02T10:05:00Z");
    await octokit.rest.issues.update({ owner: "acme", repo: "alpha", issue_number: first, state: "closed", state_reason: "completed" });
    const services = createServices(() => Promise.resolve(ACTIONS_BOT), deps.now);
    services.onDecided = deps.onDecided;
    const silent = { info: () => undefined, warn: () => undefined, debug: () => undefined };
    await handleIncident(services, { octokit, ref: { owner: "acme", repo: "alpha", issue_number: first }, installationId: 11, ownerType: "Organization", log: silent });
    // A new incident no webhook reported (the app was down): the changed-since read finds it.
    const third = w.incident("acme/alpha", { number: 3, severity: 2, createdAt: "2026-03-02T10:06:00Z" });

    w.at("2026-03-02T10:10:00Z");
    const from = w.fake.requests.length;
    const partial = await reconciler.run([installation]);
    expect(partial.full).toBe(false);
    expect(JSON.stringify(openPages(from)[0]!.body)).toContain("2026-03-02T09:59:00.000Z");
    // #2 is due at 10:50, #3 at 11:06; #1 has left.
    expect(board()).toEqual([`acme/alpha#${second}`, `acme/alpha#${third}`]);
    expect(open.byStatus()).toEqual({ running: 2 });
  });

  it("a full read again once the full interval has passed", async () => {
    w = await new SweepWorld("2026-03-02T10:00:00Z").start();
    w.org("acme", 11);
    w.repo("acme/alpha");
    w.incident("acme/alpha", { number: 1, severity: 3, createdAt: "2026-03-02T09:35:00Z" });
    const { octokit, deps } = directClients(w);
    const budgets = new WriteBudgets(undefined, deps.now);
    const wakeUps = new WakeUps({ sweep: deps, targetFor: () => Promise.resolve({ octokit, graphql: octokit.graphql, installationId: 11, budget: budgets.for(11) }), setTimer: () => ({ cancel: () => undefined }) });
    const reconciler = createReconciler(deps, budgets, wakeUps, { fullEveryMs: 6 * 3_600_000 });
    const installation = { id: 11, octokit, graphql: octokit.graphql };
    const fulls: boolean[] = [];
    for (const at of ["10:00", "11:00", "15:59", "16:00", "17:00"]) {
      w.at(`2026-03-02T${at}:00Z`);
      fulls.push((await reconciler.run([installation])).full);
    }
    expect(fulls).toEqual([true, false, false, true, false]);
  });
});
