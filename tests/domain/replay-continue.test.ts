// continueReplay (src/domain/clock/replay.ts): going on from a replay with
// more events is the replay of all of them at once, and the replay it went on
// from is left as it was (the planner decides from it, then adds its own
// waiting label at `now`, P7).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { continueReplay, replayTimeline } from "../../src/domain/clock/replay.js";
import { normaliseTimeline, type Actor } from "../../src/domain/clock/timeline.js";
import { incidents } from "../../bench/incidents.js";

const labels = parseConfig({}).labels;
const isTrusted = (a: Actor) => a.login !== null && (a.login.startsWith("engineer-") || a.login === "incident-sla[bot]");
// Generated incidents (the benchmark's workload): pauses by engineers and by the customer side, a close and a reopen.
const pool = incidents(40, 20_261_203).map((i) => normaliseTimeline(i.timeline));

describe("continueReplay", () => {
  it("is the replay of both parts at once, for every split of every timeline", () => {
    let splits = 0;
    for (const events of pool) {
      const whole = replayTimeline(events, labels, isTrusted);
      for (let at = 0; at <= events.length; at++) {
        const first = replayTimeline(events.slice(0, at), labels, isTrusted);
        expect(continueReplay(first, events.slice(at), labels, isTrusted)).toEqual(whole);
        splits++;
      }
    }
    expect(splits).toBe(pool.reduce((n, e) => n + e.length + 1, 0));
  });

  it("leaves the replay it goes on from as it was, an open pause and an open close included", () => {
    let open = 0;
    for (const events of pool) {
      for (let at = 1; at < events.length; at++) {
        const first = replayTimeline(events.slice(0, at), labels, isTrusted);
        if (first.openPause || first.openClosed) open++;
        const copy = structuredClone(first);
        const next = continueReplay(first, events.slice(at), labels, isTrusted);
        expect(first).toEqual(copy);
        // In both, the open pause and closed period are the ones in their lists, so a caller reading either sees the same.
        for (const r of [first, next]) {
          if (r.openPause) expect(r.pauses.at(-1)).toBe(r.openPause);
          if (r.openClosed) expect(r.closedPeriods.at(-1)).toBe(r.openClosed);
        }
      }
    }
    expect(open).toBeGreaterThan(100);
  });
});
