// Peak memory and CPU of this process while an asynchronous phase runs.
// process.memoryUsage() is sampled every 20 ms (a timer, so it runs between
// the phase's requests and batches) plus once at the start and the end,
// after a full collection (--expose-gc) so each phase starts from what the
// process really holds. heapUsed counts garbage that V8 has not collected
// yet, which with a large heap limit can be most of it; the heap right after
// each full collection V8 makes on its own (a gc performance entry) is close
// to what the phase really keeps alive, and costs nothing to watch.
import { type PerformanceEntry, PerformanceObserver, constants } from "node:perf_hooks";

export interface MemoryReport {
  /** After a full collection, before the phase. */
  baselineRss: number;
  baselineHeap: number;
  peakRss: number;
  peakHeapUsed: number;
  /** Largest heapUsed seen right after one of V8's own full collections during the phase (0: none happened). */
  peakAfterFullGc: number;
  fullGcs: number;
  samples: number;
}

export interface PhaseMeasure<T> {
  value: T;
  memory: MemoryReport;
  /** Wall time. */
  ms: number;
  /** CPU time of this process (user + system): the part of the wall time that is ours, not the fake's. */
  cpuMs: number;
}

export async function measurePeak<T>(phase: () => Promise<T>, everyMs = 20): Promise<PhaseMeasure<T>> {
  globalThis.gc?.();
  globalThis.gc?.();
  const base = process.memoryUsage();
  const memory: MemoryReport = {
    baselineRss: base.rss,
    baselineHeap: base.heapUsed,
    peakRss: base.rss,
    peakHeapUsed: base.heapUsed,
    peakAfterFullGc: 0,
    fullGcs: 0,
    samples: 0,
  };
  const sample = () => {
    const m = process.memoryUsage();
    memory.samples++;
    memory.peakRss = Math.max(memory.peakRss, m.rss);
    memory.peakHeapUsed = Math.max(memory.peakHeapUsed, m.heapUsed);
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Node 20 puts the collection's kind in `detail` (its typings do not say so).
      if ((entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      memory.fullGcs++;
      memory.peakAfterFullGc = Math.max(memory.peakAfterFullGc, process.memoryUsage().heapUsed);
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const timer = setInterval(sample, everyMs);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await phase();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    sample();
    return { value, memory, ms, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    clearInterval(timer);
    observer.disconnect();
  }
}
