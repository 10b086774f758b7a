// Reconciliation (issue 16, item 3) against the local fake GitHub, fake
// clock: the first reads every open incident and gives each its wake-up
// instant; the next reads only the issues updated since (filterBy.since).
import { afterEach, describe, expect, it } from "vitest";
import { createReconciler } from "../../src/app/reconcile.js";
import { WakeUps } from "../../src/app/wake-ups.js";
import { WriteBudgets } from "../../src/github/write-budget.js";
import { SweepWorld } from "./sweep-world.js";
import { directClients } from "./wake-world.js";

const REPO = "acme/support";
let world: SweepWorld;
afterEach(async () => {
  await world.close();
});

describe("reconciliation", () => {
  it("reads everything first, then only what changed since the last one began", async () => {
    world = await new SweepWorld("2026-03-18T08:00:00Z").start();
    world.org("acme", 1);
    world.repo(REPO);
    const a = world.incident(REPO, { severity: 3, createdAt: "2026-03-18T07:00:00Z" });
    const b = world.incident(REPO, { severity: 3, createdAt: "2026-03-18T07:10:00Z" });
    const decided: number[] = [];
    const { octokit, deps } = directClients(world, { onDecided: ({ ref }) => decided.push(ref.issue_number) });
    const now = deps.now;
    const budgets = new WriteBudgets(undefined, now);
    const target = { octokit, graphql: octokit.graphql, installationId: 1, budget: budgets.for(1) };
    const wakeUps = new WakeUps({ sweep: deps, targetFor: () => Promise.resolve(target), setTimer: () => ({ cancel: () => undefined }) });
    const reconciler = createReconciler(deps, budgets, wakeUps);
    const installation = { id: 1, octokit, graphql: octokit.graphql, repos: [{ owner: "acme", repo: "support", ownerType: "Organization" }] };

    await reconciler.run([installation]);
    expect(decided.sort()).toEqual([a, b].sort());
    expect(wakeUps.size).toBe(2);
    expect(reconciler.lastStartedAt).toBe(Date.parse("2026-03-18T08:00:00Z"));

    // The first one wrote both status comments at 08:00: the next reads both again, writing nothing.
    world.at("2026-03-18T08:10:00Z");
    decided.length = 0;
    await reconciler.run([installation]);
    expect(decided.sort()).toEqual([a, b].sort());

    // Later a comment on b (through the API: GitHub moves updated_at): only b is read after that.
    world.at("2026-03-18T08:30:00Z");
    await octokit.rest.issues.createComment({ owner: "acme", repo: "support", issue_number: b, body: "any news?" });
    world.at("2026-03-18T09:00:00Z");
    decided.length = 0;
    const first = world.fake.requests.length;
    await reconciler.run([installation]);
    expect(decided).toEqual([b]);
    const pages = world.fake.requests.slice(first).filter((r) => JSON.stringify(r.body ?? "").includes("incidentSlaOpenIssues"));
    expect(pages).toHaveLength(1);
    expect(JSON.stringify(pages[0]!.body)).toContain("2026-03-18T08:09:00.000Z"); // since the last start, less the minute's overlap
    // A read of what changed asks for pages of 30 (1 point each by GitHub's formula; a full read's 100 cost 3).
    expect(JSON.stringify(pages[0]!.body)).toContain('"first":30');
  });
});
