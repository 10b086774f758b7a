// `incident-sla sweep` against the local fake GitHub (README, Reminders, escalation and the sweep):
// the first sweep posts exactly the reminders, escalations, status comments
// and labels that are due; a sweep with nothing changed writes nothing and
// reads one GraphQL page per 100 open incidents (plus extra pages only for
// incidents with more than 100 timeline items); later sweeps post what
// became due since, once.
//
// Times: Mon 2 March 2026, a working day; Moscow is UTC+3, so 10:00Z is
// 13:00 MSK. Default severities (1: accept 30m, 2: accept 1h, both 24x7;
// 3: accept 8h business), threshold 75% (DESIGN §3, config reference).
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { sweepRepository } from "../../src/app/sweep.js";
import type { SweepDeps } from "../../src/app/sweep-deps.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { WriteBudget } from "../../src/github/write-budget.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, APP_BOT, ENGINEER, type Mode, SweepWorld, graphqlOf, postedKeys, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T10:00:00Z";
const WAITING = "state: waiting for customer";
const ACCEPTED = "state: accepted";

let w: SweepWorld;
afterEach(async () => {
  await w.close();
  expect(w.fake.violations).toEqual([]);
});

/** Five incidents in different states at 10:00Z; what each is owed is in EXPECTED. */
function seedFive(repo: string): void {
  // #1 severity 1, 10 of 30 minutes used: its status and the phone instructions (P10) only.
  w.incident(repo, { number: 1, severity: 1, createdAt: "2026-03-02T09:50:00Z" });
  // #2 severity 1, 25 of 30 minutes (83%): at risk, a reminder to its assignee.
  w.incident(repo, { number: 2, severity: 1, createdAt: "2026-03-02T09:35:00Z", assignees: [ENGINEER] });
  // #3 severity 2, accept (1h) breached at 09:00Z: breached, escalation to the managers.
  w.incident(repo, { number: 3, severity: 2, createdAt: "2026-03-02T08:00:00Z" });
  // #4 severity 3 on the business clock, 4 of 8 working hours: status only, no phone.
  w.incident(repo, { number: 4, severity: 3, createdAt: "2026-03-02T06:00:00Z" });
  // #5 severity 1, accepted, then paused by the engineer at 2 of 4 workaround hours: paused, no reminder.
  w.incident(repo, {
    number: 5,
    severity: 1,
    createdAt: "2026-03-02T07:00:00Z",
    labels: ["severity: 1", ACCEPTED, WAITING],
    events: [
      { event: "labeled", actor: ENGINEER, label: ACCEPTED, createdAt: "2026-03-02T07:05:00Z" },
      { event: "labeled", actor: ENGINEER, label: WAITING, createdAt: "2026-03-02T09:00:00Z" },
    ],
  });
}

const EXPECTED = {
  labels: {
    1: ["severity: 1"],
    2: ["severity: 1", "sla: at risk"],
    3: ["severity: 2", "sla: breached"],
    4: ["severity: 3"],
    5: ["severity: 1", ACCEPTED, WAITING, "sla: paused"],
  },
  markers: {
    1: ["phone", "status"],
    2: ["phone", "reminder:accept:75:s1", "status"],
    3: ["breach:accept:s2", "phone", "status"],
    4: ["status"],
    5: ["phone", "status"],
  },
} as const;

const visible = (body: string | undefined) => (body ?? "").replace(/^<!-- [^>]*-->\n/, "");

