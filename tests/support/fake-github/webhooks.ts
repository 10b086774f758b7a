// Webhook deliveries the way GitHub sends them: payloads built from the
// fake's current state (so the issue in an `issues.labeled` payload is the
// issue the app will then read), signed with the webhook secret and posted
// to the app's webhook path.
import { createHash } from "node:crypto";
import { sign } from "@octokit/webhooks-methods";
import type { AppInfo, Urls } from "./shapes.js";
import { commentJson, installationJson, issueJson, repoJson, userJson } from "./shapes.js";
import type { FakeRepo, FakeState } from "./state.js";
import { iso } from "./state.js";

export interface Delivery {
  status: number;
  body: string;
  /** Wall-clock milliseconds until the app answered. */
  ms: number;
}

/**
 * Signs `payload` with `secret` (x-hub-signature-256) and posts it to the app. `appUrl` is
 * the app's origin (then "/api/github/webhooks" is appended) or a full webhook URL.
 */
export async function signAndSend(
  appUrl: string,
  secret: string,
  event: string,
  payload: unknown,
  options: { id?: string; signature?: string | null; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Delivery> {
  const url = new URL(appUrl);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/api/github/webhooks";
  const text = typeof payload === "string" ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/fake",
    "x-github-event": event,
    "x-github-delivery": options.id ?? crypto.randomUUID(),
    "x-github-hook-id": "1",
    "x-github-hook-installation-target-type": "integration",
    ...options.headers,
  };
  // null: send no signature at all; a string: send that one (a wrong or truncated signature).
  if (options.signature !== null) headers["x-hub-signature-256"] = options.signature ?? (await sign(secret, text));
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers, body: text, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  return { status: response.status, body: await response.text(), ms: performance.now() - started };
}

export interface IssuesOptions {
  /** Who did it (default: the issue's author). */
  sender?: string;
  /** For labeled/unlabeled. */
  label?: string;
  /** For edited: the previous title/body. */
  changes?: { title?: { from: string }; body?: { from: string } };
  /** For assigned/unassigned. */
  assignee?: string;
}

/** Builders of realistic payloads over the fake's state (GHES URLs: <fake>/api/v3). */
export class Payloads {
  constructor(
    private readonly state: FakeState,
    private readonly app: AppInfo,
    private readonly urls: () => Urls,
  ) {}

  private common(repo: FakeRepo, sender: string) {
    const urls = this.urls();
    const installation = this.state.installationFor(repo);
    const openIssues = repo.issues.reduce((n, i) => n + (i.state === "open" ? 1 : 0), 0);
    return {
      repository: repoJson(repo, urls, openIssues),
      ...(repo.owner.type === "Organization" ? { organization: this.organization(repo.owner.login) } : {}),
      sender: userJson(this.state.user(sender), urls),
      ...(installation ? { installation: { id: installation.id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${installation.id}` } } : {}),
    };
  }

  organization(login: string) {
    const { api } = this.urls();
    const org = this.state.user(login, "Organization");
    const base = `${api}/orgs/${org.login}`;
    return {
      login: org.login,
      id: org.id,
      node_id: org.node_id,
      url: base,
      repos_url: `${base}/repos`,
      events_url: `${base}/events`,
      hooks_url: `${base}/hooks`,
      issues_url: `${base}/issues`,
      members_url: `${base}/members{/member}`,
      public_members_url: `${base}/public_members{/member}`,
      avatar_url: `${this.urls().web}/avatars/u/${org.id}?v=4`,
      description: null,
    };
  }

  /** issues.<action> for an issue as it is now in the fake. */
  issues(action: string, fullName: string, number: number, options: IssuesOptions = {}) {
    const issue = this.state.issue(fullName, number);
    const urls = this.urls();
    const payload: Record<string, unknown> = { action, issue: issueJson(issue, urls), ...this.common(issue.repo, options.sender ?? issue.user.login) };
    if (options.label !== undefined) {
      const label = this.state.findLabel(issue.repo, options.label);
      payload.label = label
        ? { id: label.id, node_id: label.node_id, url: `${urls.api}/repos/${fullName}/labels/${encodeURIComponent(label.name)}`, name: label.name, color: label.color, default: label.default, description: label.description }
        : { id: 0, node_id: "", url: "", name: options.label, color: "ededed", default: false, description: null };
    }
    if (action === "edited") payload.changes = options.changes ?? {};
    if (options.assignee !== undefined) payload.assignee = userJson(this.state.user(options.assignee), urls);
    return payload;
  }

  /** issue_comment.<action> for a comment that exists in the fake. */
  issueComment(action: "created" | "edited" | "deleted", commentId: number, options: { sender?: string; changes?: { body: { from: string } } } = {}) {
    const comment = this.state.comments.get(commentId);
    if (!comment) throw new Error(`fake-github: no comment ${commentId}`);
    const urls = this.urls();
    return {
      action,
      issue: issueJson(comment.issue, urls),
      comment: commentJson(comment, urls),
      ...(action === "edited" ? { changes: options.changes ?? {} } : {}),
      ...this.common(comment.issue.repo, options.sender ?? comment.user.login),
    };
  }

  /** installation.<action> with the installation's repositories. */
  installation(action: "created" | "deleted" | "suspend" | "unsuspend", installationId: number, options: { sender?: string } = {}) {
    const installation = this.state.installations.get(installationId);
    if (!installation) throw new Error(`fake-github: no installation ${installationId}`);
    const urls = this.urls();
    return {
      action,
      installation: installationJson(installation, this.app, urls),
      repositories: this.state.reposOf(installation).map((r) => ({ id: r.id, node_id: r.node_id, name: r.name, full_name: r.fullName, private: r.private })),
      requester: null,
      sender: userJson(this.state.user(options.sender ?? installation.account.login), urls),
    };
  }

  /** installation_repositories.added/removed. */
  installationRepositories(action: "added" | "removed", installationId: number, fullNames: string[], options: { sender?: string } = {}) {
    const installation = this.state.installations.get(installationId);
    if (!installation) throw new Error(`fake-github: no installation ${installationId}`);
    const urls = this.urls();
    const repos = fullNames.map((n) => this.state.repo(n)).map((r) => ({ id: r.id, node_id: r.node_id, name: r.name, full_name: r.fullName, private: r.private }));
    return {
      action,
      installation: installationJson(installation, this.app, urls),
      repository_selection: installation.repositorySelection,
      repositories_added: action === "added" ? repos : [],
      repositories_removed: action === "removed" ? repos : [],
      requester: null,
      sender: userJson(this.state.user(options.sender ?? installation.account.login), urls),
    };
  }

  /** push to the default branch (or `ref`) touching the given paths; files are not changed by this (use setFile). */
  push(fullName: string, options: { added?: string[]; modified?: string[]; removed?: string[]; sender?: string; ref?: string; message?: string } = {}) {
    const repo = this.state.repo(fullName);
    const urls = this.urls();
    const sender = this.state.user(options.sender ?? repo.owner.login);
    const at = this.state.now();
    const before = createHash("sha1").update(`${fullName}:${at}:before`).digest("hex");
    const after = createHash("sha1").update(`${fullName}:${at}:after:${JSON.stringify(options)}`).digest("hex");
    const person = { name: sender.login, email: `${sender.login}@users.noreply.fake`, username: sender.login };
    const commit = {
      id: after,
      tree_id: createHash("sha1").update(`tree:${after}`).digest("hex"),
      distinct: true,
      message: options.message ?? "Update configuration",
      timestamp: iso(at),
      url: `${urls.web}/${fullName}/commit/${after}`,
      author: person,
      committer: person,
      added: options.added ?? [],
      removed: options.removed ?? [],
      modified: options.modified ?? [],
    };
    const common = this.common(repo, sender.login);
    // The push payload's repository carries times as epoch seconds and an owner with name/email.
    const repository = {
      ...common.repository,
      created_at: Math.floor(repo.createdAt / 1000),
      pushed_at: Math.floor(at / 1000),
      owner: { ...common.repository.owner, name: repo.owner.login, email: null },
      stargazers: 0,
      master_branch: repo.defaultBranch,
      ...(repo.owner.type === "Organization" ? { organization: repo.owner.login } : {}),
    };
    return {
      ref: options.ref ?? `refs/heads/${repo.defaultBranch}`,
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `${urls.web}/${fullName}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: [commit],
      head_commit: commit,
      pusher: { name: sender.login, email: person.email },
      ...common,
      repository,
    };
  }
}
