// The scheduled report (README, The monthly report) against the local GitHub: the app
// posts last month's report once per period into the internal repository its
// organisation's defaults name, whatever retries, restarts and replicas do,
// and never into a customer's repository (DESIGN §8).
import { afterEach, describe, expect, it } from "vitest";
import { createMonthlyReports, publishReport, refusal, reportUnits } from "../../src/app/monthly-report.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { buildReport } from "../../src/report/build-report.js";
import { packParts, PART_LIMIT } from "../../src/report/issue-parts.js";
import { markdownSections } from "../../src/report/render-markdown.js";
import { faults } from "../support/fake-github/index.js";
import { ACME_INCIDENTS, type FixtureIncident, NOW, PERIOD, acmeConfig } from "../fixtures/report/acme-march.js";
import { ENGINEER, issue, labeled } from "../fixtures/incident-builders.js";
import { ACME_INSTALLATION, GLOBEX_INSTALLATION, type World, keys, octokitOptions, quietLog, startWorld } from "./github-world.js";
import { Collector } from "../cli/run-cli.js";
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

const REPORTS = "acme/sla-reports";
const MARKER = "<!-- incident-sla:report:2026-03-01..2026-03-31 -->";
const BOT = "incident-sla[bot]";
const HOUR = 3_600_000;

let world: World | null = null;
afterEach(async () => {
  if (!world) return;
  await world.fake.close();
  expect(world.fake.violations).toEqual([]);
  world = null;
});

const logs: { level: string; msg: string; obj: object }[] = [];
const log = { info: (obj: object, msg: string) => void logs.push({ level: "info", msg, obj }), warn: (obj: object, msg: string) => void logs.push({ level: "warn", msg, obj }) };

const scheduler = (w: World) => createMonthlyReports({ now: () => w.clock.now, members: new OrgMembersCache(() => w.clock.now), log });
const installations = (w: World) => [w.installation(ACME_INSTALLATION), w.installation(GLOBEX_INSTALLATION)];
const reportIssues = (w: World) => w.fake.snapshot(REPORTS).issues;
const writesTo = (w: World) => w.fake.requests.filter((r) => r.kind === "rest-write").map((r) => `${r.method} ${r.path}`);

