// Hostile and mistaken configurations through the sweep (README,
// Configuration): the repository is skipped with its reason (its JSON line, and a
// warn log line with repository and reason), its incidents are left alone,
// one error issue names the file and the problem, the run still exits 0,
// and nothing is read from another owner.
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { sweepRepository } from "../../src/app/sweep.js";
import type { SweepDeps } from "../../src/app/sweep-deps.js";
import { CONFIG_ERROR_TITLE } from "../../src/github/config-error-issue.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import { WriteBudget } from "../../src/github/write-budget.js";
import { ACCEPTED, type ConfigCase, FOREIGN_OWNER, HOSTILE } from "../fixtures/hostile-configs.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, SweepWorld, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T10:00:00Z";
const CUSTOMER_REPO = "acme/a";

let w: SweepWorld;
afterEach(async () => {
  await w.close();
  expect(w.fake.violations).toEqual([]);
  expect(w.blocked).toEqual([]);
});

/** The case's repositories in the fake: "self" is acme/a (with an at-risk incident), the others acme's or evilcorp's. */
async function seeded(c: ConfigCase): Promise<SweepWorld> {
  w = await new SweepWorld(NOW).start();
  w.org("acme", 11);
  const byRepo = new Map<string, Record<string, string>>();
  const put = (owner: string, key: string, text: string) => {
    const [repo, path] = key.split(/:(.*)/s) as [string, string];
    const name = `${owner}/${repo}`;
    byRepo.set(name, { ...byRepo.get(name), [path]: text.replaceAll("{OWNER}", "ACME") });
  };
  for (const [key, text] of Object.entries(c.files)) put("acme", key, text);
  for (const [key, text] of Object.entries(c.foreign ?? {})) put(FOREIGN_OWNER, key, text);
  w.repo(CUSTOMER_REPO, null);
  for (const [name, files] of byRepo) {
    if (name === "acme/self") {
      for (const [path, text] of Object.entries(files)) w.fake.setFile(CUSTOMER_REPO, path, text);
      continue;
    }
    const [owner, repo] = name.split("/") as [string, string];
    w.fake.addRepo({ owner, ownerType: "Organization", name: repo, files });
  }
  w.incident(CUSTOMER_REPO, { number: 1, severity: 1, createdAt: "2026-03-02T09:35:00Z" });
  return w;
}

const foreignReads = () => w.fake.requests.filter((r) => r.path.toLowerCase().startsWith(`/repos/${FOREIGN_OWNER}/`));
const errorIssues = () => w.fake.snapshot(CUSTOMER_REPO).issues.filter((i) => i.number !== 1);

describe("a hostile configuration: the repository skipped with its reason, one error issue, exit 0", () => {
  it.each(HOSTILE.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await seeded(c);
    const run = await w.sweep(["--repo", CUSTOMER_REPO]);
    expect(run.code).toBe(0);
    expect(run.repos).toHaveLength(1);
    expect(run.repos[0]).toMatchObject({ repo: CUSTOMER_REPO, ok: true, config: "invalid", incidents: 0 });
    expect(run.repos[0]!.reason).toMatch(/^Invalid configuration in \.github\/incident-sla\.yml:\n {2}- /);
    expect(run.repos[0]!.reason).toMatch(c.problem!);
    const issues = errorIssues();
    expect(issues).toHaveLength(1);
    const error = w.fake.issueOf(CUSTOMER_REPO, issues[0]!.number);
    expect(error.title).toBe(CONFIG_ERROR_TITLE);
    expect(error.body).toMatch(c.problem!);
    // The incident is left alone: no comment, its labels as they were.
    expect(w.fake.commentsOf(CUSTOMER_REPO, 1)).toEqual([]);
    expect(w.fake.labelsOf(CUSTOMER_REPO, 1)).toEqual(["severity: 1"]);
    expect(foreignReads()).toEqual([]);

    // The next sweep writes nothing new.
    w.at("2026-03-02T10:01:00Z");
    const again = await w.sweep(["--repo", CUSTOMER_REPO]);
    expect(again.code).toBe(0);
    expect(writesOf(again.requests)).toEqual([]);
  });

  it("_extends naming another owner (evilcorp/shared): logged at warn with the repository and the reason", async () => {
    await seeded(HOSTILE[0]!);
    const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
    const octokit = new Octokit({ baseUrl: w.fake.url, auth: { token: `${ACTIONS_TOKEN}_acme` } });
    const now = () => w.now;
    const warned: [object, string][] = [];
    const deps: SweepDeps = {
      now,
      sleep: () => Promise.resolve(),
      botLogin: ACTIONS_BOT,
      labels: new LabelCache(now),
      members: new OrgMembersCache(now),
      log: { info: () => {}, warn: (obj, msg) => void warned.push([obj, msg]), error: () => {} },
    };
    const budget = new WriteBudget({ perMinute: 80, perHour: 500 }, now);
    const result = await sweepRepository(deps, { octokit, graphql: octokit.graphql, installationId: 11, budget }, { owner: "acme", repo: "a" }, "Organization");
    expect(result).toMatchObject({ ok: true, config: "invalid", incidents: 0 });
    expect(warned).toEqual([[{ repo: CUSTOMER_REPO, reason: expect.stringContaining("_extends must stay within the owner acme") }, "repository skipped: invalid configuration"]]);
    expect(foreignReads()).toEqual([]);
  });
});

describe("accepted configurations are swept", () => {
  it.each(ACCEPTED.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    await seeded(c);
    const run = await w.sweep(["--repo", CUSTOMER_REPO]);
    expect(run.code).toBe(0);
    expect(run.repos[0]).toMatchObject({ ok: true, config: "valid", incidents: 1 });
    expect(errorIssues()).toEqual([]);
    expect(w.fake.commentsOf(CUSTOMER_REPO, 1).length).toBeGreaterThan(0);
  });
});
