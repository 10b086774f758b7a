// `npm run bench:wake-ups`: today's fixed-interval sweep against the wake-up
// schedule (README, Sweep performance), over the same simulated hour of
// 10,000 open incidents in one installation (50 repositories, the sweep
// benchmark's seed), in one run.
//
//   0. Two local GitHubs start, each in its own process, from the same seed;
//      the app has never touched their incidents, so a cold full sweep at the
//      seed's instant writes what webhooks would have written (status
//      comments, labels, reminders already owed), the same in both, outside
//      every figure. Their states are then compared: equal.
//   1. What the hour owes (bench/wake-ups/thresholds.ts): every reminder
//      threshold and breach that falls inside it, to the millisecond, worked
//      out by bisection on the evaluation, apart from the wake-up code.
//   2. Run B, wake-ups: the reconciler (src/app/reconcile.ts) at the hour's
//      start (a full sweep, reported apart), the wake-up runner's one timer
//      fired on the simulated clock whenever it asks, and the reconciler again
//      at the hour's end (changed issues only, as it does every SWEEP_INTERVAL).
//   3. Run A, fixed sweep: a full sweep at the start (reported apart), then one
//      every 300 s, today's default, the last at the hour's end.
//   4. Comparison: the (issue, marker) comments, final labels and status
//      comment texts of both; each owed comment's delay from its instant to the
//      simulated time the fake stamped on it.
//
// The clock: the app's `now` and the fake's clock are one simulated instant,
// moved by this file only (the fake's over its control channel, before the
// app goes on); it stands still while a sweep or a wake-up runs. Points: by
// GitHub's formula (bench/wake-ups/cost.ts) on every GraphQL query the fake
// served, checked against the fake's own schema-aware count. Memory: this
// process (the app's side) only, sampled every 20 ms. Write limits are lifted
// (the cold start's writes fill GitHub's hour); people do nothing during the
// hour, so every write is the clock's. Exit code 1 when a goal or a sanity
// check fails.
import os from "node:os";
import v8 from "node:v8";
import { pino } from "pino";
import { ProbotOctokit } from "probot";
import { createReconciler } from "../src/app/reconcile.js";
import type { RepoSweep } from "../src/app/sweep.js";
import type { SweepDeps } from "../src/app/sweep-deps.js";
import { type InstallationToSweep, type RepoToSweep, sweepInstallation } from "../src/app/sweep-runner.js";
import { WakeUps } from "../src/app/wake-ups.js";
import { LabelCache } from "../src/github/labels.js";
import { OrgMembersCache } from "../src/github/org-members.js";
import type { Octokit } from "../src/github/types.js";
import { WriteBudgets } from "../src/github/write-budget.js";
import { type PhaseMeasure, measurePeak } from "./sweep/memory.js";
import { BOT, NOW, OWNER, SCENARIOS, TOKEN } from "./sweep/scenario.js";
import { type Tally, emptyTally } from "./sweep/tally.js";
import { type CostTally, emptyCost, mergeCost } from "./wake-ups/cost-tally.js";
import { type ClockedFake, startClockedFake } from "./wake-ups/fake-process.js";
import type { DumpedIssue } from "./wake-ups/fake-server.js";
import { type HourOwed, type Owed, owedWithin } from "./wake-ups/thresholds.js";

const SECOND = 1000;
const HOUR = 3600 * SECOND;
/** Today's default SWEEP_INTERVAL for the fixed sweep. */
const INTERVAL = 300 * SECOND;
/**
 * The hour begins a minute and a second after the cold start: the reconciler
 * looks back a minute before its last start (SINCE_OVERLAP_MS), so the cold
 * start's writes, which touched every incident, are not "changed in the hour".
 * Thresholds between the cold start and the hour's start are owed at the start.
 */
const START = NOW + 61 * SECOND;
const END = START + HOUR;

const GOAL_POINTS = 250;
const GOAL_DELAY_MS = 60 * SECOND;
const GOAL_HEAP_BYTES = 200e6;

