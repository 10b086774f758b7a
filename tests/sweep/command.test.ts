// `incident-sla sweep` as a command (README, Three ways to run it, one code path): app credentials over
// every installation or one shard of them, or a GITHUB_TOKEN with --repo;
// GitHub Enterprise Server layouts as Probot (GHE_HOST) and GitHub Actions
// (GITHUB_API_URL, GITHUB_GRAPHQL_URL) give them; an invalid configuration
// among valid ones; one repository's failure never stops the others, and the
// exit code says whether every repository was swept; usage errors exit 2.
//
// Times: Mon 2 March 2026 10:00Z (13:00 MSK). Each incident below is a
// severity 1 opened 09:35Z (25 of its 30 minutes used): at risk, owed a
// reminder, its status and the phone instructions.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG_ERROR_TITLE } from "../../src/github/config-error-issue.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, APP_BOT, CONFIG_PATH, INVALID_CONFIG, SweepWorld, VALID_CONFIG, graphqlOf, writesOf } from "./sweep-world.js";

const NOW = "2026-03-02T10:00:00Z";
const OWED = ["phone", "reminder:accept:75:s1", "status"];

let w: SweepWorld;
afterEach(async () => {
  await w.close();
  expect(w.fake.violations).toEqual([]);
  expect(w.blocked).toEqual([]);
});

const atRisk = (repo: string) => w.incident(repo, { number: 1, severity: 1, createdAt: "2026-03-02T09:35:00Z" });
const resultsOf = (run: { repos: Record<string, any>[] }) => run.repos.map((r) => [r.repo, r.ok, r.config]);

