// Loaded with `node --import` into an app process: sets the minimum spacing
// Probot's throttling keeps between writes (1 s) and between content-creating
// requests (3 s) to WRITE_SPACING_MS (default 0). Writes stay one at a time
// (the limiters' concurrency is untouched); only the pause between them goes.
//
// The suite loads it wherever spacing is not what a test is about, so a test
// does not depend on how many seconds of spacing fit into GitHub's 10 s on a
// loaded machine; the benchmark loads it for its diagnostic rows. Production
// never runs with it.
import { createRequire } from "node:module";

type Limiter = { updateSettings(options: { minTime: number }): void };
type Group = { key: (this: Group, key?: string) => Limiter; limiterOptions?: { minTime?: number } };

const spacing = Number(process.env.WRITE_SPACING_MS ?? 0);
if (!Number.isFinite(spacing) || spacing < 0) throw new Error(`WRITE_SPACING_MS must be a number of milliseconds, got ${JSON.stringify(process.env.WRITE_SPACING_MS)}`);

// The very module @octokit/plugin-throttling loads (CommonJS, one instance per process).
const Bottleneck = createRequire(import.meta.url)("bottleneck/light.js") as { Group: { prototype: Group } };
const group = Bottleneck.Group.prototype;
const key = group.key;
const respaced = new WeakSet<Limiter>();
group.key = function (this: Group, name?: string): Limiter {
  const limiter = key.call(this, name);
  if (!respaced.has(limiter) && this.limiterOptions?.minTime) {
    limiter.updateSettings({ minTime: Math.min(spacing, this.limiterOptions.minTime) });
    respaced.add(limiter);
  }
  return limiter;
};
