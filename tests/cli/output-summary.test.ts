// `--output summary` for `sweep` and `report --post` (README, Three ways to run it, one code path): the
// Actions example runs in the vendor's operations repository, whose logs are
// not for customers to read about each other. With it, stdout holds one line
// of totals, stderr one summary line, no log line is written whatever
// LOG_LEVEL says, no organisation or repository is named, and the exit code
// is the one the per-repository output would give.
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type World, keys, octokitOptions, startWorld } from "../report/github-world.js";
import { APP_ID, KEYS, SweepWorld } from "../sweep/sweep-world.js";
import { Collector } from "./run-cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const CONFIG_PATH = ".github%2Fincident-sla.yml";

let sweepWorld: SweepWorld | undefined;
let reportWorld: World | undefined;
afterEach(async () => {
  await sweepWorld?.close();
  await reportWorld?.fake.close();
  sweepWorld = undefined;
  reportWorld = undefined;
});

/** `node --import tsx tests/cli/run-source.ts ARGS`: a real process, so its log lines on fd 2 are seen too. */
function runProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/cli/run-source.ts", ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, any>);

// Names that must never reach a shared log.
const NAMES = ["initech", "globex", "helpdesk-alpha", "payroll-desk", "support-desk"];
const named = (text: string) => NAMES.filter((name) => text.includes(name));

