// The SLA board (README, The SLA board) kept by `incident-sla sweep` in app
// mode (the CronJob's and a scheduled workflow's path; the in-app interval
// calls the same sweepInstallation) against the local GitHub: one board issue
// in the organisation's report repository listing every open incident of every
// customer repository in urgency order; a steady sweep writes nothing; a
// customer's repository is refused as the monthly report refuses it; twins are
// closed; a sweep of named repositories leaves the board alone.
//
// Times: Mon 2 March 2026, 10:00Z is 13:00 in Moscow. Severity 1: accept 30m,
// 2: accept 1h, both 24x7 (the default severities, see tests/sweep/first-sweep.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { ProbotOctokit } from "probot";
import { sweepInstallation } from "../../src/app/sweep-runner.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { WriteBudgets } from "../../src/github/write-budget.js";
import { type LoggedRequest, faults } from "../support/fake-github/index.js";
import { APP_BOT, APP_ID, CUSTOMER, ENGINEER, KEYS, SweepWorld, VALID_CONFIG, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T10:00:00Z";
const REPORTS = "acme/sla-reports";
const WAITING = "state: waiting for customer";
const ACCEPTED = "state: accepted";

let w: SweepWorld;
afterEach(async () => {
  await w.close();
  expect(w.fake.violations).toEqual([]);
});

const customer = (name: string) => `${VALID_CONFIG}contract:\n  customer: ${name}\n`;
const defaults = (report: string) => `language: en\ntimezone: Europe/Moscow\nreport:\n${report}`;

/** acme: the defaults (a board in acme/sla-reports unless told otherwise), three customers, the report repository. */
function world(report = "  repository: acme/sla-reports\n  board: on\n"): void {
  w.org("acme", 11);
  w.repo("acme/.github", defaults(report));
  w.repo("acme/alpha", customer("Alpha Bank"));
  w.repo("acme/beta", customer("Beta Telecom"));
  w.repo("acme/gamma", customer("Gamma Retail"));
  w.repo(REPORTS, null);
  // alpha#1 severity 1, 25 of 30 minutes: at risk.
  w.incident("acme/alpha", { number: 1, severity: 1, createdAt: "2026-03-02T09:35:00Z", assignees: [ENGINEER] });
  // beta#3 severity 2, acceptance due 09:00Z: breached.
  w.incident("acme/beta", { number: 3, severity: 2, createdAt: "2026-03-02T08:00:00Z" });
  // gamma#1 severity 1, 10 of 30 minutes: running; gamma#2 severity 2, 5 of 60 minutes: running, due later.
  w.incident("acme/gamma", { number: 1, severity: 1, createdAt: "2026-03-02T09:50:00Z" });
  w.incident("acme/gamma", { number: 2, severity: 2, createdAt: "2026-03-02T09:55:00Z" });
  // beta#5 severity 1, accepted at 09:05, paused by the engineer at 09:30: paused.
  const at = (hhmm: string) => `2026-03-02T${hhmm}:00Z`;
  const events = [ACCEPTED, WAITING].map((label, i) => ({ event: "labeled", actor: ENGINEER, label, createdAt: at(["09:05", "09:30"][i]!) }));
  w.incident("acme/beta", { number: 5, severity: 1, createdAt: at("09:00"), labels: ["severity: 1", ACCEPTED, WAITING], events } as never);
}

const boardsOf = (repo: string) => w.fake.snapshot(repo).issues.filter((i) => readMarker(w.fake.issueOf(repo, i.number).body)?.key === "board:acme");
const linksOf = (body: string) => [...body.matchAll(/\[(acme\/[a-z]+#\d+)\]/g)].map((m) => m[1]);
/** Requests about the report repository's issues (the sweep reads its configuration like any repository's). */
const toReports = (requests: LoggedRequest[]) => requests.filter((r) => r.path.startsWith(`/repos/${REPORTS}/issues`)).map((r) => `${r.method} ${r.path}`);

/** What the in-app sweep calls for one installation: sweepInstallation with the installation's own client. */
function inAppSweep(budgets: WriteBudgets) {
  const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
  const octokit = new Octokit({ baseUrl: w.fake.apiUrl, auth: { appId: APP_ID, privateKey: KEYS.privateKey, installationId: 11 } });
  const now = () => w.now;
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const deps = { now, sleep: () => Promise.resolve(), botLogin: APP_BOT, labels: new LabelCache(now), members: new OrgMembersCache(now), log };
  return sweepInstallation(deps, budgets, { id: 11, octokit, graphql: octokit.graphql });
}

describe("the SLA board, kept by the sweep", () => {
  it("one sweep: exactly one board listing every open incident of every customer in urgency order; a steady sweep writes nothing", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const run = await w.sweep([], { mode: "app" });
    expect(run.code).toBe(0);
    const boards = boardsOf(REPORTS);
    expect(boards).toHaveLength(1);
    const board = w.fake.issueOf(REPORTS, boards[0]!.number);
    expect(board).toMatchObject({ title: "SLA board", state: "open", user: { login: APP_BOT } });
    expect(linksOf(board.body!)).toEqual(["acme/beta#3", "acme/alpha#1", "acme/gamma#1", "acme/gamma#2", "acme/beta#5"]);
    expect(board.body).toContain("**5 open incidents** · Breached: 1 · At risk: 1 · Running: 2 · Paused (waiting for the customer): 1");
    expect(board.body).toMatch(/\| Alpha Bank \| \[acme\/alpha#1\]\([^)]+\) \| 1 \| Acceptance \| 2026-03-02 13:05 UTC\+3 \| < 1 h \| `eng-anna` \|/);
    expect(board.body).toContain("As of 2026-03-02 13:00 UTC+3.");
    expect(board.body).toContain("```mermaid\ngantt");
    // The board's line in the sweep's results: its reads and its one write.
    expect(run.repos.filter((r) => r.board)).toEqual([expect.objectContaining({ repo: REPORTS, ok: true, writes: 1, changed: 1, reads: 2 })]);
    expect(toReports(run.requests)).toEqual([`GET /repos/${REPORTS}/issues`, `POST /repos/${REPORTS}/issues`, `GET /repos/${REPORTS}/issues`]);

    // A minute later nothing changed that the board shows: one read of the report repository, no write anywhere.
    w.at("2026-03-02T10:01:00Z");
    const steady = await w.sweep([], { mode: "app" });
    expect(steady.code).toBe(0);
    expect(writesOf(steady.requests)).toEqual([]);
    expect(toReports(steady.requests)).toEqual([`GET /repos/${REPORTS}/issues`]);
    expect(w.fake.issueOf(REPORTS, boards[0]!.number).body).toBe(board.body);

    // A new incident: the board is edited once, in place, and says as of when.
    w.incident("acme/alpha", { number: 2, severity: 2, createdAt: "2026-03-02T10:01:00Z" });
    w.at("2026-03-02T10:02:00Z");
    const changed = await w.sweep([], { mode: "app" });
    expect(toReports(writesOf(changed.requests))).toEqual([`PATCH /repos/${REPORTS}/issues/${boards[0]!.number}`]);
    const edited = w.fake.issueOf(REPORTS, boards[0]!.number).body!;
    expect(linksOf(edited)).toEqual(["acme/beta#3", "acme/alpha#1", "acme/gamma#1", "acme/gamma#2", "acme/alpha#2", "acme/beta#5"]);
    expect(edited).toContain("As of 2026-03-02 13:02 UTC+3.");
    expect(boardsOf(REPORTS)).toHaveLength(1);
  });

  it("a customer's open wait for a reply due first is the row's deadline, ordered by it; once answered the row moves on", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    // delta sets reply 30m on severity 1. delta#1 opened 09:00Z, accepted 09:05Z; the customer writes at 09:40Z:
    // the wait is due 10:10Z (13:10 MSK), before gamma#1's acceptance (10:20Z) and the workaround (13:00Z).
    const severities = "severities:\n  '1': { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d, reply: 30m }\n  '2': { clock: 24x7, accept: 1h, workaround: 8h, resolve: 5d }\n  '3': { clock: business, accept: 8h, resolve: 10d }\n";
    w.repo("acme/delta", `${customer("Delta Corp")}${severities}`);
    const events = [
      { event: "labeled", actor: ENGINEER, label: ACCEPTED, createdAt: "2026-03-02T09:05:00Z" },
      { event: "commented", actor: CUSTOMER, body: "Any news?", authorAssociation: "NONE", createdAt: "2026-03-02T09:40:00Z" },
    ];
    w.incident("acme/delta", { number: 1, severity: 1, createdAt: "2026-03-02T09:00:00Z", labels: ["severity: 1", ACCEPTED], events } as never);
    expect((await w.sweep([], { mode: "app" })).code).toBe(0);
    const number = boardsOf(REPORTS)[0]!.number;
    const board = w.fake.issueOf(REPORTS, number).body!;
    expect(linksOf(board)).toEqual(["acme/beta#3", "acme/alpha#1", "acme/delta#1", "acme/gamma#1", "acme/gamma#2", "acme/beta#5"]);
    expect(board).toMatch(/\| Delta Corp \| \[acme\/delta#1\]\([^)]+\) \| 1 \| Reply to the customer \| 2026-03-02 13:10 UTC\+3 \| < 1 h \| — \|/);

    // The engineer answers at 10:05Z: the workaround, due 13:00Z (16:00 MSK), is the next deadline.
    w.fake.addTimelineEvent("acme/delta", 1, { event: "commented", actor: ENGINEER, body: "Looking at the logs.", authorAssociation: "MEMBER", createdAt: "2026-03-02T10:05:00Z" });
    w.at("2026-03-02T10:06:00Z");
    expect((await w.sweep([], { mode: "app" })).code).toBe(0);
    const edited = w.fake.issueOf(REPORTS, number).body!;
    expect(edited).toMatch(/\| Delta Corp \| \[acme\/delta#1\]\([^)]+\) \| 1 \| Workaround \| 2026-03-02 16:00 UTC\+3 \| < 4 h \| — \|/);
    expect(linksOf(edited)).toEqual(["acme/beta#3", "acme/alpha#1", "acme/gamma#1", "acme/gamma#2", "acme/delta#1", "acme/beta#5"]);
  });

  it("refuses a customer's repository as the monthly report does: nothing is written there, the refusal is in the results", async () => {
    w = await new SweepWorld(NOW).start();
    world("  repository: acme/alpha\n  board: on\n");
    const run = await w.sweep([], { mode: "app" });
    expect(run.code).toBe(0);
    expect(run.repos.find((r) => r.board)).toMatchObject({
      repo: "acme/alpha",
      ok: true,
      writes: 0,
      reason: expect.stringContaining("acme/alpha is one of the reported repositories"),
    });
    expect(boardsOf("acme/alpha")).toEqual([]);
    expect(writesOf(run.requests).filter((r) => r.route === "POST /repos/{owner}/{repo}/issues" || r.route === "PATCH /repos/{owner}/{repo}/issues/{issue_number}")).toEqual([]);
  });

  it("twins (two replicas, a retried create) are closed as duplicates; the oldest is kept and brought up to date", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const stale = "<!-- incident-sla:board:acme fp=0000000000000000 -->\nold";
    const older = w.fake.addIssue(REPORTS, { title: "SLA board", body: stale, user: APP_BOT }).number;
    const twin = w.fake.addIssue(REPORTS, { title: "SLA board", body: stale, user: APP_BOT }).number;
    const run = await w.sweep([], { mode: "app" });
    expect(run.code).toBe(0);
    expect(toReports(writesOf(run.requests))).toEqual([`PATCH /repos/${REPORTS}/issues/${older}`, `PATCH /repos/${REPORTS}/issues/${twin}`]);
    expect(w.fake.issueOf(REPORTS, twin)).toMatchObject({ state: "closed", state_reason: "duplicate" });
    expect(w.fake.issueOf(REPORTS, older)).toMatchObject({ state: "open" });
    expect(linksOf(w.fake.issueOf(REPORTS, older).body!)).toHaveLength(5);
  });

  it("a board someone closed is left closed and replaced by a new one", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const closed = w.fake.addIssue(REPORTS, { title: "SLA board", body: "<!-- incident-sla:board:acme fp=0000000000000000 -->\nold", user: APP_BOT, state: "closed" }).number;
    const run = await w.sweep([], { mode: "app" });
    expect(toReports(writesOf(run.requests))).toEqual([`POST /repos/${REPORTS}/issues`]);
    expect(w.fake.issueOf(REPORTS, closed)).toMatchObject({ state: "closed", body: expect.stringContaining("old") });
    expect(boardsOf(REPORTS).map((i) => w.fake.issueOf(REPORTS, i.number).state)).toEqual(["closed", "open"]);
  });

  it("two replicas sweeping at once: one board stays open, a twin either made is closed as a duplicate", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const runs = await Promise.all([1, 2].map(() => w.sweep([], { mode: "app" })));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const boards = boardsOf(REPORTS).map((i) => w.fake.issueOf(REPORTS, i.number));
    expect(boards.filter((b) => b.state === "open")).toHaveLength(1);
    expect(boards.filter((b) => b.state !== "open").every((b) => b.state_reason === "duplicate")).toBe(true);
    expect(boards.find((b) => b.state === "open")!.number).toBe(Math.min(...boards.map((b) => b.number)));
  });

  it("a board that cannot be written fails its line of the results (exit 1) and is written by the next sweep", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const fault = w.fake.setFault({ route: "POST /repos/{owner}/{repo}/issues" }, faults.status(500));
    const run = await w.sweep([], { mode: "app" });
    expect(fault.hits).toBe(1);
    expect(run.code).toBe(1);
    expect(run.repos.filter((r) => r.board)).toEqual([expect.objectContaining({ repo: REPORTS, ok: false, errorStatus: 500, error: expect.stringContaining("SLA board not written") })]);
    expect(run.stderr).toContain("(1 failed)");
    w.at("2026-03-02T10:01:00Z");
    const next = await w.sweep([], { mode: "app" });
    expect(next.code).toBe(0);
    expect(boardsOf(REPORTS)).toHaveLength(1);
  });

  it("requests for a board of 120 incidents over 6 customers: 3 to create it, 1 for each steady sweep", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    w.repo("acme/.github", defaults("  repository: acme/sla-reports\n  board: on\n"));
    w.repo(REPORTS, null);
    for (const c of ["a", "b", "c", "d", "e", "f"]) {
      w.repo(`acme/cust${c}`, customer(`Customer ${c.toUpperCase()}`));
      // Severity 3 on the business clock, opened over the morning: status comments only.
      for (let n = 1; n <= 20; n++) w.incident(`acme/cust${c}`, { number: n, severity: 3, createdAt: `2026-03-02T0${n % 10}:${String(n * 2).padStart(2, "0")}:00Z` });
    }
    // The sweep's own writes come first; the board's come out of the same budget.
    let creation: LoggedRequest[] = [];
    for (let minute = 0; minute < 10 && boardsOf(REPORTS).length === 0; minute++) {
      w.at(new Date(Date.parse(NOW) + minute * 60_000).toISOString());
      creation = (await w.sweep([], { mode: "app" })).requests;
    }
    expect(toReports(creation)).toEqual([`GET /repos/${REPORTS}/issues`, `POST /repos/${REPORTS}/issues`, `GET /repos/${REPORTS}/issues`]);
    const board = w.fake.issueOf(REPORTS, boardsOf(REPORTS)[0]!.number);
    expect(linksOf(board.body!)).toHaveLength(120);
    w.at("2026-03-02T10:30:00Z");
    await w.sweep([], { mode: "app" });
    w.at("2026-03-02T10:31:00Z");
    const steady = await w.sweep([], { mode: "app" });
    expect(writesOf(steady.requests)).toEqual([]);
    expect(toReports(steady.requests)).toEqual([`GET /repos/${REPORTS}/issues`]);
  });

  it("the in-app sweep's call (sweepInstallation with the installation's client) writes the same board; a dry run writes none", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    expect(toReports((await w.sweep(["--dry-run"], { mode: "app" })).requests)).toEqual([]);
    const results = await inAppSweep(new WriteBudgets(undefined, () => w.now));
    expect(results.filter((r) => r.board)).toEqual([expect.objectContaining({ repo: REPORTS, ok: true, writes: 1 })]);
    expect(linksOf(w.fake.issueOf(REPORTS, boardsOf(REPORTS)[0]!.number).body!)).toEqual(["acme/beta#3", "acme/alpha#1", "acme/gamma#1", "acme/gamma#2", "acme/beta#5"]);
  });

  it("a write budget used up leaves the board for the next sweep: deferred, not failed", async () => {
    w = await new SweepWorld(NOW).start();
    world();
    const results = await inAppSweep(new WriteBudgets({ perMinute: 0, perHour: 0 }, () => w.now));
    expect(results.filter((r) => r.board)).toEqual([expect.objectContaining({ repo: REPORTS, ok: true, writes: 0, deferred: 1 })]);
    expect(boardsOf(REPORTS)).toEqual([]);
  });

  it("off by default, and left alone by a sweep of named repositories (it would list only those)", async () => {
    w = await new SweepWorld(NOW).start();
    world("  repository: acme/sla-reports\n");
    const run = await w.sweep([], { mode: "app" });
    expect(toReports(run.requests)).toEqual([]);
    w.fake.setFile("acme/.github", ".github/incident-sla.yml", defaults("  repository: acme/sla-reports\n  board: on\n"));
    const named = await w.sweep(["--repo", "acme/alpha"], { mode: "app" });
    expect(named.code).toBe(0);
    expect(toReports(named.requests)).toEqual([]);
    expect(boardsOf(REPORTS)).toEqual([]);
  });
});
