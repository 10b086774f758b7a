// What the handlers share across events: the clock, the app's login, caches
// and per-issue serialisation. Passed in, so tests swap any of them.
import { LabelCache } from "../github/labels.js";
import { OrgMembersCache } from "../github/org-members.js";
import { ReadClients } from "../github/read-client.js";
import type { SweepDeps } from "./sweep-deps.js";

export interface AppServices {
  now: () => number;
  /** Waits (rate limits); tests make it instant. */
  sleep: (ms: number) => Promise<void>;
  /** The app's bot login, e.g. "incident-sla[bot]". */
  botLogin: () => Promise<string>;
  labels: LabelCache;
  members: OrgMembersCache;
  /** Runs `work` after any earlier work on the same key has finished. */
  serialise: <T>(key: string, work: () => Promise<T>) => Promise<T>;
  /** GraphQL reads without Probot's write spacing, per installation (github/read-client.ts); mutations stay spaced. */
  reads?: ReadClients;
  /** Told of every incident a webhook decided: the wake-ups take its next instant (app/wake-ups.ts). */
  onDecided?: SweepDeps["onDecided"];
}

/** Per-key queue: two deliveries for one issue in this process never interleave. */
function keyedQueue(): AppServices["serialise"] {
  const tails = new Map<string, Promise<unknown>>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await run;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

export function createServices(botLogin: () => Promise<string>, now: () => number = Date.now): AppServices {
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const reads = new ReadClients({ now, sleep: (ms) => sleep(ms) });
  return { now, sleep, botLogin, labels: new LabelCache(now), members: new OrgMembersCache(now), serialise: keyedQueue(), reads };
}
