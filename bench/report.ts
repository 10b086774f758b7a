// `npm run bench:report` (add `-- --quick` for a smoke run): the compliance
// report over 10,000 incidents, read from a local GitHub the way the command
// reads the real one (batched GraphQL with a token), in each format.
//
// The local GitHub (tests/support/fake-github) runs in a child process, so
// its memory and its CPU do not count against the report's: what is measured
// is the `incident-sla report` process. Figures: wall time per run, GraphQL
// requests (and extra timeline pages), output size, and the report process's
// peak RSS and heap, sampled every 20 ms.
//
//   10 customers × 1,000 incidents created in March 2026 (Moscow time), plus
//   50 older incidents per customer still open (for "at risk now"); about ten
//   timeline items each (labels, pauses with customer replies, comments,
//   closes); one incident in a hundred has 150 more (extra timeline pages).
// GraphQL requests per customer: 10 pages of March's issues, one more that
// finds the first older issue, one of older open issues, plus the extra
// timeline pages.
import { fork } from "node:child_process";
import os from "node:os";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./random.js";

const quick = process.argv.includes("--quick");
const CUSTOMERS = quick ? 2 : 10;
const PER_CUSTOMER = quick ? 200 : 1000;
const OLD_OPEN = quick ? 10 : 50;
const NOW = "2026-04-02T09:00:00Z";
const MINUTE = 60_000;
const LABELS = ["state: accepted", "state: waiting for customer", "state: workaround", "state: resolved"] as const;

const CONFIG = (i: number) => `timezone: Europe/Moscow
language: ${i % 2 ? "en" : "ru"}
contract:
  customer: Customer ${String(i).padStart(2, "0")}
  supportFrom: 2025-06-01
  supportUntil: ${i % 3 ? "2026-12-31" : "2026-05-15"}
team:
  engineers: [eng-1, eng-2, eng-3]
  orgMembersAreEngineers: false
`;

// ---------------------------------------------------------------- the child: a local GitHub

async function serve(): Promise<void> {
  const { createFakeGitHub } = await import("../tests/support/fake-github/index.js");
  const now = Date.parse(NOW);
  const fake = await createFakeGitHub({ clock: () => now, log: false, rateLimit: 1_000_000 });
  fake.addToken("ghs_bench", { login: "github-actions[bot]" });
  const random = seededRandom(20_260_331);
  const started = performance.now();
  let items = 0;
  let extraPages = 0;
  for (let c = 1; c <= CUSTOMERS; c++) {
    const repo = `acme/customer-${String(c).padStart(2, "0")}`;
    fake.addRepo({ owner: "acme", ownerType: "Organization", name: repo.split("/")[1]!, files: { ".github/incident-sla.yml": CONFIG(c) } });
    const seed = (createdAt: number, number: number, keepOpen = false) => {
      const level = random.pick([1, 2, 2, 3, 3, 3]);
      const customer = `cust-${random.int(1, 20)}`;
      const engineer = `eng-${random.int(1, 3)}`;
      const labels = [`severity: ${level}`];
      const events: { at: number; seed: Parameters<typeof fake.addTimelineEvent>[2] }[] = [];
      let t = createdAt;
      const step = (lo: number, hi: number) => (t += random.int(lo, hi) * MINUTE);
      step(5, level === 3 ? 900 : 90);
      events.push({ at: t, seed: { event: "labeled", actor: engineer, label: LABELS[0] } });
      labels.push(LABELS[0]);
      for (let p = random.int(0, 2); p > 0; p--) {
        step(10, 600);
        events.push({ at: t, seed: { event: "labeled", actor: engineer, label: LABELS[1] } });
        step(10, 1500);
        events.push({ at: t, seed: { event: "commented", actor: customer, body: "Here are the logs.", authorAssociation: "NONE" } });
        events.push({ at: t + 1000, seed: { event: "unlabeled", actor: engineer, label: LABELS[1] } });
      }
      for (let k = random.int(2, 6); k > 0; k--) {
        step(5, 300);
        events.push({ at: t, seed: { event: "commented", actor: random.chance(0.5) ? customer : engineer, body: "…", authorAssociation: "NONE" } });
      }
      if (level < 3 && random.chance(0.8)) {
        step(30, 600);
        events.push({ at: t, seed: { event: "labeled", actor: engineer, label: LABELS[2] } });
        labels.push(LABELS[2]);
      }
      // One in a hundred is a long, busy incident: 150 more label changes.
      if (random.chance(0.01)) for (let k = 0; k < 150; k++) events.push({ at: step(1, 5), seed: { event: k % 2 ? "unlabeled" : "labeled", actor: engineer, label: "investigating" } });
      const closed = !keepOpen && t < now - 6 * 3_600_000 && random.chance(0.7) ? step(60, 4000) : null;
      const open = closed === null || closed > now;
      if (!open) events.push({ at: closed, seed: { event: "closed", actor: engineer, stateReason: random.chance(0.9) ? "completed" : "not_planned" } });
      fake.addIssue(repo, {
        number,
        title: `Incident ${number}: SSO errors for some users`,
        body: "### Request type\n\nIncident (something is broken)\n",
        user: customer,
        authorAssociation: "NONE",
        labels,
        state: open ? "open" : "closed",
        closedAt: open ? null : closed,
        createdAt,
        updatedAt: Math.min(now, events.at(-1)?.at ?? createdAt),
      });
      const seen = events.filter((e) => e.at <= now);
      for (const e of seen) fake.addTimelineEvent(repo, number, { ...e.seed, createdAt: e.at });
      items += seen.length;
      // The reader's pages of timeline beyond the first 100 items.
      extraPages += Math.max(0, Math.ceil(seen.length / 100) - 1);
    };
    let number = 1;
    for (let i = 0; i < OLD_OPEN; i++) seed(Date.parse("2026-02-01T06:00:00Z") + random.int(0, 20 * 24 * 60) * MINUTE, number++, true);
    const march = Date.parse("2026-02-28T21:00:00Z");
    const times = Array.from({ length: PER_CUSTOMER }, () => march + random.int(0, 31 * 24 * 60 - 1) * MINUTE).sort((a, b) => a - b);
    for (const at of times) seed(at, number++);
  }
  fake.warmUp();
  process.send!({ url: fake.url, apiUrl: fake.apiUrl, seededMs: performance.now() - started, items, extraPages });
  process.on("message", (message: { type: string }) => {
    if (message.type === "counts") {
      process.send!({ counts: fake.counts, rss: process.memoryUsage().rss });
      fake.resetCounts();
    }
    if (message.type === "stop") void fake.close().then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------- the parent: the report

interface Seeded {
  url: string;
  apiUrl: string;
  seededMs: number;
  items: number;
  extraPages: number;
}

function ask<T>(child: ReturnType<typeof fork>, message: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        child.off("message", on);
        resolve(m as T);
      }
    };
    child.on("message", on);
    if (Object.keys(message).length > 0) child.send(message);
  });
}

