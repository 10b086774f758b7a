// `npm run bench:sweep`: what one sweep of open incidents costs (README, Sweep
// performance), against a local fake GitHub in a separate process, for 10,000
// incidents in 50 repositories and 1,000 in 10, side by side with the naive
// approach (one REST timeline read per issue), in one run.
//
// Per scenario:
//   1. the fake GitHub starts in its own process (bench/sweep/fake-server.ts)
//      and seeds the scenario from a fixed seed (bench/sweep/seed.ts);
//   2. ours, first sweep: sweepInstallation with a token Octokit whose
//      throttling and retries are off, as `incident-sla sweep` builds it, over
//      every repository (owner type Organization, as the app's installation
//      listing gives it). GitHub's write budget (80/min, 500/h) is lifted so
//      that one sweep writes everything the incidents are owed;
//   3. ours, second sweep right after, fresh caches like a new CronJob run:
//      nothing changed, so it must write nothing;
//   4. naive: list open issues with REST, read every timeline, evaluate;
//   5. (1k only) checks: the GraphQL reading evaluates every incident exactly
//      as the REST reading does; `incident-sla sweep --dry-run` in token mode.
// The larger scenario runs first, so the memory goal is measured in a process
// that has done nothing else (as a CronJob's would be).
// Requests are counted by the fake (server side); time is wall time; memory is
// this process's, sampled every 20 ms after a full collection.
// Exit code 1 when a goal or a sanity check fails.
import os from "node:os";
import { Writable } from "node:stream";
import v8 from "node:v8";
import { pino } from "pino";
import { ProbotOctokit } from "probot";
import type { SweepDeps } from "../src/app/sweep-deps.js";
import { type RepoToSweep, sweepInstallation } from "../src/app/sweep-runner.js";
import { main } from "../src/cli/main.js";
import { type Evaluation, evaluate } from "../src/domain/clock/evaluate.js";
import type { Write } from "../src/github/apply-plan.js";
import { LabelCache } from "../src/github/labels.js";
import { loadRepoConfig } from "../src/github/load-config.js";
import { OrgMembersCache } from "../src/github/org-members.js";
import { readOpenIncidents } from "../src/github/read-open-incidents.js";
import type { Octokit } from "../src/github/types.js";
import { WriteBudgets } from "../src/github/write-budget.js";
import { type FakeProcess, startFake } from "./sweep/fake-process.js";
import { type PhaseMeasure, measurePeak } from "./sweep/memory.js";
import { naiveSweep } from "./sweep/naive.js";
import { BOT, NOW, OWNER, type RepoExpectation, SCENARIOS, type Scenario, TOKEN } from "./sweep/scenario.js";
import { type Tally, sumOf } from "./sweep/tally.js";

const MEMORY_GOAL_BYTES = 200e6;
const MEMORY_GOAL_AT = "10k";
/** Runs the cross-checks (GraphQL vs REST evaluations, the CLI's token mode) on the small scenario only: they cost time. */
const CHECKS_AT = "1k";

const out = (line = "") => console.log(line);
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const MB = (bytes: number) => (bytes / 1e6).toFixed(0);
const int = (n: number) => n.toLocaleString("en-US");
const sec = (ms: number) => (ms / 1000).toFixed(1);
const times = (a: number, b: number) => (b > 0 ? `×${(a / b).toFixed(a / b >= 10 ? 0 : 1)}` : "—");

function table(rows: string[][], indent = "   "): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const r of rows) out(indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
}

// ---------------------------------------------------------------- the sweep's Octokit

const log = pino({ level: "warn" }, pino.destination(2));
/** Probot's throttling (one write a second) and retries off, the function form TOOLCHAIN.md prescribes. */
const octokitOptions = (o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } });
const BenchOctokit = ProbotOctokit.defaults(octokitOptions);
const tokenOctokit = (url: string): Octokit => new BenchOctokit({ auth: { token: TOKEN }, baseUrl: url, log });
const now = () => NOW;

interface WriteKinds {
  incidents: number;
  byKind: Record<string, number>;
}

