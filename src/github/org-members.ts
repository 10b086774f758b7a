// Members of a repository's organisation count as support engineers when
// `team.orgMembersAreEngineers` is on. The list is read through the API
// (members: read) and kept briefly per installation and organisation.
import { type Octokit, statusOf } from "./types.js";

const TTL_MS = 5 * 60_000;

export class OrgMembersCache {
  private readonly cache = new Map<string, { at: number; members: Promise<string[]> }>();
  constructor(private readonly clock: () => number = Date.now) {}

  members(octokit: Octokit, installationId: number | undefined, org: string): Promise<string[]> {
    const key = `${installationId ?? "-"}:${org.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit && this.clock() - hit.at < TTL_MS) return hit.members;
    const members = octokit
      .paginate(octokit.rest.orgs.listMembers, { org, per_page: 100 })
      .then((list) => list.map((m) => m.login.toLowerCase()))
      .catch((error: unknown) => {
        this.cache.delete(key);
        // A user-owned repository or a missing permission: nobody is a member.
        if (statusOf(error) === 404 || statusOf(error) === 403) return [];
        throw error;
      });
    this.cache.set(key, { at: this.clock(), members });
    return members;
  }
}