class CountingSink extends Writable {
  bytes = 0;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += Buffer.byteLength(chunk);
    callback();
  }
}

const mib = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MiB`;

async function measure(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ["--fake-server", ...(quick ? ["--quick"] : [])], { execArgv: ["--import", "tsx"] });
  const seeded = await ask<Seeded>(child, {}, "url");
  const { main } = await import("../src/cli/main.js");
  const { Readable } = await import("node:stream");
  const env = { GITHUB_TOKEN: "ghs_bench", GITHUB_API_URL: seeded.apiUrl, GITHUB_GRAPHQL_URL: `${seeded.url}/api/graphql`, GITHUB_ACTIONS: "true" };
  const repos = Array.from({ length: CUSTOMERS }, (_, i) => ["--repo", `acme/customer-${String(i + 1).padStart(2, "0")}`]).flat();
  const cpus = os.cpus();
  console.log(`incident-sla report benchmark${quick ? " (--quick: smoke run)" : ""}`);
  console.log(`  node     ${process.version}, ${cpus[0]?.model ?? "cpu"} × ${cpus.length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
  console.log(`  input    ${CUSTOMERS} customers × ${PER_CUSTOMER} incidents in March 2026 + ${OLD_OPEN} older open each; ${seeded.items} timeline items`);
  console.log(`           (${seeded.extraPages} timeline pages beyond the first 100 items); seeded in ${(seeded.seededMs / 1000).toFixed(1)} s in the child process`);
  console.log();
  globalThis.gc?.();
  const idle = process.memoryUsage();
  console.log(`  process  RSS ${mib(idle.rss)}, heap ${mib(idle.heapUsed)} before the first run (node, tsx, Probot and the command loaded)`);
  console.log();
  console.log("   run        wall   report CPU   GraphQL  output      peak RSS   peak heap   RSS growth");
  (await ask<object>(child, { type: "counts" }, "counts")) as unknown;
  for (const format of ["markdown", "json", "csv", "markdown"]) {
    globalThis.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const stdout = new CountingSink();
    const stderr = new CountingSink();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const code = await main(["report", "--from", "2026-03-01", "--to", "2026-03-31", "--now", NOW, "--format", format, ...repos], {
      stdin: Readable.from([]),
      stdout,
      stderr,
      env,
      now: () => Date.parse(NOW),
    });
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    clearInterval(timer);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    const { counts } = await ask<{ counts: { graphql: number; restRead: number; total: number } }>(child, { type: "counts" }, "counts");
    if (code !== 0) throw new Error(`report exited ${code}`);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(
      `   ${format.padEnd(9)} ${`${(wall / 1000).toFixed(2)} s`.padStart(8)}  ${`${cpuSeconds.toFixed(2)} s`.padStart(10)}  ${String(counts.graphql).padStart(8)}  ${`${(stdout.bytes / 1024).toFixed(0)} KiB`.padStart(9)}  ${mib(peakRss).padStart(10)}  ${mib(peakHeap).padStart(10)}  ${mib(peakRss - before.rss).padStart(10)}`,
    );
    if (format === "markdown") console.log(`             (plus ${counts.restRead} REST reads: each repository's configuration)`);
  }
  child.send({ type: "stop" });
}

if (process.argv.includes("--fake-server")) await serve();
else await measure();
