// The report's GraphQL reader against the local GitHub: its queries are valid
// against GitHub's real schema; it reads 100 issues a request, asks for more
// timeline only for an issue with more than 100 items, stops at the first
// issue out of range, and what it returns evaluates exactly like the REST
// issue and timeline GitHub would give.
import { validate } from "@octokit/graphql-schema";
import { afterEach, describe, expect, it } from "vitest";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { type IssueWithTimeline, ISSUES_SINCE_QUERY, MORE_TIMELINE_QUERY, OPEN_ISSUES_BEFORE_QUERY, type PeriodReadStats, readIssuesInPeriod } from "../../src/github/read-issues-in-period.js";
import { periodBounds } from "../../src/report/period.js";
import type { FakeGitHub } from "../support/fake-github/index.js";
import { ACME_INCIDENTS, NOW, PERIOD, acmeConfig } from "../fixtures/report/acme-march.js";
import { ENGINEER } from "../fixtures/incident-builders.js";
import { ACME_INSTALLATION, type World, startWorld } from "./github-world.js";

let world: World | null = null;
afterEach(async () => {
  if (!world) return;
  await world.fake.close();
  expect(world.fake.violations).toEqual([]);
  world = null;
});

const since = periodBounds(PERIOD, "Europe/Moscow").start;

async function readAll(fake: FakeGitHub, repo: string, from: number): Promise<{ batches: IssueWithTimeline[][]; stats: PeriodReadStats }> {
  const installation = world!.installation(ACME_INSTALLATION);
  const [owner, name] = repo.split("/") as [string, string];
  const stats: PeriodReadStats = { requests: 0, extraPages: 0, issues: 0 };
  const batches: IssueWithTimeline[][] = [];
  fake.resetCounts();
  for await (const batch of readIssuesInPeriod(installation.graphql, { owner, repo: name }, from, stats)) batches.push(batch);
  return { batches, stats };
}

describe("queries", () => {
  it.each([
    ["issues since the period began", ISSUES_SINCE_QUERY],
    ["open issues from before", OPEN_ISSUES_BEFORE_QUERY],
    ["more timeline items", MORE_TIMELINE_QUERY],
  ])("%s: valid against GitHub's schema", (_name, query) => {
    expect(validate(query).map((e) => e.message)).toEqual([]);
  });
});

