// The fake GitHub of the sweep benchmark, in a process of its own so that
// its memory (every issue, comment and timeline of the scenario) never
// counts against the sweep's. Started by bench/sweep/fake-process.ts with
// `node --import tsx bench/sweep/fake-server.ts '<scenario JSON>'`.
//
// Protocol: one JSON line per message on stdout and stdin. First it prints
// { ready, url, repos, expected, seedMs, heapMb }; then it answers commands
//   { id, cmd: "drain" }       → { id, tally }: requests since the last drain
//   { id, cmd: "expect" }      → { id, expected }: page counts from the current state
//   { id, cmd: "violations" }  → { id, count, first }: requests GitHub would refuse
// and exits when stdin closes.
import { createInterface } from "node:readline";
import { createFakeGitHub } from "../../tests/support/fake-github/index.js";
import { BOT, NOW, type Scenario, TOKEN } from "./scenario.js";
import { expectationsFromState, seedScenario } from "./seed.js";
import { type Tally, addToTally, emptyTally } from "./tally.js";

const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const scenario = JSON.parse(process.argv[2] ?? "") as Scenario;
const fake = await createFakeGitHub({
  clock: () => NOW,
  // Bodies are needed to tell GraphQL operations apart; the log is drained often, so it stays small.
  log: true,
  // GitHub's primary limits (5,000 an hour) would stop the naive approach long before 10,000
  // timelines; the benchmark counts requests instead of enforcing the limit.
  rateLimit: 1_000_000_000,
  strictResponses: false,
});
fake.warmUp();
const started = performance.now();
const seeded = seedScenario(fake, scenario);
const seedMs = performance.now() - started;
fake.addToken(TOKEN, { login: BOT });

let tally: Tally = emptyTally();
const collect = () => {
  for (const entry of fake.requests.splice(0)) addToTally(tally, entry);
};
// The request log keeps bodies; folding it into counts every few hundred milliseconds keeps this process small.
const folding = setInterval(collect, 250);

globalThis.gc?.();
send({ ready: true, url: fake.url, repos: seeded.repos, expected: seeded.expected, seedMs, heapMb: process.memoryUsage().heapUsed / 1e6 });

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { id, cmd } = JSON.parse(line) as { id: number; cmd: string };
  if (cmd === "drain") {
    collect();
    const out = tally;
    tally = emptyTally();
    fake.resetCounts();
    send({ id, tally: out });
  } else if (cmd === "expect") {
    send({ id, expected: expectationsFromState(fake, seeded.repos) });
  } else if (cmd === "violations") {
    send({ id, count: fake.violations.length, first: fake.violations.slice(0, 5) });
  } else {
    send({ id, error: `unknown command ${cmd}` });
  }
});
lines.on("close", () => {
  clearInterval(folding);
  void fake.close().then(() => process.exit(0));
});
