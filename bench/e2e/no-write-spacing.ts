// Loaded with `node --import` into an app process for the benchmark's
// diagnostic rows only: takes away the minimum spacing Probot's throttling
// puts between writes (1 s) and between content-creating requests (3 s), so
// the table can show what the app itself costs apart from that spacing.
// Nothing else changes; production never runs with this.
import { createRequire } from "node:module";

type Limiter = { updateSettings(options: { minTime: number }): void };
type Group = { key: (this: Group, key?: string) => Limiter; limiterOptions?: { minTime?: number } };

// The very module @octokit/plugin-throttling loads (CommonJS, one instance per process).
const Bottleneck = createRequire(import.meta.url)("bottleneck/light.js") as { Group: { prototype: Group } };
const group = Bottleneck.Group.prototype;
const key = group.key;
const unspaced = new WeakSet<Limiter>();
group.key = function (this: Group, name?: string): Limiter {
  const limiter = key.call(this, name);
  if (!unspaced.has(limiter) && this.limiterOptions?.minTime) {
    limiter.updateSettings({ minTime: 0 });
    unspaced.add(limiter);
  }
  return limiter;
};
