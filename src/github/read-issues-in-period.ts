// Reading what a compliance report needs from one repository, in batches
// through GraphQL, the way the sweep reads open incidents: up to 100
// issues a request, each with its body, labels and the timeline items the
// clock needs; only an issue with more than 100 such items costs extra
// requests. Two passes:
//
//   1. every issue, open or closed, created since the period's first instant,
//      newest first, stopping at the first older one. An incident's start (t0)
//      is never later than its creation, but a request registered by an
//      engineer (P11) can start before it was created, so issues created after
//      the period are read too and the report decides by t0;
//   2. the open issues created before that instant (oldest first, stopping at
//      the first newer one), for the "at risk now" list.
//
// The results have the shapes of GitHub's REST issue and timeline, so the
// report evaluates them exactly as `evaluate` does.
import { type IssueNode, type Page, TIMELINE_ITEM_TYPES, completeTimeline, moreTimelineQuery, restIssue, timelineItemsSelection } from "./graphql-shapes.js";
import type { Octokit, RepoRef } from "./types.js";

export interface IssueWithTimeline {
  issue: Record<string, unknown>;
  timeline: Record<string, unknown>[];
}

export interface PeriodReadStats {
  requests: number;
  extraPages: number;
  issues: number;
}

// Comment bodies are left out: the clock needs who commented and when, not what they wrote.
const ITEMS = timelineItemsSelection("createdAt author { __typename login } authorAssociation");

// `stateReason` without `enableDuplicate`: GitHub then says NOT_PLANNED for a
// duplicate, which the clock treats alike (both cancel open deadlines), and
// the query stays valid for @octokit/graphql-schema's validator, whose
// introspection lacks that argument.
const ISSUE_FIELDS = `
        number title url body createdAt closedAt state stateReason
        author { __typename login }
        authorAssociation
        labels(first: 100) { nodes { name } }
        timelineItems(first: 100, itemTypes: ${TIMELINE_ITEM_TYPES}) {${ITEMS}
        }`;

/** Issues created since `since` (filterBy.since is "updated since", a superset GitHub filters for us), newest first. */
export const ISSUES_SINCE_QUERY = `
query incidentSlaReportIssues($owner: String!, $name: String!, $since: DateTime!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN, CLOSED], filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: DESC }) {
      pageInfo { hasNextPage endCursor }
      nodes {${ISSUE_FIELDS}
      }
    }
  }
}`;

/** Open issues, oldest first (the reader stops at the first one created since the period began). */
export const OPEN_ISSUES_BEFORE_QUERY = `
query incidentSlaReportOpenIssues($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    issues(first: 100, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {${ISSUE_FIELDS}
      }
    }
  }
}`;

export const MORE_TIMELINE_QUERY = moreTimelineQuery("incidentSlaReportMoreTimeline", ITEMS);

async function complete(graphql: Octokit["graphql"], ref: RepoRef, node: IssueNode, stats: PeriodReadStats): Promise<IssueWithTimeline> {
  const timeline = await completeTimeline(graphql, ref, node, MORE_TIMELINE_QUERY, () => {
    stats.requests++;
    stats.extraPages++;
  });
  stats.issues++;
  return { issue: restIssue(node), timeline };
}

async function* pages(
  graphql: Octokit["graphql"],
  ref: RepoRef,
  query: string,
  variables: Record<string, unknown>,
  keep: (node: IssueNode) => boolean,
  stats: PeriodReadStats,
): AsyncGenerator<IssueWithTimeline[]> {
  let after: string | null = null;
  do {
    const data: { repository: { issues: Page<IssueNode> } | null } = await graphql(query, { owner: ref.owner, name: ref.repo, ...variables, after });
    stats.requests++;
    const page = data.repository?.issues;
    if (!page) return;
    const batch: IssueWithTimeline[] = [];
    let done = false;
    for (const node of page.nodes) {
      // Both passes are ordered by creation: the first node out of range ends the pass.
      if (!keep(node)) {
        done = true;
        break;
      }
      batch.push(await complete(graphql, ref, node, stats));
    }
    if (batch.length > 0) yield batch;
    after = !done && page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
}

/**
 * Batches of the issues a report over a period starting at `since` needs from
 * one repository: everything created since then (open or closed), then the
 * older issues that are still open.
 */
export async function* readIssuesInPeriod(graphql: Octokit["graphql"], ref: RepoRef, since: number, stats: PeriodReadStats): AsyncGenerator<IssueWithTimeline[]> {
  const sinceIso = new Date(since).toISOString();
  yield* pages(graphql, ref, ISSUES_SINCE_QUERY, { since: sinceIso }, (node) => Date.parse(node.createdAt) >= since, stats);
  yield* pages(graphql, ref, OPEN_ISSUES_BEFORE_QUERY, {}, (node) => Date.parse(node.createdAt) < since, stats);
}
