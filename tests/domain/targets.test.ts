// The targets as data (DESIGN §4 "meeting a target", P9): the table has one
// entry per target the severity schema names, and each entry's rule says
// which milestones meet it.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { REPEATING_TARGET_NAMES, TARGET_NAMES, severitySchema } from "../../src/config/schema.js";
import type { Milestone } from "../../src/domain/clock/replay.js";
import { TARGETS, metOf } from "../../src/domain/clock/targets.js";

const { labels } = parseConfig({ labels: { waiting: "state: waiting for customer" } });
const label = (name: string): Milestone => ({ how: "label", at: 1, by: "engineer", label: name });
const close = (reason: "completed" | "not_planned" | "duplicate"): Milestone => ({ how: "closed", at: 1, by: "customer", reason });
const meets = (m: Milestone) => TARGET_NAMES.filter((name) => TARGETS[name].metBy(m, labels));

describe("the target table", () => {
  it("names the schema's targets, in its order, and has one entry for each", () => {
    // The schema's targets besides the repeating reply target (src/domain/clock/reply.ts).
    expect([...TARGET_NAMES, ...REPEATING_TARGET_NAMES]).toEqual(Object.keys(severitySchema.shape).filter((k) => k !== "clock"));
    expect(TARGET_NAMES).toEqual(["accept", "workaround", "resolve"]);
    expect(Object.keys(TARGETS).sort()).toEqual([...TARGET_NAMES].sort());
  });

  it("starts the three contract targets at t0, none repeating", () => {
    for (const name of TARGET_NAMES) {
      expect(TARGETS[name].startsAt({ t0: 1234 })).toBe(1234);
      expect(TARGETS[name].repeats).toBe(false);
    }
  });

  it.each([
    ["state: accepted", ["accept"]],
    ["state: waiting for customer", ["accept"]],
    ["State: Workaround", ["accept", "workaround"]],
    ["state: resolved", ["accept", "workaround", "resolve"]],
    ["severity: 1", []],
  ])("a trusted %s meets %j", (name, expected) => {
    expect(meets(label(name))).toEqual(expected);
  });

  it.each([
    ["completed", ["accept", "workaround", "resolve"]],
    ["not_planned", ["accept"]],
    ["duplicate", ["accept"]],
  ] as const)("a close as %s meets %j", (reason, expected) => {
    expect(meets(close(reason))).toEqual(expected);
  });

  it("is met by the first milestone that meets it, as the explanation shows it", () => {
    const milestones = [label("severity: 1"), { ...label("state: accepted"), at: 2 }, { ...close("completed"), at: 3 }, { ...label("state: resolved"), at: 4 }];
    expect(metOf(TARGETS.accept, milestones, labels)).toEqual({ at: 2, by: "engineer", how: "label", label: "state: accepted" });
    expect(metOf(TARGETS.resolve, milestones, labels)).toEqual({ at: 3, by: "customer", how: "closed" });
    expect(metOf(TARGETS.workaround, [label("state: accepted")], labels)).toBeNull();
  });
});
