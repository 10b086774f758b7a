// The wake-up heap (issue 16, item 2): against a plain map sorted on every step.
import { fc, it } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { InstantHeap } from "../../src/units/heap.js";

type Op = { kind: "set"; key: number; at: number } | { kind: "delete"; key: number } | { kind: "pop"; now: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), key: fc.integer({ min: 0, max: 20 }), at: fc.integer({ min: 0, max: 1000 }) }),
  fc.record({ kind: fc.constant("delete" as const), key: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ kind: fc.constant("pop" as const), now: fc.integer({ min: 0, max: 1000 }) }),
);

describe("InstantHeap", () => {
  it("pops what is due, earliest first, and moves a key that is set again", () => {
    const heap = new InstantHeap();
    heap.set("a", 30);
    heap.set("b", 10);
    heap.set("c", 20);
    heap.set("a", 5); // moved earlier
    heap.set("b", 40); // moved later
    expect(heap.peek()).toEqual({ key: "a", at: 5 });
    expect(heap.popDue(25).map((d) => d.key)).toEqual(["a", "c"]);
    expect(heap.size).toBe(1);
    expect(heap.get("b")).toBe(40);
    expect(heap.delete("b")).toBe(true);
    expect(heap.delete("b")).toBe(false);
    expect(heap.peek()).toBeNull();
  });

  it.prop([fc.array(op, { maxLength: 200 })])("agrees with a sorted map under any sequence of changes", (ops) => {
    const heap = new InstantHeap();
    const model = new Map<string, number>();
    for (const o of ops) {
      if (o.kind === "set") {
        heap.set(`k${o.key}`, o.at);
        model.set(`k${o.key}`, o.at);
      } else if (o.kind === "delete") {
        expect(heap.delete(`k${o.key}`)).toBe(model.delete(`k${o.key}`));
      } else {
        const due = heap.popDue(o.now);
        const expected = [...model].filter(([, at]) => at <= o.now);
        for (const [k] of expected) model.delete(k);
        expect(due.map((d) => d.at)).toEqual(expected.map(([, at]) => at).sort((a, b) => a - b));
        expect(new Set(due.map((d) => d.key))).toEqual(new Set(expected.map(([k]) => k)));
      }
      expect(heap.size).toBe(model.size);
      const least = Math.min(...model.values());
      expect(heap.peek()?.at ?? Number.POSITIVE_INFINITY).toBe(least);
    }
  });
});
