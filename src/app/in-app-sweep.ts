// One in-app sweep, as a numbered list of steps: list the installations →
// sweep each (one installation's failure never stops the others) → log the
// summary, count it in the metrics and the health → the monthly report's look.
// Every failure is logged with what was being done; nothing is swallowed.
import { hostname } from "node:os";
import { messageOf } from "../github/types.js";
import type { Probot } from "probot";
import type { IncidentStatus } from "../domain/clock/incident-status.js";
import type { WriteBudgets } from "../github/write-budget.js";
import type { SweepHealth } from "./health.js";
import type { AppMetrics } from "./metrics.js";
import type { createMonthlyReports } from "./monthly-report.js";
import { redeliveriesOf } from "./redeliver-failed.js";
import type { AppServices } from "./services.js";
import type { RepoSweep, SweepDeps } from "./sweep.js";
import { type InstallationToSweep, probotInstallations, summarise, sweepInstallation } from "./sweep-runner.js";
import { shardFromEnv } from "./shard.js";

export interface InAppSweepDeps {
  app: Probot;
  services: AppServices;
  budgets: WriteBudgets;
  health: SweepHealth;
  metrics: AppMetrics;
  monthlyReports: ReturnType<typeof createMonthlyReports>;
}

export async function runInAppSweep({ app, services, budgets, health, metrics, monthlyReports }: InAppSweepDeps): Promise<void> {
  // 0. Events lost while the app was down or slow: GitHub sends them again (README, Health and metrics).
  await redeliveriesOf(app, metrics, services.now)?.check();
  const started = services.now();
  const log = app.log;
  const endTimer = metrics.sweepSeconds.startTimer();
  // 1. The installations (the app's own credentials: a bad key or an unreachable GitHub fails here).
  let installations: InstallationToSweep[];
  let botLogin: string;
  try {
    botLogin = await services.botLogin();
    // One replica's share of the installations when SWEEP_SHARD or SWEEP_SHARDS says so (app/shard.ts).
    installations = await probotInstallations(app, shardFromEnv(process.env, hostname()));
  } catch (error) {
    endTimer();
    metrics.sweeps.inc({ outcome: "failed" });
    metrics.repositoryFailures.inc({ scope: "app" });
    health.recordError(`the app's installations could not be listed: ${messageOf(error)}`);
    log.error({ err: error }, "sweep failed: the app's installations could not be listed");
    return;
  }

  // 2. Each installation, each repository.
  const deps: SweepDeps = {
    now: services.now,
    sleep: services.sleep,
    botLogin,
    labels: services.labels,
    members: services.members,
    log,
    onRateLimitWait: () => metrics.rateLimitWaits.inc(),
  };
  const results: RepoSweep[] = [];
  for (const installation of installations) results.push(...(await sweepInstallation(deps, budgets, installation)));

  // 3. What happened, where people and machines look.
  const summary = summarise(results, services.now() - started);
  endTimer();
  const failures = results.filter((r) => !r.ok && !r.rateLimited);
  metrics.sweeps.inc({ outcome: failures.length === 0 ? "ok" : "failed" });
  for (const r of failures) metrics.repositoryFailures.inc({ scope: r.repo === "*" ? "installation" : "repository" });
  metrics.reads.inc(summary.reads);
  metrics.writes.inc({ source: "sweep" }, summary.writes);
  metrics.deferred.inc(summary.deferred);
  const byStatus: Partial<Record<IncidentStatus, number>> = {};
  for (const r of results) for (const [status, n] of Object.entries(r.byStatus ?? {}) as [IncidentStatus, number][]) byStatus[status] = (byStatus[status] ?? 0) + n;
  metrics.setOpenIncidents(byStatus);
  health.record({
    swept: results.filter((r) => !r.rateLimited).length,
    failed: failures.length,
    problems: failures.slice(0, 5).map((r) => `${r.repo === "*" ? `installation ${r.installation}` : r.repo}: ${r.error ?? "failed"}`),
  });
  (failures.length > 0 ? log.warn.bind(log) : log.info.bind(log))({ ...summary, installations: installations.length }, "sweep finished");

  // 4. The scheduled compliance report (README, The monthly report) rides on the sweep: it looks at most once an hour.
  try {
    await monthlyReports.check(installations, botLogin);
  } catch (error) {
    log.error({ err: error }, "monthly report check failed");
  }
}
