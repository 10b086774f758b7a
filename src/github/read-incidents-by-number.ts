// Reading named incidents of one repository: the wake-up
// runner reads only the incidents whose instants came, up to 100 a GraphQL
// query (one aliased `issue(number:)` field each), with the same fields and
// timeline items as the sweep's pages, completed with extra pages beyond 100.
import type { IssueNode } from "./graphql-shapes.js";
import { ISSUE_NODE_FIELDS, type OpenIncident, type ReadStats, openIncidentOf } from "./read-open-incidents.js";
import type { Octokit, RepoRef } from "./types.js";

/** GitHub's largest page, and the batch of one query. */
const BY_NUMBER_BATCH = 100;

/** The query for up to 100 issue numbers (integers, written into the query as literals). */
function byNumberQuery(numbers: readonly number[]): string {
  if (numbers.length === 0 || numbers.length > BY_NUMBER_BATCH) throw new Error(`byNumberQuery: 1 to ${BY_NUMBER_BATCH} numbers, got ${numbers.length}`);
  const fields = numbers.map((n) => {
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`byNumberQuery: not an issue number: ${n}`);
    return `    i${n}: issue(number: ${n}) { ${ISSUE_NODE_FIELDS} }`;
  });
  return `query incidentSlaIssuesByNumber($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    owner { __typename }
${fields.join("\n")}
  }
}`;
}

/** The named incidents that still exist (a deleted or transferred issue is left out), each with its complete timeline. */
export async function* readIncidentsByNumber(graphql: Octokit["graphql"], ref: RepoRef, numbers: readonly number[], botLogin: string, stats: ReadStats): AsyncGenerator<OpenIncident> {
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += BY_NUMBER_BATCH) {
    const batch = unique.slice(i, i + BY_NUMBER_BATCH);
    const data: { repository: ({ owner: { __typename: string } } & Record<string, IssueNode | null | { __typename: string }>) | null } = await graphql(byNumberQuery(batch), {
      owner: ref.owner,
      name: ref.repo,
    });
    stats.requests++;
    if (!data.repository) return;
    stats.ownerType = data.repository.owner.__typename;
    for (const n of batch) {
      const node = data.repository[`i${n}`] as IssueNode | null | undefined;
      if (node) yield await openIncidentOf(graphql, ref, node, botLogin, stats);
    }
  }
}
