// The sweep under faults (README, Reminders, escalation and the sweep): two sweeps at once, a 502
// after GitHub stored a comment, secondary and primary rate limits with and
// without retry-after, GitHub's content-creation limits (most urgent first,
// the rest deferred, never lost or duplicated), and an installation token
// that expires mid-sweep. Each ends with the fake's request log checked
// against GitHub's REST description.
//
// Times as in first-sweep.test.ts: Mon 2 March 2026 10:00Z (13:00 MSK).
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sweepRepository } from "../../src/app/sweep.js";
import type { SweepDeps } from "../../src/app/sweep-deps.js";
import { sweepInstallation } from "../../src/app/sweep-runner.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { WriteBudget, WriteBudgets } from "../../src/github/write-budget.js";
import { type Fault, faults } from "../support/fake-github/index.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, APP_BOT, APP_ID, ENGINEER, KEYS, SweepWorld, postedKeys, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T10:00:00Z";
const COMMENTS = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";

let w: SweepWorld;
afterEach(async () => {
  vi.useRealTimers();
  await w.close();
  expect(w.fake.violations).toEqual([]);
  expect(w.blocked).toEqual([]);
});

/** Three incidents: #1 status and phone; #2 at risk with a reminder; #3 breached with an escalation. */
function seedThree(repo: string): Record<number, string[]> {
  w.incident(repo, { number: 1, severity: 1, createdAt: "2026-03-02T09:50:00Z" });
  w.incident(repo, { number: 2, severity: 1, createdAt: "2026-03-02T09:35:00Z", assignees: [ENGINEER] });
  w.incident(repo, { number: 3, severity: 2, createdAt: "2026-03-02T08:00:00Z" });
  return { 1: ["phone", "status"], 2: ["phone", "reminder:accept:75:s1", "status"], 3: ["breach:accept:s2", "phone", "status"] };
}

async function world(options: Parameters<SweepWorld["start"]>[0] = {}) {
  w = await new SweepWorld(NOW).start(options);
  w.org("acme", 11);
  return w.repo("acme/support");
}

const expectMarkers = (repo: string, expected: Record<number, string[]>, bot = ACTIONS_BOT) => {
  for (const [n, keys] of Object.entries(expected)) expect(w.markers(repo, Number(n), bot), `comments of #${n}`).toEqual(keys);
};

