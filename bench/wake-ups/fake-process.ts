// Starting and talking to the wake-up benchmark's fake GitHub (fake-server.ts).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../sweep/scenario.js";
import type { Tally } from "../sweep/tally.js";
import type { CostTally } from "./cost-tally.js";
import type { DumpedIssue } from "./fake-server.js";

export interface ClockedFake {
  url: string;
  repos: string[];
  pid: number;
  seedMs: number;
  heapMb: number;
  /** Moves the fake's clock (forward only); resolves once the fake has it. */
  setClock(at: number): Promise<void>;
  drain(): Promise<{ tally: Tally; cost: CostTally }>;
  dump(): Promise<DumpedIssue[]>;
  violations(): Promise<{ count: number; first: unknown[] }>;
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./fake-server.ts", import.meta.url));

export async function startClockedFake(scenario: Scenario): Promise<ClockedFake> {
  const child = spawn(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", SERVER, JSON.stringify(scenario)], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const waiting = new Map<number, { resolve: (m: any) => void; reject: (e: Error) => void }>();
  let onReady: ((m: any) => void) | null = null;
  let failed: Error | null = null;
  let nextId = 0;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  lines.on("line", (line) => {
    const message = JSON.parse(line);
    if (message.ready) return onReady?.(message);
    const w = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) w?.reject(new Error(message.error));
    else w?.resolve(message);
  });
  child.once("exit", (code, signal) => {
    failed = new Error(`the fake GitHub's process ended (code ${code}, signal ${signal})`);
    for (const w of waiting.values()) w.reject(failed);
    waiting.clear();
  });
  const call = (message: object): Promise<any> =>
    new Promise((resolve, reject) => {
      if (failed) return reject(failed);
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ id, ...message })}\n`);
    });
  const ready: { url: string; repos: string[]; seedMs: number; heapMb: number } = await new Promise((resolve, reject) => {
    onReady = resolve;
    void exited.then(() => reject(failed ?? new Error("the fake GitHub's process ended before it was ready")));
  });
  return {
    ...ready,
    pid: child.pid!,
    setClock: async (at) => {
      await call({ cmd: "clock", at });
    },
    drain: async () => {
      const m = await call({ cmd: "drain" });
      return { tally: m.tally as Tally, cost: m.cost as CostTally };
    },
    dump: async () => (await call({ cmd: "dump" })).issues as DumpedIssue[],
    violations: async () => {
      const v = await call({ cmd: "violations" });
      return { count: v.count as number, first: v.first as unknown[] };
    },
    async stop() {
      // Closing stdin ends it; one that does not end within 5 s is killed.
      const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.stdin.end();
      try {
        await exited;
      } finally {
        clearTimeout(kill);
      }
    },
  };
}
