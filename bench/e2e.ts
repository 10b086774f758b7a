// End-to-end load: `npm run bench:e2e [-- --deliveries 500 --concurrency 20]`.
//
// The built app runs as users run it (`probot run ./dist/index.js`) against
// the local GitHub (in a child process of its own), and receives signed
// deliveries over HTTP, `--concurrency` at a time: first `issues.opened` for
// one incident in ten, then customers' comments on them. The same load goes
// to a minimal Probot app that adds one label per delivery. Measured per run:
// whether every delivery was processed (the app's log line for each delivery
// id, and the GitHub state it left), the webhook answer times, the time until
// each delivery was processed, peak memory (VmHWM) and CPU of the app
// process, and the requests GitHub saw.
//
// Probot's throttling spaces an app's writes at least 1 s apart and its new
// comments at least 3 s apart, per process. That spacing, not the app, sets
// the pace under load; the rows marked "spacing off" run the same apps with
// only that spacing removed (tests/e2e/support/write-spacing.ts) to show what the
// apps themselves cost.
import { type ChildProcess, fork } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { formBody } from "../tests/fixtures/app/forms.js";
import { COMPLETE_LEVEL3, contract } from "../tests/e2e/support/contracts.js";
import { type AppProcess, startApp } from "../tests/e2e/support/app-process.js";
import { ROOT, buildApp } from "../tests/e2e/support/build-app.js";
import { signAndSend } from "../tests/support/fake-github/webhooks.js";
import type { Request, SetupArgs } from "./e2e/fake-server.js";

const { values } = parseArgs({
  options: {
    deliveries: { type: "string", default: "500" },
    concurrency: { type: "string", default: "20" },
    only: { type: "string" },
    spacing: { type: "string", default: "both" },
  },
});
const DELIVERIES = Number(values.deliveries);
const CONCURRENCY = Number(values.concurrency);
const INCIDENTS = Math.max(1, Math.round(DELIVERIES / 10));
if (!(DELIVERIES > 0 && CONCURRENCY > 0) || !["both", "on", "off"].includes(values.spacing)) {
  console.error("usage: npm run bench:e2e -- [--deliveries N] [--concurrency C] [--only incident-sla|minimal] [--spacing both|on|off]");
  process.exit(2);
}

const APP_ID = 4242;
const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

interface Contender {
  name: string;
  appPath: string;
  /** The app's log line when it has finished a delivery. */
  done: RegExp;
  env: Record<string, string>;
  /** Whether the GitHub state shows every delivery processed. */
  verify: (v: Verified) => string[];
}

interface Verified {
  counts: { restRead: number; restWrite: number; graphql: number; auth: number; byRoute: Record<string, number> };
  violations: unknown[];
  violationCount: number;
  issues: { number: number; labels: string[]; appKeys: string[]; customerComments: number }[];
}

const LABEL_ROUTE = "POST /repos/{owner}/{repo}/issues/{issue_number}/labels";
const COMMENT_ROUTE = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";

/** Comments each incident received in the load (they go round the incidents). */
const commentsOn = (number: number) => Math.floor((DELIVERIES - INCIDENTS) / INCIDENTS) + (number <= (DELIVERIES - INCIDENTS) % INCIDENTS ? 1 : 0);

const CONTENDERS: Contender[] = [
  {
    name: "incident-sla",
    appPath: "./dist/index.js",
    done: /^incident (updated|unchanged)$/,
    // Webhooks only: the sweep would add its own reads and writes to the same throttle.
    env: { SWEEP_INTERVAL: "0", APP_SLUG: "incident-sla" },
    verify: (v) =>
      v.issues.flatMap((i) => {
        const wrong: string[] = [];
        if (!i.labels.includes("severity: 3")) wrong.push(`#${i.number} has no severity label`);
        if (i.appKeys.join(",") !== "status") wrong.push(`#${i.number} has app comments [${i.appKeys.join(", ")}], expected one status comment`);
        if (i.customerComments !== commentsOn(i.number)) wrong.push(`#${i.number} has ${i.customerComments} customer comments`);
        return wrong;
      }),
  },
  {
    name: "minimal (1 label)",
    appPath: "./extra/minimal-app.js",
    done: /^labelled$/,
    env: {},
    verify: (v) => [
      ...(v.counts.byRoute[LABEL_ROUTE] === DELIVERIES ? [] : [`${v.counts.byRoute[LABEL_ROUTE] ?? 0} label requests for ${DELIVERIES} deliveries`]),
      ...v.issues.filter((i) => !i.labels.includes("seen")).map((i) => `#${i.number} not labelled`),
    ],
  },
];

