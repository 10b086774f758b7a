// Reading named incidents, across the repositories of one installation: the
// wake-up runner reads only the incidents whose instants came, up to 100 a
// GraphQL query whatever repositories they are in (one aliased `repository`
// field per repository, one aliased `issue(number:)` field per incident), with
// the same fields and timeline items as the sweep's pages, completed with
// extra pages beyond 100. A query costs GitHub's points by the connections it
// asks for, at least one: filling one query from several repositories is what
// keeps a quiet hour cheap.
import type { IssueNode } from "./graphql-shapes.js";
import { ISSUE_NODE_FIELDS, type OpenIncident, type ReadStats, openIncidentOf } from "./read-open-incidents.js";
import type { Octokit, RepoRef } from "./types.js";

/** GitHub's largest page, and the batch of one query. */
const BY_NUMBER_BATCH = 100;

export interface WantedIncidents {
  ref: RepoRef;
  numbers: readonly number[];
}

/** The query for up to 100 issue numbers over some repositories (numbers as literals, names as variables). */
function byNumberQuery(parts: readonly WantedIncidents[]): string {
  const count = parts.reduce((n, p) => n + p.numbers.length, 0);
  if (count === 0 || count > BY_NUMBER_BATCH) throw new Error(`byNumberQuery: 1 to ${BY_NUMBER_BATCH} numbers, got ${count}`);
  const variables = parts.map((_, r) => `$o${r}: String!, $n${r}: String!`).join(", ");
  const repositories = parts.map((p, r) => {
    const fields = p.numbers.map((n) => {
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`byNumberQuery: not an issue number: ${n}`);
      return `    i${n}: issue(number: ${n}) { ${ISSUE_NODE_FIELDS} }`;
    });
    return `  r${r}: repository(owner: $o${r}, name: $n${r}) {
    owner { __typename }
${fields.join("\n")}
  }`;
  });
  return `query incidentSlaIssuesByNumber(${variables}) {
${repositories.join("\n")}
}`;
}

/** Splits the wanted incidents into queries of at most 100, a repository's numbers over several when it has more. */
function batches(wanted: readonly WantedIncidents[]): WantedIncidents[][] {
  const out: WantedIncidents[][] = [];
  let current: WantedIncidents[] = [];
  let room = BY_NUMBER_BATCH;
  for (const w of wanted) {
    const numbers = [...new Set(w.numbers)];
    for (let i = 0; i < numbers.length; ) {
      const take = numbers.slice(i, i + room);
      current.push({ ref: w.ref, numbers: take });
      i += take.length;
      room -= take.length;
      if (room === 0) {
        out.push(current);
        current = [];
        room = BY_NUMBER_BATCH;
      }
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

export interface NamedIncident {
  ref: RepoRef;
  /** The repository owner's kind ("Organization", "User"), as the query answered it. */
  ownerType: string;
  incident: OpenIncident;
}

/**
 * The named incidents that still exist (a deleted or transferred issue, a repository gone, is
 * left out), each with its complete timeline. `statsOf` gives each repository its counts:
 * a query is counted once, for the first repository in it.
 */
export async function* readIncidentsByNumber(graphql: Octokit["graphql"], wanted: readonly WantedIncidents[], botLogin: string, statsOf: (ref: RepoRef) => ReadStats): AsyncGenerator<NamedIncident> {
  for (const batch of batches(wanted)) {
    const variables: Record<string, string> = {};
    batch.forEach((p, r) => {
      variables[`o${r}`] = p.ref.owner;
      variables[`n${r}`] = p.ref.repo;
    });
    const data: Record<string, ({ owner: { __typename: string } } & Record<string, IssueNode | null | { __typename: string }>) | null> = await graphql(byNumberQuery(batch), variables);
    statsOf(batch[0]!.ref).requests++;
    for (const [r, part] of batch.entries()) {
      const repository = data[`r${r}`];
      if (!repository) continue;
      const stats = statsOf(part.ref);
      stats.ownerType = repository.owner.__typename;
      for (const n of part.numbers) {
        const node = repository[`i${n}`] as IssueNode | null | undefined;
        if (node) yield { ref: part.ref, ownerType: repository.owner.__typename, incident: await openIncidentOf(graphql, part.ref, node, botLogin, stats) };
      }
    }
  }
}