describe("the monthly report, posted by the app", () => {
  it("posts March's report early in April into the organisation's report repository, and nothing anywhere else", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    world.fake.resetCounts();
    const customerBefore = world.fake.snapshot("acme/support");
    const outcomes = await scheduler(world).check(installations(world), BOT);
    expect(outcomes).toEqual([
      expect.objectContaining({ owner: "acme", repository: REPORTS, period: PERIOD, status: "created", issue: 1, parts: 1, url: `${world.fake.url}/${REPORTS}/issues/1` }),
    ]);
    const [posted] = reportIssues(world);
    const rest = world.fake.issueOf(REPORTS, 1);
    expect(rest.title).toBe("Support compliance report: 2026-03-01 – 2026-03-31");
    expect(rest.user?.login).toBe(BOT);
    expect(posted!.labels).toEqual(["sla-report 2026-03-01..2026-03-31"]);
    // The body: the marker, then the report as the builder makes it from GitHub's REST data.
    const fromRest = buildReport({ period: PERIOD, now: world.clock.now }, [
      {
        repository: "acme/support",
        config: acmeConfig(),
        incidents: [100, 101, 102, 103, 104, 105, 106, 108, 109, 110, 111].map((n) => ({ issue: world!.fake.issueOf("acme/support", n), timeline: world!.fake.timelineOf("acme/support", n) })),
      },
    ]);
    expect(rest.body).toBe(`${MARKER}\n${packParts(markdownSections(fromRest, "en"))[0]}\n`);
    // Writes: the claim label and the issue, in the report repository only.
    expect(writesTo(world)).toEqual([`POST /repos/${REPORTS}/labels`, `POST /repos/${REPORTS}/issues`]);
    expect(world.fake.snapshot("acme/support")).toEqual(customerBefore);
  });

  it("once per period: within the hour it does not look; later, and after a restart, it finds the issue and writes nothing", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const app = scheduler(world);
    await app.check(installations(world), BOT);
    world.fake.resetCounts();
    world.clock.now += 30 * 60_000;
    expect(await app.check(installations(world), BOT)).toEqual([]);
    expect(world.fake.counts.total).toBe(0);
    // An hour later the same process knows March is done: only the organisations' defaults are read.
    world.clock.now += HOUR;
    expect(await app.check(installations(world), BOT)).toEqual([]);
    expect(world.fake.counts.restWrite + world.fake.counts.graphql).toBe(0);
    // A restarted app looks it up by the marker: one read of the report repository, no writes.
    world.fake.resetCounts();
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "exists", issue: 1 })]);
    expect(world.fake.counts.restWrite).toBe(0);
    expect(reportIssues(world)).toHaveLength(1);
  });

  it("two replicas at the same moment: one issue", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const [a, b] = await Promise.all([scheduler(world).check(installations(world), BOT), scheduler(world).check(installations(world), BOT)]);
    const statuses = [...a, ...b].map((o) => o.status);
    expect(statuses.filter((s) => s === "created")).toHaveLength(1);
    expect(["claimed-elsewhere", "exists"]).toContain(statuses.find((s) => s !== "created"));
    expect(reportIssues(world)).toHaveLength(1);
    // The one that stood back finds it on its next look.
    world.clock.now += HOUR;
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "exists", issue: 1 })]);
  });

  it("a 502 after GitHub created the issue: the next look finds it, never a second one", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    world.fake.setFault({ route: "POST /repos/{owner}/{repo}/issues" }, faults.badGatewayAfterWrite());
    logs.length = 0;
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([]);
    expect(logs).toContainEqual(expect.objectContaining({ level: "warn", msg: "compliance report failed" }));
    world.clock.now += HOUR;
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "exists", issue: 1 })]);
    expect(reportIssues(world)).toHaveLength(1);
  });

  it.each([
    ["before ours", "before", 1],
    ["after ours", "after", 1],
  ] as const)("a twin created %s (a claim taken over at the same moment): the oldest stays, the other is closed as a duplicate", async (_name, when, kept) => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const fake = world.fake;
    const acme = world.installation(ACME_INSTALLATION);
    let twinned = false;
    const twin = () => {
      if (twinned) return;
      twinned = true;
      fake.state.createIssue(REPORTS, BOT, { title: "twin", body: `${MARKER}\ntwin` });
    };
    acme.octokit.hook.wrap("request", async (request, options) => {
      const creates = options.method === "POST" && options.url === "/repos/{owner}/{repo}/issues" && options.repo === "sla-reports";
      if (creates && when === "before") twin();
      const response = await request(options);
      if (creates && when === "after") twin();
      return response;
    });
    const outcomes = await scheduler(world).check([acme], BOT);
    expect(outcomes).toEqual([expect.objectContaining({ status: when === "before" ? "exists" : "created", issue: kept })]);
    const issues = reportIssues(world);
    expect(issues.map((i) => [i.number, i.state, i.stateReason])).toEqual([
      [1, "open", null],
      [2, "closed", "duplicate"],
    ]);
  });

  it("takes over a claim whose process stopped (older than 15 minutes, no issue); leaves a fresh one alone", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const claimAt = (ms: number) => `incident-sla report, claimed ${new Date(ms).toISOString()}`;
    world.fake.addLabel(REPORTS, { name: "sla-report 2026-03-01..2026-03-31", description: claimAt(world.clock.now - 5 * 60_000) });
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "claimed-elsewhere" })]);
    expect(reportIssues(world)).toHaveLength(0);
    world.clock.now += 20 * 60_000;
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "created", issue: 1 })]);
    expect(world.fake.repoLabels(REPORTS).find((l) => l.name.startsWith("sla-report"))?.description).toBe(claimAt(world.clock.now));
  });

  it.each([
    ["a customer's repository (its own configuration)", "acme/support", "acme/support has its own incident-sla configuration: it is a customer's repository, and reports never go there"],
    ["the defaults repository (it has the file)", "acme/.github", "acme/.github has its own incident-sla configuration"],
  ])("refuses %s and writes nothing at all", async (_name, target, reason) => {
    world = await startWorld({ report: `report:\n  repository: ${target}\n` });
    world.fake.resetCounts();
    logs.length = 0;
    const outcomes = await scheduler(world).check(installations(world), BOT);
    expect(outcomes).toEqual([expect.objectContaining({ status: "refused", reason: expect.stringContaining(reason) })]);
    expect(world.fake.counts.restWrite).toBe(0);
    expect(logs).toContainEqual(expect.objectContaining({ level: "warn", msg: expect.stringMatching(/^compliance report not posted: .*reports never go there/) }));
    // Refused is not done: it keeps refusing on later looks (and says so), until the defaults are fixed.
    world.clock.now += HOUR;
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([expect.objectContaining({ status: "refused" })]);
  });

  it("refuses a reported repository or one with any configuration of its own, valid or not", () => {
    const target = { owner: "acme", repo: "support" };
    expect(refusal(target, ["ACME/Support"], "missing")).toBe("acme/support is one of the reported repositories; reports go to an internal repository");
    expect(refusal(target, [], "valid")).toMatch(/has its own incident-sla configuration/);
    expect(refusal(target, [], "invalid")).toMatch(/has its own incident-sla configuration/);
    expect(refusal({ owner: "acme", repo: "sla-reports" }, ["acme/support"], "missing")).toBeNull();
  });

  it("reads March's report even when it is later read: the period is the month before now in the defaults' zone", async () => {
    // 31 March 22:00Z is already 1 April in Moscow: March is over there.
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n  language: ru\n" });
    world.clock.now = Date.parse("2026-03-31T22:00:00Z");
    const [outcome] = await scheduler(world).check(installations(world), BOT);
    expect(outcome).toEqual(expect.objectContaining({ status: "created", period: PERIOD }));
    expect(world.fake.issueOf(REPORTS, 1).title).toBe("Отчёт о соблюдении сроков поддержки: 2026-03-01 – 2026-03-31");
    expect(world.fake.issueOf(REPORTS, 1).body).toContain("| ACME Bank | `acme/support` |");
  });

  it("an installation whose repositories cannot be listed does not stop another's report", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    world.fake.setFault({ route: "GET /installation/repositories" }, faults.status(500));
    logs.length = 0;
    const outcomes = await scheduler(world).check([world.installation(GLOBEX_INSTALLATION), world.installation(ACME_INSTALLATION)], BOT);
    expect(outcomes).toEqual([expect.objectContaining({ owner: "acme", status: "created" })]);
    expect(logs).toContainEqual(expect.objectContaining({ level: "warn", msg: "compliance report: repositories not listed", obj: expect.objectContaining({ installation: GLOBEX_INSTALLATION }) }));
  });

  it("schedule: off, or no report section: the app posts nothing", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n  schedule: off\n" });
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([]);
    expect(reportIssues(world)).toHaveLength(0);
    await world.fake.close();
    world = await startWorld();
    expect(await scheduler(world).check(installations(world), BOT)).toEqual([]);
  });
});

