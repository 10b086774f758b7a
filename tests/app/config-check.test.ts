// The `incident-sla` check run on pull requests that change a configuration
// (README, "The check on pull requests"), through the real
// app in a Probot pointed at the local GitHub (tests/support/fake-github),
// which checks every request against GitHub's REST description.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app.js";
import { ALIAS_BOMB } from "../fixtures/hostile-configs.js";
import { type FakeGitHub, createFakeGitHub } from "../support/fake-github/index.js";
import { type FakePull, openPull, pullRequestPayload, pullsOf } from "../support/fake-github/pulls.js";

const APP_ID = 7;
const INSTALLATION = 42;
const CONFIG = ".github/incident-sla.yml";
const NOW = "2026-03-02T07:00:00Z";
const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

/** A contract whose severity 3 is accepted within `accept` on a 24x7 clock. */
const contract = (accept: string, language = "en") => `timezone: Europe/Moscow
language: ${language}
severities:
  1: { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d }
  2: { clock: 24x7, accept: 1h, workaround: 8h, resolve: 5d }
  3: { clock: 24x7, accept: ${accept}, resolve: 10d }
`;

interface World {
  fake: FakeGitHub;
  probot: Probot;
  deliver: (action: "opened" | "synchronize" | "reopened", pull: FakePull, id?: string) => Promise<void>;
  runs: (repo: string) => ReturnType<typeof pullsOf>["checkRuns"];
}

const opened: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((f) => f.close()));
});

async function world(): Promise<World> {
  const clock = { now: Date.parse(NOW) };
  const fake = await createFakeGitHub({ clock: () => clock.now, appId: APP_ID, appPublicKey: keys.publicKey });
  opened.push(fake);
  fake.addInstallation({ id: INSTALLATION, account: "acme", accountType: "Organization" });
  const probot = new Probot({
    appId: APP_ID,
    privateKey: keys.privateKey,
    baseUrl: fake.apiUrl,
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } })),
    logLevel: "warn",
  });
  await probot.load(createApp({ now: () => clock.now, appSlug: "incident-sla", sweepIntervalSeconds: 0 }));
  let n = 0;
  return {
    fake,
    probot,
    deliver: (action, pull, id) => probot.receive({ id: id ?? `pr-${++n}`, name: "pull_request", payload: pullRequestPayload(fake.state, { api: fake.apiUrl, web: fake.url }, action, pull) } as never),
    runs: (repo) => pullsOf(fake.state).checkRuns.filter((r) => r.repo.fullName === repo),
  };
}

/** A customer repository with two open incidents of severity 3, opened an hour and half an hour ago. */
function customer(w: World, name: string, config: string): void {
  w.fake.addRepo({ owner: "acme", ownerType: "Organization", name, files: { [CONFIG]: config }, createdAt: "2025-01-01T00:00:00Z" });
  w.fake.addIssue(`acme/${name}`, { number: 1, title: "Login down", body: "SSO fails", user: "cust-bob", authorAssociation: "NONE", createdAt: "2026-03-02T06:00:00Z" });
  w.fake.addIssue(`acme/${name}`, { number: 2, title: "Slow tokens", body: "Tokens are slow", user: "cust-bob", authorAssociation: "NONE", createdAt: "2026-03-02T06:30:00Z" });
}

const checkRequests = (w: World) => w.fake.requests.filter((r) => r.route?.includes("check-runs"));