/** The sweep benchmark's 10,000 incidents; WAKE_UPS_SCENARIO=1k runs its smaller one (a quick look, not the README's figures). */
const scenario = SCENARIOS.find((s) => s.name === (process.env.WAKE_UPS_SCENARIO ?? "10k")) ?? SCENARIOS[SCENARIOS.length - 1]!;
const out = (line = "") => console.log(line);
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);
const int = (n: number) => n.toLocaleString("en-US");
const MB = (bytes: number) => (bytes / 1e6).toFixed(0);
const s1 = (ms: number) => (ms / 1000).toFixed(1);
const iso = (at: number) => new Date(at).toISOString().replace(".000Z", "Z");

function table(rows: string[][], indent = "   "): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const r of rows) out(indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
}

// ---------------------------------------------------------------- the app's side, on a simulated clock

const log = pino({ level: "warn" }, pino.destination(2));
const BenchOctokit = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } }));

interface World {
  name: string;
  fake: ClockedFake;
  clock: { now: number };
  octokit: Octokit;
  installation: InstallationToSweep;
  deps: SweepDeps;
  budgets: WriteBudgets;
  /** Moves the app's clock and the fake's together. */
  move(at: number): Promise<void>;
}

async function world(name: string): Promise<World> {
  const fake = await startClockedFake(scenario);
  const clock = { now: NOW };
  const now = () => clock.now;
  const octokit: Octokit = new BenchOctokit({ auth: { token: TOKEN }, baseUrl: fake.url, log });
  const repos: RepoToSweep[] = fake.repos.map((repo) => ({ owner: OWNER, repo, ownerType: "Organization" }));
  const installation: InstallationToSweep = { id: `token:${fake.url}`, octokit, graphql: octokit.graphql, repos };
  const deps: SweepDeps = {
    now,
    // Nothing in this run waits: a rate-limit wait would be simulated time, and none comes (limits are lifted).
    sleep: () => Promise.resolve(),
    botLogin: BOT,
    labels: new LabelCache(now),
    members: new OrgMembersCache(now),
    maxRateLimitWaitMs: 60_000,
    log,
  };
  const budgets = new WriteBudgets({ perMinute: Number.POSITIVE_INFINITY, perHour: Number.POSITIVE_INFINITY }, now);
  return {
    name,
    fake,
    clock,
    octokit,
    installation,
    deps,
    budgets,
    async move(at) {
      clock.now = at;
      await fake.setClock(at);
    },
  };
}

interface Phase {
  tally: Tally;
  cost: CostTally;
  results: RepoSweep[];
}

const emptyPhase = (): Phase => ({ tally: emptyTally(), cost: emptyCost(), results: [] });

async function drained(w: World, results: RepoSweep[]): Promise<Phase> {
  const { tally, cost } = await w.fake.drain();
  return { tally, cost, results };
}

function addPhase(into: Phase, more: Phase): Phase {
  const t = into.tally;
  const m = more.tally;
  for (const k of ["graphqlOther", "graphql", "graphqlCost", "restReads", "restWrites", "auth", "total"] as const) t[k] += m[k];
  for (const k of ["issuePages", "extraPages", "restReadsByRoute", "restWritesByRoute", "errors"] as const) for (const [key, n] of Object.entries(m[k])) t[k][key] = (t[k][key] ?? 0) + n;
  mergeCost(into.cost, more.cost);
  into.results.push(...more.results);
  return into;
}

interface Run {
  name: string;
  start: Phase;
  /** The hour after the start: the steady state. */
  steady: Phase;
  /** Wake-ups only (run B). */
  wake?: { phase: Phase; runs: number; due: number; maxDue: number; reconcile: Phase };
  sweeps?: number;
  /** Simulated instants at which something was written, with the count. */
  writesAt: { at: number; writes: number }[];
  memory: PhaseMeasure<void>;
  dump: DumpedIssue[];
}

async function coldStart(w: World): Promise<Phase> {
  await w.move(NOW);
  const results = await sweepInstallation(w.deps, w.budgets, w.installation);
  return drained(w, results);
}