describe("reading a period from the local GitHub", () => {
  it("reads what the period needs: every issue created since it began, and older ones still open", async () => {
    world = await startWorld();
    const { batches, stats } = await readAll(world.fake, "acme/support", since);
    const numbers = batches.flat().map((i) => i.issue.number);
    // Newest first since 1 March (Moscow): #108 … #100 and the app's #111; then #109, open since February.
    // Not #110: created and closed in February.
    expect(numbers).toEqual([108, 100, 106, 104, 103, 111, 102, 105, 101, 109]);
    expect(stats).toEqual({ requests: 2, extraPages: 0, issues: 10 });
    expect(world.fake.counts.graphql).toBe(2);
  });

  it("gives back the REST shapes: each incident evaluates as from GET …/issues/N and …/timeline", async () => {
    world = await startWorld();
    const { batches } = await readAll(world.fake, "acme/support", since);
    const config = acmeConfig();
    for (const read of batches.flat()) {
      const number = read.issue.number as number;
      const rest = { issue: world.fake.issueOf("acme/support", number), timeline: world.fake.timelineOf("acme/support", number) };
      expect(evaluate({ config, ...read, now: NOW })).toEqual(evaluate({ config, ...rest, now: NOW }));
      const fixture = ACME_INCIDENTS.find((i) => i.issue.number === number)!;
      expect(evaluate({ config, ...read, now: NOW })).toEqual(evaluate({ config, ...fixture, now: NOW }));
    }
  });

  it("an issue closed as a duplicate evaluates as from REST (its open deadlines cancelled, as for not planned)", async () => {
    world = await startWorld({ acmeIncidents: [] });
    const { fake } = world;
    fake.addIssue("acme/support", { number: 1, createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 2"], state: "closed", stateReason: "duplicate", closedAt: "2026-03-02T07:20:00Z" });
    fake.addTimelineEvent("acme/support", 1, { event: "closed", actor: ENGINEER, stateReason: "duplicate", createdAt: "2026-03-02T07:20:00Z" });
    // And one whose close is missing from the timeline (the engine falls back on the issue's state_reason).
    fake.addIssue("acme/support", { number: 2, createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 2"], state: "closed", stateReason: "duplicate", closedAt: "2026-03-02T07:20:00Z" });
    const { batches } = await readAll(fake, "acme/support", since);
    const config = acmeConfig();
    for (const read of batches.flat()) {
      const number = read.issue.number as number;
      const viaRest = evaluate({ config, issue: fake.issueOf("acme/support", number), timeline: fake.timelineOf("acme/support", number), now: NOW });
      expect(evaluate({ config, ...read, now: NOW })).toEqual(viaRest);
      expect(viaRest.targets.workaround?.status).toBe("cancelled");
    }
  });

  it("100 issues a request, and stops at the first issue out of range", async () => {
    world = await startWorld({ acmeIncidents: [] });
    const { fake } = world;
    const at = (day: number, minute: number) => new Date(Date.parse("2026-03-01T00:00:00Z") + day * 86_400_000 + minute * 60_000).toISOString();
    // 250 issues in March: pages of 100, 100 and 50.
    for (let i = 0; i < 250; i++) fake.addIssue("acme/support", { createdAt: at(i % 28, i), updatedAt: at(i % 28, i) });
    // 10 closed in February but updated in March: GitHub's `since` lets them through; the reader stops at the first.
    for (let i = 0; i < 10; i++) fake.addIssue("acme/support", { createdAt: "2026-02-10T00:00:00Z", state: "closed", closedAt: "2026-02-11T00:00:00Z", updatedAt: "2026-03-05T00:00:00Z" });
    // 120 open since January: pages of 100 and 20 (the reader stops at the first issue of March on that page).
    for (let i = 0; i < 120; i++) fake.addIssue("acme/support", { createdAt: "2026-01-15T00:00:00Z", updatedAt: "2026-01-15T00:00:00Z" });
    // 40 closed in January, never updated since: GitHub filters them out.
    for (let i = 0; i < 40; i++) fake.addIssue("acme/support", { createdAt: "2026-01-05T00:00:00Z", state: "closed", closedAt: "2026-01-06T00:00:00Z", updatedAt: "2026-01-06T00:00:00Z" });
    const { batches, stats } = await readAll(fake, "acme/support", Date.parse("2026-03-01T00:00:00Z"));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50, 100, 20]);
    expect(stats).toEqual({ requests: 5, extraPages: 0, issues: 370 });
    expect(fake.counts.graphql).toBe(5);
    expect(fake.requests.filter((r) => r.kind === "graphql").every((r) => (r.cost ?? 0) <= 2)).toBe(true);
  });

  it("asks for more timeline only for an issue with more than 100 items", async () => {
    world = await startWorld({ acmeIncidents: [] });
    const { fake } = world;
    fake.addIssue("acme/support", { number: 1, createdAt: "2026-03-02T07:00:00Z" });
    fake.addIssue("acme/support", { number: 2, createdAt: "2026-03-03T07:00:00Z" });
    // #1: 250 label events (a long, busy incident); #2: 5.
    for (let i = 0; i < 250; i++) fake.addTimelineEvent("acme/support", 1, { event: i % 2 ? "unlabeled" : "labeled", actor: ENGINEER, label: "investigating", createdAt: new Date(Date.parse("2026-03-02T08:00:00Z") + i * 60_000).toISOString() });
    // Events the clock does not read never count towards the 100.
    for (let i = 0; i < 150; i++) fake.addTimelineEvent("acme/support", 2, { event: "assigned", actor: ENGINEER, createdAt: "2026-03-03T08:00:00Z" });
    for (let i = 0; i < 5; i++) fake.addTimelineEvent("acme/support", 2, { event: "labeled", actor: ENGINEER, label: `l${i}`, createdAt: "2026-03-03T09:00:00Z" });
    const { batches, stats } = await readAll(fake, "acme/support", Date.parse("2026-03-01T00:00:00Z"));
    const byNumber = new Map(batches.flat().map((i) => [i.issue.number, i.timeline]));
    expect(byNumber.get(1)).toHaveLength(250);
    expect(byNumber.get(2)).toHaveLength(5);
    // One page of issues, two more pages for #1's timeline (100 + 100 + 50), one (empty) pass of older open issues.
    expect(stats).toEqual({ requests: 4, extraPages: 2, issues: 2 });
    expect(byNumber.get(1)!.map((e) => e.created_at)).toEqual(world.fake.timelineOf("acme/support", 1).map((e) => e.created_at));
  });

  it("a repository the token cannot see reads as nothing, with GitHub's error", async () => {
    world = await startWorld();
    const installation = world.installation(ACME_INSTALLATION);
    const stats: PeriodReadStats = { requests: 0, extraPages: 0, issues: 0 };
    const read = async () => {
      for await (const _ of readIssuesInPeriod(installation.graphql, { owner: "globex", repo: "helpdesk" }, since, stats));
    };
    await expect(read()).rejects.toThrow(/Could not resolve to a Repository/);
  });
});