describe("exactly once (issue 4 item 3)", () => {
  it("two sweeps at once leave one comment per marker, and a third sweep writes nothing", async () => {
    const repo = await world();
    const expected = seedThree(repo);
    const [a, b] = await Promise.all([w.sweep(["--repo", repo]), w.sweep(["--repo", repo])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expectMarkers(repo, expected);
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 1", "sla: at risk"]);
    expect(w.fake.labelsOf(repo, 3)).toEqual(["severity: 2", "sla: breached"]);

    w.at("2026-03-02T10:01:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it("three sweeps at once in app mode, the same", async () => {
    const repo = await world();
    const expected = seedThree(repo);
    const runs = await Promise.all([1, 2, 3].map(() => w.sweep([], { mode: "app" })));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expectMarkers(repo, expected, APP_BOT);
  });

  it.each([
    { what: "a 502 after GitHub stored the comment, with Probot's retries on", retry: true, fault: faults.badGatewayAfterWrite() },
    { what: "a 502 after GitHub stored the comment, with retries off", retry: false, fault: faults.badGatewayAfterWrite() },
    // The process lost the answer (a crash or a dropped connection between GitHub's write and ours).
    { what: "the connection dropped after GitHub stored the comment", retry: true, fault: faults.reset({ afterApply: true }) },
  ])("$what: exactly one comment; the next sweep does nothing more", async ({ retry, fault: injected }) => {
    const repo = await world();
    const expected = seedThree(repo);
    const fault = w.fake.setFault({ route: COMMENTS }, injected);
    const run = await w.sweep(["--repo", repo], { retry });
    expect(fault.hits).toBe(1);
    expect(run.code).toBe(0);
    expectMarkers(repo, expected);
    // The comment the 502 answered was not posted again (not even to be deleted as a twin).
    expect(postedKeys(run.requests).sort()).toEqual(Object.values(expected).flat().sort());

    w.at("2026-03-02T10:01:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it.each([
    { what: "a 500 before anything was stored", fault: faults.status(500) },
    { what: "a dropped connection before anything was stored", fault: faults.reset() },
  ])("$what: that incident is not swept this time (exit 1) and the next sweep posts it once", async ({ fault }) => {
    const repo = await world();
    const expected = seedThree(repo);
    w.fake.setFault({ route: COMMENTS }, fault);
    const run = await w.sweep(["--repo", repo]);
    expect(run.code).toBe(1);
    expect(run.repos[0]).toMatchObject({ ok: false });

    w.at("2026-03-02T10:01:00Z");
    const next = await w.sweep(["--repo", repo]);
    expect(next.code).toBe(0);
    expectMarkers(repo, expected);
    w.at("2026-03-02T10:02:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });
});

describe("rate limits (issue 4 item 5)", () => {
  const in20s = () => Math.floor(Date.parse(NOW) / 1000) + 20;
  const inAnHour = () => Math.floor(Date.parse(NOW) / 1000) + 3600;
  it.each<{ what: string; fault: () => Fault; maxWait: string; sleeps: number[]; deferred: number }>([
    { what: "secondary limit, retry-after 7 s: waited, then done", fault: () => faults.secondaryRateLimit({ retryAfter: 7 }), maxWait: "60", sleeps: [7000], deferred: 0 },
    { what: "429 with retry-after 3 s: waited, then done", fault: () => faults.tooManyRequests({ retryAfter: 3 }), maxWait: "60", sleeps: [3000], deferred: 0 },
    { what: "primary limit resetting in 20 s: waited, then done", fault: () => faults.primaryRateLimit(in20s()), maxWait: "60", sleeps: [20_000], deferred: 0 },
    // GitHub asks for at least a minute when it gives no retry-after; over --max-wait, the rest waits for the next sweep.
    { what: "secondary limit without retry-after (60 s) over --max-wait 30: deferred", fault: () => faults.secondaryRateLimit(), maxWait: "30", sleeps: [], deferred: 3 },
    { what: "secondary limit without retry-after within the default --max-wait (60 s): waited", fault: () => faults.secondaryRateLimit(), maxWait: "60", sleeps: [60_000], deferred: 0 },
    { what: "primary limit resetting in an hour: deferred", fault: () => faults.primaryRateLimit(inAnHour()), maxWait: "60", sleeps: [], deferred: 3 },
    { what: "limited again after the wait: deferred", fault: () => faults.secondaryRateLimit({ retryAfter: 5, times: 2 }), maxWait: "60", sleeps: [5000], deferred: 3 },
  ])("$what; exit 0, and the next sweep completes the rest once", async ({ fault, maxWait, sleeps, deferred }) => {
    const repo = await world();
    const expected = seedThree(repo);
    w.fake.setFault({ route: COMMENTS }, fault());
    const run = await w.sweep(["--repo", repo, "--max-wait", maxWait]);
    expect(run.code).toBe(0);
    expect(w.sleeps).toEqual(sleeps);
    // The most urgent incident (#3, breached) is written first: the limit hits its first comment.
    // Writes are counted up to the stop: #3's labels went through before its first comment was refused.
    expect(run.repos[0]).toMatchObject({ ok: true, deferred, writes: deferred ? 1 : 10 });
    expect(run.stderr).toContain(`${deferred} deferred`);
    if (deferred === 0) expectMarkers(repo, expected);
    else expect(w.fake.commentsOf(repo, 1)).toEqual([]);

    // (Before 10:05Z, when #2 falls due and would be owed an escalation.)
    w.at("2026-03-02T10:03:00Z");
    const next = await w.sweep(["--repo", repo]);
    expect(next.code).toBe(0);
    expect(next.repos[0]).toMatchObject({ deferred: 0 });
    expectMarkers(repo, expected);
    w.at("2026-03-02T10:04:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  // Regression: reads (the configuration, the GraphQL pages) wait out a rate limit like writes do.
  it("a secondary limit with retry-after on the GraphQL read is waited out too", async () => {
    const repo = await world();
    const expected = seedThree(repo);
    w.fake.setFault({ route: "POST /graphql" }, faults.secondaryRateLimit({ retryAfter: 5 }));
    const run = await w.sweep([], { mode: "app" });
    expect(w.sleeps).toEqual([5000]);
    expect(run.code).toBe(0);
    expectMarkers(repo, expected, APP_BOT);
  });

  // Regression: the wait used to re-run the incident's writes from the first one, so comments
  // created before the limited one were POSTed again (then deleted as twins), notifying the
  // issue's subscribers twice. Only the refused write is repeated.
  it("a wait for retry-after posts nothing twice (the limit hits an incident's second comment)", async () => {
    const repo = await world();
    const expected = seedThree(repo);
    w.fake.setFault({ route: COMMENTS }, { delayMs: 0, times: 1 }); // the first comment passes
    w.fake.setFault({ route: COMMENTS }, faults.secondaryRateLimit({ retryAfter: 7 }));
    const run = await w.sweep(["--repo", repo]);
    expect(run.code).toBe(0);
    expectMarkers(repo, expected);
    const created = run.requests.filter((r) => r.route === COMMENTS && r.status === 201);
    expect(postedKeys(created).sort()).toEqual(Object.values(expected).flat().sort());
    expect(run.requests.filter((r) => r.method === "DELETE")).toEqual([]);
  });
});

describe("write budget: GitHub's content-creation limits (80 a minute, 500 an hour)", () => {
  it("many incidents: the most urgent are written first, the rest deferred to the next sweep, none lost or doubled", async () => {
    // The fake enforces GitHub's limits too: the sweep must never run into them.
    const repo = await world({ contentLimits: { perMinute: 80, perHour: 500 }, log: "no-bodies" });
    // 70 severity-3 incidents (status only; business clock, due from Tuesday on), opened first...
    const sev3: number[] = [];
    for (let i = 0; i < 70; i++) sev3.push(w.incident(repo, { severity: 3, createdAt: new Date(Date.parse("2026-03-02T06:00:00Z") + i * 60_000).toISOString() }));
    // ...and 10 severity-1 incidents opened 09:50–09:59Z (status and phone each; accept due within the hour).
    const sev1: number[] = [];
    for (let i = 0; i < 10; i++) sev1.push(w.incident(repo, { severity: 1, createdAt: new Date(Date.parse("2026-03-02T09:50:00Z") + i * 60_000).toISOString() }));

    const first = await w.sweep(["--repo", repo]);
    expect(first.code).toBe(0);
    expect(writesOf(first.requests)).toHaveLength(80);
    expect(first.repos[0]).toMatchObject({ ok: true, incidents: 80, writes: 80, deferred: 10, changed: 80 });
    expect(w.fake.counts.secondaryLimited).toBe(0);
    // Severity 1 first; then severity 3 by due time, so the ten opened last wait.
    for (const n of sev1) expect(w.markers(repo, n, ACTIONS_BOT)).toEqual(["phone", "status"]);
    const waiting = sev3.filter((n) => w.fake.commentsOf(repo, n).length === 0);
    expect(waiting).toEqual(sev3.slice(60));

    w.at("2026-03-02T10:02:00Z");
    const second = await w.sweep(["--repo", repo]);
    expect(second.repos[0]).toMatchObject({ ok: true, writes: 10, deferred: 0, changed: 10 });
    for (const n of sev3) expect(w.markers(repo, n, ACTIONS_BOT)).toEqual(["status"]);
    for (const n of sev1) expect(w.markers(repo, n, ACTIONS_BOT)).toEqual(["phone", "status"]);
    expect(w.fake.counts.secondaryLimited).toBe(0);

    w.at("2026-03-02T10:03:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it("a small budget kept across in-process sweeps (the app's schedule) spends itself in order of urgency", async () => {
    const repo = await world();
    seedThree(repo);
    w.incident(repo, { number: 4, severity: 3, createdAt: "2026-03-02T06:00:00Z" });
    const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
    const octokit = new Octokit({ baseUrl: w.fake.url, auth: { token: `${ACTIONS_TOKEN}_acme` } });
    const now = () => w.now;
    const deps: SweepDeps = { now, sleep: () => Promise.resolve(), botLogin: ACTIONS_BOT, labels: new LabelCache(now), members: new OrgMembersCache(now), log: { info: () => {}, warn: () => {}, error: () => {} } };
    const budget = new WriteBudget({ perMinute: 5, perHour: 100 }, now);
    const posted: string[] = [];
    const deferred: number[] = [];
    for (let minute = 0; minute < 4; minute++) {
      w.at(new Date(Date.parse(NOW) + minute * 60_000).toISOString());
      const first = w.fake.requests.length;
      const result = await sweepRepository(deps, { octokit, graphql: octokit.graphql, installationId: 11, budget }, { owner: "acme", repo: "support" }, "Organization");
      const writes = writesOf(w.fake.requests.slice(first));
      expect(writes.length).toBeLessThanOrEqual(5);
      posted.push(...writes.map((r) => `${r.path.split("/")[5]}:${r.route === COMMENTS ? postedKeys([r])[0] : r.method}`));
      deferred.push(result.deferred);
    }
    // #3 (breached at 09:00Z) first, then #2 (due 10:05Z), #1 (due 10:20Z), #4 (business clock).
    expect(posted).toEqual([
      "3:POST", "3:phone", "3:status", "3:breach:accept:s2",
      "2:POST", "2:phone", "2:status", "2:reminder:accept:75:s1",
      "1:phone", "1:status",
      "4:status",
    ]);
    // Minute 0: #3's four writes and #2's labels, then #2, #1 and #4 wait; minute 1: #2 and #1, then #4 waits.
    expect(deferred).toEqual([3, 1, 0, 0]);
  });
});

describe("installation token expiring mid-sweep (issue 4 item 5)", () => {
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));

  /**
   * Expires every token once the first GraphQL read has been answered. Date moves 10 minutes on as
   * well, so Octokit does not take the 401 for GitHub's replication delay of a new token (it
   * retries those for 5 s); the fake's and the app's clocks stay at NOW.
   */
  function expireAfterFirstRead() {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(NOW));
    let done = false;
    return () => {
      if (!done && w.fake.requests.some((r) => r.route === "POST /graphql")) {
        done = true;
        w.fake.expireTokens();
        vi.setSystemTime(Date.parse(NOW) + 10 * 60_000);
      }
      return w.now;
    };
  }

  it("sweepInstallation refreshes the token after a 401 and sweeps the repository again", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const a = w.repo("acme/a");
    const b = w.repo("acme/b");
    const expected = seedThree(a);
    seedThree(b);
    const now = expireAfterFirstRead();
    const octokit = new Octokit({ baseUrl: w.fake.apiUrl, auth: { appId: APP_ID, privateKey: KEYS.privateKey, installationId: 11 } });
    let refreshes = 0;
    const deps: SweepDeps = { now, sleep: () => Promise.resolve(), botLogin: APP_BOT, labels: new LabelCache(now), members: new OrgMembersCache(now), log: { info: () => {}, warn: () => {}, error: () => {} } };
    const results = await sweepInstallation(deps, new WriteBudgets(undefined, now), {
      id: 11,
      octokit,
      graphql: octokit.graphql,
      refresh: async () => {
        refreshes++;
        await octokit.auth({ type: "installation", refresh: true });
      },
    });
    expect(refreshes).toBe(1);
    expect(results.map((r) => [r.repo, r.ok])).toEqual([["acme/a", true], ["acme/b", true]]);
    expect(w.fake.requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
    expect(w.fake.issuedTokens).toHaveLength(2);
    expectMarkers(a, expected, APP_BOT);
    expectMarkers(b, expected, APP_BOT);
  });

  // Regression: on GitHub Enterprise Server the token refresh must go to GHE_HOST, not api.github.com.
  it("incident-sla sweep in app mode on GHE_HOST: the token expires mid-sweep, is refreshed, and every repository is swept", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const a = w.repo("acme/a");
    const b = w.repo("acme/b");
    const expected = seedThree(a);
    seedThree(b);
    const run = await w.sweep([], { mode: "app", now: expireAfterFirstRead() });
    expect(w.blocked).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.repos.map((r) => [r.repo, r.ok])).toEqual([["acme/a", true], ["acme/b", true]]);
    expectMarkers(a, expected, APP_BOT);
    expectMarkers(b, expected, APP_BOT);
  });
});
