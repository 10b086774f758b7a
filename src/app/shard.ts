// Which installations this replica looks after. Replicas
// divide installations with shardOf (sweep-runner.ts): SWEEP_SHARD=i/N names
// the shard outright; in a StatefulSet, SWEEP_SHARDS=N alone takes i from the
// pod's ordinal at the end of its hostname (incident-sla-0 → 1/N,
// incident-sla-1 → 2/N, …). Neither set: every installation. Two replicas
// that overlap for a moment (a rollout) are safe: writes check before writing.

export interface Shard {
  index: number;
  of: number;
}

export function shardFromEnv(env: NodeJS.ProcessEnv, hostname: string): Shard | undefined {
  const named = env.SWEEP_SHARD?.trim();
  if (named) {
    const m = /^(\d+)\/(\d+)$/.exec(named);
    const index = Number(m?.[1]);
    const of = Number(m?.[2]);
    if (!m || of < 1 || index < 1 || index > of) throw new Error(`SWEEP_SHARD expects i/N with 1 ≤ i ≤ N, e.g. 2/3; got ${JSON.stringify(named)}`);
    return { index, of };
  }
  const count = env.SWEEP_SHARDS?.trim();
  if (!count) return undefined;
  const of = Number(count);
  if (!Number.isSafeInteger(of) || of < 1) throw new Error(`SWEEP_SHARDS expects a number of replicas, got ${JSON.stringify(count)}`);
  const ordinal = /-(\d+)$/.exec(hostname)?.[1];
  if (ordinal === undefined) throw new Error(`SWEEP_SHARDS=${of} needs a StatefulSet pod's hostname ending in its ordinal (name-0, name-1, …); got ${JSON.stringify(hostname)}: set SWEEP_SHARD=i/N instead`);
  const index = Number(ordinal) + 1;
  if (index > of) throw new Error(`pod ordinal ${ordinal} (${hostname}) is beyond SWEEP_SHARDS=${of}: scale the StatefulSet and SWEEP_SHARDS together`);
  return { index, of };
}