describe("the first sweep posts exactly what is due", () => {
  it.each<{ mode: Mode; bot: string }>([
    { mode: "token", bot: ACTIONS_BOT },
    { mode: "token-ghes", bot: ACTIONS_BOT },
    { mode: "app", bot: APP_BOT },
  ])("in $mode mode, as $bot", async ({ mode, bot }) => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    seedFive(repo);

    const run = await w.sweep(mode === "app" ? [] : ["--repo", repo], { mode });
    expect(run.code).toBe(0);
    for (const n of [1, 2, 3, 4, 5] as const) {
      expect(w.fake.labelsOf(repo, n), `labels of #${n}`).toEqual(EXPECTED.labels[n]);
      expect(w.markers(repo, n, bot), `comments of #${n}`).toEqual(EXPECTED.markers[n]);
    }
    // Nothing but the app's comments, and each posted once (no twin created and deleted).
    expect(postedKeys(run.requests).sort()).toEqual(Object.values(EXPECTED.markers).flat().sort());
    expect(w.fake.counts.restWrite).toBe(3 + 11); // one add-labels call for each of #2, #3, #5; eleven comments
    // GitHub Enterprise Server's layout (GHE_HOST, or GITHUB_API_URL=…/api/v3 with GITHUB_GRAPHQL_URL) puts GraphQL at /api/graphql.
    expect(graphqlOf(run.requests).map((r) => r.path)).toEqual([mode === "token" ? "/graphql" : "/api/graphql"]);
    expect(run.repos).toEqual([
      {
        repo,
        installation: expect.anything(),
        ok: true,
        config: "valid",
        incidents: 5,
        reads: 1,
        extraPages: 0,
        writes: 14,
        deferred: 0,
        changed: 5,
        // #2 at 83% of its 30 minutes, #3 overdue, #5 paused, #1 and #4 running.
        byStatus: { "at-risk": 1, breached: 1, paused: 1, running: 2 },
      },
    ]);
    expect(run.stderr).toBe("swept 1 repositories (0 failed): 5 open incidents, 1 reads, 14 writes, 0 deferred\n");

    // The reminder says which deadline, when in local time, how much is left, and mentions the assignee.
    const text = (n: number, key: string) => visible(w.fake.commentsOf(repo, n).find((c) => c.body?.includes(`incident-sla:${key}`))?.body);
    expect(text(2, "reminder:accept:75:s1")).toBe(
      "### ⏰ Acceptance deadline approaching\n@eng-anna 75% of the time is used: due 2026-03-02 13:05 UTC+3 (Europe/Moscow), 5 min left.",
    );
    // The escalation mentions reminders.escalate (a login and a team).
    expect(text(3, "breach:accept:s2")).toBe(
      "### 🔴 Acceptance deadline breached\n@boss @acme/managers It was due 2026-03-02 12:00 UTC+3 (Europe/Moscow) and has not been met; the breach is counted in the service report.",
    );
  });

  it("writes nothing on a second sweep with nothing changed, and reads one GraphQL page", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    seedFive(repo);
    await w.sweep(["--repo", repo]);
    const before = w.fake.snapshot(repo);

    w.at("2026-03-02T10:01:00Z");
    const again = await w.sweep(["--repo", repo]);
    expect(again.code).toBe(0);
    expect(writesOf(again.requests)).toEqual([]);
    // The configuration (REST) and one GraphQL page: nothing else.
    expect(again.requests.map((r) => r.route)).toEqual(["GET /repos/{owner}/{repo}/contents/{path}", "POST /graphql"]);
    expect(again.repos[0]).toMatchObject({ reads: 1, extraPages: 0, writes: 0, changed: 0 });
    expect(w.fake.snapshot(repo)).toEqual(before);
  });

  it("later sweeps post what became due since, once, and edit the status comments in place", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    seedFive(repo);
    await w.sweep(["--repo", repo]);

    // 10:15Z: #1 has used 25 of 30 minutes (75% passed at 10:12:30Z); #2 was due at 10:05Z.
    w.at("2026-03-02T10:15:00Z");
    const later = await w.sweep(["--repo", repo]);
    expect(later.code).toBe(0);
    expect(postedKeys(later.requests).sort()).toEqual(["breach:accept:s1", "reminder:accept:75:s1"]);
    expect(w.markers(repo, 1, ACTIONS_BOT)).toEqual(["phone", "reminder:accept:75:s1", "status"]);
    expect(w.markers(repo, 2, ACTIONS_BOT)).toEqual(["breach:accept:s1", "phone", "reminder:accept:75:s1", "status"]);
    expect(w.fake.labelsOf(repo, 1)).toEqual(["severity: 1", "sla: at risk"]);
    // #2: breached; no longer at risk (its running workaround has used 40 of 240 minutes).
    expect(w.fake.labelsOf(repo, 2)).toEqual(["severity: 1", "sla: breached"]);
    // #2's escalation mentions the managers and its assignee.
    expect(visible(w.fake.commentsOf(repo, 2).find((c) => c.body?.includes("incident-sla:breach:accept:s1"))?.body)).toBe(
      "### 🔴 Acceptance deadline breached\n@boss @acme/managers @eng-anna It was due 2026-03-02 13:05 UTC+3 (Europe/Moscow) and has not been met; the breach is counted in the service report.",
    );

    w.at("2026-03-02T10:16:00Z");
    expect(writesOf((await w.sweep(["--repo", repo])).requests)).toEqual([]);
  });

  it("after the customer's reply ends a pause, the reminder skipped while paused comes (P7)", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    // Severity 1 at 10:00Z: accepted at 07:05Z; paused at 09:50Z with 2h50m of the 4h workaround used (70%).
    w.incident(repo, {
      number: 1,
      severity: 1,
      createdAt: "2026-03-02T07:00:00Z",
      labels: ["severity: 1", ACCEPTED, WAITING],
      events: [
        { event: "labeled", actor: ENGINEER, label: ACCEPTED, createdAt: "2026-03-02T07:05:00Z" },
        { event: "labeled", actor: ENGINEER, label: WAITING, createdAt: "2026-03-02T09:50:00Z" },
      ],
    });
    await w.sweep(["--repo", repo]);
    expect(w.markers(repo, 1, ACTIONS_BOT)).toEqual(["phone", "status"]);

    // The customer answers at 11:00Z (the pause ends, P7) and the clock runs on: 75% (3h) at 11:10Z.
    w.at("2026-03-02T11:00:00Z");
    w.fake.state.addComment(w.fake.state.issue(repo, 1), "cust-bob", "Logs attached.", "NONE");
    w.at("2026-03-02T11:05:00Z");
    await w.sweep(["--repo", repo]);
    expect(w.markers(repo, 1, ACTIONS_BOT)).toEqual(["phone", "status"]);
    // The app removes the waiting label the reply made stale.
    expect(w.fake.labelsOf(repo, 1)).toEqual(["severity: 1", ACCEPTED]);

    w.at("2026-03-02T11:10:00Z");
    const due = await w.sweep(["--repo", repo]);
    expect(postedKeys(due.requests)).toEqual(["reminder:workaround:75:s1"]);
    expect(visible(w.fake.commentsOf(repo, 1).find((c) => c.body?.includes("reminder:workaround"))?.body)).toBe(
      // Due at 12:10Z: 4h of workaround plus the 1h10m pause.
      "### ⏰ Workaround deadline approaching\n@acme/support 75% of the time is used: due 2026-03-02 15:10 UTC+3 (Europe/Moscow), 1 h left.",
    );
  });
});