describe("a report longer than one issue body", () => {
  /** 700 severity-1 incidents, each with two breached deadlines: a breach table far over 65,536 characters. */
  const many = (): FixtureIncident[] =>
    Array.from({ length: 700 }, (_, i) => {
      const created = new Date(Date.parse("2026-03-02T06:00:00Z") + i * 3 * 60_000).toISOString();
      return {
        issue: { ...issue({ number: 1000 + i, createdAt: created, labels: ["severity: 1"], state: "closed", closedAt: "2026-03-28T00:00:00Z", stateReason: "completed" }), title: `Outage number ${i} with a long enough title` },
        timeline: [labeled("2026-03-27T00:00:00Z", ENGINEER, "state: accepted"), { event: "closed", created_at: "2026-03-28T00:00:00Z", actor: { login: ENGINEER }, state_reason: "completed" }],
      };
    });

  it("is posted as the issue and continuation comments, each within the limit, each once", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n", acmeIncidents: many() });
    const [outcome] = await scheduler(world).check([world.installation(ACME_INSTALLATION)], BOT);
    expect(outcome).toEqual(expect.objectContaining({ status: "created", issue: 1 }));
    const parts = outcome!.parts!;
    expect(parts).toBeGreaterThan(1);
    const body = world.fake.issueOf(REPORTS, 1).body!;
    const comments = world.fake.commentsOf(REPORTS, 1);
    expect(body.startsWith(`${MARKER}\n<!-- incident-sla:report-parts:${parts} -->\n`)).toBe(true);
    expect(comments.map((c) => c.body.split("\n")[0])).toEqual(Array.from({ length: parts - 1 }, (_, i) => `<!-- incident-sla:report:2026-03-01..2026-03-31:part-${i + 2} -->`));
    for (const text of [body, ...comments.map((c) => c.body)]) expect(text.length).toBeLessThanOrEqual(PART_LIMIT + 200);
    // Every breach is there once: 700 incidents × 3 deadlines, all met late by the close on 28 March.
    const rows = [body, ...comments.map((c) => c.body)].join("\n").split("\n").filter((l) => /^\| \[#1\d{3}\]/.test(l));
    expect(rows).toHaveLength(2100);
    expect(new Set(rows).size).toBe(2100);
  });

  it("a run that stopped after the issue: the next look adds only the missing comments", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n", acmeIncidents: many() });
    const [outcome] = await scheduler(world).check([world.installation(ACME_INSTALLATION)], BOT);
    const issue1 = world.fake.state.issue(REPORTS, 1);
    const last = world.fake.state.commentsOf(issue1).at(-1)!;
    world.fake.state.deleteComment(last);
    world.fake.resetCounts();
    world.clock.now += HOUR;
    expect(await scheduler(world).check([world.installation(ACME_INSTALLATION)], BOT)).toEqual([expect.objectContaining({ status: "exists", issue: 1, parts: outcome!.parts })]);
    expect(writesTo(world)).toEqual([`POST /repos/${REPORTS}/issues/1/comments`]);
    expect(world.fake.commentsOf(REPORTS, 1)).toHaveLength(outcome!.parts! - 1);
  });
});

