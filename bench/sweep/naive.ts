// The approach the sweep is measured against: what a straightforward
// scheduled job would do with the REST API. Per repository: read the
// configuration, list the open issues (100 a page), then read each issue's
// timeline (100 events a page) and evaluate it. It writes nothing, so it is
// a lower bound for a naive sweep that would also act. Requests are made one
// after another, like the sweep's: GitHub asks integrations not to fire
// requests concurrently (secondary limits).
import type { Config } from "../../src/config/schema.js";
import { type Evaluation, evaluate } from "../../src/domain/clock/evaluate.js";
import { loadRepoConfig } from "../../src/github/load-config.js";
import type { OrgMembersCache } from "../../src/github/org-members.js";
import type { Octokit } from "../../src/github/types.js";

export interface NaiveResult {
  repositories: number;
  incidents: number;
  /** Incidents per target status, across targets, for a sanity check against the sweep. */
  statuses: Record<string, number>;
}

export async function naiveSweep(
  octokit: Octokit,
  members: OrgMembersCache,
  repos: readonly { owner: string; repo: string; ownerType?: string }[],
  now: number,
  bot: string,
  /** Receives every evaluation (the benchmark compares them with the sweep's reading). */
  record?: (repo: string, evaluation: Evaluation) => void,
): Promise<NaiveResult> {
  const result: NaiveResult = { repositories: 0, incidents: 0, statuses: {} };
  for (const ref of repos) {
    const loaded = await loadRepoConfig(octokit, { owner: ref.owner, repo: ref.repo });
    if (loaded.kind !== "valid") continue;
    result.repositories++;
    const config: Config = loaded.config;
    const engineers = config.team.orgMembersAreEngineers && ref.ownerType === "Organization" ? await members.members(octokit, undefined, ref.owner) : [];
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { owner: ref.owner, repo: ref.repo, state: "open", per_page: 100 });
    for await (const { data } of pages) {
      for (const issue of data) {
        if (issue.pull_request) continue;
        if (issue.user?.login.toLowerCase() === bot.toLowerCase()) continue;
        const timeline = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { owner: ref.owner, repo: ref.repo, issue_number: issue.number, per_page: 100 });
        const evaluation = evaluate({ config, issue, timeline, now, bot, engineers });
        result.incidents++;
        record?.(ref.repo, evaluation);
        for (const target of Object.values(evaluation.targets)) result.statuses[target.status] = (result.statuses[target.status] ?? 0) + 1;
      }
    }
  }
  return result;
}