describe("read cost (issue 4 item 1)", () => {
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));

  /** sweepRepository directly, with a write budget large enough to write everything in one go. */
  async function sweepDirect(repo: string) {
    const octokit = new Octokit({ baseUrl: w.fake.url, auth: { token: `${ACTIONS_TOKEN}_acme` } });
    const now = () => w.now;
    const deps: SweepDeps = {
      now,
      sleep: () => Promise.resolve(),
      botLogin: ACTIONS_BOT,
      labels: new LabelCache(now),
      members: new OrgMembersCache(now),
      log: { info: () => {}, warn: () => {}, error: () => {} },
    };
    const [owner, name] = repo.split("/") as [string, string];
    const first = w.fake.requests.length;
    const result = await sweepRepository(deps, { octokit, graphql: octokit.graphql, installationId: 11, budget: new WriteBudget({ perMinute: 10_000, perHour: 10_000 }, now) }, { owner, repo: name }, "Organization");
    return { result, requests: w.fake.requests.slice(first) };
  }

  it.each([
    { open: 1, pages: 1 },
    { open: 100, pages: 1 },
    { open: 101, pages: 2 },
    { open: 201, pages: 3 },
  ])("$open open incidents: $pages GraphQL request(s) per sweep, none written the second time", async ({ open, pages }) => {
    w = await new SweepWorld(NOW).start({ log: "no-bodies" });
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    for (let i = 0; i < open; i++) w.incident(repo, { severity: 3, createdAt: new Date(Date.parse("2026-03-02T06:00:00Z") + i * 1000).toISOString() });
    // A closed incident is not read at all.
    w.fake.addIssue(repo, { state: "closed", labels: ["severity: 3"], createdAt: "2026-03-02T06:00:00Z" });

    const first = await sweepDirect(repo);
    expect(first.result).toMatchObject({ ok: true, incidents: open, reads: pages, extraPages: 0, writes: open, deferred: 0 });
    expect(graphqlOf(first.requests)).toHaveLength(pages);

    const second = await sweepDirect(repo);
    expect(second.result).toMatchObject({ ok: true, incidents: open, reads: pages, extraPages: 0, writes: 0, changed: 0 });
    expect(graphqlOf(second.requests)).toHaveLength(pages);
    expect(writesOf(second.requests)).toEqual([]);
  });

  it.each([
    { items: 100, extra: 0, pages: "no" },
    { items: 101, extra: 1, pages: "one" },
    { items: 250, extra: 2, pages: "two" },
  ])("an incident with $items timeline items costs exactly $pages extra page(s), and its own comments past the first page are found", async ({ items, extra }) => {
    w = await new SweepWorld(NOW).start({ log: "no-bodies" });
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    w.incident(repo, { number: 1, severity: 3, createdAt: "2026-03-02T06:00:00Z" });
    // The other incidents have short timelines and cost nothing extra.
    w.incident(repo, { number: 2, severity: 3, createdAt: "2026-03-02T06:01:00Z" });
    // items - 1 label events by the engineer (a label the clock ignores), before the app's comments.
    for (let i = 0; i < items - 1; i++) {
      w.fake.addTimelineEvent(repo, 1, { event: i % 2 ? "unlabeled" : "labeled", actor: ENGINEER, label: "triage", createdAt: Date.parse("2026-03-02T06:02:00Z") + i * 1000 });
    }
    // One customer comment at the end of the timeline, then the first sweep adds the status comment after it.
    w.fake.addTimelineEvent(repo, 1, { event: "commented", actor: "cust-bob", body: "Any news?", createdAt: "2026-03-02T09:00:00Z" });
    const first = await sweepDirect(repo);
    expect(first.result).toMatchObject({ ok: true, reads: 1 + extra, extraPages: extra, writes: 2 });
    // Now the app's status comment is item items+1: one more page when items is a multiple of 100.
    const extraNow = Math.ceil((items + 1) / 100) - 1;
    const second = await sweepDirect(repo);
    expect(second.result).toMatchObject({ ok: true, reads: 1 + extraNow, extraPages: extraNow, writes: 0 });
    expect(graphqlOf(second.requests)).toHaveLength(1 + extraNow);
    expect(w.markers(repo, 1, ACTIONS_BOT)).toEqual(["status"]);
  });
});

