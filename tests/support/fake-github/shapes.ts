// The JSON GitHub answers with, built from the fake's state on demand. Field
// sets follow the schemas of @octokit/openapi (issue, simple-user, label,
// issue-comment, full-repository, the timeline events…); the strict mode of
// the fake checks every answer against them.
import type { FakeComment, FakeInstallation, FakeIssue, FakeLabel, FakeRepo, FakeUser, TimelineEntry } from "./state.js";
import { iso, nodeId } from "./state.js";
import { fieldValuesJson } from "./issue-fields.js";

/** Where the answer's links point: the API root (with /api/v3 on the GHES layout) and the web root. */
export interface Urls {
  api: string;
  web: string;
}

export interface AppInfo {
  id: number;
  slug: string;
  name: string;
  owner: FakeUser;
  createdAt: number;
  /** From a registered manifest; otherwise the fake's defaults (APP_PERMISSIONS, APP_EVENTS). */
  description?: string | null;
  externalUrl?: string;
  permissions?: Record<string, string>;
  events?: string[];
}

export const APP_PERMISSIONS = { issues: "write", contents: "read", metadata: "read", members: "read", checks: "write", pull_requests: "read" } as const;
export const APP_EVENTS = ["issues", "issue_comment", "push", "pull_request", "installation", "installation_repositories"];

export function userJson(u: FakeUser, urls: Urls) {
  const api = `${urls.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.node_id,
    avatar_url: `${urls.web}/avatars/u/${u.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: u.type === "Bot" ? `${urls.web}/apps/${u.login.replace(/\[bot\]$/i, "")}` : `${urls.web}/${u.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: u.type,
    user_view_type: "public",
    site_admin: false,
  };
}

export function labelJson(l: FakeLabel, repo: FakeRepo, urls: Urls) {
  return {
    id: l.id,
    node_id: l.node_id,
    url: `${urls.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    description: l.description,
    default: l.default,
  };
}

/** One object satisfying full-repository, repository, minimal-repository and the webhook repository. */
export function repoJson(r: FakeRepo, urls: Urls, openIssues: number) {
  const api = `${urls.api}/repos/${r.fullName}`;
  const web = `${urls.web}/${r.fullName}`;
  const host = new URL(urls.web).host;
  return {
    id: r.id,
    node_id: r.node_id,
    name: r.name,
    full_name: r.fullName,
    private: r.private,
    owner: userJson(r.owner, urls),
    html_url: web,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${r.fullName}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${r.fullName}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: web,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: r.private ? "private" : "public",
    pushed_at: iso(r.pushedAt),
    created_at: iso(r.createdAt),
    updated_at: iso(r.pushedAt),
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    allow_forking: false,
    web_commit_signoff_required: false,
    license: null,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function issueJson(i: FakeIssue, urls: Urls) {
  const repoApi = `${urls.api}/repos/${i.repo.fullName}`;
  const api = `${repoApi}/issues/${i.number}`;
  const html = `${urls.web}/${i.repo.fullName}/${i.pullRequest ? "pull" : "issues"}/${i.number}`;
  const assignees = i.assignees.map((a) => userJson(a, urls));
  return {
    id: i.id,
    node_id: i.node_id,
    url: api,
    repository_url: repoApi,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    number: i.number,
    state: i.state,
    state_reason: i.stateReason,
    title: i.title,
    body: i.body,
    user: userJson(i.user, urls),
    labels: i.labels.map((l) => labelJson(l, i.repo, urls)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: i.locked,
    active_lock_reason: null,
    comments: i.commentCount,
    ...(i.pullRequest
      ? {
          pull_request: {
            url: `${repoApi}/pulls/${i.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: null,
          },
        }
      : {}),
    closed_at: i.closedAt === null ? null : iso(i.closedAt),
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    ...(i.repo.owner.type === "Organization" ? { issue_field_values: fieldValuesJson(i) } : {}),
    closed_by: i.closedBy ? userJson(i.closedBy, urls) : null,
    author_association: i.authorAssociation,
    reactions: reactions(`${api}/reactions`),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: null,
  };
}

function reactions(url: string) {
  return { url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function commentJson(c: FakeComment, urls: Urls) {
  const repoApi = `${urls.api}/repos/${c.issue.repo.fullName}`;
  return {
    id: c.id,
    node_id: nodeId("IC", c.id),
    url: `${repoApi}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${c.issue.repo.fullName}/issues/${c.issue.number}#issuecomment-${c.id}`,
    issue_url: `${repoApi}/issues/${c.issue.number}`,
    body: c.body,
    user: userJson(c.user, urls),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    author_association: c.authorAssociation,
    reactions: reactions(`${repoApi}/issues/comments/${c.id}/reactions`),
    performed_via_github_app: null,
  };
}

/** One REST timeline item, as GET …/issues/{n}/timeline lists it. */
export function timelineJson(e: TimelineEntry, issue: FakeIssue, urls: Urls): Record<string, unknown> {
  if (e.kind === "commented") {
    // Comments carry the comment's own fields plus `event` and `actor`.
    return { ...commentJson(e.comment, urls), event: "commented", actor: userJson(e.comment.user, urls) };
  }
  const common = {
    id: e.id,
    node_id: nodeId("E", e.id),
    url: `${urls.api}/repos/${issue.repo.fullName}/issues/events/${e.id}`,
    actor: userJson(e.actor, urls),
    commit_id: null,
    commit_url: null,
    created_at: iso(e.at),
    performed_via_github_app: null,
  };
  switch (e.kind) {
    case "labeled":
    case "unlabeled":
      return { ...common, event: e.kind, label: { name: e.label.name, color: e.label.color } };
    case "closed":
      return { ...common, event: "closed", state_reason: e.stateReason };
    case "reopened":
      return { ...common, event: "reopened", state_reason: null };
    case "other":
      return { ...common, event: e.event, ...e.extra };
  }
}

export function appJson(app: AppInfo, urls: Urls) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: `A_kw${Buffer.from(`app:${app.id}`).toString("base64url")}`,
    client_id: `Iv1.fake${app.id}`,
    owner: userJson(app.owner, urls),
    name: app.name,
    description: app.description !== undefined ? app.description : "SLA clocks for support incidents (fake GitHub)",
    external_url: app.externalUrl ?? urls.web,
    html_url: `${urls.web}/apps/${app.slug}`,
    created_at: iso(app.createdAt),
    updated_at: iso(app.createdAt),
    permissions: { ...(app.permissions ?? APP_PERMISSIONS) },
    events: app.events ?? APP_EVENTS,
    installations_count: 1,
  };
}

export function installationJson(i: FakeInstallation, app: AppInfo, urls: Urls) {
  return {
    id: i.id,
    account: userJson(i.account, urls),
    repository_selection: i.repositorySelection,
    access_tokens_url: `${urls.api}/app/installations/${i.id}/access_tokens`,
    repositories_url: `${urls.api}/installation/repositories`,
    html_url: `${urls.web}/${i.account.type === "Organization" ? `organizations/${i.account.login}/` : ""}settings/installations/${i.id}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: i.account.id,
    target_type: i.account.type,
    permissions: { ...(app.permissions ?? APP_PERMISSIONS) },
    events: app.events ?? APP_EVENTS,
    created_at: iso(i.createdAt),
    updated_at: iso(i.createdAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}
