// GraphQL points of the requests the fake GitHub served, by GitHub's formula
// (cost.ts) applied to each query's text and variables, per operation; and
// how often the fake's own schema-aware figure disagreed with it.
import type { LoggedRequest } from "../../tests/support/fake-github/index.js";
import { queryCost } from "./cost.js";

export interface CostTally {
  queries: number;
  points: number;
  byOperation: Record<string, { queries: number; points: number }>;
  /** Queries whose points by our formula differ from the fake's (which reads GitHub's schema). */
  disagreements: number;
  firstDisagreement?: { operation: string; ours: number; fake: number };
  /** Queries the formula could not read (counted at the minimum, 1 point). */
  unreadable: number;
}

export const emptyCost = (): CostTally => ({ queries: 0, points: 0, byOperation: {}, disagreements: 0, unreadable: 0 });

export function addCost(tally: CostTally, entry: LoggedRequest): void {
  const body = entry.body as { query?: string; variables?: Record<string, unknown>; operationName?: string } | undefined;
  let points = 1;
  let operation = "?";
  try {
    const cost = queryCost(body?.query ?? "", body?.variables ?? {}, body?.operationName);
    points = cost.points;
    operation = cost.operation || "(anonymous)";
  } catch (error) {
    // A query GitHub would refuse to parse is counted at the minimum, logged, and said in the report.
    tally.unreadable++;
    process.stderr.write(`cost formula: a GraphQL query could not be read, counted at 1 point: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  tally.queries++;
  tally.points += points;
  const op = (tally.byOperation[operation] ??= { queries: 0, points: 0 });
  op.queries++;
  op.points += points;
  if (entry.status === 200 && entry.cost !== undefined && entry.cost > 0 && entry.cost !== points) {
    tally.disagreements++;
    tally.firstDisagreement ??= { operation, ours: points, fake: entry.cost };
  }
}

export function mergeCost(into: CostTally, more: CostTally): CostTally {
  into.queries += more.queries;
  into.points += more.points;
  into.disagreements += more.disagreements;
  into.unreadable += more.unreadable;
  into.firstDisagreement ??= more.firstDisagreement;
  for (const [name, op] of Object.entries(more.byOperation)) {
    const to = (into.byOperation[name] ??= { queries: 0, points: 0 });
    to.queries += op.queries;
    to.points += op.points;
  }
  return into;
}