interface Row {
  app: string;
  spacing: "Probot default" | "off (diagnostic)";
  answered: Record<string, number>;
  processed: number;
  verifyProblems: string[];
  violations: number;
  wallS: number;
  sendS: number;
  answerMs: number[];
  doneMs: number[];
  idleRss: number;
  peakRss: number;
  cpuS: number;
  reads: number;
  writes: number;
  creations: number;
  pass: boolean;
}

function rpcTo(child: ChildProcess) {
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error) w?.reject(new Error(m.error));
    else w?.resolve(m.result);
  });
  return <T>(op: Request["op"], args?: unknown): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ id, op, args });
    });
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function run(built: string, c: Contender, spacingOff: boolean): Promise<Row> {
  const { yaml } = contract();
  const fake = fork(fileURLToPath(new URL("./e2e/fake-server.ts", import.meta.url)), [], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const rpc = rpcTo(fake);
  let app: AppProcess | null = null;
  try {
    const setup: SetupArgs = { appId: APP_ID, publicKey: keys.publicKey, config: yaml, incidents: INCIDENTS, body: formBody("en", COMPLETE_LEVEL3) };
    const { port } = await rpc<{ port: number }>("setup", setup);
    const secret = randomBytes(20).toString("hex");
    app = await startApp({
      cwd: built,
      appPath: c.appPath,
      nodeArgs: spacingOff ? ["--import", "./extra/write-spacing.js"] : [],
      env: {
        APP_ID: String(APP_ID),
        PRIVATE_KEY: keys.privateKey,
        WEBHOOK_SECRET: secret,
        GHE_HOST: `127.0.0.1:${port}`,
        GHE_PROTOCOL: "http",
        NODE_ENV: "production",
        LOG_FORMAT: "json",
        LOG_LEVEL: "info",
        ...c.env,
      },
    });
    const idleRss = app.rss() ?? 0;

    const sentAt = new Map<string, number>();
    const answered: Record<string, number> = {};
    const answerMs: number[] = [];
    const doneAt = new Map<string, number>();
    let scanned = 0;
    const scan = () => {
      for (; scanned < app!.logs.length; scanned++) {
        const l = app!.logs[scanned]!;
        if (typeof l.id === "string" && c.done.test(l.msg) && !doneAt.has(l.id)) doneAt.set(l.id, l.time);
      }
    };

    const started = Date.now();
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < DELIVERIES) {
        const index = nextIndex++;
        const { event, payload } = await rpc<{ event: string; payload: unknown }>("prepare", { index });
        const id = `bench-${index}`;
        sentAt.set(id, Date.now());
        try {
          const d = await signAndSend(app!.url, secret, event, payload, { id, timeoutMs: 60_000 });
          answered[d.status] = (answered[d.status] ?? 0) + 1;
          answerMs.push(d.ms);
        } catch (error) {
          answered[String((error as Error).name)] = (answered[String((error as Error).name)] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const sendS = (Date.now() - started) / 1000;

    // Probot answers 202 after 9 s and keeps working: wait for the backlog to drain, as long as it moves.
    let lastProgress = Date.now();
    let lastCount = -1;
    for (;;) {
      scan();
      if (doneAt.size >= DELIVERIES) break;
      if (doneAt.size !== lastCount) {
        lastCount = doneAt.size;
        lastProgress = Date.now();
      }
      if (Date.now() - lastProgress > 60_000 || app.exited()) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const wallS = (Math.max(...doneAt.values(), Date.now() - 1) - started) / 1000;
    const cpuS = app.cpuSeconds() ?? NaN;
    const peakRss = app.peakRss() ?? NaN;
    const verified = await rpc<Verified>("verify");
    const verifyProblems = c.verify(verified);
    const doneMs = [...doneAt].map(([id, at]) => at - sentAt.get(id)!);
    const ok = Object.entries(answered).every(([status]) => status === "200" || status === "202");
    return {
      app: c.name,
      spacing: spacingOff ? "off (diagnostic)" : "Probot default",
      answered,
      processed: doneAt.size,
      verifyProblems,
      violations: verified.violationCount,
      wallS,
      sendS,
      answerMs,
      doneMs,
      idleRss,
      peakRss,
      cpuS,
      reads: verified.counts.restRead + verified.counts.graphql,
      writes: verified.counts.restWrite,
      creations: verified.counts.byRoute[COMMENT_ROUTE] ?? 0,
      pass: ok && doneAt.size === DELIVERIES && verifyProblems.length === 0 && verified.violationCount === 0,
    };
  } finally {
    await app?.stop();
    await rpc("close").catch(() => undefined);
    fake.kill();
  }
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const sec = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

function table(rows: Row[]): string {
  const head = ["app", "write spacing", "answered", "processed", "all processed", "wall s", "deliveries/s", "answer p50 / p95 s", "processed p50 / p95 s", "peak RSS MB (idle)", "app CPU s", "GitHub reads / writes (new comments)"];
  const lines = rows.map((r) => [
    r.app,
    r.spacing,
    Object.entries(r.answered).map(([s, n]) => `${n}×${s}`).join(" "),
    `${r.processed}/${DELIVERIES}`,
    r.pass ? "PASS" : "FAIL",
    r.wallS.toFixed(1),
    (DELIVERIES / r.wallS).toFixed(2),
    `${sec(percentile(r.answerMs, 50))} / ${sec(percentile(r.answerMs, 95))}`,
    `${sec(percentile(r.doneMs, 50))} / ${sec(percentile(r.doneMs, 95))}`,
    `${mb(r.peakRss)} (${mb(r.idleRss)})`,
    r.cpuS.toFixed(1),
    `${r.reads} / ${r.writes} (${r.creations})`,
  ]);
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...lines.map((l) => `| ${l.join(" | ")} |`)].join("\n");
}

function explain(rows: Row[]): string {
  const out: string[] = [];
  for (const r of rows.filter((x) => x.spacing === "Probot default")) {
    const floor = Math.max(r.writes * 1, r.creations * 3);
    out.push(
      `- ${r.app}: ${r.writes} writes (${r.creations} new comments) need at least ${floor} s under Probot's spacing (1 s per write, 3 s per new comment); it took ${r.wallS.toFixed(0)} s, ` +
        `while the process was busy on the CPU for ${r.cpuS.toFixed(1)} s (${((r.cpuS / r.wallS) * 100).toFixed(0)}%). ` +
        `${r.answered["202"] ?? 0} of ${DELIVERIES} deliveries were answered 202 at Probot's 9 s limit and finished afterwards.`,
    );
  }
  for (const r of rows.filter((x) => x.spacing !== "Probot default")) {
    out.push(`- ${r.app} with the spacing off: ${r.wallS.toFixed(1)} s, ${((r.cpuS * 1000) / DELIVERIES).toFixed(1)} ms of CPU per delivery, ${(r.reads / DELIVERIES).toFixed(1)} reads and ${(r.writes / DELIVERIES).toFixed(2)} writes per delivery.`);
  }
  for (const r of rows.filter((x) => !x.pass)) {
    out.push(`- FAIL ${r.app} (${r.spacing}): ${[...r.verifyProblems.slice(0, 5), r.violations ? `${r.violations} requests GitHub would refuse` : "", r.processed < DELIVERIES ? `${DELIVERIES - r.processed} deliveries not processed` : ""].filter(Boolean).join("; ")}`);
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const built = await buildApp({ "minimal-app": "bench/e2e/minimal-app.ts" });
  console.log(`app built in ${built.dir}${built.compiled ? ` (${(built.ms / 1000).toFixed(1)} s)` : " (cached)"}`);
  console.log(`load: ${DELIVERIES} signed deliveries, ${CONCURRENCY} at a time: ${INCIDENTS} × issues.opened (complete level-3 form), then ${DELIVERIES - INCIDENTS} × issue_comment.created by the customer, round the incidents`);
  const contenders = CONTENDERS.filter((c) => !values.only || c.name.startsWith(values.only));
  const spacings = values.spacing === "both" ? [true, false] : [values.spacing === "off"];
  const rows: Row[] = [];
  for (const spacingOff of spacings) {
    for (const c of contenders) {
      const t = Date.now();
      process.stdout.write(`running ${c.name}, write spacing ${spacingOff ? "off" : "Probot default"} … `);
      const row = await run(built.dir, c, spacingOff);
      rows.push(row);
      console.log(`${row.pass ? "PASS" : "FAIL"} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
  }
  console.log(`\n${table(rows)}\n\nWhat dominates:\n${explain(rows)}`);
  console.log(
    "\nanswer = the HTTP answer to the delivery (GitHub waits at most 10 s; Probot answers 202 at 9 s and keeps working); processed = from sending to the app's log line for that delivery; " +
      "RSS = VmHWM of the app process (idle: right after start); reads include GraphQL; GitHub here is local, so network latency is ~0.",
  );
  process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
}

await main();
