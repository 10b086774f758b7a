// Running sweeps: over every repository of an installation, over every
// installation of the app (optionally one shard of them), and on an interval
// inside the app. The CLI (`incident-sla sweep`) and the app share these.
import type { Probot } from "probot";
import type { ReadClients } from "../github/read-client.js";
import { withRequestTimeout } from "../github/request-timeout.js";
import { type Octokit, messageOf, statusOf } from "../github/types.js";
import type { WriteBudgets } from "../github/write-budget.js";
import { keepBoards } from "./board.js";
import { type Pending, type Queued, type RepoRead, type RepoSweep, readRepository, writeQueued } from "./sweep.js";
import type { SweepDeps, SweepTarget } from "./sweep-deps.js";

export interface RepoToSweep {
  owner: string;
  repo: string;
  ownerType?: string;
  /** Named by the user: not seeing it is a failure. */
  explicit?: boolean;
}

export interface InstallationToSweep {
  id: number | string;
  octokit: Octokit;
  graphql: Octokit["graphql"];
  /** Repositories to sweep; all the installation can see when absent. */
  repos?: RepoToSweep[];
  /** Gets a fresh token after a 401 (an installation token expired mid-sweep); replaces `octokit` and `graphql`. */
  refresh?: () => Promise<void>;
}

export async function listInstallationRepos(octokit: Octokit): Promise<RepoToSweep[]> {
  const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repos.map((r) => ({ owner: r.owner.login, repo: r.name, ownerType: r.owner.type }));
}

/**
 * Sweeps every repository of one installation. Never throws: an installation whose repositories
 * cannot be listed comes back as one failed entry (repo "*"), logged at error with the cause, so
 * one installation's failure never stops the others.
 */
export async function sweepInstallation(deps: SweepDeps, budgets: WriteBudgets, installation: InstallationToSweep): Promise<RepoSweep[]> {
  // Rebuilt after a refresh, which replaces the installation's Octokit.
  const target = (): SweepTarget => ({ octokit: installation.octokit, graphql: installation.graphql, installationId: installation.id, budget: budgets.for(installation.id) });
  let repos: RepoToSweep[];
  try {
    try {
      repos = installation.repos ?? (await listInstallationRepos(installation.octokit));
    } catch (error) {
      if (statusOf(error) === 401 && installation.refresh) {
        await installation.refresh();
        repos = await listInstallationRepos(installation.octokit);
      } else throw error;
    }
  } catch (error) {
    const failed = installationFailure(installation.id, error);
    deps.log.error({ installation: installation.id, error: failed.error, status: failed.errorStatus }, "installation not swept: its repositories could not be listed");
    return [failed];
  }
  // With GitHub's limits in force, every repository is read before anything is written: the
  // hour's writes GitHub shows across the installation are then known before the first one, and
  // the most urgent incidents of the whole installation go first (at most an hour's budget of
  // them held: each needs one write or more). A benchmark that lifts the limits writes repository
  // by repository, holding less in memory; a dry run writes nothing.
  const budget = budgets.for(installation.id);
  const refresh = installation.refresh;
  const together = !deps.dryRun && budget.bounded;
  const keep = Number.isFinite(budget.perHour) ? Math.max(0, budget.perHour) : Number.POSITIVE_INFINITY;
  const reads: RepoRead[] = [];
  let queue: Queued[] = [];
  for (const r of repos) {
    const read = await readWithRefresh(deps, target, installation, r);
    const queued = read.pending.map((p) => ({ read, p }));
    read.pending = [];
    if (!together) {
      if (!deps.dryRun) await writeQueued(deps, target, [read], queued, refresh);
    } else {
      queue.push(...queued);
      if (queue.length > 2 * keep) queue = trimmed(queue, keep);
    }
    reads.push(read);
  }
  if (together) await writeQueued(deps, target, reads, trimmed(queue, keep), refresh);
  // The SLA boards, from the incidents just read; a sweep of named repositories only (or of changed issues only) would leave the others out.
  const boards = installation.repos === undefined && deps.changedSince === undefined ? await keepBoards(deps, target(), reads) : [];
  return [...reads.map((r) => r.result), ...boards];
}