describe("--dry-run", () => {
  it("prints each incident's writes as JSON lines, most urgent first, and writes nothing; a real sweep then does exactly that", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repo = w.repo("acme/support");
    seedFive(repo);
    const dry = await w.sweep(["--repo", repo, "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(w.fake.counts.restWrite).toBe(0);
    const plans = dry.lines.filter((l) => "writes" in l && Array.isArray(l.writes));
    // Urgency: #3 was due 09:00Z, #2 10:05Z, #1 10:20Z, #5 12:00Z (paused, due as if resumed now), #4 on Monday's business clock.
    expect(plans.map((p) => p.issue)).toEqual([3, 2, 1, 5, 4]);
    expect(plans[0]).toEqual({
      repo,
      issue: 3,
      writes: [
        { kind: "add-labels", labels: ["sla: breached"] },
        { kind: "create-comment", key: "phone", body: "### Please also call us" },
        { kind: "create-comment", key: "status", body: expect.any(String) },
        { kind: "create-comment", key: "breach:accept:s2", body: "### 🔴 Acceptance deadline breached" },
      ],
    });
    expect(dry.repos).toEqual([
      { repo, installation: expect.anything(), ok: true, config: "valid", incidents: 5, reads: 1, extraPages: 0, writes: 0, deferred: 0, changed: 5, byStatus: { "at-risk": 1, breached: 1, paused: 1, running: 2 } },
    ]);
    expect(dry.stderr).toContain("(dry run: nothing written)");

    const real = await w.sweep(["--repo", repo]);
    const planned = plans.flatMap((p) => p.writes.filter((x: { kind: string }) => x.kind === "create-comment").map((x: { key: string }) => x.key));
    expect(postedKeys(real.requests)).toEqual(planned);
  });
});
