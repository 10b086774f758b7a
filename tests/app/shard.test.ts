// Replicas divide installations (issue 16, item 5): the shard from SWEEP_SHARD
// or a StatefulSet pod's ordinal, and every installation in exactly one shard.
import { describe, expect, it } from "vitest";
import { shardFromEnv } from "../../src/app/shard.js";
import { shardOf } from "../../src/app/sweep-runner.js";

describe("shardFromEnv", () => {
  it("takes SWEEP_SHARD=i/N as given", () => {
    expect(shardFromEnv({ SWEEP_SHARD: "2/3" }, "anything")).toEqual({ index: 2, of: 3 });
    expect(shardFromEnv({ SWEEP_SHARD: "2/3", SWEEP_SHARDS: "5" }, "incident-sla-4")).toEqual({ index: 2, of: 3 });
  });

  it("takes the StatefulSet ordinal from the hostname with SWEEP_SHARDS=N", () => {
    expect(shardFromEnv({ SWEEP_SHARDS: "3" }, "incident-sla-0")).toEqual({ index: 1, of: 3 });
    expect(shardFromEnv({ SWEEP_SHARDS: "3" }, "incident-sla-2")).toEqual({ index: 3, of: 3 });
  });

  it("looks after every installation when neither is set", () => {
    expect(shardFromEnv({}, "incident-sla-1")).toBeUndefined();
  });

  it("refuses what cannot name a shard, saying what to set", () => {
    expect(() => shardFromEnv({ SWEEP_SHARD: "0/3" }, "h")).toThrow(/SWEEP_SHARD expects i\/N/);
    expect(() => shardFromEnv({ SWEEP_SHARD: "4/3" }, "h")).toThrow(/SWEEP_SHARD expects i\/N/);
    expect(() => shardFromEnv({ SWEEP_SHARDS: "3" }, "laptop")).toThrow(/SWEEP_SHARD=i\/N instead/);
    expect(() => shardFromEnv({ SWEEP_SHARDS: "3" }, "incident-sla-3")).toThrow(/beyond SWEEP_SHARDS=3/);
  });

  it("puts every installation in exactly one replica's shard", () => {
    const of = 3;
    const replicas = [0, 1, 2].map((ordinal) => shardFromEnv({ SWEEP_SHARDS: String(of) }, `incident-sla-${ordinal}`)!);
    for (let id = 1; id <= 200; id++) expect(replicas.filter((s) => shardOf(id, s.of) === s.index)).toHaveLength(1);
  });
});
