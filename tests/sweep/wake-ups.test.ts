// The wake-up runner (issue 16, item 2) against the local fake GitHub with a
// fake clock and a fake timer: a reminder is written when its threshold comes,
// only the incidents due are read (one by-number GraphQL query per
// repository), and a new decision moves an incident's instant.
import { afterEach, describe, expect, it } from "vitest";
import { decideIncident } from "../../src/app/decide-incident.js";
import { handleIncident } from "../../src/app/handle-incident.js";
import { createServices } from "../../src/app/services.js";
import { WakeUps } from "../../src/app/wake-ups.js";
import { parseConfigText } from "../../src/config/parse-config.js";
import { readIncident } from "../../src/github/read-incident.js";
import { WriteBudgets } from "../../src/github/write-budget.js";
import { ACTIONS_BOT, CONFIG_PATH, SweepWorld, VALID_CONFIG } from "./sweep-world.js";
import { directClients } from "./wake-world.js";

const REPO = "acme/support";
const T0 = "2026-03-18T08:00:00Z"; // Wednesday 11:00 in Moscow: working hours

let world: SweepWorld;
afterEach(async () => {
  await world.close();
});

async function setUp() {
  world = await new SweepWorld(T0).start();
  world.org("acme", 1);
  world.repo(REPO);
  const urgent = world.incident(REPO, { severity: 2, createdAt: T0 }); // 24x7, accept within 1 h
  const calm = world.incident(REPO, { severity: 3, createdAt: T0 }); // business clock, accept within 8 h
  const { octokit, deps: sweep } = directClients(world);
  const now = sweep.now;
  const budgets = new WriteBudgets(undefined, now);
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const wakeUps = new WakeUps({
    sweep,
    targetFor: () => Promise.resolve({ octokit, graphql: octokit.graphql, installationId: 1, budget: budgets.for(1) }),
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
    gatherMs: 10_000,
  });
  const ref = (number: number) => ({ installationId: 1, owner: "acme", repo: "support", number });
  return { urgent, calm, wakeUps, timers, ref, octokit, sweep };
}

const byNumberQueries = (since: number) =>
  world.fake.requests.slice(since).filter((r) => r.route === "POST /graphql" && JSON.stringify(r.body).includes("incidentSlaIssuesByNumber"));
const reminders = (number: number) => world.fake.commentsOf(REPO, number).filter((c) => (c.body ?? "").includes("incident-sla:reminder:"));

describe("wake-ups", () => {
  it("writes a reminder at its threshold, reading only the incidents due, with one timer", async () => {
    const { urgent, calm, wakeUps, timers, ref } = await setUp();
    wakeUps.start();
    world.at("2026-03-18T08:01:00Z");
    wakeUps.schedule(ref(urgent), world.now);
    wakeUps.schedule(ref(calm), world.now);
    let seen = world.fake.requests.length;
    await wakeUps.runDue();
    expect(byNumberQueries(seen)).toHaveLength(1); // both, in one query
    expect(reminders(urgent)).toHaveLength(0);
    const threshold = wakeUps.instantOf(ref(urgent))!;
    const later = wakeUps.instantOf(ref(calm))!;
    expect(threshold).toBeGreaterThan(world.now);
    expect(later).toBeGreaterThan(threshold);
    // One live timer, for the earliest instant plus the gathering window.
    const live = timers.filter((t) => !t.cancelled);
    expect(live).toHaveLength(1);
    expect(world.now + live[0]!.ms).toBe(threshold + 10_000);

    world.now = threshold + 10_000;
    seen = world.fake.requests.length;
    live[0]!.run();
    await wakeUps.runDue();
    const queries = byNumberQueries(seen);
    expect(queries).toHaveLength(1);
    const body = JSON.stringify(queries[0]!.body);
    expect(body).toContain(`i${urgent}: issue(number: ${urgent})`);
    expect(body).not.toContain(`i${calm}: issue`);
    expect(reminders(urgent)).toHaveLength(1);
    // Within 60 s of the threshold (fake clock: the gathering window is the whole delay here).
    expect(world.now - threshold).toBeLessThanOrEqual(60_000);
    expect(wakeUps.instantOf(ref(urgent))!).toBeGreaterThan(world.now);
  });

  it("incidents due in two repositories of one installation are read in one query", async () => {
    const { urgent, wakeUps, ref } = await setUp();
    world.repo("acme/billing");
    const other = world.incident("acme/billing", { severity: 2, createdAt: T0 });
    wakeUps.start();
    world.at("2026-03-18T08:01:00Z");
    wakeUps.schedule(ref(urgent), world.now);
    wakeUps.schedule({ installationId: 1, owner: "acme", repo: "billing", number: other }, world.now);
    const seen = world.fake.requests.length;
    const run = await wakeUps.runDue();
    const queries = byNumberQueries(seen);
    expect(queries).toHaveLength(1);
    expect(JSON.stringify(queries[0]!.body)).toContain('"o1":"acme","n1":"billing"');
    expect(run.repositories.map((r) => [r.repo, r.incidents, r.ok])).toEqual([
      ["acme/support", 1, true],
      ["acme/billing", 1, true],
    ]);
    // One query, counted once in the summary: for the first repository in it.
    expect(run.repositories.map((r) => r.reads)).toEqual([1, 0]);
    expect(wakeUps.instantOf({ installationId: 1, owner: "acme", repo: "billing", number: other })).toBeGreaterThan(world.now);
  });

  it("a new decision (a webhook's) moves the incident's instant", async () => {
    const { urgent, wakeUps, ref, octokit } = await setUp();
    world.at("2026-03-18T08:05:00Z");
    const config = parseConfigText(VALID_CONFIG, CONFIG_PATH);
    const decide = async () => {
      const data = await readIncident(octokit, { owner: "acme", repo: "support", issue_number: urgent }, ACTIONS_BOT);
      return { ...decideIncident({ config, issue: data.issue, timeline: data.timeline, now: world.now, bot: ACTIONS_BOT }, []), comments: data.appComments };
    };
    const before = await decide();
    wakeUps.note(ref(urgent), before.explanation, before.comments);
    const first = wakeUps.instantOf(ref(urgent))!;
    // Support accepts (the label added through the API, as a webhook would then report it): the accept
    // target is met, and the next instant is the workaround target's, later.
    await octokit.rest.issues.addLabels({ owner: "acme", repo: "support", issue_number: urgent, labels: ["state: accepted"] });
    world.at("2026-03-18T08:07:00Z"); // past the minute a label is given before it could count as gone
    const after = await decide();
    wakeUps.note(ref(urgent), after.explanation, after.comments);
    expect(wakeUps.instantOf(ref(urgent))!).toBeGreaterThan(first);
    expect(wakeUps.size).toBe(1);
  });

  it("the webhook path (handleIncident) gives the wake-ups the incident's instant", async () => {
    const { urgent, wakeUps, ref, octokit } = await setUp();
    world.at("2026-03-18T08:05:00Z");
    const services = createServices(() => Promise.resolve(ACTIONS_BOT), () => world.now);
    services.onDecided = ({ installationId, ref: issue, explanation, appComments }) => wakeUps.note({ installationId, owner: issue.owner, repo: issue.repo, number: issue.issue_number }, explanation, appComments);
    const silent = { info: () => undefined, warn: () => undefined, debug: () => undefined };
    await handleIncident(services, { octokit, ref: { owner: "acme", repo: "support", issue_number: urgent }, installationId: 1, ownerType: "Organization", log: silent });
    expect(wakeUps.instantOf(ref(urgent))).toBeGreaterThan(world.now);
  });
});