/** Reads one repository, again with a fresh token when the installation's expired meanwhile. */
async function readWithRefresh(deps: SweepDeps, target: () => SweepTarget, installation: InstallationToSweep, r: RepoToSweep): Promise<RepoRead> {
  const ref = { owner: r.owner, repo: r.repo };
  let read = await readRepository(deps, target(), ref, r.ownerType, r.explicit);
  if (!read.result.ok && read.result.errorStatus === 401 && installation.refresh) {
    try {
      await installation.refresh();
      read = await readRepository(deps, target(), ref, r.ownerType, r.explicit);
    } catch (error) {
      read.result.error = `a new installation token could not be had: ${messageOf(error)}`;
      deps.log.error({ installation: installation.id, repo: read.result.repo, error: read.result.error }, "repository not swept");
    }
  }
  return read;
}

/** The `keep` most urgent pending incidents, in order of urgency. */
function trimmed<T extends { p: Pending }>(queue: T[], keep: number): T[] {
  queue.sort((a, b) => a.p.urgency - b.p.urgency);
  return Number.isFinite(keep) ? queue.slice(0, keep) : queue;
}

function installationFailure(id: number | string, error: unknown): RepoSweep {
  const status = statusOf(error);
  return failedSweep("*", messageOf(error), { installation: id, ...(status !== undefined ? { errorStatus: status } : {}) });
}

/** A repository (or, as "*", an installation) that could not be swept at all. */
export function failedSweep(repo: string, error: string, more: Partial<RepoSweep> = {}): RepoSweep {
  return { repo, ...more, ok: false, error, config: "missing", incidents: 0, reads: 0, extraPages: 0, writes: 0, deferred: 0, changed: 0 };
}

/** Which shard (1-based) an installation belongs to: stable while installations come and go. */
export function shardOf(installationId: number, shards: number): number {
  return (installationId % shards) + 1;
}

/**
 * Every installation of a Probot app, or one shard of them. With `reads`, their GraphQL queries go
 * through read clients, not spaced like writes (github/read-client.ts); without, through Probot's client.
 */
export async function probotInstallations(probot: Probot, shard?: { index: number; of: number }, reads?: ReadClients): Promise<InstallationToSweep[]> {
  const appOctokit = await probot.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  const mine = installations.filter((i) => !shard || shardOf(i.id, shard.of) === shard.index);
  return Promise.all(
    mine.map(async (i) => {
      const octokit = (await probot.auth(i.id));
      const installation: InstallationToSweep = {
        id: i.id,
        octokit,
        graphql: reads ? reads.graphqlFor(octokit, i.id) : octokit.graphql,
        // Probot keeps installation tokens for most of their hour; one that expired anyway (or was
        // revoked) is replaced by a new token asked for with the app's own credentials, on the
        // same GitHub (GHE_HOST included), for an Octokit of the same kind.
        refresh: async () => {
          const { data } = await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: i.id });
          const Fresh = octokit.constructor as new (options: Record<string, unknown>) => Octokit;
          const baseUrl = octokit.request.endpoint.DEFAULTS.baseUrl;
          installation.octokit = withRequestTimeout(new Fresh({ auth: { token: data.token }, baseUrl, log: octokit.log }));
          installation.graphql = reads ? reads.graphqlFor(installation.octokit, i.id) : installation.octokit.graphql;
        },
      };
      return installation;
    }),
  );
}

export interface SweepSummary {
  repositories: number;
  failed: number;
  incidents: number;
  reads: number;
  writes: number;
  deferred: number;
  ms: number;
}

export function summarise(results: RepoSweep[], ms: number): SweepSummary {
  const sum = (f: (r: RepoSweep) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    repositories: results.length,
    failed: results.filter((r) => !r.ok).length,
    incidents: sum((r) => r.incidents),
    reads: sum((r) => r.reads),
    writes: sum((r) => r.writes),
    deferred: sum((r) => r.deferred),
    ms,
  };
}

/**
 * The in-app schedule: a first sweep soon after start, then one every
 * `intervalSeconds` (±10% jitter, so replicas drift apart), never two at once
 * in this process. Timers do not keep the process alive. A sweep that throws
 * is handed to `onError` (which logs it); the schedule goes on.
 */
export function scheduleSweeps(
  run: () => Promise<void>,
  { intervalSeconds, onError, random = Math.random }: { intervalSeconds: number; onError: (error: unknown) => void; random?: () => number },
): { stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      run()
        .catch(onError)
        .finally(() => next(intervalSeconds * 1000 * (0.9 + 0.2 * random())));
    }, ms);
    timer.unref();
  };
  next(firstSweepDelayMs(intervalSeconds, random));
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The first sweep comes soon after start: 30–50% of the interval, at most 15 s. */
function firstSweepDelayMs(intervalSeconds: number, random: () => number = Math.random): number {
  return Math.min(30_000, intervalSeconds * 1000) * (0.3 + 0.2 * random());
}
