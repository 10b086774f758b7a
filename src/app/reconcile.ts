// Reconciliation: with wake-ups doing the timely work, a sweep runs at start
// and then rarely (SWEEP_INTERVAL, default 3600 s), to catch what no webhook
// said. The first reads every open incident; the next ones read only the
// issues updated since the previous one began (GitHub's `filterBy: {since}`,
// with a minute's overlap for clocks and in-flight writes), then the
// incidents whose instants fell due; once a day (FULL_SWEEP_INTERVAL) one
// reads everything again. Every incident decided gives the wake-ups its next
// instant. The SLA boards come from the full read, or, between two, from what
// the app knows of its open incidents (app/open-incidents.ts).
import type { WriteBudgets } from "../github/write-budget.js";
import { keepBoards } from "./board.js";
import type { OpenIncidents } from "./open-incidents.js";
import type { RepoSweep } from "./sweep.js";
import type { Decided, SweepDeps } from "./sweep-deps.js";
import { type InstallationToSweep, sweepInstallation } from "./sweep-runner.js";
import type { WakeUps } from "./wake-ups.js";

/** Overlap between one reconciliation's window and the last's. */
export const SINCE_OVERLAP_MS = 60_000;
/** A full read this often at the least: an issue closed or relabelled while no event reached the app is noticed within a day. */
const FULL_EVERY_MS = 24 * 3_600_000;

export interface Reconciliation {
  /** Every open incident was read (the first, and then once a day); otherwise the changed ones. */
  full: boolean;
  results: RepoSweep[];
}

export interface Reconciler {
  run(installations: InstallationToSweep[]): Promise<Reconciliation>;
  /** When the last successful reconciliation began (undefined before the first). */
  readonly lastStartedAt: number | undefined;
}

export interface ReconcilerOptions {
  /** Kept from every decision; gives the boards between two full reads. */
  open?: OpenIncidents;
  fullEveryMs?: number;
}

export function createReconciler(deps: SweepDeps, budgets: WriteBudgets, wakeUps: WakeUps, options: ReconcilerOptions = {}): Reconciler {
  let last: number | undefined;
  let lastFull: number | undefined;
  const fullEveryMs = options.fullEveryMs ?? FULL_EVERY_MS;
  return {
    get lastStartedAt() {
      return last;
    },
    async run(installations) {
      const started = deps.now();
      // 1. Full, or the changes since the last good start.
      const full = last === undefined || lastFull === undefined || started - lastFull >= fullEveryMs;
      const changedSince = full ? undefined : last! - SINCE_OVERLAP_MS;
      const swept: SweepDeps = {
        ...deps,
        ...(changedSince !== undefined ? { changedSince } : {}),
        onDecided: (d: Decided) => {
          deps.onDecided?.(d);
          wakeUps.note({ installationId: d.installationId, owner: d.ref.owner, repo: d.ref.repo, number: d.ref.issue_number }, d.explanation, d.appComments);
        },
      };
      // 2. Each installation; a full read writes the boards itself (sweep-runner.ts), a partial one from what is known.
      const results: RepoSweep[] = [];
      for (const installation of installations) {
        if (full) options.open?.restart(installation.id);
        results.push(...(await sweepInstallation(swept, budgets, installation)));
        if (!full && options.open && installation.repos === undefined) {
          const target = { octokit: installation.octokit, graphql: installation.graphql, installationId: installation.id, budget: budgets.for(installation.id) };
          results.push(...(await keepBoards(swept, target, options.open.boardReads(installation.id))));
        }
      }
      // 3. The incidents whose instants have come.
      const due = await wakeUps.runDue();
      results.push(...due.repositories);
      // The window moves on only when every repository was read: after a failure, the next one reads again from the last good start.
      if (results.every((r) => r.ok)) {
        last = started;
        if (full) lastFull = started;
      }
      return { full, results };
    },
  };
}
