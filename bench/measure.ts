// Timing and memory helpers. Contenders are measured in interleaved rounds
// (A, B, C, A, B, C, …) so that a slow spell of the machine hits all of them
// alike, and the median round is reported, which one noisy round cannot move.

export interface Contender {
  name: string;
  /** Runs the whole workload once and returns a number derived from every answer, so no work can be skipped. */
  run: () => number;
  /** How many operations one run performs. */
  ops: number;
}

export interface Timing {
  name: string;
  /** Microseconds per operation in each round. */
  rounds: number[];
  median: number;
}

const collect = (): void => globalThis.gc?.();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let sink = 0;
/** Keeps results observable so the optimiser cannot drop the work that produced them. */
export function consume(value: number): void {
  sink = (sink + value) % 1_000_003;
}
export const sinkValue = (): number => sink;

export function timeInterleaved(contenders: readonly Contender[], warmups: number, rounds: number): Timing[] {
  for (let w = 0; w < warmups; w++) for (const c of contenders) consume(c.run());
  const perRound = contenders.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, i) => {
      collect(); // start every round with the same clean heap
      const t = process.hrtime.bigint();
      consume(c.run());
      const elapsed = Number(process.hrtime.bigint() - t) / 1000;
      perRound[i]!.push(elapsed / c.ops);
    });
  }
  return contenders.map((c, i) => ({ name: c.name, rounds: perRound[i]!, median: median(perRound[i]!) }));
}

export interface MemoryPeak {
  baseline: NodeJS.MemoryUsage;
  peakRss: number;
  peakHeapUsed: number;
  peakHeapTotal: number;
  after: NodeJS.MemoryUsage;
  samples: number;
  seconds: number;
}

/**
 * Runs `step(i)` `count` times, sampling process.memoryUsage() every
 * `every` steps. `baseline` is taken after a full collection before the run,
 * `after` after a full collection at the end (what the run left behind).
 */
export function peakMemory(count: number, every: number, step: (i: number) => void): MemoryPeak {
  collect();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeapUsed = baseline.heapUsed;
  let peakHeapTotal = baseline.heapTotal;
  let samples = 0;
  const sample = () => {
    const m = process.memoryUsage();
    samples++;
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeapUsed) peakHeapUsed = m.heapUsed;
    if (m.heapTotal > peakHeapTotal) peakHeapTotal = m.heapTotal;
  };
  const t = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    step(i);
    if (i % every === every - 1) sample();
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  sample();
  collect();
  return { baseline, peakRss, peakHeapUsed, peakHeapTotal, after: process.memoryUsage(), samples, seconds };
}