function sweepDeps(written?: WriteKinds): SweepDeps {
  return {
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    botLogin: BOT,
    labels: new LabelCache(now),
    members: new OrgMembersCache(now),
    maxRateLimitWaitMs: 60_000,
    log,
    onPlan: written
      ? (_ref, writes: Write[]) => {
          written.incidents++;
          for (const w of writes) {
            const what = "key" in w ? `${w.kind} ${w.key.split(":")[0]}` : w.kind;
            written.byKind[what] = (written.byKind[what] ?? 0) + 1;
          }
        }
      : undefined,
  };
}

// ---------------------------------------------------------------- phases and checks

interface Measured<T> extends PhaseMeasure<T> {
  tally: Tally;
}

async function measured<T>(fake: FakeProcess, name: string, run: () => Promise<T>): Promise<Measured<T>> {
  progress(name);
  await fake.drain(); // whatever came before belongs to no phase
  const phase = await measurePeak(run);
  return { ...phase, tally: await fake.drain() };
}

interface Check {
  ok: boolean;
  text: string;
  /** Goals and sanity checks decide the exit code; notes are information (OK or WARN). */
  kind: "goal" | "sanity" | "note";
}

/** Goal 1 for one sweep: per repository, issue pages ≤ ceil(n/100) and extra pages ≤ those its timelines need. */
function readsCheck(label: string, tally: Tally, expected: RepoExpectation[], source: string): Check {
  const over = expected.filter((e) => (tally.issuePages[e.repo] ?? 0) > e.issuePages || (tally.extraPages[e.repo] ?? 0) > e.extraPages);
  const bound = expected.reduce((n, e) => n + e.issuePages + e.extraPages, 0);
  const reads = tally.graphql;
  const detail = over.map((e) => `${e.repo}: ${tally.issuePages[e.repo] ?? 0}+${tally.extraPages[e.repo] ?? 0} > ${e.issuePages}+${e.extraPages}`).join("; ");
  return {
    ok: over.length === 0 && reads <= bound,
    kind: "goal",
    text:
      `${label}: ${int(reads)} GraphQL reads (${int(sumOf(tally.issuePages))} issue pages + ${int(sumOf(tally.extraPages))} extra timeline pages) ≤ ${int(bound)} = Σ ceil(n/100) + extra pages (${source}); ` +
      (over.length === 0 ? `each of ${expected.length} repositories within its own bound` : `over the bound in ${detail}`),
  };
}

interface ScenarioReport {
  scenario: Scenario;
  checks: Check[];
}

