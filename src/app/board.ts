// The SLA board on GitHub (README, The SLA board): after a sweep has read every
// repository of an installation, each organisation whose defaults say
// `report.board: on` gets its one board issue in its report repository,
// written from the incidents the sweep has just evaluated (nothing is read
// again). Per organisation:
//   1. the settings: from the defaults repository's configuration the sweep
//      read, else read once (`.github/incident-sla.yml` of `.github`);
//   2. refuse a customer's repository, exactly as the monthly report does
//      (report-target.ts);
//   3. render (domain/plans/board.ts) and find the open issue with the board's
//      marker; edit it only when the title or the content's fingerprint
//      differs (the "as of" time is not content): a steady sweep writes nothing;
//   4. none found: create it; a twin (a retried create, two replicas at once)
//      is closed as a duplicate of the oldest.
// Writes come out of the installation's write budget. Each board comes back as
// one more line of the sweep's results (the report repository's name), so its
// reads, writes and failures are counted where the sweep's are; every failure
// is logged with what was being done.
import { boardBody, boardKey, renderBoard } from "../domain/plans/board.js";
import { readMarker } from "../domain/texts/markers.js";
import { loadRepoConfig } from "../github/load-config.js";
import { messageOf, statusOf } from "../github/types.js";
import { BudgetExhausted } from "../github/write-budget.js";
import { wordsFor } from "../words/index.js";
import { DEFAULTS_REPO, type ReportSettings, closeTwins, findMarked, fullName, loadReportSettings, refusal, reportSettingsOf, same } from "./report-target.js";
import type { RepoRead, RepoSweep } from "./sweep.js";
import type { SweepDeps, SweepTarget } from "./sweep-deps.js";

const ownerOf = (repo: string) => repo.slice(0, repo.indexOf("/"));

/**
 * The boards of the organisations of these reads (one sweep of one installation, every
 * repository read). Nothing on a dry run. Never throws: a board that could not be
 * written is a failed line of the results, logged at error.
 */
export async function keepBoards(deps: SweepDeps, target: SweepTarget, reads: readonly RepoRead[]): Promise<RepoSweep[]> {
  if (deps.dryRun) return [];
  const owners = new Map<string, RepoRead[]>();
  for (const read of reads) {
    if (read.result.repo === "*") continue;
    const owner = ownerOf(read.result.repo);
    owners.set(owner.toLowerCase(), [...(owners.get(owner.toLowerCase()) ?? []), read]);
  }
  const results: RepoSweep[] = [];
  for (const mine of owners.values()) {
    const result = await keepBoard(deps, target, ownerOf(mine[0]!.result.repo), mine);
    if (result) results.push(result);
  }
  return results;
}

/** Step 1: the organisation's report settings, from what the sweep read when it read the defaults. */
async function settingsOf(target: SweepTarget, owner: string, reads: readonly RepoRead[], counted: RepoSweep): Promise<ReportSettings | null> {
  const defaults = reads.find((r) => same(r.result.repo, `${owner}/${DEFAULTS_REPO}`) && r.result.ok);
  if (defaults?.config) return reportSettingsOf(owner, defaults.config);
  // Missing, or invalid (the sweep has reported that in the defaults repository already): no board.
  if (defaults) return null;
  counted.reads++;
  return loadReportSettings(target.octokit, owner);
}

async function keepBoard(deps: SweepDeps, target: SweepTarget, owner: string, reads: readonly RepoRead[]): Promise<RepoSweep | null> {
  const { octokit } = target;
  const result: RepoSweep = { repo: `${owner}/${DEFAULTS_REPO}`, board: true, installation: target.installationId, ok: true, config: "missing", incidents: 0, reads: 0, extraPages: 0, writes: 0, deferred: 0, changed: 0 };
  const take = () => {
    target.budget.take(`${result.repo}#board`);
  };
  try {
    const settings = await settingsOf(target, owner, reads, result);
    if (!settings || settings.board !== "on") return null;
    const repository = settings.repository;
    result.repo = fullName(repository);

    // 2. Never into a customer's repository (DESIGN §8): its own configuration says it is one.
    const swept = reads.find((r) => same(r.result.repo, result.repo) && r.result.ok);
    if (swept) result.config = swept.result.config;
    else {
      result.reads++;
      result.config = (await loadRepoConfig(octokit, repository)).kind;
    }
    const reason = refusal(repository, reads.filter((r) => r.result.config === "valid").map((r) => r.result.repo), result.config);
    if (reason) {
      result.reason = reason;
      deps.log.warn({ installation: target.installationId, owner, repository: result.repo, reason }, "SLA board refused");
      return result;
    }

    // 3. Render from what the sweep decided; find the board.
    const words = wordsFor(settings.language);
    const board = renderBoard({
      // A repository that failed part way shows none of its incidents, and is named as not read.
      incidents: reads.filter((r) => r.result.ok).flatMap((r) => r.board ?? []),
      now: deps.now(),
      zone: settings.timezone,
      language: settings.language,
      words,
      notRead: reads.filter((r) => !r.result.ok).map((r) => r.result.repo),
    });
    const body = () => boardBody(owner, board, deps.now(), { zone: settings.timezone, words });
    const key = boardKey(owner);
    const find = () => findMarked(octokit, repository, key, { state: "open" }, () => result.reads++);
    const [oldest, ...twins] = await find();
    if (oldest) {
      if (readMarker(oldest.body)?.fingerprint !== board.fingerprint || oldest.title !== board.title) {
        take();
        await octokit.rest.issues.update({ ...repository, issue_number: oldest.number, title: board.title, body: body() });
        result.writes++;
        deps.log.info({ owner, repository: result.repo, issue: oldest.number, shown: board.shown, omitted: board.omitted }, "SLA board edited");
      }
      result.writes += await closeTwins(octokit, repository, twins, take);
    } else {
      // 4. Create; a twin made meanwhile (another replica, a retried request) is closed, the oldest stays.
      take();
      const { data: created } = await octokit.rest.issues.create({ ...repository, title: board.title, body: body() });
      result.writes++;
      const [first, ...more] = await find();
      result.writes += await closeTwins(octokit, repository, more, take);
      deps.log.info({ owner, repository: result.repo, issue: first?.number ?? created.number, shown: board.shown, omitted: board.omitted }, "SLA board created");
    }
    result.changed = result.writes > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof BudgetExhausted) {
      result.deferred = 1;
      deps.log.warn({ installation: target.installationId, owner, repository: result.repo, reason: error.message }, "SLA board left for the next sweep");
      return result;
    }
    result.ok = false;
    result.error = `SLA board not written: ${messageOf(error)}`;
    const status = statusOf(error);
    if (status !== undefined) result.errorStatus = status;
    deps.log.error({ installation: target.installationId, owner, repository: result.repo, error: result.error, ...(status !== undefined ? { status } : {}) }, "SLA board not written");
  }
  return result;
}
