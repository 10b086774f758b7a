// The app's time-driven work, kept in this process (README, "Wake-ups and
// reconciliation"): one heap of wake-ups whose timer reads only the
// incidents owed something, and a reconciliation on the schedule
// (SWEEP_INTERVAL) that reads everything at start and once a day, and what
// changed otherwise. One reconciliation, as a numbered list of steps:
// redeliver failed events → list the installations (this replica's shard) →
// reconcile each (one installation's failure never stops the others) → log
// the summary, count it in the metrics and the health → the monthly report's
// look. Every failure is logged with what was being done; nothing is swallowed.
import { hostname } from "node:os";
import type { Probot } from "probot";
import { withRequestTimeout } from "../github/request-timeout.js";
import { messageOf } from "../github/types.js";
import type { WriteBudgets } from "../github/write-budget.js";
import type { SweepHealth } from "./health.js";
import type { AppMetrics } from "./metrics.js";
import type { createMonthlyReports } from "./monthly-report.js";
import { OpenIncidents } from "./open-incidents.js";
import { type Reconciler, createReconciler } from "./reconcile.js";
import { redeliveriesOf } from "./redeliver-failed.js";
import type { AppServices } from "./services.js";
import { type Shard, shardFromEnv } from "./shard.js";
import type { Decided, SweepDeps, SweepTarget } from "./sweep-deps.js";
import { type InstallationToSweep, probotInstallations, shardOf, summarise } from "./sweep-runner.js";
import { type WakeRun, WakeUps } from "./wake-ups.js";

export interface InAppSweepDeps {
  app: Probot;
  services: AppServices;
  budgets: WriteBudgets;
  health: SweepHealth;
  metrics: AppMetrics;
  monthlyReports: ReturnType<typeof createMonthlyReports>;
  /** Days between two reconciliations that read everything (FULL_SWEEP_INTERVAL); default one. */
  fullEveryMs?: number;
}

export interface InAppSweeps {
  /** One reconciliation; the schedule calls it. */
  run(): Promise<void>;
  /** A webhook's decision: the incident's next instant and board row (this replica's installations only). */
  onDecided(decided: Decided): void;
  /** The configuration of a repository changed: wake-ups read it again. */
  forgetConfig(ref: { owner: string; repo: string }): void;
  /** For /healthz: incidents waiting, and the earliest instant. */
  wakeUps(): { scheduled: number; next: number | null };
}