describe("repositories of an installation (app mode)", () => {
  it("an invalid configuration among valid ones: the valid ones are swept, the invalid one gets the error issue, exit 0", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const a = w.repo("acme/a");
    const b = w.repo("acme/b", INVALID_CONFIG);
    const c = w.repo("acme/c");
    const d = w.repo("acme/no-config", null);
    for (const repo of [a, b, c, d]) atRisk(repo);

    const run = await w.sweep([], { mode: "app" });
    expect(run.code).toBe(0);
    expect(resultsOf(run)).toEqual([
      [a, true, "valid"],
      [b, true, "invalid"],
      [c, true, "valid"],
      [d, true, "missing"],
    ]);
    expect(w.markers(a, 1, APP_BOT)).toEqual(OWED);
    expect(w.markers(c, 1, APP_BOT)).toEqual(OWED);
    // The invalid contract's incidents are left alone (DESIGN §1.5); so is a repository without a contract.
    expect(w.fake.commentsOf(b, 1)).toEqual([]);
    expect(w.fake.labelsOf(b, 1)).toEqual(["severity: 1"]);
    expect(w.fake.commentsOf(d, 1)).toEqual([]);
    const issues = w.fake.snapshot(b).issues.filter((i) => i.number !== 1);
    expect(issues).toHaveLength(1);
    const error = w.fake.issueOf(b, issues[0]!.number);
    expect(error).toMatchObject({ title: CONFIG_ERROR_TITLE, state: "open", user: { login: APP_BOT } });
    expect(error.body).toContain(CONFIG_PATH);
    expect(error.body).toContain("reminders.thresholds");
    expect(error.body).toContain("lables");

    // The next sweep keeps that one issue as it is.
    w.at("2026-03-02T10:01:00Z");
    const again = await w.sweep([], { mode: "app" });
    expect(again.code).toBe(0);
    expect(writesOf(again.requests)).toEqual([]);
    expect(w.fake.snapshot(b).issues).toHaveLength(2);

    // Fixed on the default branch: the error issue is closed and the incidents are swept.
    w.fake.setFile(b, CONFIG_PATH, VALID_CONFIG);
    w.at("2026-03-02T10:02:00Z");
    const fixed = await w.sweep([], { mode: "app" });
    expect(fixed.code).toBe(0);
    expect(w.fake.issueOf(b, issues[0]!.number)).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(w.markers(b, 1, APP_BOT)).toEqual(OWED);
  });

  it.each([
    { what: "a 500 on its GraphQL read", fault: { match: { route: "POST /graphql" }, status: 500 } },
    { what: "a 500 reading its configuration", fault: { match: { path: "/repos/acme/a/contents/.github%2Fincident-sla.yml" }, status: 500 } },
    { what: "a 403 (no permission) on its labels", fault: { match: { path: "/repos/acme/a/issues/1/labels", method: "POST" }, status: 403 } },
  ])("a repository that fails ($what): exit 1, the others are swept, and the next sweep completes it", async ({ fault }) => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repos = [w.repo("acme/a"), w.repo("acme/b"), w.repo("acme/c")];
    for (const repo of repos) atRisk(repo);
    w.fake.setFault(fault.match, { status: fault.status });

    const run = await w.sweep([], { mode: "app" });
    expect(run.code).toBe(1);
    expect(run.repos.map((r) => [r.repo, r.ok])).toEqual([["acme/a", false], ["acme/b", true], ["acme/c", true]]);
    expect(run.repos[0]).toMatchObject({ errorStatus: fault.status, error: expect.any(String) });
    expect(run.stderr).toMatch(/^swept 3 repositories \(1 failed\)/);
    expect(w.markers("acme/b", 1, APP_BOT)).toEqual(OWED);
    expect(w.markers("acme/c", 1, APP_BOT)).toEqual(OWED);

    w.at("2026-03-02T10:01:00Z");
    const next = await w.sweep([], { mode: "app" });
    expect(next.code).toBe(0);
    for (const repo of repos) expect(w.markers(repo, 1, APP_BOT)).toEqual(OWED);
  });

  it("--repo in app mode sweeps only the named repositories of the installations", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    for (const repo of [w.repo("acme/a"), w.repo("acme/b"), w.repo("acme/c")]) atRisk(repo);
    const run = await w.sweep(["--repo", "acme/c", "--repo", "ACME/A"], { mode: "app" });
    expect(run.code).toBe(0);
    expect(run.repos.map((r) => r.repo)).toEqual(["acme/a", "acme/c"]);
    expect(w.fake.commentsOf("acme/b", 1)).toEqual([]);
  });

  it("--repo naming a repository no installation covers: reported as not swept, exit 1, the others swept", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    atRisk(w.repo("acme/a"));
    // A repository of an organisation the app is not installed on.
    w.fake.addRepo({ owner: "globex", ownerType: "Organization", name: "support", files: { [CONFIG_PATH]: VALID_CONFIG } });
    const run = await w.sweep(["--repo", "acme/a", "--repo", "acme/typo", "--repo", "globex/support"], { mode: "app" });
    expect(run.code).toBe(1);
    expect(run.repos.map((r) => [r.repo, r.ok])).toEqual([["acme/typo", false], ["globex/support", false], ["acme/a", true]]);
    expect(run.stderr).toMatch(/^swept 3 repositories \(2 failed\)/);
    expect(w.markers("acme/a", 1, APP_BOT)).toEqual(OWED);
  });

  describe("--shard i/N: installations by id mod N", () => {
    it.each([
      { shard: "1/2", swept: ["o10", "o12"] },
      { shard: "2/2", swept: ["o11", "o13"] },
      { shard: "1/1", swept: ["o10", "o11", "o12", "o13"] },
      { shard: "3/4", swept: ["o10"] },
      { shard: "1/4", swept: ["o12"] },
      { shard: "3/3", swept: ["o11"] },
      { shard: undefined, swept: ["o10", "o11", "o12", "o13"] },
    ])("--shard $shard sweeps $swept", async ({ shard, swept }) => {
      w = await new SweepWorld(NOW).start();
      for (const id of [10, 11, 12, 13]) {
        w.org(`o${id}`, id);
        atRisk(w.repo(`o${id}/support`));
      }
      const run = await w.sweep(shard ? ["--shard", shard] : [], { mode: "app" });
      expect(run.code).toBe(0);
      expect(run.repos.map((r) => r.repo.split("/")[0])).toEqual(swept);
      // Tokens only for the shard's installations; the others untouched.
      expect(run.requests.filter((r) => r.kind === "auth").map((r) => r.path.split("/")[3]).sort()).toEqual(swept.map((o) => o.slice(1)));
      for (const id of [10, 11, 12, 13]) {
        expect(w.markers(`o${id}/support`, 1, APP_BOT)).toEqual(swept.includes(`o${id}`) ? OWED : []);
      }
    });
  });
});

