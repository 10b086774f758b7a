// The REST endpoints the app (and its sweep) uses, by operationId of GitHub's
// description. Each handler reads the already matched and validated request
// and answers the way GitHub does: statuses, GitHub's error bodies,
// `per_page`/`page` pagination with a Link header, and timeline events for
// every write.
import { createHash } from "node:crypto";
import type { RegisteredApp } from "./app-manifest.js";
import { deliveryHandlers } from "./deliveries.js";
import type { FakeInstallation, FakeIssue, FakeRepo, FakeState, FakeUser, StateReason } from "./state.js";
import { iso } from "./state.js";
import { filesAt, pullHandlers } from "./pulls.js";
import { issueFieldHandlers } from "./issue-fields.js";
import {
  type AppInfo,
  APP_PERMISSIONS,
  type Urls,
  appJson,
  commentJson,
  installationJson,
  issueJson,
  labelJson,
  repoJson,
  timelineJson,
  userJson,
} from "./shapes.js";

export interface Identity {
  /**
   * installation: an installation token; token: a token added by the test (a PAT, GITHUB_TOKEN);
   * app: the app's JWT; anonymous: no credentials, where GitHub takes none (the manifest conversion).
   */
  kind: "installation" | "token" | "app" | "anonymous";
  /** The login GitHub attributes writes to ("incident-sla[bot]" for the installation). */
  user: FakeUser;
  installation?: FakeInstallation;
}

export interface IssuedToken {
  token: string;
  expiresAt: number;
  installationId: number;
}

export interface RestRequest {
  state: FakeState;
  urls: Urls;
  app: AppInfo;
  identity: Identity | null;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  accept: string;
  /** The URL as the client asked for it, for Link headers. */
  selfUrl: URL;
  issueToken: (installation: FakeInstallation) => IssuedToken;
  /** Trades a manifest flow's code for the new app (once), which the fake serves from then on; null: no such code. */
  convertManifest: (code: string) => RegisteredApp | null;
  rate: { limit: number; used: number; resetAt: number };
}

