import { describe, expect, it } from "vitest";
import type { Wait } from "../../src/domain/clock/reply.js";
import { replyFigures } from "../../src/report/reply-figures.js";

const H = 3_600_000;
const wait = (start: number, endAt: number | null, due: number, cancelled = false): Wait => ({
  start,
  openedBy: "customer",
  end: endAt === null ? null : { at: endAt, by: "eng", how: "comment" },
  cancelled,
  due,
  countedMs: 0,
  usedMs: 0,
  leftMs: 0,
  overdueMs: 0,
  breached: (endAt ?? 100 * H) > due,
});

describe("replyFigures (issue 15, item 5)", () => {
  it("counts answered in time out of decided waits; overdue open is breached, cancelled and pending are not counted", () => {
    // Hand-computed: reply times 1h, 2h, 3h, 6h (late), answered in time 3 of 5 counted
    // (4 answered + 1 open overdue); one cancelled and one open not yet due left out.
    const waits = [
      wait(0, 1 * H, 4 * H),
      wait(10 * H, 12 * H, 14 * H),
      wait(20 * H, 23 * H, 24 * H),
      wait(30 * H, 36 * H, 34 * H),
      wait(40 * H, null, 44 * H),
      wait(50 * H, 51 * H, 54 * H, true),
      wait(60 * H, null, 200 * H),
    ];
    const f = replyFigures(waits);
    expect(f).toEqual({ waits: 5, answeredInTime: 3, breached: 2, pending: 1, cancelled: 1, medianMs: 2 * H, p90Ms: 6 * H });
  });

  it("a wait cancelled after its due time stays breached (closing cannot erase a breach), with no reply time", () => {
    // Due 2h after the customer's comment; closed as not planned 5h after it: breached, not answered.
    const f = replyFigures([wait(0, 1 * H, 2 * H), wait(10 * H, 15 * H, 12 * H, true), wait(20 * H, 21 * H, 22 * H, true)]);
    expect(f).toEqual({ waits: 2, answeredInTime: 1, breached: 1, pending: 0, cancelled: 1, medianMs: 1 * H, p90Ms: 1 * H });
  });

  it("has no reply times without answered waits", () => {
    expect(replyFigures([]).medianMs).toBeNull();
    expect(replyFigures([]).waits).toBe(0);
  });
});
