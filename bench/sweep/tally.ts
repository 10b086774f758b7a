// Requests the fake GitHub served, counted the way the benchmark reports
// them: GraphQL pages of open issues and extra timeline pages per
// repository (told apart by the query's operation name), REST reads and
// writes per route, and answers that were errors. Shared by the fake's
// process (which counts) and the benchmark (which reads the counts).
import type { LoggedRequest } from "../../tests/support/fake-github/index.js";

export interface Tally {
  /** Per repository name (without the owner). */
  issuePages: Record<string, number>;
  extraPages: Record<string, number>;
  graphqlOther: number;
  graphql: number;
  graphqlCost: number;
  restReads: number;
  restWrites: number;
  auth: number;
  restReadsByRoute: Record<string, number>;
  restWritesByRoute: Record<string, number>;
  /** "404 DELETE /repos/…" → count. */
  errors: Record<string, number>;
  total: number;
}

export const emptyTally = (): Tally => ({
  issuePages: {},
  extraPages: {},
  graphqlOther: 0,
  graphql: 0,
  graphqlCost: 0,
  restReads: 0,
  restWrites: 0,
  auth: 0,
  restReadsByRoute: {},
  restWritesByRoute: {},
  errors: {},
  total: 0,
});

const bump = (map: Record<string, number>, key: string) => {
  map[key] = (map[key] ?? 0) + 1;
};

export function addToTally(tally: Tally, entry: LoggedRequest): void {
  tally.total++;
  if (entry.status >= 400 || entry.status === 0) bump(tally.errors, `${entry.status} ${entry.route ?? `${entry.method} ${entry.path}`}`);
  switch (entry.kind) {
    case "graphql": {
      tally.graphql++;
      tally.graphqlCost += entry.cost ?? 0;
      const body = entry.body as { query?: string; variables?: { name?: string } } | undefined;
      const repo = body?.variables?.name ?? "?";
      if (body?.query?.includes("incidentSlaOpenIssues")) bump(tally.issuePages, repo);
      else if (body?.query?.includes("incidentSlaMoreTimeline")) bump(tally.extraPages, repo);
      else tally.graphqlOther++;
      break;
    }
    case "rest-read":
      tally.restReads++;
      bump(tally.restReadsByRoute, entry.route ?? entry.path);
      break;
    case "rest-write":
      tally.restWrites++;
      bump(tally.restWritesByRoute, entry.route ?? entry.path);
      break;
    case "auth":
      tally.auth++;
      break;
  }
}

export const sumOf = (map: Record<string, number>): number => Object.values(map).reduce((a, b) => a + b, 0);
