// The write budget holds across processes (README, Reminders, escalation and the sweep: within GitHub's limits, across processes): a sweep run as
// its own process (a CronJob, an Actions workflow) keeps nothing between runs,
// so it counts what the app already wrote in the last minute and hour from the
// timelines it reads anyway, and spends only the rest. Consecutive runs never
// exceed GitHub's 80 content writes a minute or 500 an hour in sum.
import { afterEach, describe, expect, it } from "vitest";
import { BudgetExhausted, WriteBudget } from "../../src/github/write-budget.js";
import { ACTIONS_BOT, SweepWorld, writesOf } from "./sweep-world.js";

let w: SweepWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const NOW = "2026-03-02T10:00:00Z";
const at = (iso: string, plusMs = 0) => Date.parse(iso) + plusMs;

describe("WriteBudget with what GitHub shows", () => {
  it("470 writes seen in the last hour leave 30", () => {
    const now = at(NOW);
    const budget = new WriteBudget({ perMinute: 80, perHour: 500 }, () => now);
    budget.observe("acme/support#1", Array.from({ length: 470 }, (_, i) => now - 3_000_000 + i * 1000), now);
    for (let i = 0; i < 30; i++) budget.take("acme/support#2");
    expect(() => budget.take("acme/support#2")).toThrow(BudgetExhausted);
  });

  it("writes older than an hour, or seen again on a second read, are not counted twice", () => {
    let now = at(NOW);
    const budget = new WriteBudget({ perMinute: 1000, perHour: 10 }, () => now);
    // An hour and a second ago: out of the window.
    budget.observe("a#1", [now - 3_601_000, now - 3_600_500], now);
    expect(budget.used()).toEqual({ minute: 0, hour: 0 });
    // This process writes 4 times on a#2; a later read of a#2 shows those 4: still 4, not 8.
    for (let i = 0; i < 4; i++) budget.take("a#2");
    now += 5000;
    budget.observe("a#2", [now - 5000, now - 5000, now - 5000, now - 5000], now);
    expect(budget.used()).toEqual({ minute: 4, hour: 4 });
    // Reading a#1 again replaces what was seen there before.
    budget.observe("a#1", [now - 1000], now);
    budget.observe("a#1", [now - 1000, now - 500], now);
    expect(budget.used()).toEqual({ minute: 6, hour: 6 });
  });

  it("the minute's limit counts observed writes too", () => {
    const now = at(NOW);
    const budget = new WriteBudget({ perMinute: 80, perHour: 500 }, () => now);
    budget.observe("a#1", Array.from({ length: 75 }, (_, i) => now - 59_000 + i * 100), now);
    for (let i = 0; i < 5; i++) budget.take("a#9");
    expect(() => budget.take("a#9")).toThrow(/80\/min/);
  });
});

describe("consecutive CLI sweeps, each a process of its own", () => {
  /** 150 new incidents (each owed its status comment), and one incident carrying the app's `recent` writes of the last hour. */
  function seed(recent: number): string {
    w!.org("acme", 11);
    const repo = w!.repo("acme/support");
    // The app's earlier writes, as a previous run left them: comments within the last hour.
    const start = at(NOW) - 58 * 60_000;
    w!.incident(repo, {
      number: 1,
      createdAt: "2026-03-02T08:00:00Z",
      events: Array.from({ length: recent }, (_, i) => ({ event: "commented" as const, actor: ACTIONS_BOT, body: `An earlier note (${i})`, createdAt: start + i * 6_000 })),
    });
    for (let n = 2; n <= 151; n++) w!.incident(repo, { number: n, createdAt: "2026-03-02T09:30:00Z" });
    return repo;
  }

  it("with 470 of the hour's 500 writes already on GitHub: three runs back to back write 30 in sum", async () => {
    w = await new SweepWorld(NOW).start();
    const repo = seed(470);
    const written: number[] = [];
    for (let run = 0; run < 3; run++) {
      w.at(new Date(at(NOW, run * 10_000)).toISOString());
      const r = await w.sweep(["--repo", repo]);
      expect(r.code, r.stderr).toBe(0);
      written.push(writesOf(r.requests).length);
      expect(r.repos[0]!.writes).toBe(written[run]);
    }
    expect(written).toEqual([30, 0, 0]);
    expect(w.fake.counts.restWrite).toBe(30);
  });

  it("an hour later: at most 80 in a minute however many runs, then the rest in the next minute", async () => {
    w = await new SweepWorld(NOW).start();
    const repo = seed(470);
    await w.sweep(["--repo", repo]);
    // The earlier writes have left the hour; the 30 of the first run are 61 minutes old too.
    const later = at(NOW, 61 * 60_000);
    const writes: number[] = [];
    for (const offset of [0, 5_000, 20_000, 61_000]) {
      w.at(new Date(later + offset).toISOString());
      const r = await w.sweep(["--repo", repo]);
      expect(r.code, r.stderr).toBe(0);
      writes.push(r.repos[0]!.writes);
    }
    // Three runs in one minute: 80 in sum; a minute later, the rest: 151 status comments were
    // owed in all, 30 written an hour ago.
    expect(writes).toEqual([80, 0, 0, 151 - 30 - 80]);
  });

  it("with nothing written by the app before: the first run writes the hour's 80 a minute, the most urgent first", async () => {
    w = await new SweepWorld(NOW).start();
    const repo = seed(0);
    const r = await w.sweep(["--repo", repo]);
    expect(r.repos[0]).toMatchObject({ ok: true, writes: 80 });
    expect(r.repos[0]!.deferred).toBeGreaterThan(0);
  });

  it("the hour's writes in a repository read later count before the first write in an earlier one", async () => {
    w = await new SweepWorld(NOW).start();
    w.org("acme", 11);
    const first = w.repo("acme/first");
    const second = w.repo("acme/second");
    for (let n = 1; n <= 40; n++) w.incident(first, { number: n, createdAt: "2026-03-02T09:30:00Z" });
    // The second repository carries 490 of the app's writes of the last hour, on three incidents.
    const start = at(NOW) - 58 * 60_000;
    for (let n = 1; n <= 3; n++) {
      w.incident(second, {
        number: n,
        createdAt: "2026-03-02T08:00:00Z",
        events: Array.from({ length: n === 1 ? 170 : 160 }, (_, i) => ({ event: "commented" as const, actor: ACTIONS_BOT, body: `note ${n}.${i}`, createdAt: start + (n * 1000 + i) * 1000 })),
      });
    }
    const r = await w.sweep(["--repo", first, "--repo", second]);
    expect(r.code, r.stderr).toBe(0);
    // 500 − 490: whatever the order the repositories are swept in.
    expect(writesOf(r.requests)).toHaveLength(10);
    expect(r.repos.map((x) => x.repo)).toEqual([first, second]);
  });
});
