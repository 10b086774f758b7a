// The in-app sweep looks after its replica's shard only (issue 16, item 5):
// SWEEP_SHARD=i/N (or SWEEP_SHARDS=N with a StatefulSet pod's ordinal) picks
// installations with shardOf. Fake GitHub, fake timers.
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, expect, it, vi } from "vitest";
import { createApp } from "../../src/app/app.js";
import { shardOf } from "../../src/app/sweep-runner.js";
import { APP_BOT, APP_ID, KEYS, SweepWorld } from "./sweep-world.js";

let w: SweepWorld | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  await w?.close();
  w = undefined;
});

it("SWEEP_SHARD=2/2: only the installations of shard 2 are swept", async () => {
  w = await new SweepWorld("2026-03-02T10:00:00Z").start();
  w.org("acme", 11).org("globex", 12);
  expect([shardOf(11, 2), shardOf(12, 2)]).toEqual([2, 1]);
  const mine = w.repo("acme/support");
  const theirs = w.repo("globex/support");
  for (const repo of [mine, theirs]) w.incident(repo, { number: 1, severity: 3, createdAt: "2026-03-02T09:35:00Z" });
  vi.stubEnv("SWEEP_INTERVAL", "60");
  vi.stubEnv("SWEEP_SHARD", "2/2");
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  let finished!: () => void;
  const sweepFinished = new Promise<void>((resolve) => (finished = resolve));
  const lines: Record<string, any>[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(JSON.parse(chunk.toString()) as Record<string, any>), lines.at(-1)!.msg === "sweep finished" && finished(), done()) });
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  const probot = new Probot({ appId: APP_ID, privateKey: KEYS.privateKey, baseUrl: w.fake.apiUrl, Octokit, log: pino({ level: "info" }, stream) });
  await probot.load(createApp({ now: () => w!.now, appSlug: "incident-sla" }));
  await vi.advanceTimersByTimeAsync(15_000);
  await sweepFinished;
  expect(w.markers(mine, 1, APP_BOT)).toContain("status");
  expect(w.markers(theirs, 1, APP_BOT)).toEqual([]);
  expect(lines.find((l) => l.msg === "sweep finished")).toMatchObject({ installations: 1, incidents: 1 });
});