async function runScenario(scenario: Scenario): Promise<ScenarioReport> {
  const checks: Check[] = [];
  const notes: string[] = [];
  progress(`${scenario.name}: starting and seeding the fake GitHub`);
  const fake = await startFake(scenario);
  try {
    const seeded = fake.expected;
    const open = seeded.reduce((n, e) => n + e.open, 0);
    const closed = seeded.reduce((n, e) => n + e.closed, 0);
    const sizes = seeded.map((e) => e.open);
    const over100 = seeded.reduce((n, e) => n + e.over100, 0);

    const before = await fake.expectFromState();
    checks.push({ kind: "sanity", ok: JSON.stringify(before) === JSON.stringify(seeded), text: `${scenario.name}: page counts from the seed equal those from the fake's state` });

    const octokit = tokenOctokit(fake.url);
    const repos: RepoToSweep[] = fake.repos.map((repo) => ({ owner: OWNER, repo, ownerType: "Organization" }));
    const installation = { id: `token:${fake.url}`, octokit, graphql: octokit.graphql, repos };
    const lifted = () => new WriteBudgets({ perMinute: Number.POSITIVE_INFINITY, perHour: Number.POSITIVE_INFINITY }, now);

    // Warm-up on the smallest repository (JIT, the fake's parsed queries), outside every figure.
    const openOf = (r: RepoToSweep) => seeded.find((e) => e.repo === r.repo)!.open;
    const smallest = [...repos].sort((a, b) => openOf(a) - openOf(b))[0]!;
    await sweepInstallation({ ...sweepDeps(), dryRun: true }, lifted(), { ...installation, repos: [smallest] });
    await naiveSweep(octokit, new OrgMembersCache(now), [smallest], NOW, BOT);

    const written: WriteKinds = { incidents: 0, byKind: {} };
    const first = await measured(fake, `${scenario.name}: ours, first sweep`, () => sweepInstallation(sweepDeps(written), lifted(), installation));
    const afterFirst = await fake.expectFromState();
    const second = await measured(fake, `${scenario.name}: ours, second sweep`, () => sweepInstallation(sweepDeps(), lifted(), installation));

    const crossCheck = scenario.name === CHECKS_AT;
    const naiveEvaluations = new Map<string, string>();
    const naive = await measured(fake, `${scenario.name}: naive`, () =>
      naiveSweep(octokit, new OrgMembersCache(now), repos, NOW, BOT, crossCheck ? (repo, e) => naiveEvaluations.set(`${repo}#${e.number}`, JSON.stringify(e)) : undefined),
    );

    // ---- goals and sanity checks
    for (const [label, phase, expected, source] of [
      ["first sweep", first, seeded, "counted from the seed"],
      ["second sweep", second, afterFirst, "counted from the timelines after the first sweep's comments and labels"],
    ] as const) {
      const failed = phase.value.filter((r) => !r.ok);
      const incidents = phase.value.reduce((n, r) => n + r.incidents, 0);
      checks.push({
        kind: "sanity",
        ok: failed.length === 0 && incidents === open,
        text: `${scenario.name} ${label}: every repository swept (${failed.length} failed${failed[0] ? `: ${failed[0].repo} ${failed[0].error}` : ""}), ${int(incidents)} of ${int(open)} open incidents evaluated`,
      });
      checks.push(readsCheck(`${scenario.name} ${label}`, phase.tally, expected, source));
    }
    const secondWrites = second.tally.restWrites + second.tally.graphqlOther;
    const secondPlanned = second.value.reduce((n, r) => n + r.changed, 0);
    checks.push({
      kind: "goal",
      ok: secondWrites === 0 && secondPlanned === 0,
      text: `${scenario.name} second sweep: ${secondWrites} writes (${secondPlanned} incidents with a change planned); the first sweep made ${int(first.tally.restWrites)}`,
    });
    checks.push({ kind: "sanity", ok: naive.value.incidents === open, text: `${scenario.name} naive: ${int(naive.value.incidents)} of ${int(open)} open incidents evaluated` });
    if (scenario.name === MEMORY_GOAL_AT) checks.push(memoryGoal(scenario.name, first, second));
    if (crossCheck) {
      progress(`${scenario.name}: cross-checks`);
      checks.push(await agreementCheck(octokit, repos, naiveEvaluations, scenario.name));
      checks.push(await cliDryRun(fake, scenario.name));
    }
    const violations = await fake.violations();
    checks.push({
      kind: "sanity",
      ok: violations.count === 0,
      text: `${scenario.name}: no request GitHub would refuse (the fake's OpenAPI and GraphQL checks): ${violations.count}${violations.count ? ` ${JSON.stringify(violations.first)}` : ""}`,
    });

    // ---- report
    out(`== ${scenario.name}: ${int(open)} open incidents in ${seeded.length} repositories (${int(Math.min(...sizes))}–${int(Math.max(...sizes))} open each), ${int(over100)} of them with more than 100 timeline items;`);
    out(`   ${int(closed)} closed incidents are not read. Fake GitHub: pid ${fake.pid}, seeded in ${sec(fake.seedMs)} s, heap ${MB(fake.heapMb * 1e6)} MB in its own process.`);
    const row = (name: string, m: Measured<unknown>, graphql: boolean): string[] => [
      name,
      graphql ? `${int(sumOf(m.tally.issuePages))} + ${int(sumOf(m.tally.extraPages))} = ${int(m.tally.graphql)}` : "—",
      graphql ? int(m.tally.graphqlCost) : "—",
      int(m.tally.restReads),
      int(m.tally.restWrites),
      int(m.tally.total),
      sec(m.ms),
      sec(m.cpuMs),
      MB(m.memory.peakRss),
      MB(m.memory.peakHeapUsed),
      m.memory.fullGcs > 0 ? MB(m.memory.peakAfterFullGc) : "—",
    ];
    table([
      ["", "GraphQL reads", "GraphQL", "REST", "REST", "all", "wall", "our CPU", "peak RSS", "peak heap", "heap after"],
      ["", "pages + extra = all", "points", "reads", "writes", "requests", "s", "s", "MB", "MB", "full GC, MB"],
      row("ours, first sweep", first, true),
      row("ours, second sweep", second, true),
      row("naive: REST timelines", naive, false),
      [
        "naive / ours (second sweep)",
        "",
        "",
        "",
        "",
        times(naive.tally.total, second.tally.total),
        times(naive.ms, second.ms),
        times(naive.cpuMs, second.cpuMs),
        times(naive.memory.peakRss, second.memory.peakRss),
        times(naive.memory.peakHeapUsed, second.memory.peakHeapUsed),
        "",
      ],
    ]);
    const kinds = Object.entries(written.byKind)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${int(v)}`)
      .join(", ");
    const routes = (m: Measured<unknown>) =>
      Object.entries(m.tally.restReadsByRoute)
        .map(([route, n]) => `${route.replace(/^GET /, "")} ${int(n)}`)
        .join(", ");
    notes.push(`the first sweep changed ${int(written.incidents)} incidents (no app comment or label on them yet): ${kinds}`);
    notes.push(`REST reads outside the bound, first sweep: ${routes(first)}`);
    notes.push(`REST reads outside the bound, second sweep: ${routes(second)}`);
    notes.push(
      `at GitHub's limit of 500 content-creating requests an hour per installation, the first sweep's ${int(first.tally.restWrites)} writes need at least ${Math.ceil(first.tally.restWrites / 500)} h of sweeps (here the budget is lifted so one sweep converges)`,
    );
    notes.push(
      `GitHub's primary limits per installation and hour are 5,000 REST requests and 5,000 GraphQL points: one naive sweep needs ${int(naive.tally.total)} REST requests, one steady sweep of ours ${int(second.tally.graphqlCost)} points and ${int(second.tally.restReads)} REST reads`,
    );
    const errors = Object.entries({ ...first.tally.errors, ...second.tally.errors, ...naive.tally.errors });
    if (errors.length > 0) notes.push(`error answers: ${errors.map(([k, v]) => `${k} ×${v}`).join(", ")}`);
    for (const note of notes) out(`   - ${note}`);
    out();
    return { scenario, checks };
  } finally {
    await fake.stop();
  }
}