describe("incident-sla sweep --output summary", () => {
  it("a process with LOG_LEVEL=debug and a failing repository: totals only, no name, no log line, exit 1 as without it", async () => {
    // The process reads the real clock: the local GitHub keeps the same time, so the app's tokens are valid there.
    sweepWorld = await new SweepWorld(new Date().toISOString()).start();
    const w = sweepWorld;
    w.org("initech", 21);
    w.org("globex", 22);
    w.repo("initech/helpdesk-alpha");
    w.repo("initech/payroll-desk");
    w.repo("globex/support-desk");
    // A 403 is not retried: the repository fails at once, in both runs.
    w.fake.setFault({ path: `/repos/initech/payroll-desk/contents/${CONFIG_PATH}` }, { status: 403, times: Infinity });
    const env = { APP_ID: String(APP_ID), PRIVATE_KEY: KEYS.privateKey, GHE_HOST: `127.0.0.1:${w.fake.port}`, GHE_PROTOCOL: "http", LOG_LEVEL: "debug" as const };

    const perRepository = await runProcess(["sweep"], env);
    expect(perRepository.code).toBe(1);
    const repos = lines(perRepository.stdout);
    expect(repos.map((r) => [r.repo, r.ok])).toEqual([
      ["initech/helpdesk-alpha", true],
      ["initech/payroll-desk", false],
      ["globex/support-desk", true],
    ]);
    // What a shared log would have shown without the option.
    expect(named(perRepository.stdout + perRepository.stderr).length).toBeGreaterThan(0);

    const summary = await runProcess(["sweep", "--output", "summary"], env);
    expect(summary.code).toBe(perRepository.code);
    const sum = (key: string) => repos.reduce((n, r) => n + (r[key] as number), 0);
    expect(lines(summary.stdout)).toEqual([
      { repositories: 3, failed: 1, incidents: sum("incidents"), reads: sum("reads"), writes: sum("writes"), deferred: sum("deferred"), dryRun: false },
    ]);
    expect(summary.stderr).toMatch(/^swept 3 repositories \(1 failed\): \d+ open incidents, \d+ reads, \d+ writes, \d+ deferred\n$/);
    expect(named(summary.stdout + summary.stderr)).toEqual([]);
  }, 60_000);

  async function sweepInProcess(w: SweepWorld, args: string[]) {
    const stdout = new Collector();
    const stderr = new Collector();
    const code = await main(["sweep", ...args], {
      stdin: Readable.from([""]),
      stdout,
      stderr,
      env: w.env("app"),
      now: () => w.now,
      octokitOptions: (o) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } }),
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it("with --dry-run: the plans are not listed (each names its repository), nothing is written", async () => {
    sweepWorld = await new SweepWorld("2026-03-02T10:00:00Z").start();
    const w = sweepWorld;
    w.org("initech", 21);
    for (const repo of [w.repo("initech/helpdesk-alpha"), w.repo("initech/payroll-desk")]) {
      w.incident(repo, { number: 1, severity: 1, createdAt: "2026-03-02T09:35:00Z" }); // at risk: owed a reminder and its status
    }
    const plans = await sweepInProcess(w, ["--dry-run"]);
    expect(plans.code).toBe(0);
    expect(lines(plans.stdout).filter((l) => "writes" in l && "issue" in l)).toHaveLength(2); // one plan per incident

    const first = w.fake.requests.length;
    const summary = await sweepInProcess(w, ["--dry-run", "--output", "summary"]);
    expect(summary.code).toBe(0);
    expect(lines(summary.stdout)).toEqual([
      { repositories: 2, failed: 0, incidents: 2, reads: expect.any(Number), writes: 0, deferred: 0, dryRun: true },
    ]);
    expect(summary.stderr).toMatch(/\(dry run: nothing written\)\n$/);
    expect(named(summary.stdout + summary.stderr)).toEqual([]);
    expect(w.fake.requests.slice(first).filter((r) => r.kind === "rest-write")).toEqual([]);
  });

  it("--output takes lines or summary (usage error, exit 2)", async () => {
    sweepWorld = await new SweepWorld("2026-03-02T10:00:00Z").start();
    const result = await sweepInProcess(sweepWorld, ["--output", "json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output expects lines or summary, got "json"');
    expect(sweepWorld.fake.requests).toEqual([]);
  });
});

describe("incident-sla report --post --output summary", () => {
  async function report(argv: string[]) {
    const stdout = new Collector();
    const stderr = new Collector();
    const env = { APP_ID: "7", PRIVATE_KEY: keys.privateKey, GHE_HOST: `127.0.0.1:${reportWorld!.fake.port}`, GHE_PROTOCOL: "http", LOG_LEVEL: "silent" as const };
    const code = await main(["report", ...argv], { stdin: Readable.from([""]), stdout, stderr, env, now: () => reportWorld!.clock.now, octokitOptions });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }
  // startWorld: organisations "acme" (customer acme/support, reports into the given repository) and "globex" (no report section).
  const names = (text: string) => ["acme", "globex", "support", "sla-reports"].filter((n) => text.includes(n));

  it("posts as without it and prints only the counts by outcome", async () => {
    reportWorld = await startWorld({ report: "report:\n  repository: acme/sla-reports\n" });
    const result = await report(["--post", "--output", "summary"]);
    expect(result.code).toBe(0);
    expect(lines(result.stdout)).toEqual([{ organisations: 2, created: 1, exists: 0, "claimed-elsewhere": 0, refused: 0, skipped: 1, failed: 0, failedRepositories: 0 }]);
    expect(result.stderr).toBe("");
    expect(names(result.stdout)).toEqual([]);
    expect(reportWorld.fake.issueOf("acme/sla-reports", 1).title).toBeTruthy();

    const again = await report(["--post", "--output", "summary"]);
    expect(lines(again.stdout)).toEqual([expect.objectContaining({ created: 0, exists: 1, skipped: 1 })]);
  });

  it("a refused post: exit 1, counted, not named", async () => {
    reportWorld = await startWorld({ report: "report:\n  repository: acme/support\n" });
    const result = await report(["--post", "--output", "summary", "--repo", "acme/support", "--repo", "acme/typo"]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([expect.objectContaining({ organisations: 1, refused: 1, created: 0 })]);
    expect(result.stderr).toBe("incident-sla report: 1 of the --repo repositories are not among those the app's installations can see\n");
    expect(names(result.stdout + result.stderr)).toEqual([]);
  });

  it.each([
    [["--output", "summary", "--from", "2026-03-01", "--to", "2026-03-31", "--repo", "acme/support"], "--output summary goes with --post"],
    [["--post", "--output", "table"], '--output expects lines or summary, got "table"'],
  ])("%j is a usage error (exit 2)", async (argv, message) => {
    reportWorld = await startWorld();
    const result = await report(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(reportWorld.fake.requests).toEqual([]);
  });
});
