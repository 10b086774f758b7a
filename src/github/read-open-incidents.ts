// Reading a repository's open incidents in batches through GraphQL (README, What a sweep costs):
// up to 100 issues a request, each with its body, labels, assignees and the
// timeline items the clock needs (labels, comments with their bodies for the
// app's markers, closes, reopens). Only issues with more than 100 such items
// cost extra requests. The result has the shapes of GitHub's REST issue and
// timeline, so the same evaluate and plan serve webhooks and sweeps.
import { type IssueNode, type Page, TIMELINE_ITEM_TYPES, completeTimeline, moreTimelineQuery, restIssue, timelineItemsSelection } from "./graphql-shapes.js";
import { type AppComment, appCommentsOf } from "./read-incident.js";
import type { Octokit, RepoRef } from "./types.js";

export interface OpenIncident {
  issue: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  appComments: Map<string, AppComment[]>;
  assignees: string[];
}

export interface ReadStats {
  requests: number;
  extraPages: number;
  /** "Organization" or "User", known after the first page. */
  ownerType?: string;
}

const ITEMS = timelineItemsSelection("databaseId createdAt author { __typename login } authorAssociation body");

/** An issue's fields as every incident read asks for them (pages of open issues, issues by number). */
export const ISSUE_NODE_FIELDS = `
        number title url body createdAt closedAt state stateReason(enableDuplicate: true)
        author { __typename login }
        authorAssociation
        labels(first: 100) { nodes { name } }
        assignees(first: 20) { nodes { login } }
        timelineItems(first: 100, itemTypes: ${TIMELINE_ITEM_TYPES}) {${ITEMS}
        }`;

export const OPEN_ISSUES_QUERY = `
query incidentSlaOpenIssues($owner: String!, $name: String!, $first: Int!, $after: String, $since: DateTime) {
  repository(owner: $owner, name: $name) {
    owner { __typename }
    issues(states: OPEN, first: $first, after: $after, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes {${ISSUE_NODE_FIELDS}
      }
    }
  }
}`;

/**
 * A page's size. GitHub prices a query by the connections it asks for, whatever comes back: a
 * page of 100 issues with their labels, assignees and timelines costs 3 points, a page of 30
 * costs 1. A read of what changed since the last reconciliation usually finds a few issues,
 * so it asks for 30 a page; a full read asks for 100.
 */
const PAGE = { full: 100, changed: 30 } as const;

export const MORE_ITEMS_QUERY = moreTimelineQuery("incidentSlaMoreTimeline", ITEMS);

/**
 * A repository's open incidents with complete timelines, one at a time: 100
 * are read a request (30 when only the changed ones are), and each is handed on (and its raw GraphQL node let go)
 * before the next is converted, so a sweep's garbage dies young.
 */
export async function* readOpenIncidents(
  graphql: Octokit["graphql"],
  ref: RepoRef,
  botLogin: string,
  stats: ReadStats,
  /** Only issues updated at or after this instant (a reconciliation), else every open issue. */
  since?: number,
): AsyncGenerator<OpenIncident> {
  let after: string | null = null;
  do {
    const data: { repository: { owner: { __typename: string }; issues: Page<IssueNode> } | null } = await graphql(OPEN_ISSUES_QUERY, {
      owner: ref.owner,
      name: ref.repo,
      first: since === undefined ? PAGE.full : PAGE.changed,
      after,
      since: since === undefined ? null : new Date(since).toISOString(),
    });
    stats.requests++;
    if (!data.repository) return;
    stats.ownerType = data.repository.owner.__typename;
    const { nodes, pageInfo } = data.repository.issues;
    after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    for (let node = nodes.shift(); node; node = nodes.shift()) yield await openIncidentOf(graphql, ref, node, botLogin, stats);
  } while (after);
}

/** One issue node of a read as an incident: its timeline completed beyond the first page (counted in `stats`). */
export async function openIncidentOf(graphql: Octokit["graphql"], ref: RepoRef, node: IssueNode, botLogin: string, stats: ReadStats): Promise<OpenIncident> {
  const timeline = await completeTimeline(graphql, ref, node, MORE_ITEMS_QUERY, () => {
    stats.requests++;
    stats.extraPages++;
  });
  return { issue: restIssue(node), timeline, appComments: appCommentsOf(timeline, botLogin), assignees: node.assignees?.nodes.map((a) => a.login) ?? [] };
}
