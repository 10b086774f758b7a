// The app's sweep reads through the read client (issue 16, item 4): the
// installations probotInstallations gives with read clients sweep against the
// local GitHub with Probot's throttling on, and the throttling plugin's write
// limiter (a counter here, so no clock is involved) sees the writes only,
// never a GraphQL query; a mutation sent through the same installation still
// goes on it; GitHub's limits on the reads are waited out with the sweep's
// sleep, and a failed read is logged with what was being read.
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { SweepDeps } from "../../src/app/sweep-deps.js";
import { type InstallationToSweep, probotInstallations, sweepInstallation } from "../../src/app/sweep-runner.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { ReadClients } from "../../src/github/read-client.js";
import { WriteBudgets } from "../../src/github/write-budget.js";
import { faults } from "../support/fake-github/index.js";
import { APP_BOT, APP_ID, KEYS, SweepWorld, graphqlOf, writesOf } from "../sweep/sweep-world.js";

let w: SweepWorld;
let written: string[];
let sleeps: number[];
let lines: { obj: Record<string, unknown>; msg: string }[];

beforeEach(async () => {
  w = await new SweepWorld("2026-03-02T10:00:00Z").start();
  w.org("acme", 11);
  const repo = w.repo("acme/support");
  for (const number of [1, 2, 3]) w.incident(repo, { number, severity: 3, createdAt: "2026-03-02T09:35:00Z" });
  written = [];
  sleeps = [];
  lines = [];
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await w.close();
});

/** The in-app sweep's installations, Probot's throttling on, its write limiter a counter. */
async function installations(reads: ReadClients | undefined): Promise<InstallationToSweep[]> {
  const write = { key: (id: string) => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => (written.push(id), job()) }) };
  // New comments' 3 s spacing is not what is looked at here: a limiter that spaces nothing.
  const notifications = { key: () => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => job() }) };
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, write, notifications } }));
  const probot = new Probot({ appId: APP_ID, privateKey: KEYS.privateKey, baseUrl: w.fake.apiUrl, Octokit, log: pino({ level: "silent" }) });
  return probotInstallations(probot, undefined, reads);
}

const log = (level: string) => (obj: object, msg: string) => void lines.push({ obj: { level, ...obj }, msg });
const now = () => w.now;
const sleep = (ms: number) => (sleeps.push(ms), Promise.resolve());
const reads = () => new ReadClients({ now, sleep, log: { info: log("info"), warn: log("warn") } });
const deps = (): SweepDeps => ({ now, sleep, botLogin: APP_BOT, labels: new LabelCache(now), members: new OrgMembersCache(now), log: { info: log("info"), warn: log("warn"), error: log("error") } });

it("a sweep's GraphQL reads skip the write limiter; every write is queued on it", async () => {
  const [installation] = await installations(reads());
  const results = await sweepInstallation(deps(), new WriteBudgets(undefined, now), installation!);
  expect(results.filter((r) => r.repo === "acme/support")).toMatchObject([{ ok: true, incidents: 3 }]);
  const queries = graphqlOf(w.fake.requests).length;
  const writes = writesOf(w.fake.requests).length;
  expect(queries).toBeGreaterThan(0);
  expect(writes).toBeGreaterThan(0);
  expect(written).toHaveLength(writes);

  // Without read clients (as before), the same sweep's queries wait on the write limiter too.
  written = [];
  w.fake.requests.length = 0;
  const [spaced] = await installations(undefined);
  await sweepInstallation(deps(), new WriteBudgets(undefined, now), spaced!);
  expect(written).toHaveLength(graphqlOf(w.fake.requests).length + writesOf(w.fake.requests).length);
});

it("a mutation sent through an installation's GraphQL still goes through the spaced writer", async () => {
  const [installation] = await installations(reads());
  await installation!.graphql("query incidentSlaViewer { viewer { login } }").catch(() => undefined);
  expect(written).toEqual([]);
  // The local GitHub may not know the mutation: what matters is which client sent it.
  await installation!.graphql("mutation incidentSlaTouch { addComment(input: { subjectId: \"I_1\", body: \"x\" }) { clientMutationId } }").catch(() => undefined);
  expect(written).toEqual(["11"]);
});

it("a secondary limit with retry-after on a read is waited out by the read client, once, and the sweep completes", async () => {
  const [installation] = await installations(reads());
  w.fake.setFault({ route: "POST /graphql" }, faults.secondaryRateLimit({ retryAfter: 2 }));
  const results = await sweepInstallation(deps(), new WriteBudgets(undefined, now), installation!);
  expect(results.filter((r) => r.repo === "acme/support")).toMatchObject([{ ok: true, incidents: 3 }]);
  expect(sleeps).toEqual([2000]);
  expect(lines).toContainEqual({ obj: expect.objectContaining({ level: "info", installation: "11", repo: "acme/support", waitMs: 2000 }), msg: expect.stringContaining("GitHub read waits 2 s") });
});

it("a read that fails is logged with the installation, the query and the repository", async () => {
  const [installation] = await installations(reads());
  w.fake.setFault({ route: "POST /graphql" }, faults.status(502));
  const results = await sweepInstallation(deps(), new WriteBudgets(undefined, now), installation!);
  expect(results.find((r) => r.repo === "acme/support")).toMatchObject({ ok: false });
  expect(lines).toContainEqual({ obj: expect.objectContaining({ level: "warn", installation: "11", repo: "acme/support", status: 502, query: expect.any(String) }), msg: "GitHub read failed" });
});