/** Goal 3: the sweeping process's peak RSS at 10,000 incidents, with what makes it up. */
function memoryGoal(name: string, first: Measured<unknown>, second: Measured<unknown>): Check {
  const peak = Math.max(first.memory.peakRss, second.memory.peakRss);
  const heap = Math.max(first.memory.peakHeapUsed, second.memory.peakHeapUsed);
  const live = Math.max(first.memory.peakAfterFullGc, second.memory.peakAfterFullGc);
  const limit = v8.getHeapStatistics().heap_size_limit;
  return {
    kind: "goal",
    ok: peak <= MEMORY_GOAL_BYTES,
    text:
      `${name} peak RSS of the sweeping process ${MB(peak)} MB ≤ ${MB(MEMORY_GOAL_BYTES)} MB: ${MB(first.memory.baselineRss)} MB before the first sweep (loaded, warmed up), ` +
      `heap used up to ${MB(heap)} MB, of which at most ${MB(live)} MB survived V8's full collections (V8 heap limit ${MB(limit)} MB)`,
  };
}

/** The sweep's GraphQL reading gives every open incident exactly the evaluation that the REST reading gives. */
async function agreementCheck(octokit: Octokit, repos: RepoToSweep[], naive: Map<string, string>, name: string): Promise<Check> {
  const members = new OrgMembersCache(now);
  let compared = 0;
  const differ: string[] = [];
  for (const ref of repos) {
    const loaded = await loadRepoConfig(octokit, ref);
    if (loaded.kind !== "valid") continue;
    const engineers = loaded.config.team.orgMembersAreEngineers && ref.ownerType === "Organization" ? await members.members(octokit, undefined, ref.owner) : [];
    for await (const incident of readOpenIncidents(octokit.graphql, ref, BOT, { requests: 0, extraPages: 0 })) {
      const ours: Evaluation = evaluate({ config: loaded.config, issue: incident.issue, timeline: incident.timeline, now: NOW, bot: BOT, engineers });
      const key = `${ref.repo}#${ours.number}`;
      compared++;
      if (naive.get(key) !== JSON.stringify(ours)) differ.push(key);
    }
  }
  return {
    kind: "sanity",
    ok: differ.length === 0 && compared === naive.size,
    text: `${name}: the GraphQL reading (with extra pages) and the REST reading evaluate alike: ${int(compared - differ.length)} of ${int(naive.size)} incidents${differ.length ? `; differ: ${differ.slice(0, 5).join(", ")}` : ""}`,
  };
}