/** A real timer that does not keep the process alive. */
function realTimer(run: () => void, ms: number): { cancel: () => void } {
  const timer = setTimeout(run, ms);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

export function createInAppSweeps({ app, services, budgets, health, metrics, monthlyReports, fullEveryMs }: InAppSweepDeps): InAppSweeps {
  const open = new OpenIncidents();
  const log = app.log;
  let shard: Shard | undefined;
  // Built at the first reconciliation, when the app's login is known.
  let kept: { wakeUps: WakeUps; reconciler: Reconciler } | null = null;

  const targetFor = async (installationId: number | string): Promise<SweepTarget> => {
    const octokit = withRequestTimeout(await app.auth(Number(installationId)));
    return { octokit, graphql: services.reads ? services.reads.graphqlFor(octokit, installationId) : octokit.graphql, installationId, budget: budgets.for(installationId) };
  };

  /** What the wake-up timer did, where people and machines look. */
  const ranWakeUps = (run: WakeRun, ms: number) => {
    const summary = summarise(run.repositories, ms);
    const failures = run.repositories.filter((r) => !r.ok && !r.rateLimited);
    metrics.wakeUpRuns.inc({ outcome: failures.length === 0 ? "ok" : "failed" });
    metrics.wokenIncidents.inc(run.due);
    metrics.writes.inc({ source: "wake-up" }, summary.writes);
    metrics.deferred.inc(summary.deferred);
    if (failures.length > 0) metrics.repositoryFailures.inc({ scope: "repository" }, failures.length);
    metrics.setOpenIncidents(open.byStatus());
    metrics.scheduledWakeUps.set(kept?.wakeUps.size ?? 0);
    (failures.length > 0 ? log.warn.bind(log) : log.info.bind(log))({ ...summary, due: run.due, scheduled: kept?.wakeUps.size ?? 0, problems: failures.slice(0, 5).map((r) => `${r.repo}: ${r.error ?? "failed"}`) }, "wake-ups ran");
  };

  const build = (botLogin: string) => {
    const deps: SweepDeps = {
      now: services.now,
      sleep: services.sleep,
      botLogin,
      labels: services.labels,
      members: services.members,
      log,
      onRateLimitWait: () => metrics.rateLimitWaits.inc(),
      onDecided: (d) => open.note(d.installationId, d.ref, d.explanation, d.assignees),
    };
    const wakeUps = new WakeUps({ sweep: deps, targetFor, setTimer: realTimer, onRun: ranWakeUps });
    const reconciler = createReconciler(deps, budgets, wakeUps, { open, ...(fullEveryMs !== undefined ? { fullEveryMs } : {}) });
    wakeUps.start();
    return { wakeUps, reconciler };
  };

  return {
    onDecided(d) {
      if (!kept) return; // before the first reconciliation, which reads every incident anyway
      if (shard && shardOf(Number(d.installationId), shard.of) !== shard.index) return;
      open.note(d.installationId, d.ref, d.explanation, d.assignees);
      kept.wakeUps.note({ installationId: d.installationId, owner: d.ref.owner, repo: d.ref.repo, number: d.ref.issue_number }, d.explanation, d.appComments);
      metrics.scheduledWakeUps.set(kept.wakeUps.size);
    },

    forgetConfig(ref) {
      kept?.wakeUps.forgetConfig(ref);
    },

    wakeUps() {
      return { scheduled: kept?.wakeUps.size ?? 0, next: kept?.wakeUps.next ?? null };
    },

    async run() {
      // 0. Events lost while the app was down or slow: GitHub sends them again (README, Health and metrics).
      await redeliveriesOf(app, metrics, services.now)?.check();
      const started = services.now();
      const endTimer = metrics.sweepSeconds.startTimer();
      // 1. The installations (the app's own credentials: a bad key or an unreachable GitHub fails here).
      let installations: InstallationToSweep[];
      let botLogin: string;
      try {
        botLogin = await services.botLogin();
        // One replica's share of the installations when SWEEP_SHARD or SWEEP_SHARDS says so (app/shard.ts).
        shard = shardFromEnv(process.env, hostname());
        installations = await probotInstallations(app, shard, services.reads);
      } catch (error) {
        endTimer();
        metrics.sweeps.inc({ outcome: "failed" });
        metrics.repositoryFailures.inc({ scope: "app" });
        health.recordError(`the app's installations could not be listed: ${messageOf(error)}`);
        log.error({ err: error }, "sweep failed: the app's installations could not be listed");
        return;
      }

      // 2. Reconcile each installation, then the incidents whose instants came meanwhile.
      kept ??= build(botLogin);
      const { full, results } = await kept.reconciler.run(installations);

      // 3. What happened, where people and machines look.
      const summary = summarise(results, services.now() - started);
      endTimer();
      const failures = results.filter((r) => !r.ok && !r.rateLimited);
      metrics.sweeps.inc({ outcome: failures.length === 0 ? "ok" : "failed" });
      for (const r of failures) metrics.repositoryFailures.inc({ scope: r.repo === "*" ? "installation" : "repository" });
      metrics.reads.inc(summary.reads);
      metrics.writes.inc({ source: "sweep" }, summary.writes);
      metrics.deferred.inc(summary.deferred);
      metrics.setOpenIncidents(open.byStatus());
      metrics.scheduledWakeUps.set(kept.wakeUps.size);
      health.record({
        swept: results.filter((r) => !r.rateLimited).length,
        failed: failures.length,
        problems: failures.slice(0, 5).map((r) => `${r.repo === "*" ? `installation ${r.installation}` : r.repo}: ${r.error ?? "failed"}`),
      });
      (failures.length > 0 ? log.warn.bind(log) : log.info.bind(log))({ ...summary, installations: installations.length, full, scheduled: kept.wakeUps.size }, "sweep finished");

      // 4. The scheduled compliance report (README, The monthly report) rides on the reconciliation: it looks at most once an hour.
      try {
        await monthlyReports.check(installations, botLogin);
      } catch (error) {
        log.error({ err: error }, "monthly report check failed");
      }
    },
  };
}