describe("the incident-sla check run", () => {
  it("an invalid file: failure, one annotation on the line of the error with its did-you-mean, the summary listing it", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: "language: en\ntimezon: Europe/Moscow\n" } });
    await w.deliver("opened", pull);
    const [run, ...others] = w.runs("acme/support");
    expect(others).toEqual([]);
    expect(run).toMatchObject({ name: "incident-sla", headSha: pull.headSha, status: "completed", conclusion: "failure" });
    expect(run!.annotations).toEqual([
      { path: CONFIG, start_line: 2, end_line: 2, annotation_level: "failure", title: "incident-sla: invalid configuration", message: 'timezon: unknown key "timezon": did you mean "timezone"?' },
    ]);
    expect(run!.output.summary).toContain('  - timezon, line 2: unknown key "timezon": did you mean "timezone"?');
    expect(w.fake.violations).toEqual([]);
  });

  it("a valid change moving two deadlines: neutral, both incidents before → after in the contract's zone", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: contract("4h") } });
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/support");
    expect(run).toMatchObject({ conclusion: "neutral", output: { title: "Deadlines move for 2 open incidents" } });
    expect(run!.annotations).toEqual([]);
    // 06:00Z + 8h = 17:00 Moscow → + 4h = 13:00 Moscow; 06:30Z likewise.
    expect(run!.output.summary).toContain("| acme/support | [#1](");
    expect(run!.output.summary).toContain("Login down | Acceptance: due | 2026-03-02 17:00 UTC+3 | 2026-03-02 13:00 UTC+3 |");
    expect(run!.output.summary).toContain("Slow tokens | Acceptance: due | 2026-03-02 17:30 UTC+3 | 2026-03-02 13:30 UTC+3 |");
    expect(w.fake.violations).toEqual([]);
  });

  it("when deadlines move, the base configuration's configCheck.whenDeadlinesMove decides; the head's does not", async () => {
    const w = await world();
    const verdict = (v: string) => `configCheck:\n  whenDeadlinesMove: ${v}\n`;
    customer(w, "strict", contract("8h") + verdict("failure"));
    await w.deliver("opened", openPull(w.fake.state, "acme/strict", { author: "mallory", changes: { [CONFIG]: contract("4h") + verdict("success") } }));
    expect(w.runs("acme/strict")[0]).toMatchObject({ conclusion: "failure", output: { title: "Deadlines move for 2 open incidents" } });
    // The default (neutral) base: a head asking for failure or success does not choose either.
    customer(w, "support", contract("8h"));
    await w.deliver("opened", openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: contract("4h") + verdict("success") } }));
    expect(w.runs("acme/support")[0]).toMatchObject({ conclusion: "neutral" });
    expect(w.fake.violations).toEqual([]);
  });

  it("the organisation's defaults: the verdict is the defaults' base, not the pull request's head", async () => {
    const w = await world();
    w.fake.addRepo({ owner: "acme", ownerType: "Organization", name: ".github", files: { [CONFIG]: contract("8h") + "configCheck:\n  whenDeadlinesMove: failure\n" } });
    customer(w, "bank", "_extends: .github\n");
    await w.deliver("opened", openPull(w.fake.state, "acme/.github", { author: "eng-anna", changes: { [CONFIG]: contract("4h") + "configCheck:\n  whenDeadlinesMove: success\n" } }));
    expect(w.runs("acme/.github")[0]).toMatchObject({ conclusion: "failure", output: { title: "Deadlines move for 2 open incidents" } });
    expect(w.fake.violations).toEqual([]);
  });

  it("the summary is in the contract's language (ru)", async () => {
    const w = await world();
    customer(w, "support", contract("8h", "ru"));
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: contract("4h", "ru") } });
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/support");
    expect(run!.output.title).toBe("Сроки сдвигаются у открытых обращений: 2");
    expect(run!.output.summary).toContain("Принятие в работу: срок | 02.03.2026 17:00 UTC+3 | 02.03.2026 13:00 UTC+3 |");
  });

  it("a fork's pull request: its head is read through the base repository, the check run is created there, nothing asked of the fork", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    w.fake.addRepo({ owner: "mallory", name: "support", files: { [CONFIG]: contract("8h") } });
    const pull = openPull(w.fake.state, "acme/support", { head: "mallory/support", author: "mallory", changes: { [CONFIG]: contract("4h") } });
    await w.deliver("opened", pull);
    expect(w.runs("acme/support")).toHaveLength(1);
    expect(w.runs("acme/support")[0]).toMatchObject({ conclusion: "neutral", headSha: pull.headSha });
    expect(w.fake.requests.filter((r) => r.path.startsWith("/repos/mallory/"))).toEqual([]);
    expect(w.fake.requests.some((r) => decodeURIComponent(r.path) === `/repos/acme/support/contents/${CONFIG}` && r.query.includes(pull.headSha))).toBe(true);
    expect(w.fake.violations).toEqual([]);
  });

  it("the organisation's defaults extended by two customers: the impact across both", async () => {
    const w = await world();
    w.fake.addRepo({ owner: "acme", ownerType: "Organization", name: ".github", files: { [CONFIG]: contract("8h") } });
    customer(w, "bank", "_extends: .github\n");
    customer(w, "shop", "_extends: .github\ncontract:\n  customer: Shop\n");
    w.fake.addRepo({ owner: "acme", ownerType: "Organization", name: "internal" });
    const pull = openPull(w.fake.state, "acme/.github", { author: "eng-anna", changes: { [CONFIG]: contract("4h") } });
    w.fake.resetCounts();
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/.github");
    expect(run).toMatchObject({ conclusion: "neutral", output: { title: "Deadlines move for 4 open incidents" } });
    expect(run!.output.summary).toContain("extended by 2 repositories: acme/bank, acme/shop");
    for (const repo of ["acme/bank", "acme/shop"]) for (const n of [1, 2]) expect(run!.output.summary).toContain(`| ${repo} | [#${n}](`);
    expect(w.fake.violations).toEqual([]);
    // Requests of one check: files, installation's repositories, configurations (each file once), one GraphQL page per customer, list + create.
    expect(w.fake.counts.graphql).toBe(2);
  });

  it.each([
    ["an alias bomb", ALIAS_BOMB, /too many aliases/],
    ["two megabytes", `language: en\n# ${"x".repeat(2 * 1024 * 1024)}\n`, /2049 KiB; a configuration may be at most 64 KiB/],
  ])("hostile YAML (%s) is refused with an annotation", async (_name, text, problem) => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const pull = openPull(w.fake.state, "acme/support", { author: "mallory", changes: { [CONFIG]: text } });
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/support");
    expect(run!.conclusion).toBe("failure");
    expect(run!.annotations).toHaveLength(1);
    expect(run!.annotations[0]).toMatchObject({ path: CONFIG, start_line: 1 });
    expect(run!.annotations[0]!.message).toMatch(problem);
    expect(w.fake.violations).toEqual([]);
  });

  it("60 problems: 60 annotations, 50 with the run and 10 in one update (GitHub takes 50 a request)", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const typos = Array.from({ length: 60 }, (_, i) => `typo${i}: 1`).join("\n");
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: `language: en\n${typos}\n` } });
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/support");
    expect(run!.annotations).toHaveLength(60);
    expect(run!.annotations[0]).toMatchObject({ start_line: 2, message: 'typo0: unknown key "typo0": valid keys here: ' + run!.annotations[0]!.message.split("valid keys here: ")[1] });
    const writes = checkRequests(w).filter((r) => r.method !== "GET");
    expect(writes.map((r) => [r.method, (r.body as { output: { annotations?: unknown[] } }).output.annotations?.length])).toEqual([["POST", 50], ["PATCH", 10]]);
    expect(w.fake.violations).toEqual([]);
  });

  it("bounded reading: of 620 open incidents 500 are compared, in 6 GraphQL requests, and the rest is said to be unread", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    for (let n = 3; n <= 620; n++) w.fake.addIssue("acme/support", { number: n, title: `Incident ${n}`, body: "x", user: "cust-bob", authorAssociation: "NONE", createdAt: "2026-03-02T06:45:00Z" });
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: contract("4h") } });
    w.fake.resetCounts();
    await w.deliver("opened", pull);
    const [run] = w.runs("acme/support");
    expect(run!.output.title).toBe("Deadlines move for 500 open incidents");
    expect(run!.output.summary).toContain("acme/support: only the first 500 open incidents were read");
    expect(run!.output.summary!.length).toBeLessThan(65_536);
    expect(w.fake.counts.graphql).toBe(6);
    // Token, files, two configuration reads, the organisation's members (engineers), six GraphQL pages, list + create.
    expect(w.fake.counts.byRoute["GET /orgs/{org}/members"]).toBe(1);
    expect(w.fake.counts.total).toBe(13);
    expect(w.fake.violations).toEqual([]);
  });

  it("a new configuration: success; a removed one: neutral, counting the incidents that lose their clocks", async () => {
    const w = await world();
    w.fake.addRepo({ owner: "acme", ownerType: "Organization", name: "newcomer" });
    await w.deliver("opened", openPull(w.fake.state, "acme/newcomer", { author: "eng-anna", changes: { [CONFIG]: contract("8h") } }));
    expect(w.runs("acme/newcomer")[0]).toMatchObject({ conclusion: "success", output: { title: "A new configuration: valid" } });
    customer(w, "support", contract("8h"));
    await w.deliver("opened", openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: null } }));
    expect(w.runs("acme/support")[0]).toMatchObject({ conclusion: "neutral", output: { title: "The configuration is removed" } });
    expect(w.runs("acme/support")[0]!.output.summary).toContain("2 open incidents lose their deadlines");
    expect(w.fake.violations).toEqual([]);
  });

  it("a pull request that does not touch the configuration: no check run", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { "README.md": "hello\n" } });
    await w.deliver("opened", pull);
    expect(w.runs("acme/support")).toEqual([]);
    expect(checkRequests(w)).toEqual([]);
    expect(w.fake.requests.filter((r) => r.path.includes("/contents/"))).toEqual([]);
  });

  it("a redelivered event (and a synchronize for the same head): one check run, nothing written again", async () => {
    const w = await world();
    customer(w, "support", contract("8h"));
    const pull = openPull(w.fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: "language: en\ntimezon: Europe/Moscow\n" } });
    await w.deliver("opened", pull, "same-delivery");
    await w.deliver("opened", pull, "same-delivery");
    await w.deliver("synchronize", pull);
    expect(w.runs("acme/support")).toHaveLength(1);
    expect(w.runs("acme/support")[0]!.annotations).toHaveLength(1);
    expect(checkRequests(w).filter((r) => r.method !== "GET").map((r) => r.method)).toEqual(["POST"]);
    expect(w.fake.violations).toEqual([]);
  });
});
