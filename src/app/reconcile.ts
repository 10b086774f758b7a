// Reconciliation: with wake-ups doing the timely work, a
// full sweep runs at start and then rarely (SWEEP_INTERVAL, default 3600 s),
// to catch what no webhook said. After the first, each reads only the issues
// updated since the previous one began (GitHub's `filterBy: {since}`, with a
// minute's overlap for clocks and in-flight writes), then the incidents whose
// instants fell due. Every incident decided gives the wake-ups its next instant.
import type { WriteBudgets } from "../github/write-budget.js";
import type { RepoSweep, SweepDeps } from "./sweep.js";
import { type InstallationToSweep, sweepInstallation } from "./sweep-runner.js";
import type { WakeUps } from "./wake-ups.js";

/** Overlap between one reconciliation's window and the last's. */
export const SINCE_OVERLAP_MS = 60_000;

export interface Reconciler {
  /** One reconciliation over these installations: full the first time, changed issues after that. */
  run(installations: InstallationToSweep[]): Promise<RepoSweep[]>;
  /** When the last successful reconciliation began (undefined before the first). */
  readonly lastStartedAt: number | undefined;
}

export function createReconciler(deps: SweepDeps, budgets: WriteBudgets, wakeUps: WakeUps): Reconciler {
  let last: number | undefined;
  return {
    get lastStartedAt() {
      return last;
    },
    async run(installations) {
      const started = deps.now();
      const changedSince = last === undefined ? undefined : last - SINCE_OVERLAP_MS;
      const swept: SweepDeps = {
        ...deps,
        ...(changedSince !== undefined ? { changedSince } : {}),
        onDecided: (installationId, ref, explanation, appComments) => {
          deps.onDecided?.(installationId, ref, explanation, appComments);
          wakeUps.note({ installationId, owner: ref.owner, repo: ref.repo, number: ref.issue_number }, explanation, appComments);
        },
      };
      const results: RepoSweep[] = [];
      for (const installation of installations) results.push(...(await sweepInstallation(swept, budgets, installation)));
      const due = await wakeUps.runDue();
      results.push(...due.repositories);
      // The window moves on only when every repository was read: after a failure, the next one reads again from the last good start.
      if (results.every((r) => r.ok)) last = started;
      return results;
    },
  };
}
