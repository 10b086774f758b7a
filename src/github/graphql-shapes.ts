// GitHub's GraphQL answers in the shapes of its REST issue and timeline, so
// the same evaluate and plan serve webhooks (REST), sweeps and reports
// (GraphQL); and the timeline pages beyond the first 100 items of an issue.
import type { Octokit, RepoRef } from "./types.js";

/** The timeline items the clock needs. */
export const TIMELINE_ITEM_TYPES = "[LABELED_EVENT, UNLABELED_EVENT, ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT]";

/**
 * The selection of a `timelineItems` connection; `commentFields` says what
 * the reader needs of a comment (the sweep its body and id, for the app's
 * markers; the report only who commented and when).
 */
export function timelineItemsSelection(commentFields: string): string {
  return `
  pageInfo { hasNextPage endCursor }
  nodes {
    __typename
    ... on LabeledEvent { createdAt actor { __typename login } label { name } }
    ... on UnlabeledEvent { createdAt actor { __typename login } label { name } }
    ... on IssueComment { ${commentFields} }
    ... on ClosedEvent { createdAt actor { __typename login } stateReason }
    ... on ReopenedEvent { createdAt actor { __typename login } }
  }`;
}

/** The query for an issue's timeline pages beyond its first 100 items ($owner, $name, $number, $after). */
export function moreTimelineQuery(name: string, items: string): string {
  return `
query ${name}($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      timelineItems(first: 100, after: $after, itemTypes: ${TIMELINE_ITEM_TYPES}) {${items}
      }
    }
  }
}`;
}

export type Actor = { __typename?: string; login: string } | null;
export type Item = {
  __typename: string;
  createdAt: string;
  actor?: Actor;
  author?: Actor;
  label?: { name: string };
  databaseId?: number;
  authorAssociation?: string;
  body?: string;
  stateReason?: string | null;
};
export type Page<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] };
export type IssueNode = {
  number: number;
  title: string;
  url: string;
  body: string;
  createdAt: string;
  closedAt: string | null;
  state: string;
  stateReason: string | null;
  author: Actor;
  authorAssociation: string;
  labels: { nodes: { name: string }[] };
  /** Asked for by the sweep (reminders mention assignees), not by the report. */
  assignees?: { nodes: { login: string }[] };
  timelineItems: Page<Item>;
};

/** GraphQL names bots without the "[bot]" suffix their REST logins carry. */
function restUser(actor: Actor | undefined): { login: string; type: string } | null {
  if (!actor) return null;
  const bot = actor.__typename === "Bot";
  return { login: bot && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login, type: bot ? "Bot" : "User" };
}

const reason = (value: string | null | undefined) => (value ? value.toLowerCase() : null);

/** A timeline item as GET …/timeline returns it. */
function restTimelineEvent(item: Item): Record<string, unknown> | null {
  switch (item.__typename) {
    case "LabeledEvent":
    case "UnlabeledEvent":
      return { event: item.__typename === "LabeledEvent" ? "labeled" : "unlabeled", created_at: item.createdAt, actor: restUser(item.actor), label: { name: item.label?.name } };
    case "IssueComment": {
      const user = restUser(item.author);
      return { event: "commented", id: item.databaseId, created_at: item.createdAt, user, actor: user, author_association: item.authorAssociation, body: item.body ?? "" };
    }
    case "ClosedEvent":
      return { event: "closed", created_at: item.createdAt, actor: restUser(item.actor), state_reason: reason(item.stateReason) };
    case "ReopenedEvent":
      return { event: "reopened", created_at: item.createdAt, actor: restUser(item.actor) };
    default:
      return null;
  }
}

export function restIssue(node: IssueNode): Record<string, unknown> {
  return {
    number: node.number,
    title: node.title,
    html_url: node.url,
    body: node.body,
    created_at: node.createdAt,
    closed_at: node.closedAt,
    state: node.state.toLowerCase(),
    state_reason: reason(node.stateReason),
    user: restUser(node.author),
    author_association: node.authorAssociation,
    labels: node.labels.nodes.map((l) => ({ name: l.name })),
    ...(node.assignees ? { assignees: node.assignees.nodes.map((a) => ({ login: a.login })) } : {}),
  };
}


/**
 * An issue's timeline items, completed with the extra pages beyond its first
 * 100 (the only case where an issue costs more than its share of a batch).
 * `moreQuery` takes $owner, $name, $number and $after.
 */
export async function completeTimeline(
  graphql: Octokit["graphql"],
  ref: RepoRef,
  node: Pick<IssueNode, "number" | "timelineItems">,
  moreQuery: string,
  onExtraPage: () => void,
): Promise<Record<string, unknown>[]> {
  const items = node.timelineItems.nodes;
  let more = node.timelineItems.pageInfo;
  while (more.hasNextPage) {
    const extra: { repository: { issue: { timelineItems: Page<Item> } } } = await graphql(moreQuery, {
      owner: ref.owner,
      name: ref.repo,
      number: node.number,
      after: more.endCursor,
    });
    onExtraPage();
    items.push(...extra.repository.issue.timelineItems.nodes);
    more = extra.repository.issue.timelineItems.pageInfo;
  }
  return items.map(restTimelineEvent).filter((e): e is Record<string, unknown> => e !== null);
}