describe("token mode (GITHUB_TOKEN with --repo, as in a scheduled workflow)", () => {
  const base = (): NodeJS.ProcessEnv => ({ LOG_LEVEL: "silent", GITHUB_TOKEN: `${ACTIONS_TOKEN}_acme` });
  it.each<{ what: string; env: () => NodeJS.ProcessEnv; graphql: string }>([
    { what: "github.com layout", env: () => ({ ...base(), GITHUB_API_URL: w.fake.url }), graphql: "/graphql" },
    { what: "GHES: GITHUB_API_URL=…/api/v3 alone", env: () => ({ ...base(), GITHUB_API_URL: w.fake.apiUrl }), graphql: "/api/graphql" },
    { what: "GHES: GITHUB_API_URL and GITHUB_GRAPHQL_URL", env: () => ({ ...base(), GITHUB_API_URL: w.fake.apiUrl, GITHUB_GRAPHQL_URL: `${w.fake.url}/api/graphql` }), graphql: "/api/graphql" },
    // GITHUB_GRAPHQL_URL wins over what GITHUB_API_URL would give.
    { what: "GITHUB_GRAPHQL_URL elsewhere than GITHUB_API_URL", env: () => ({ ...base(), GITHUB_API_URL: w.fake.url, GITHUB_GRAPHQL_URL: `${w.fake.url}/api/graphql` }), graphql: "/api/graphql" },
    { what: "GHES through GHE_HOST and GHE_PROTOCOL", env: () => ({ ...base(), GHE_HOST: `127.0.0.1:${w.fake.port}`, GHE_PROTOCOL: "http" }), graphql: "/api/graphql" },
  ])("$what", async ({ env, graphql }) => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const repos = [w.repo("acme/a"), w.repo("acme/b")];
    for (const repo of repos) atRisk(repo);
    const run = await w.sweep(["--repo", "acme/a", "--repo", "acme/b"], { env: env() });
    expect(run.code).toBe(0);
    expect(resultsOf(run)).toEqual([["acme/a", true, "valid"], ["acme/b", true, "valid"]]);
    expect(graphqlOf(run.requests).map((r) => r.path)).toEqual([graphql, graphql]);
    for (const repo of repos) expect(w.markers(repo, 1, ACTIONS_BOT)).toEqual(OWED);
  });

  it("in GitHub Actions (GITHUB_ACTIONS=true) the token writes as github-actions[bot] without --bot", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    atRisk(w.repo("acme/a"));
    const run = await w.sweep(["--repo", "acme/a"], { mode: "app", env: { ...base(), GITHUB_API_URL: w.fake.url, GITHUB_ACTIONS: "true" } });
    expect(run.code).toBe(0);
    expect(w.markers("acme/a", 1, ACTIONS_BOT)).toEqual(OWED);
    // A second run recognises those comments as its own: nothing more.
    expect(writesOf((await w.sweep(["--repo", "acme/a"], { mode: "app", env: { ...base(), GITHUB_API_URL: w.fake.url, GITHUB_ACTIONS: "true" } })).requests)).toEqual([]);
  });

  // Regression: a --repo that does not exist or that the token cannot see (a typo in the workflow) must
  // not count as swept just because its configuration read answered 404.
  it("a --repo that does not exist is not reported as swept", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    atRisk(w.repo("acme/a"));
    const run = await w.sweep(["--repo", "acme/a", "--repo", "acme/typo"]);
    expect(w.markers("acme/a", 1, ACTIONS_BOT)).toEqual(OWED);
    expect(run.repos.find((r) => r.repo === "acme/typo")).toMatchObject({ ok: false });
    expect(run.code).toBe(1);
  });
});

describe("usage errors exit 2 before asking GitHub anything", () => {
  const token = { GITHUB_TOKEN: "ghs_x", GITHUB_API_URL: "http://127.0.0.1:9" };
  const app = { APP_ID: "7", PRIVATE_KEY: "not used" };
  it.each<{ what: string; args: string[]; env: NodeJS.ProcessEnv; message: RegExp }>([
    { what: "no credentials", args: [], env: {}, message: /no credentials: set APP_ID and PRIVATE_KEY/ },
    { what: "a token without --repo", args: [], env: token, message: /no credentials/ },
    { what: "APP_ID without a key", args: [], env: { APP_ID: "7" }, message: /no credentials/ },
    { what: "--repo without owner", args: ["--repo", "support"], env: token, message: /--repo expects owner\/name, got "support"/ },
    { what: "--repo with a URL", args: ["--repo", "https://github.com/acme/support"], env: token, message: /--repo expects owner\/name/ },
    { what: "--repo with too many parts", args: ["--repo", "acme/support/x"], env: token, message: /--repo expects owner\/name/ },
    { what: "--shard past N", args: ["--shard", "3/2"], env: app, message: /--shard expects i\/N with 1 ≤ i ≤ N/ },
    { what: "--shard 0/2", args: ["--shard", "0/2"], env: app, message: /--shard expects i\/N/ },
    { what: "--shard 1/0", args: ["--shard", "1/0"], env: app, message: /--shard expects i\/N/ },
    { what: "--shard without N", args: ["--shard", "2"], env: app, message: /--shard expects i\/N/ },
    { what: "--shard with a token", args: ["--shard", "1/2", "--repo", "acme/a"], env: token, message: /--shard splits an app's installations/ },
    { what: "a token without --bot outside GitHub Actions", args: ["--repo", "acme/a"], env: token, message: /--bot LOGIN/ },
    { what: "--max-wait negative", args: ["--max-wait=-5"], env: app, message: /--max-wait expects seconds/ },
    { what: "--max-wait not a number", args: ["--max-wait", "soon"], env: app, message: /--max-wait expects seconds/ },
    { what: "an unknown option", args: ["--shards", "1/2"], env: app, message: /--shards/ },
  ])("$what", async ({ args, env, message }) => {
    w = await new SweepWorld(NOW).start();
    const run = await w.sweep(args, { mode: "app", env: { LOG_LEVEL: "silent", ...env } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain("Run 'incident-sla sweep --help' for usage.");
    expect(run.stdout).toBe("");
    expect(w.fake.requests).toEqual([]);
  });
});