async function runWakeUps(w: World): Promise<Run> {
  const writesAt: Run["writesAt"] = [];
  let start = emptyPhase();
  const wakePhase = emptyPhase();
  let reconcile = emptyPhase();
  let runs = 0;
  let due = 0;
  let maxDue = 0;
  let pending: { at: number; run: () => void } | null = null;
  const target = { octokit: w.octokit, graphql: w.octokit.graphql, installationId: w.installation.id, budget: w.budgets.for(w.installation.id) };
  const wakeUps = new WakeUps({
    sweep: w.deps,
    targetFor: () => Promise.resolve(target),
    setTimer: (run, ms) => {
      const timer = { at: w.clock.now + ms, run };
      pending = timer;
      return {
        cancel: () => {
          if (pending === timer) pending = null;
        },
      };
    },
  });
  const reconciler = createReconciler(w.deps, w.budgets, wakeUps);
  const writes = (results: RepoSweep[]) => results.reduce((n, r) => n + r.writes, 0);
  const memory = await measurePeak(async () => {
    progress(`${w.name}: reconciliation at the start (full sweep)`);
    await w.move(START);
    const { results: first } = await reconciler.run([w.installation]);
    writesAt.push({ at: START, writes: writes(first) });
    start = await drained(w, first);
    wakeUps.start();
    progress(`${w.name}: wake-ups through the hour (${int(wakeUps.size)} incidents waiting)`);
    for (let timer = pending; timer && timer.at < END; timer = pending) {
      await w.move(timer.at);
      pending = null;
      timer.run();
      const ran = await wakeUps.runDue();
      runs++;
      due += ran.due;
      maxDue = Math.max(maxDue, ran.due);
      wakePhase.results.push(...ran.repositories);
      writesAt.push({ at: timer.at, writes: writes(ran.repositories) });
    }
    addPhase(wakePhase, await drained(w, []));
    progress(`${w.name}: reconciliation at the end (changed issues, then those due)`);
    await w.move(END);
    const { results: last } = await reconciler.run([w.installation]);
    writesAt.push({ at: END, writes: writes(last) });
    reconcile = await drained(w, last);
    wakeUps.stop();
  });
  const steady = addPhase(addPhase(emptyPhase(), wakePhase), reconcile);
  return { name: w.name, start, steady, wake: { phase: wakePhase, runs, due, maxDue, reconcile }, writesAt, memory, dump: await w.fake.dump() };
}

async function runFixedSweep(w: World): Promise<Run> {
  const writesAt: Run["writesAt"] = [];
  let start = emptyPhase();
  const steady = emptyPhase();
  let sweeps = 0;
  const memory = await measurePeak(async () => {
    progress(`${w.name}: full sweep at the start`);
    await w.move(START);
    const first = await sweepInstallation(w.deps, w.budgets, w.installation);
    writesAt.push({ at: START, writes: first.reduce((n, r) => n + r.writes, 0) });
    start = await drained(w, first);
    for (let at = START + INTERVAL; at <= END; at += INTERVAL) {
      progress(`${w.name}: sweep at +${(at - START) / SECOND} s`);
      await w.move(at);
      const results = await sweepInstallation(w.deps, w.budgets, w.installation);
      sweeps++;
      writesAt.push({ at, writes: results.reduce((n, r) => n + r.writes, 0) });
      addPhase(steady, await drained(w, results));
    }
  });
  return { name: w.name, start, steady, sweeps, writesAt, memory, dump: await w.fake.dump() };
}

// ---------------------------------------------------------------- comparing and reporting

interface Check {
  ok: boolean;
  text: string;
  kind: "goal" | "sanity" | "note";
}

type CommentKey = string;
const issueKey = (d: { repo: string; number: number }) => `${d.repo}#${d.number}`;

function commentsOf(dump: DumpedIssue[]): Map<CommentKey, { createdAt: number; updatedAt: number; body: string }> {
  const map = new Map<CommentKey, { createdAt: number; updatedAt: number; body: string }>();
  for (const d of dump) for (const c of d.comments) map.set(`${issueKey(d)} ${c.key}`, c);
  return map;
}