/**
 * `incident-sla sweep --dry-run --repo …` with a GITHUB_TOKEN, as a scheduled
 * workflow runs it, right after the sweeps: it should plan nothing either.
 */
async function cliDryRun(fake: FakeProcess, name: string): Promise<Check> {
  let text = "";
  const sink = () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString();
        done();
      },
    });
  const args = ["sweep", "--dry-run", "--bot", BOT, ...fake.repos.flatMap((repo) => ["--repo", `${OWNER}/${repo}`])];
  await fake.drain();
  const code = await main(args, {
    stdin: process.stdin,
    stdout: sink(),
    stderr: sink(),
    env: { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, GITHUB_GRAPHQL_URL: `${fake.url}/graphql` },
    now,
    octokitOptions,
  });
  const tally = await fake.drain();
  const plans = text.split("\n").filter((l) => l.startsWith('{"repo"') && l.includes('"issue"'));
  const planned = plans.reduce((n, l) => n + (JSON.parse(l) as { writes: unknown[] }).writes.length, 0);
  return {
    kind: "note",
    ok: code === 0 && planned === 0,
    text:
      `${name} \`incident-sla sweep --dry-run --repo …\` with GITHUB_TOKEN after the sweeps: exit ${code}, ${tally.graphql} GraphQL + ${tally.restReads} REST reads, ` +
      `${int(planned)} writes planned on ${int(plans.length)} incidents` +
      (planned > 0 ? " (with --repo the sweep is not told the owner is an organisation, so orgMembersAreEngineers trusts nobody)" : ""),
  };
}

// ---------------------------------------------------------------- main

function header(): void {
  const cpus = os.cpus();
  out("incident-sla sweep benchmark (npm run bench:sweep)");
  out(`  date     ${new Date().toISOString()}`);
  out(`  node     ${process.version} (${process.platform} ${process.arch}), gc exposed: ${typeof globalThis.gc === "function" ? "yes" : "no (run with --expose-gc)"}, V8 heap limit ${MB(v8.getHeapStatistics().heap_size_limit)} MB${process.env.NODE_OPTIONS ? `, NODE_OPTIONS=${process.env.NODE_OPTIONS}` : ""}`);
  out(`  cpu      ${cpus[0]?.model ?? "unknown"} × ${cpus.length}, memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  out(`  load     ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min): other work on the machine slows both approaches`);
  out(`  clock    sweeps evaluate at ${new Date(NOW).toISOString()}; the fake GitHub's clock stands still there`);
  out("  method   requests counted by the fake GitHub (a separate process: its memory and CPU are not ours); one request at a time;");
  out("           wall time on localhost, without GitHub's latency (there every request costs far more: request counts matter more than these seconds);");
  out("           our CPU: this process only; memory: this process, sampled every 20 ms after a full collection; MB = 10^6 bytes");
  out();
}

async function run(): Promise<number> {
  header();
  const checks: Check[] = [];
  // Largest first: the memory goal is measured in a process that has swept nothing before.
  for (const scenario of [...SCENARIOS].sort((a, b) => b.incidents - a.incidents)) checks.push(...(await runScenario(scenario)).checks);
  const show = (title: string, kind: Check["kind"], ok: string, bad: string) => {
    out(title);
    for (const c of checks.filter((c) => c.kind === kind)) out(`  ${c.ok ? ok : bad}  ${c.text}`);
  };
  show("Goals (issue 4, item 6)", "goal", "PASS", "FAIL");
  show("Sanity checks", "sanity", "PASS", "FAIL");
  show("Notes", "note", "OK  ", "WARN");
  const failed = checks.filter((c) => c.kind !== "note" && !c.ok);
  out();
  out(failed.length === 0 ? "All goals met." : `${failed.length} of ${checks.filter((c) => c.kind !== "note").length} goals and checks failed.`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await run();
