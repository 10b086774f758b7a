// The wake-up benchmark's local GitHub, in a process of its own (its memory is
// not the app's): the sweep benchmark's seed (bench/sweep/seed.ts) on a
// simulated clock that the benchmark moves, so everything the fake stamps
// (comments, label events, updated_at) carries simulated time. Started by
// bench/wake-ups/fake-process.ts with
// `node --import tsx bench/wake-ups/fake-server.ts '<scenario JSON>'`.
//
// Protocol: one JSON line per message on stdout and stdin. First it prints
// { ready, url, repos, seedMs, heapMb }; then it answers commands
//   { id, cmd: "clock", at }   → { id }: the fake's clock stands at `at` from now on
//   { id, cmd: "drain" }       → { id, tally, cost }: requests since the last drain
//   { id, cmd: "dump" }        → { id, issues }: every open issue's labels and the app's comments
//   { id, cmd: "violations" }  → { id, count, first }: requests GitHub would refuse
// and exits when stdin closes.
import { createInterface } from "node:readline";
import { fingerprint, readMarker } from "../../src/domain/texts/markers.js";
import { createFakeGitHub } from "../../tests/support/fake-github/index.js";
import { BOT, NOW, OWNER, type Scenario, TOKEN } from "../sweep/scenario.js";
import { seedScenario } from "../sweep/seed.js";
import { type Tally, addToTally, emptyTally } from "../sweep/tally.js";
import { type CostTally, addCost, emptyCost } from "./cost-tally.js";

export interface DumpedComment {
  /** The marker's key ("status", "reminder:accept:75:s2", …); "" for an app comment without one. */
  key: string;
  createdAt: number;
  updatedAt: number;
  /**
   * What the comment says, to tell two runs' texts apart: for a status comment its marker's
   * fingerprint, which covers every line but those that change with the instant of writing
   * (time left, "as of", "updated at"); for any other comment a hash of the whole body.
   */
  body: string;
}

export interface DumpedIssue {
  repo: string;
  number: number;
  labels: string[];
  comments: DumpedComment[];
}

const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const scenario = JSON.parse(process.argv[2] ?? "") as Scenario;
let clock = NOW;
// Request bodies are logged (the cost formula and the operation names need them) and folded into
// counts every 250 ms; GitHub's 5,000 points an hour are counted, not enforced.
const fake = await createFakeGitHub({ clock: () => clock, log: true, rateLimit: 1_000_000_000, strictResponses: false });
fake.warmUp();
fake.addToken(TOKEN, { login: BOT });
const seedStarted = performance.now();
const seeded = seedScenario(fake, scenario);
const seedMs = performance.now() - seedStarted;

let tally: Tally = emptyTally();
let cost: CostTally = emptyCost();
const collect = () => {
  for (const entry of fake.requests.splice(0)) {
    addToTally(tally, entry);
    if (entry.kind === "graphql") addCost(cost, entry);
  }
};
const folding = setInterval(collect, 250);

function dump(): DumpedIssue[] {
  const out: DumpedIssue[] = [];
  for (const name of seeded.repos) {
    const repo = fake.state.repo(`${OWNER}/${name}`);
    for (const issue of repo.issues) {
      if (issue.state !== "open" || issue.pullRequest) continue;
      const comments = fake.state
        .commentsOf(issue)
        .filter((c) => c.user.login === BOT)
        .map((c) => {
          const m = readMarker(c.body);
          return { key: m?.key ?? "", createdAt: c.createdAt, updatedAt: c.updatedAt, body: m?.fingerprint ?? fingerprint(c.body) };
        });
      out.push({ repo: name, number: issue.number, labels: issue.labels.map((l) => l.name).sort(), comments });
    }
  }
  return out;
}

globalThis.gc?.();
send({ ready: true, url: fake.url, repos: seeded.repos, seedMs, heapMb: process.memoryUsage().heapUsed / 1e6 });

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { id, cmd, at } = JSON.parse(line) as { id: number; cmd: string; at?: number };
  try {
    if (cmd === "clock") {
      if (typeof at !== "number" || at < clock) throw new Error(`the clock only moves forward: ${at} < ${clock}`);
      clock = at;
      send({ id });
    } else if (cmd === "drain") {
      collect();
      send({ id, tally, cost });
      tally = emptyTally();
      cost = emptyCost();
      fake.resetCounts();
    } else if (cmd === "dump") {
      send({ id, issues: dump() });
    } else if (cmd === "violations") {
      send({ id, count: fake.violations.length, first: fake.violations.slice(0, 5) });
    } else {
      send({ id, error: `unknown command ${cmd}` });
    }
  } catch (error) {
    send({ id, error: `${cmd}: ${error instanceof Error ? error.message : String(error)}` });
  }
});
lines.on("close", () => {
  clearInterval(folding);
  void fake.close().then(() => process.exit(0));
});