describe("incident-sla report --post (CronJob, GitHub Actions)", () => {
  async function run(argv: string[], env: NodeJS.ProcessEnv) {
    const stdout = new Collector();
    const stderr = new Collector();
    const code = await main(argv, { stdin: Readable.from([""]), stdout, stderr, env, now: () => world!.clock.now, octokitOptions });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it("posts the previous month per organisation, once; an organisation without a report section is skipped", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const env = { APP_ID: "7", PRIVATE_KEY: keys.privateKey, GHE_HOST: `127.0.0.1:${world.fake.port}`, GHE_PROTOCOL: "http" };
    const first = await run(["report", "--post"], env);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { owner: "acme", repository: REPORTS, period: PERIOD, status: "created", issue: 1, url: `${world.fake.url}/${REPORTS}/issues/1`, parts: 1 },
      { owner: "globex", status: "skipped", reason: "no report.repository in the organisation's defaults (globex/.github, .github/incident-sla.yml)" },
    ]);
    const again = await run(["report", "--post", "--from", "2026-03-01", "--to", "2026-03-31"], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.split("\n")[0]!)).toEqual({ owner: "acme", repository: REPORTS, period: PERIOD, status: "exists", issue: 1, url: `${world.fake.url}/${REPORTS}/issues/1` });
    expect(reportIssues(world)).toHaveLength(1);
  });

  it("a refused post exits 1 and says why", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/support\n" });
    const env = { APP_ID: "7", PRIVATE_KEY: keys.privateKey, GHE_HOST: `127.0.0.1:${world.fake.port}`, GHE_PROTOCOL: "http" };
    const result = await run(["report", "--post", "--repo", "acme/support"], env);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout.trim())).toEqual({
      owner: "acme",
      repository: "acme/support",
      period: PERIOD,
      status: "refused",
      reason: "acme/support has its own incident-sla configuration: it is a customer's repository, and reports never go there",
    });
    expect(world.fake.snapshot("acme/support").issues.map((i) => i.number)).toEqual(ACME_INCIDENTS.map((i) => i.issue.number));
  });

  it("a token for the named repositories (Actions), the same code path", async () => {
    world = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    world.fake.addToken("ghs_actions", { login: "github-actions[bot]" });
    const env = { GITHUB_TOKEN: "ghs_actions", GITHUB_API_URL: world.fake.apiUrl, GITHUB_GRAPHQL_URL: `${world.fake.url}/api/graphql`, GITHUB_ACTIONS: "true" };
    const result = await run(["report", "--post", "--repo", "acme/support"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual(expect.objectContaining({ status: "created", issue: 1 }));
    expect(world.fake.issueOf(REPORTS, 1).user?.login).toBe("github-actions[bot]");
    expect(world.fake.issueOf(REPORTS, 1).body).toContain("| ACME Bank | `acme/support` | 8 | 9 | 7 | 56.3% | 1 | 4 |");
  });
});

describe("what is reported", () => {
  it("every repository of the installation but the organisation's defaults; or the ones named", async () => {
    world = await startWorld();
    const names = async (only?: { owner: string; repo: string }[]) =>
      (await reportUnits([world!.installation(ACME_INSTALLATION)], only)).flatMap((u) => u.repos.map((r) => `${r.owner}/${r.repo}`));
    expect(await names()).toEqual(["acme/support", "acme/sla-reports"]);
    expect(await names([{ owner: "acme", repo: ".github" }])).toEqual(["acme/.github"]);
  });

  it("publishReport alone (as the CLI calls it) refuses before reading anything when the target is a customer's", async () => {
    world = await startWorld();
    const [unit] = await reportUnits([world.installation(ACME_INSTALLATION)]);
    world.fake.resetCounts();
    const outcome = await publishReport(
      { now: () => world!.clock.now, botLogin: BOT, members: new OrgMembersCache(), log: quietLog },
      { unit: unit!, settings: { repository: { owner: "acme", repo: "support" }, schedule: "monthly", language: "en", timezone: "Europe/Moscow", source: "test" }, period: PERIOD },
    );
    expect(outcome.status).toBe("refused");
    expect(world.fake.counts.graphql).toBe(0);
    expect(world.fake.counts.restWrite).toBe(0);
  });
});

void NOW;