/** The state two dumps describe, without the instants: labels and the app's comments' keys and texts. */
const stateOf = (dump: DumpedIssue[]) => JSON.stringify(dump.map((d) => [issueKey(d), d.labels, d.comments.map((c) => [c.key, c.body])]));

interface Delays {
  owed: number;
  posted: number;
  missed: Owed[];
  delays: number[];
  late: { owed: Owed; delay: number }[];
}

function delaysOf(run: Run, owed: Owed[]): Delays {
  const comments = commentsOf(run.dump);
  const result: Delays = { owed: owed.length, posted: 0, missed: [], delays: [], late: [] };
  for (const o of owed) {
    const c = comments.get(`${o.repo}#${o.number} ${o.key}`);
    if (!c) {
      result.missed.push(o);
      continue;
    }
    result.posted++;
    const delay = c.createdAt - o.at;
    result.delays.push(delay);
    if (delay > GOAL_DELAY_MS) result.late.push({ owed: o, delay });
  }
  result.delays.sort((a, b) => a - b);
  return result;
}

/** Nearest rank. */
const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);

const WRITE_ROUTES: [string, string][] = [
  ["comments created", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"],
  ["comments edited", "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
  ["labels added", "POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
  ["labels removed", "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"],
];

function writesBy(t: Tally): Record<string, number> {
  const known = new Set(WRITE_ROUTES.map(([, r]) => r));
  const by: Record<string, number> = {};
  for (const [label, route] of WRITE_ROUTES) by[label] = t.restWritesByRoute[route] ?? 0;
  by.other = Object.entries(t.restWritesByRoute).reduce((n, [route, v]) => n + (known.has(route) ? 0 : v), 0);
  return by;
}

/** The most writes within any 60 s of simulated time. */
function peakMinute(writesAt: Run["writesAt"], from: number): number {
  const list = writesAt.filter((w) => w.at > from && w.writes > 0).sort((a, b) => a.at - b.at);
  let best = 0;
  let sum = 0;
  let i = 0;
  for (const w of list) {
    sum += w.writes;
    while (list[i]!.at <= w.at - 60 * SECOND) sum -= list[i++]!.writes;
    best = Math.max(best, sum);
  }
  return best;
}

function header(): void {
  const cpus = os.cpus();
  out("incident-sla wake-up benchmark (npm run bench:wake-ups)");
  out(`  date     ${new Date().toISOString()}`);
  out(`  node     ${process.version}, gc exposed: ${typeof globalThis.gc === "function" ? "yes" : "no (run with --expose-gc)"}, V8 heap limit ${MB(v8.getHeapStatistics().heap_size_limit)} MB`);
  out(`  cpu      ${cpus[0]?.model ?? "unknown"} × ${cpus.length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min)`);
  out(`  hour     simulated, ${iso(START)} to ${iso(END)} (cold start at ${iso(NOW)}); people do nothing during it`);
  out("  method   points by GitHub's formula on every GraphQL query the fake served; memory of this process (the app's side) only;");
  out("           write limits lifted; the clock stands still while a sweep or a wake-up runs");
  out();
}

async function run(): Promise<number> {
  const started = performance.now();
  header();
  const checks: Check[] = [];
  progress("starting and seeding two local GitHubs (same seed)");
  const [wB, wA] = await Promise.all([world("B wake-ups"), world("A fixed sweep")]);
  try {
    progress("cold start in both (outside every figure)");
    const [coldB, coldA] = await Promise.all([coldStart(wB), coldStart(wA)]);
    const [dumpB0, dumpA0] = await Promise.all([wB.fake.dump(), wA.fake.dump()]);
    checks.push({ kind: "sanity", ok: stateOf(dumpA0) === stateOf(dumpB0), text: `both runs start from the same state: ${int(dumpA0.length)} open incidents, equal labels and app comments after the cold start` });
    const coldWrites = coldA.tally.restWrites;
    checks.push({
      kind: "sanity",
      ok: coldA.results.every((r) => r.ok) && coldB.results.every((r) => r.ok),
      text: `cold start swept every repository in both (${int(coldWrites)} writes each, what webhooks would have written)`,
    });

    progress("what the hour owes (bisection on the evaluation)");
    await wA.move(START);
    const hour: HourOwed = await owedWithin(wA.octokit, wA.installation.repos!, new OrgMembersCache(() => START), BOT, START, END);
    await wA.fake.drain(); // the oracle's reads belong to no run
    const owed = hour.owed;
    const reminders = owed.filter((o) => o.kind === "reminder").length;

    progress("run B: wake-ups");
    const B = await runWakeUps(wB);
    progress("run A: fixed sweep every 300 s");
    const A = await runFixedSweep(wA);
    const runs = [A, B];

    // ---- sanity: every repository swept, the formula agrees with the fake, nothing refused
    for (const r of runs) {
      const failed = [...r.start.results, ...r.steady.results].filter((x) => !x.ok);
      checks.push({ kind: "sanity", ok: failed.length === 0, text: `${r.name}: every read and write succeeded (${failed.length} failed${failed[0] ? `: ${failed[0].repo} ${failed[0].error}` : ""})` });
      const cost = mergeCost(mergeCost(emptyCost(), r.start.cost), r.steady.cost);
      checks.push({
        kind: "sanity",
        ok: cost.disagreements === 0 && cost.unreadable === 0 && cost.points === r.start.tally.graphqlCost + r.steady.tally.graphqlCost,
        text:
          `${r.name}: GitHub's formula from the query text agrees with the fake's schema-aware count on all ${int(cost.queries)} queries ` +
          `(${int(cost.points)} points; ${cost.disagreements} disagree${cost.firstDisagreement ? ` e.g. ${JSON.stringify(cost.firstDisagreement)}` : ""}, ${cost.unreadable} unreadable)`,
      });
      const v = await (r === A ? wA : wB).fake.violations();
      checks.push({ kind: "sanity", ok: v.count === 0, text: `${r.name}: no request GitHub would refuse: ${v.count}${v.count ? ` ${JSON.stringify(v.first)}` : ""}` });
    }

    // ---- figures
    const dA = delaysOf(A, owed);
    const dB = delaysOf(B, owed);
    out(`== ${scenario.name}: ${int(hour.incidents)} open incidents in ${wA.fake.repos.length} repositories, one installation; ${int(hour.running)} with a target running at the hour's start.`);
    out(`   The hour owes ${int(owed.length)} comments at instants inside it: ${int(reminders)} reminders (thresholds crossed) and ${int(owed.length - reminders)} escalations (breaches),`);
    out(`   found by ${int(hour.evaluations)} evaluations${hour.withReply ? `; ${hour.withReply} incidents have a reply target, not checked` : ""}. Cold start before the hour: ${int(coldWrites)} writes per run, not counted below.`);
    out();
    const points = (p: Phase) => p.cost.points;
    const w = (p: Phase) => writesBy(p.tally);
    const row = (label: string, p: Phase, d?: Delays, mem?: PhaseMeasure<void>): string[] => {
      const by = w(p);
      return [
        label,
        int(points(p)),
        int(p.tally.graphql),
        int(p.tally.restReads),
        int(by["comments created"]!),
        int(by["comments edited"]!),
        int(by["labels added"]! + by["labels removed"]!),
        int(by.other!),
        d ? `${int(d.posted)} / ${int(d.owed)}` : "",
        d && d.delays.length ? s1(d.delays[d.delays.length - 1]!) : "",
        d && d.delays.length ? s1(percentile(d.delays, 50)) : "",
        d && d.delays.length ? s1(percentile(d.delays, 90)) : "",
        mem ? MB(mem.memory.peakHeapUsed) : "",
      ];
    };
    table([
      ["", "GraphQL", "GraphQL", "REST", "comments", "comments", "labels", "other", "owed comments", "delay s", "", "", "peak heap"],
      ["", "points", "queries", "reads", "created", "edited", "+/−", "writes", "posted / owed", "max", "p50", "p90", "MB"],
      row("A fixed sweep: full sweep at start", A.start),
      row(`A: ${A.sweeps} sweeps, the hour`, A.steady, dA, A.memory),
      row("B wake-ups: reconciliation at start", B.start),
      row(`B: ${int(B.wake!.runs)} wake-ups, the hour`, B.wake!.phase),
      row("B: reconciliation at the end", B.wake!.reconcile),
      row("B: the hour (wake-ups + end)", B.steady, dB, B.memory),
    ]);
    out();
    const opRows = (r: Run) =>
      Object.entries(r.steady.cost.byOperation)
        .sort((a, b) => b[1].points - a[1].points)
        .map(([op, v]) => `${op} ${int(v.queries)} queries ${int(v.points)} points`)
        .join("; ");
    const notes: string[] = [
      `A, the hour's points by query: ${opRows(A)}`,
      `B, the hour's points by query: ${opRows(B)}`,
      `B: ${int(B.wake!.due)} incidents read by wake-ups in ${int(B.wake!.runs)} timer runs (at most ${int(B.wake!.maxDue)} at once); the end's reconciliation read ${int(B.wake!.reconcile.results.reduce((n, r) => n + r.incidents, 0))} changed incidents`,
      `most writes within one simulated minute: A ${int(peakMinute(A.writesAt, START))}, B ${int(peakMinute(B.writesAt, START))} (GitHub allows 80 content-creating requests a minute)`,
      `memory, this process: A peak heap ${MB(A.memory.memory.peakHeapUsed)} MB (after full GCs at most ${MB(A.memory.memory.peakAfterFullGc)} MB), RSS ${MB(A.memory.memory.peakRss)} MB; ` +
        `B peak heap ${MB(B.memory.memory.peakHeapUsed)} MB (after full GCs at most ${MB(B.memory.memory.peakAfterFullGc)} MB), RSS ${MB(B.memory.memory.peakRss)} MB`,
      `wall time: A ${s1(A.memory.ms)} s (CPU ${s1(A.memory.cpuMs)} s), B ${s1(B.memory.ms)} s (CPU ${s1(B.memory.cpuMs)} s); whole benchmark ${s1(performance.now() - started)} s`,
    ];
    if (dA.missed.length) notes.push(`A left ${int(dA.missed.length)} owed comments unposted (a later threshold or the breach came before its next sweep, and the planner owes only the latest), e.g. ${dA.missed.slice(0, 3).map((o) => `${o.repo}#${o.number} ${o.key}`).join(", ")}`);

    // ---- comparison of the end states
    const cA = commentsOf(A.dump);
    const cB = commentsOf(B.dump);
    const onlyA = [...cA.keys()].filter((k) => !cB.has(k));
    const onlyB = [...cB.keys()].filter((k) => !cA.has(k));
    const bodiesDiffer = [...cA.keys()].filter((k) => cB.has(k) && cB.get(k)!.body !== cA.get(k)!.body);
    const labelsB = new Map(B.dump.map((d) => [issueKey(d), d.labels.join(",")]));
    const labelsDiffer = A.dump.filter((d) => labelsB.get(issueKey(d)) !== d.labels.join(",")).map(issueKey);
    const onlyBOwed = onlyB.filter((k) => owed.some((o) => `${o.repo}#${o.number} ${o.key}` === k));
    checks.push({
      kind: "goal",
      ok: onlyA.length === 0 && labelsDiffer.length === 0,
      text:
        `nothing missed against the fixed sweep: of A's ${int(cA.size)} app comments B lacks ${onlyA.length}${onlyA.length ? ` (${onlyA.slice(0, 5).join(", ")})` : ""}; ` +
        `final labels differ on ${labelsDiffer.length} of ${int(A.dump.length)} incidents${labelsDiffer.length ? ` (${labelsDiffer.slice(0, 5).join(", ")})` : ""}`,
    });
    checks.push({
      kind: "note",
      ok: onlyB.length === onlyBOwed.length,
      text: `B has ${onlyB.length} comments A lacks, ${onlyBOwed.length} of them owed reminders that A's interval skipped${onlyB.length > onlyBOwed.length ? `; others: ${onlyB.filter((k) => !onlyBOwed.includes(k)).slice(0, 5).join(", ")}` : ""}`,
    });
    // A reminder says how much time is left when it is posted, so an earlier one says more; every other text must be the
    // same (a status comment compared by its fingerprint, without the lines that name the instant of writing).
    const isReminder = (k: CommentKey) => k.split(" ")[1]!.startsWith("reminder:");
    const remindersDiffer = bodiesDiffer.filter(isReminder);
    const othersDiffer = bodiesDiffer.filter((k) => !isReminder(k));
    checks.push({
      kind: "goal",
      ok: othersDiffer.length === 0,
      text:
        `the same texts at the hour's end: of the ${int([...cA.keys()].filter((k) => cB.has(k)).length)} comments both have, ${othersDiffer.length} status comments or escalations differ${othersDiffer.length ? ` (${othersDiffer.slice(0, 5).join(", ")})` : ""}; ` +
        `${remindersDiffer.length} reminders differ (a reminder names the time left when it is posted, and B posts earlier)`,
    });

    // ---- goals
    checks.push({
      kind: "goal",
      ok: points(B.steady) <= GOAL_POINTS,
      text: `B's GraphQL points in the hour ${int(points(B.steady))} ≤ ${GOAL_POINTS} (wake-ups ${int(points(B.wake!.phase))} + reconciliation at the end ${int(points(B.wake!.reconcile))}); A's ${int(points(A.steady))}`,
    });
    checks.push({
      kind: "goal",
      ok: dB.missed.length === 0 && dB.late.length === 0 && dB.owed > 0,
      text:
        `B posts every owed comment within ${GOAL_DELAY_MS / SECOND} s of its instant: ${int(dB.posted)} of ${int(dB.owed)} posted, max delay ${dB.delays.length ? s1(dB.delays[dB.delays.length - 1]!) : "—"} s` +
        `${dB.missed.length ? `; missed ${dB.missed.slice(0, 3).map((o) => `${o.repo}#${o.number} ${o.key}`).join(", ")}` : ""}${dB.late.length ? `; ${dB.late.length} late` : ""} (A: max ${dA.delays.length ? s1(dA.delays[dA.delays.length - 1]!) : "—"} s, ${dA.missed.length} not posted)`,
    });
    checks.push({
      kind: "sanity",
      ok: dB.delays.every((d) => d >= -SECOND) && dA.delays.every((d) => d >= -SECOND),
      text: "no owed comment was posted before its instant (the fake stamps whole seconds)",
    });
    checks.push({
      kind: "goal",
      ok: B.memory.memory.peakHeapUsed <= GOAL_HEAP_BYTES,
      text: `B's peak heap on the app's side ${MB(B.memory.memory.peakHeapUsed)} MB ≤ ${MB(GOAL_HEAP_BYTES)} MB (A: ${MB(A.memory.memory.peakHeapUsed)} MB)`,
    });

    for (const note of notes) out(`   - ${note}`);
    out();
  } finally {
    await Promise.all([wA.fake.stop(), wB.fake.stop()]);
  }
  const sections: [title: string, kind: Check["kind"], pass: string, fail: string][] = [
    ["Goals (issue 16, item 6)", "goal", "PASS", "FAIL"],
    ["Sanity checks", "sanity", "PASS", "FAIL"],
    ["Notes", "note", "OK  ", "WARN"],
  ];
  for (const [title, kind, pass, fail] of sections) out([title, ...checks.filter((c) => c.kind === kind).map((c) => `  ${c.ok ? pass : fail}  ${c.text}`)].join("\n"));
  const decisive = checks.filter((c) => c.kind !== "note");
  const failures = decisive.filter((c) => !c.ok).length;
  out(`\n${failures ? `${failures} of ${decisive.length} goals and checks failed.` : "All goals met."}`);
  return failures ? 1 : 0;
}

process.exitCode = await run();