export interface RestAnswer {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

const DOCS = "https://docs.github.com/rest";
const MAX_BODY = 65536;

export const githubError = (status: number, message: string, extra: Record<string, unknown> = {}): RestAnswer => ({
  status,
  json: { message, ...extra, documentation_url: DOCS, status: String(status) },
});
export const notFound = () => githubError(404, "Not Found");
const validationFailed = (errors: Record<string, unknown>[]) => githubError(422, "Validation Failed", { errors });

function canSee(r: RestRequest, repo: FakeRepo): boolean {
  const id = r.identity;
  if (!id) return false;
  if (id.kind === "installation") return id.installation !== undefined && r.state.installationCovers(id.installation, repo);
  return id.kind === "token";
}

/** The repository named by the path, when the caller may see it (GitHub says 404 otherwise). */
function repoOf(r: RestRequest): FakeRepo | RestAnswer {
  const repo = r.state.findRepo(`${r.params.owner}/${r.params.repo}`);
  return repo && canSee(r, repo) ? repo : notFound();
}

function issueOf(r: RestRequest): FakeIssue | RestAnswer {
  const repo = repoOf(r);
  if ("status" in repo) return repo;
  return repo.issuesByNumber.get(Number(r.params.issue_number)) ?? notFound();
}

const isAnswer = (x: object): x is RestAnswer => "status" in x && typeof (x as RestAnswer).status === "number" && !("id" in x);

const int = (v: string | null, fallback: number) => (v !== null && /^\d+$/.test(v) ? Number(v) : fallback);

/** One page of a list, with GitHub's Link header when there is more than one page. */
function paged<T>(r: RestRequest, items: readonly T[], toJson: (item: T) => unknown, wrap?: (page: unknown[]) => unknown): RestAnswer {
  const perPage = Math.min(Math.max(int(r.query.get("per_page"), 30) || 30, 1), 100);
  const page = Math.max(int(r.query.get("page"), 1), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage).map(toJson);
  const link = (p: number, rel: string) => {
    const u = new URL(r.selfUrl);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { status: 200, json: wrap ? wrap(slice) : slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

const openIssuesOf = (repo: FakeRepo) => repo.issues.reduce((n, i) => n + (i.state === "open" ? 1 : 0), 0);

function tooLong(resource: string, field: string, value: unknown): RestAnswer | null {
  if (typeof value === "string" && value.length > MAX_BODY) {
    return validationFailed([{ resource, code: "custom", field, message: `${field} is too long (maximum is ${MAX_BODY} characters)` }]);
  }
  return null;
}

const labelNames = (labels: unknown): string[] =>
  Array.isArray(labels)
    ? labels.map((l: unknown) => (typeof l === "string" ? l : typeof (l as { name?: unknown })?.name === "string" ? (l as { name: string }).name : "")).filter((n) => n !== "")
    : [];

function contentFile(r: RestRequest, repo: FakeRepo, path: string, text: string) {
  const bytes = Buffer.from(text, "utf8");
  const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
  const api = `${r.urls.api}/repos/${repo.fullName}`;
  const html = `${r.urls.web}/${repo.fullName}/blob/${repo.defaultBranch}/${path}`;
  const self = `${api}/contents/${path}?ref=${repo.defaultBranch}`;
  return {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.split("/").pop()!,
    path,
    // GitHub wraps the base64 at 60 characters.
    content: (bytes.toString("base64").match(/.{1,60}/g) ?? [""]).join("\n") + "\n",
    sha,
    url: self,
    git_url: `${api}/git/blobs/${sha}`,
    html_url: html,
    download_url: `${r.urls.web}/raw/${repo.fullName}/${repo.defaultBranch}/${path}`,
    _links: { self, git: `${api}/git/blobs/${sha}`, html },
  };
}

type Handler = (r: RestRequest) => RestAnswer;

export const handlers: Record<string, Handler> = {
  ...deliveryHandlers,
  ...issueFieldHandlers,
  // ---- the app and its installations ----
  "apps/create-installation-access-token": (r) => {
    const installation = r.state.installations.get(Number(r.params.installation_id));
    if (!installation) return notFound();
    if (installation.suspended) return githubError(403, "This installation has been suspended");
    const issued = r.issueToken(installation);
    return {
      status: 201,
      json: { token: issued.token, expires_at: iso(issued.expiresAt), permissions: { ...(r.app.permissions ?? APP_PERMISSIONS) }, repository_selection: installation.repositorySelection },
    };
  },
  "apps/get-authenticated": (r) => ({ status: 200, json: appJson(r.app, r.urls) }),
  // The app-manifest flow's last step (app-manifest.ts): the code from the redirect, traded once.
  "apps/create-from-manifest": (r) => {
    const registered = r.convertManifest(r.params.code ?? "");
    if (!registered) return notFound();
    return {
      status: 201,
      json: {
        ...appJson(r.app, r.urls),
        client_id: registered.clientId,
        installations_count: 0,
        client_secret: registered.clientSecret,
        webhook_secret: registered.webhookSecret,
        pem: registered.pem,
      },
    };
  },
  "apps/list-installations": (r) => paged(r, [...r.state.installations.values()], (i) => installationJson(i, r.app, r.urls)),
  "apps/get-installation": (r) => {
    const installation = r.state.installations.get(Number(r.params.installation_id));
    return installation ? { status: 200, json: installationJson(installation, r.app, r.urls) } : notFound();
  },
  "apps/get-repo-installation": (r) => {
    const repo = r.state.findRepo(`${r.params.owner}/${r.params.repo}`);
    const installation = repo && r.state.installationFor(repo);
    return installation ? { status: 200, json: installationJson(installation, r.app, r.urls) } : notFound();
  },
  "apps/list-repos-accessible-to-installation": (r) => {
    const installation = r.identity?.installation;
    if (!installation) return githubError(403, "This endpoint requires an installation token");
    const repos = r.state.reposOf(installation);
    return paged(r, repos, (repo) => repoJson(repo, r.urls, openIssuesOf(repo)), (page) => ({
      total_count: repos.length,
      repository_selection: installation.repositorySelection,
      repositories: page,
    }));
  },
  "rate-limit/get": (r) => {
    const core = { limit: r.rate.limit, used: r.rate.used, remaining: r.rate.limit - r.rate.used, reset: Math.floor(r.rate.resetAt / 1000) };
    return { status: 200, json: { resources: { core, graphql: core, search: { ...core, limit: 30, used: 0, remaining: 30 } }, rate: core } };
  },

  // ---- repositories and files ----
  "repos/get": (r) => {
    const repo = repoOf(r);
    return isAnswer(repo) ? repo : { status: 200, json: repoJson(repo, r.urls, openIssuesOf(repo)) };
  },
  "repos/get-content": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const ref = r.query.get("ref");
    // A branch, or a commit reachable in the repository (pulls.ts: a pull request's base and head).
    const files = filesAt(r.state, repo, ref);
    if (files === null) return githubError(404, `No commit found for the ref ${ref}`);
    const path = (r.params.path ?? "").replace(/^\/+|\/+$/g, "");
    const text = files.get(path);
    const raw = /application\/vnd\.github(\.v3)?\.raw/.test(r.accept);
    if (text !== undefined) {
      return raw ? { status: 200, text, headers: { "content-type": "text/plain; charset=utf-8" } } : { status: 200, json: contentFile(r, repo, path, text) };
    }
    const prefix = path === "" ? "" : `${path}/`;
    const entries = new Map<string, "file" | "dir">();
    for (const p of files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const [head, ...rest] = p.slice(prefix.length).split("/");
      entries.set(head!, rest.length > 0 ? "dir" : "file");
    }
    if (entries.size === 0) return notFound();
    if (raw) return githubError(415, "Unsupported 'Accept' header: directories have no raw form");
    return {
      status: 200,
      json: [...entries].map(([name, type]) => {
        const full = `${prefix}${name}`;
        const base = contentFile(r, repo, full, type === "file" ? files.get(full)! : "");
        const { content: _c, encoding: _e, ...rest } = base;
        return { ...rest, type, ...(type === "dir" ? { download_url: null, size: 0 } : {}) };
      }),
    };
  },

  // ---- repository labels ----
  "issues/list-labels-for-repo": (r) => {
    const repo = repoOf(r);
    return isAnswer(repo) ? repo : paged(r, repo.labels, (l) => labelJson(l, repo, r.urls));
  },
  "issues/get-label": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const label = r.state.findLabel(repo, r.params.name ?? "");
    return label ? { status: 200, json: labelJson(label, repo, r.urls) } : notFound();
  },
  "issues/create-label": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const { name, color, description } = r.body as { name: string; color?: string; description?: string };
    if (name.trim() === "") return validationFailed([{ resource: "Label", code: "missing_field", field: "name" }]);
    if (color !== undefined && !/^#?[0-9a-f]{6}$/i.test(color)) return validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
    if (description !== undefined && description.length > 100) {
      return validationFailed([{ resource: "Label", code: "custom", field: "description", message: "description is too long (maximum is 100 characters)" }]);
    }
    if (r.state.findLabel(repo, name)) return validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
    const label = r.state.addLabel(repo.fullName, { name, ...(color !== undefined ? { color } : {}), description: description ?? null });
    return { status: 201, json: labelJson(label, repo, r.urls), headers: { location: labelJson(label, repo, r.urls).url } };
  },
  "issues/update-label": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const label = r.state.findLabel(repo, r.params.name ?? "");
    if (!label) return notFound();
    const { new_name, color, description } = r.body as { new_name?: string; color?: string; description?: string };
    if (color !== undefined && !/^#?[0-9a-f]{6}$/i.test(color)) return validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
    if (new_name !== undefined && new_name.toLowerCase() !== label.name.toLowerCase() && r.state.findLabel(repo, new_name)) {
      return validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
    }
    if (new_name !== undefined) label.name = new_name;
    if (color !== undefined) label.color = color.replace(/^#/, "").toLowerCase();
    if (description !== undefined) label.description = description;
    return { status: 200, json: labelJson(label, repo, r.urls) };
  },
  "issues/delete-label": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const label = r.state.findLabel(repo, r.params.name ?? "");
    if (!label) return notFound();
    repo.labels.splice(repo.labels.indexOf(label), 1);
    for (const issue of repo.issues) issue.labels = issue.labels.filter((l) => l !== label);
    return { status: 204 };
  },

  // ---- issues ----
  "issues/list-for-repo": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const state = r.query.get("state") ?? "open";
    const creator = r.query.get("creator")?.toLowerCase();
    const assignee = r.query.get("assignee");
    const wanted = (r.query.get("labels") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
    const since = r.query.has("since") ? Date.parse(r.query.get("since")!) : null;
    const sort = r.query.get("sort") ?? "created";
    const dir = r.query.get("direction") === "asc" ? 1 : -1;
    const list = repo.issues.filter((i) => {
      if (state !== "all" && i.state !== state) return false;
      if (creator && i.user.login.toLowerCase() !== creator) return false;
      if (assignee === "none" && i.assignees.length > 0) return false;
      if (assignee === "*" && i.assignees.length === 0) return false;
      if (assignee && assignee !== "none" && assignee !== "*" && !i.assignees.some((a) => a.login.toLowerCase() === assignee.toLowerCase())) return false;
      // Every listed label must be on the issue.
      if (!wanted.every((w) => i.labels.some((l) => l.name.toLowerCase() === w))) return false;
      return since === null || i.updatedAt >= since;
    });
    const key = (i: FakeIssue) => (sort === "updated" ? i.updatedAt : sort === "comments" ? i.commentCount : i.createdAt);
    list.sort((a, b) => dir * (key(a) - key(b) || a.number - b.number));
    return paged(r, list, (i) => issueJson(i, r.urls));
  },
  "issues/create": (r) => {
    const repo = repoOf(r);
    if (isAnswer(repo)) return repo;
    const b = r.body as { title: string | number; body?: string | null; labels?: unknown[]; assignees?: string[] };
    const long = tooLong("Issue", "body", b.body);
    if (long) return long;
    if (String(b.title).trim() === "") return validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
    const issue = r.state.createIssue(repo.fullName, r.identity!.user.login, {
      title: String(b.title),
      body: b.body ?? null,
      labels: labelNames(b.labels),
      ...(b.assignees ? { assignees: b.assignees } : {}),
    });
    return { status: 201, json: issueJson(issue, r.urls), headers: { location: issueJson(issue, r.urls).url } };
  },
  "issues/get": (r) => {
    const issue = issueOf(r);
    return isAnswer(issue) ? issue : { status: 200, json: issueJson(issue, r.urls) };
  },
  "issues/update": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    const b = r.body as { title?: string | number | null; body?: string | null; state?: "open" | "closed"; state_reason?: StateReason | null; labels?: unknown[]; assignees?: string[] };
    const long = tooLong("Issue", "body", b.body);
    if (long) return long;
    const actor = r.identity!.user.login;
    if (b.title !== undefined && b.title !== null) r.state.editIssue(issue, { title: String(b.title) });
    if (b.body !== undefined) r.state.editIssue(issue, { body: b.body });
    if (b.labels !== undefined) r.state.setLabels(issue, labelNames(b.labels), actor);
    if (b.assignees !== undefined) issue.assignees = b.assignees.map((l) => r.state.user(l));
    if (b.state === "closed") r.state.closeIssue(issue, actor, b.state_reason ?? "completed");
    else if (b.state === "open") r.state.reopenIssue(issue, actor);
    return { status: 200, json: issueJson(issue, r.urls) };
  },
  "issues/list-events-for-timeline": (r) => {
    const issue = issueOf(r);
    return isAnswer(issue) ? issue : paged(r, issue.timeline, (e) => timelineJson(e, issue, r.urls));
  },

  // ---- labels on an issue ----
  "issues/list-labels-on-issue": (r) => {
    const issue = issueOf(r);
    return isAnswer(issue) ? issue : paged(r, issue.labels, (l) => labelJson(l, issue.repo, r.urls));
  },
  "issues/add-labels": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    r.state.addLabels(issue, labelNames((r.body as { labels: unknown[] }).labels), r.identity!.user.login);
    return { status: 200, json: issue.labels.map((l) => labelJson(l, issue.repo, r.urls)) };
  },
  "issues/set-labels": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    const body = r.body as { labels?: unknown[] } | undefined;
    r.state.setLabels(issue, labelNames(body?.labels ?? []), r.identity!.user.login);
    return { status: 200, json: issue.labels.map((l) => labelJson(l, issue.repo, r.urls)) };
  },
  "issues/remove-label": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    if (!r.state.removeLabel(issue, r.params.name ?? "", r.identity!.user.login)) return githubError(404, "Label does not exist");
    return { status: 200, json: issue.labels.map((l) => labelJson(l, issue.repo, r.urls)) };
  },

  // ---- comments ----
  "issues/list-comments": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    const since = r.query.has("since") ? Date.parse(r.query.get("since")!) : null;
    const list = r.state.commentsOf(issue).filter((c) => since === null || c.updatedAt >= since);
    return paged(r, list, (c) => commentJson(c, r.urls));
  },
  "issues/create-comment": (r) => {
    const issue = issueOf(r);
    if (isAnswer(issue)) return issue;
    const { body } = r.body as { body: string };
    const long = tooLong("IssueComment", "body", body);
    if (long) return long;
    if (body.trim() === "") return validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
    const comment = r.state.addComment(issue, r.identity!.user.login, body, r.identity!.kind === "installation" ? "NONE" : undefined);
    return { status: 201, json: commentJson(comment, r.urls), headers: { location: commentJson(comment, r.urls).url } };
  },
  "issues/get-comment": (r) => {
    const found = commentOf(r);
    return isAnswer(found) ? found : { status: 200, json: commentJson(found, r.urls) };
  },
  "issues/update-comment": (r) => {
    const found = commentOf(r);
    if (isAnswer(found)) return found;
    const { body } = r.body as { body: string };
    const long = tooLong("IssueComment", "body", body);
    if (long) return long;
    r.state.updateComment(found, body);
    return { status: 200, json: commentJson(found, r.urls) };
  },
  "issues/delete-comment": (r) => {
    const found = commentOf(r);
    if (isAnswer(found)) return found;
    r.state.deleteComment(found);
    return { status: 204 };
  },

  // ---- organisation members ----
  "orgs/list-members": (r) => {
    const org = r.state.knownUser(r.params.org ?? "");
    if (!org || org.type !== "Organization") return notFound();
    const members = [...(r.state.members.get(org.login.toLowerCase()) ?? [])].map((l) => r.state.user(l)).sort((a, b) => a.id - b.id);
    return paged(r, members, (u) => userJson(u, r.urls));
  },
  "orgs/check-membership-for-user": (r) => {
    const org = r.state.knownUser(r.params.org ?? "");
    if (!org || org.type !== "Organization") return notFound();
    return r.state.isMember(org.login, r.params.username ?? "") ? { status: 204 } : githubError(404, "User does not exist or is not a member of the organization");
  },
  ...pullHandlers,
};

function commentOf(r: RestRequest) {
  const repo = repoOf(r);
  if (isAnswer(repo)) return repo;
  const comment = r.state.comments.get(Number(r.params.comment_id));
  return comment && comment.issue.repo === repo ? comment : notFound();
}
