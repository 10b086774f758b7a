// Starting and talking to the fake GitHub's process (bench/sweep/fake-server.ts).
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { RepoExpectation, Scenario } from "./scenario.js";
import type { Tally } from "./tally.js";

export interface FakeReady {
  url: string;
  repos: string[];
  /** Counted from the generated seed. */
  expected: RepoExpectation[];
  seedMs: number;
  /** The fake's heap after seeding, in its own process. */
  heapMb: number;
}

export interface FakeProcess extends FakeReady {
  pid: number;
  drain(): Promise<Tally>;
  expectFromState(): Promise<RepoExpectation[]>;
  violations(): Promise<{ count: number; first: unknown[] }>;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./fake-server.ts", import.meta.url));

export async function startFake(scenario: Scenario): Promise<FakeProcess> {
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", SERVER, JSON.stringify(scenario)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<number, (message: any) => void>();
  let ready: ((message: any) => void) | null = null;
  let nextId = 0;
  let failed: Error | null = null;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  lines.on("line", (line) => {
    const message = JSON.parse(line);
    if (message.ready) ready?.(message);
    else waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  child.once("exit", (code, signal) => {
    failed = new Error(`the fake GitHub's process ended (code ${code}, signal ${signal})`);
    for (const reject of waiting.values()) reject({ error: failed.message });
    waiting.clear();
  });

  const call = (cmd: string): Promise<any> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++nextId;
      waiting.set(id, (message) => (message.error ? reject(new Error(message.error)) : resolve(message)));
      child.stdin.write(`${JSON.stringify({ id, cmd })}\n`);
    });

  const first: FakeReady = await new Promise((resolve, reject) => {
    ready = resolve;
    void exited.then(() => reject(failed ?? new Error("the fake GitHub's process ended before it was ready")));
  });
  return {
    ...first,
    pid: child.pid!,
    drain: async () => (await call("drain")).tally as Tally,
    expectFromState: async () => (await call("expect")).expected as RepoExpectation[],
    violations: async () => {
      const v = await call("violations");
      return { count: v.count as number, first: v.first as unknown[] };
    },
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
