// A tiny in-memory GitHub behind one nock interceptor per HTTP method. It
// keeps the state the app reads and writes (issues, timelines, comments,
// labels, the configuration file, organisation members), so that a second
// delivery sees what the first one wrote, exactly as on GitHub. Every request
// is recorded with its decoded path, query and JSON body, so tests assert the
// exact sequence of requests and bodies (stricter than "no pending mocks":
// nothing is allowed that the test does not list).
//
// Only the behaviour the app relies on is modelled, the way GitHub's REST API
// documents it: `since` on comment lists filters by updated_at; adding a label
// that is on the issue already records no event; removing a label that is not
// there answers 404; creating a label that exists answers 422.
import nock from "nock";
import { API, BOT, INSTALLATION, OWNER, REPO } from "./harness.js";

export interface RecordedRequest {
  method: string;
  /** Decoded path without the query, e.g. "/repos/Codertocat/Hello-World/labels/sla: paused". */
  path: string;
  query: Record<string, string>;
  body: unknown;
  auth: string | undefined;
}

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
  user: User;
  author_association: string;
  created_at: string;
  updated_at: string;
}

interface TimelineEvent {
  id: number;
  event: "labeled" | "unlabeled" | "closed" | "reopened" | "renamed";
  actor: User;
  created_at: string;
  label?: { name: string; color: string };
  state_reason?: string | null;
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  user: User;
  author_association: string;
  labels: string[];
  state: "open" | "closed";
  state_reason: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  events: TimelineEvent[];
}

/** A fault for the next matching request: answer `status`, having applied the write first or not. */
export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  /** Apply the request before answering the error (GitHub stored it, the answer was lost). */
  apply: boolean;
}

export const user = (login: string): User => ({
  login,
  id: [...login].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_000, 7),
  type: login.endsWith("[bot]") ? "Bot" : "User",
});

/** GitHub writes instants without milliseconds. */
export const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const TOKEN_PATH = `/app/installations/${INSTALLATION}/access_tokens`;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Requests no route knew: a test expects this to stay empty. */
  readonly unhandled: RecordedRequest[] = [];
  readonly issues = new Map<number, StoredIssue>();
  readonly comments = new Map<number, StoredComment>();
  /** Repository labels by lower-cased name. */
  readonly labels = new Map<string, StoredLabel>();
  /** Configuration files by "owner/repo:path". */
  readonly files = new Map<string, string>();
  /** Members of the organisation OWNER, when it is one. */
  orgMembers: string[] = [];
  private nextId = 1000;
  private readonly faults: Fault[] = [];
  /** Called after the app's comment was stored (e.g. to let "another replica" post a twin). */
  afterCommentCreated: ((c: StoredComment) => void) | null = null;
  /** Called before the app's comment is stored. */
  beforeCommentCreated: ((issue: number, body: string) => void) | null = null;
  /** Called before an issue the app opens is stored (e.g. another replica's twin error issue). */
  beforeIssueCreated: (() => void) | null = null;
  /** Called after an issue the app opens was stored. */
  afterIssueCreated: ((issue: StoredIssue) => void) | null = null;

  constructor(readonly clock: { now: number }) {}

  /** Intercepts https://api.github.com for every method. Call once per test (after nock.cleanAll). */
  intercept(): nock.Scope {
    const scope = nock(API).persist();
    const handle = (method: string, uri: string, body: unknown, auth: string | undefined) => this.handle(method, uri, body, auth);
    for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
      scope.intercept(/.*/, method).reply(function (uri, body) {
        const auth = this.req.headers.authorization;
        return handle(method, uri, body, typeof auth === "string" ? auth : undefined);
      });
    }
    return scope;
  }

  // ---- the test's side: what customers and engineers do -------------------

  /** Creates a repository label as if someone had made it earlier. */
  addRepoLabel(name: string, color = "ededed", description: string | null = null): StoredLabel {
    const label = { id: this.id(), name, color, description };
    this.labels.set(name.toLowerCase(), label);
    return label;
  }

  setConfig(yaml: string | null, repo = `${OWNER}/${REPO}`): void {
    const key = `${repo}:.github/incident-sla.yml`;
    if (yaml === null) this.files.delete(key);
    else this.files.set(key, yaml);
  }

  openIssue(o: { number?: number; author: string; association?: string; body: string; labels?: string[]; title?: string }): StoredIssue {
    const issue: StoredIssue = {
      number: o.number ?? 1,
      title: o.title ?? "Sign-in fails",
      body: o.body,
      user: user(o.author),
      author_association: o.association ?? "COLLABORATOR",
      labels: [],
      state: "open",
      state_reason: null,
      closed_at: null,
      created_at: stamp(this.clock.now),
      updated_at: stamp(this.clock.now),
      events: [],
    };
    this.issues.set(issue.number, issue);
    for (const name of o.labels ?? []) this.label(issue.number, name, o.author);
    return issue;
  }

  edit(number: number, body: string): void {
    const issue = this.issue(number);
    issue.body = body;
    issue.updated_at = stamp(this.clock.now);
  }

  label(number: number, name: string, by: string): void {
    const issue = this.issue(number);
    const repoLabel = this.labels.get(name.toLowerCase()) ?? this.addRepoLabel(name);
    if (issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) return;
    issue.labels.push(repoLabel.name);
    issue.events.push({ id: this.id(), event: "labeled", actor: user(by), created_at: stamp(this.clock.now), label: { name: repoLabel.name, color: repoLabel.color } });
  }

  unlabel(number: number, name: string, by: string): boolean {
    const issue = this.issue(number);
    const i = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (i < 0) return false;
    const [removed] = issue.labels.splice(i, 1);
    issue.events.push({ id: this.id(), event: "unlabeled", actor: user(by), created_at: stamp(this.clock.now), label: { name: removed!, color: "ededed" } });
    return true;
  }

  comment(number: number, by: string, body: string, association = "COLLABORATOR"): StoredComment {
    const c: StoredComment = {
      id: this.id(),
      issue: number,
      body,
      user: user(by),
      author_association: association,
      created_at: stamp(this.clock.now),
      updated_at: stamp(this.clock.now),
    };
    this.comments.set(c.id, c);
    return c;
  }

  close(number: number, by: string, reason: "completed" | "not_planned" = "completed"): void {
    const issue = this.issue(number);
    issue.state = "closed";
    issue.state_reason = reason;
    issue.closed_at = stamp(this.clock.now);
    issue.events.push({ id: this.id(), event: "closed", actor: user(by), created_at: stamp(this.clock.now), state_reason: reason });
  }

  reopen(number: number, by: string): void {
    const issue = this.issue(number);
    issue.state = "open";
    issue.state_reason = "reopened";
    issue.closed_at = null;
    issue.events.push({ id: this.id(), event: "reopened", actor: user(by), created_at: stamp(this.clock.now) });
  }

  /** The next request matching `method` and `path` fails with `status`. */
  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  // ---- reading the state back ---------------------------------------------

  issue(number: number): StoredIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  commentsOn(number: number): StoredComment[] {
    return [...this.comments.values()].filter((c) => c.issue === number).sort((a, b) => a.id - b.id);
  }

  /** Requests except the installation token exchange, as "METHOD path". */
  calls(): string[] {
    return this.apiRequests().map((r) => `${r.method} ${r.path}`);
  }

  /** Requests except the installation token exchange. */
  apiRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path !== TOKEN_PATH);
  }

  /** Forgets the recorded requests (between the arrange and the act of a test). */
  clearRequests(): void {
    this.requests.length = 0;
  }

  // ---- GitHub's side ------------------------------------------------------

  private id(): number {
    return this.nextId++;
  }

  private labelJson(name: string) {
    const l = this.labels.get(name.toLowerCase());
    return { id: l?.id ?? 0, name, color: l?.color ?? "ededed", description: l?.description ?? null, default: false };
  }

  issueJson(issue: StoredIssue) {
    return {
      url: `${API}/repos/${OWNER}/${REPO}/issues/${issue.number}`,
      html_url: `https://github.com/${OWNER}/${REPO}/issues/${issue.number}`,
      id: 5000 + issue.number,
      number: issue.number,
      title: issue.title,
      user: issue.user,
      labels: issue.labels.map((n) => this.labelJson(n)),
      state: issue.state,
      locked: false,
      comments: this.commentsOn(issue.number).length,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      author_association: issue.author_association,
      state_reason: issue.state_reason,
      body: issue.body,
    };
  }

  private commentJson(c: StoredComment) {
    return {
      id: c.id,
      html_url: `https://github.com/${OWNER}/${REPO}/issues/${c.issue}#issuecomment-${c.id}`,
      body: c.body,
      user: c.user,
      created_at: c.created_at,
      updated_at: c.updated_at,
      author_association: c.author_association,
    };
  }

  private timelineJson(issue: StoredIssue) {
    const comments = this.commentsOn(issue.number).map((c) => ({ ...this.commentJson(c), event: "commented", actor: c.user }));
    const events = issue.events.map((e) => ({ ...e, commit_id: null }));
    // GitHub lists the timeline oldest first; equal seconds keep the order things happened.
    return [...events, ...comments].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  }

  private handle(method: string, uri: string, body: unknown, auth: string | undefined): [number, unknown, Record<string, string>?] {
    const url = new URL(uri, API);
    const path = decodeURIComponent(url.pathname);
    const request: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), body: body === "" ? undefined : body, auth };
    this.requests.push(request);
    const fault = this.faults.find((f) => f.method === method && f.path.test(path));
    if (fault) {
      this.faults.splice(this.faults.indexOf(fault), 1);
      if (fault.apply) this.route(request);
      return [fault.status, { message: "Server Error" }];
    }
    const answer = this.route(request);
    if (!answer) {
      this.unhandled.push(request);
      return [599, { message: `fake GitHub has no route for ${method} ${path}` }];
    }
    return answer;
  }

  private route(r: RecordedRequest): [number, unknown, Record<string, string>?] | null {
    const { method, path } = r;
    const body = (r.body ?? {}) as Record<string, any>;
    const repo = `/repos/${OWNER}/${REPO}`;
    let m: RegExpExecArray | null;
    if (method === "POST" && path === TOKEN_PATH) {
      return [201, { token: "test-token", expires_at: "2999-01-01T00:00:00Z", permissions: { issues: "write" } }];
    }
    if (method === "GET" && (m = /^\/repos\/([^/]+\/[^/]+)\/contents\/(.+)$/.exec(path))) {
      // GitHub's JSON form: a file with its size and base64 content, or a directory's listing.
      const text = this.files.get(`${m[1]}:${m[2]}`);
      if (text !== undefined) {
        const bytes = Buffer.from(text, "utf8");
        const name = m[2]!.split("/").pop()!;
        return [200, { type: "file", encoding: "base64", size: bytes.length, name, path: m[2], content: bytes.toString("base64") }];
      }
      const prefix = `${m[1]}:${m[2]}/`;
      const inside = [...this.files.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split("/")[0]!);
      if (inside.length === 0) return [404, { message: "Not Found" }];
      return [200, [...new Set(inside)].map((name) => ({ type: this.files.has(`${prefix}${name}`) ? "file" : "dir", name, path: `${m![2]}/${name}` }))];
    }
    if (method === "GET" && (m = /^\/orgs\/([^/]+)\/members$/.exec(path))) {
      return m[1] === OWNER ? [200, this.orgMembers.map((login) => user(login))] : [404, { message: "Not Found" }];
    }
    if (!path.startsWith(`${repo}/`)) return null;
    const rest = path.slice(repo.length);

    if (rest === "/labels" && method === "GET") return [200, [...this.labels.values()]];
    if (rest === "/labels" && method === "POST") {
      if (this.labels.has(String(body.name).toLowerCase())) {
        return [422, { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] }];
      }
      return [201, this.addRepoLabel(body.name, body.color, body.description ?? null)];
    }
    if (rest === "/issues" && method === "GET") {
      const list = [...this.issues.values()].filter(
        (i) => (r.query.state === "all" || i.state === (r.query.state ?? "open")) && (!r.query.creator || i.user.login === r.query.creator),
      );
      return [200, list.map((i) => this.issueJson(i))];
    }
    if (rest === "/issues" && method === "POST") {
      const hook = this.beforeIssueCreated;
      this.beforeIssueCreated = null;
      hook?.();
      const number = Math.max(0, ...this.issues.keys()) + 1;
      const issue = this.openIssue({ number, author: BOT, association: "NONE", body: body.body ?? "", title: body.title });
      for (const name of body.labels ?? []) this.label(number, name, BOT);
      const after = this.afterIssueCreated;
      this.afterIssueCreated = null;
      after?.(issue);
      return [201, this.issueJson(issue)];
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const c = this.comments.get(Number(m[1]));
      if (!c) return [404, { message: "Not Found" }];
      if (method === "PATCH") {
        c.body = body.body;
        c.updated_at = stamp(this.clock.now);
        return [200, this.commentJson(c)];
      }
      if (method === "DELETE") {
        this.comments.delete(c.id);
        return [204, ""];
      }
      return method === "GET" ? [200, this.commentJson(c)] : null;
    }
    if (!(m = /^\/issues\/(\d+)(\/.*)?$/.exec(rest))) return null;
    const issue = this.issues.get(Number(m[1]));
    if (!issue) return [404, { message: "Not Found" }];
    const sub = m[2] ?? "";
    if (sub === "" && method === "GET") return [200, this.issueJson(issue)];
    if (sub === "" && method === "PATCH") {
      if (typeof body.body === "string") issue.body = body.body;
      if (typeof body.title === "string") issue.title = body.title;
      if (body.state === "closed" && issue.state === "open") this.close(issue.number, BOT, body.state_reason ?? "completed");
      if (body.state === "open" && issue.state === "closed") this.reopen(issue.number, BOT);
      issue.updated_at = stamp(this.clock.now);
      return [200, this.issueJson(issue)];
    }
    if (sub === "/timeline" && method === "GET") return [200, this.timelineJson(issue)];
    if (sub === "/comments" && method === "GET") {
      const since = r.query.since ? Date.parse(r.query.since) : -Infinity;
      return [200, this.commentsOn(issue.number).filter((c) => Date.parse(c.updated_at) >= since).map((c) => this.commentJson(c))];
    }
    if (sub === "/comments" && method === "POST") {
      this.beforeCommentCreated?.(issue.number, body.body);
      const c = this.comment(issue.number, BOT, body.body, "NONE");
      this.afterCommentCreated?.(c);
      return [201, this.commentJson(c)];
    }
    if (sub === "/labels" && method === "POST") {
      for (const name of body.labels as string[]) this.label(issue.number, name, BOT);
      return [200, issue.labels.map((n) => this.labelJson(n))];
    }
    if ((m = /^\/labels\/(.+)$/.exec(sub)) && method === "DELETE") {
      if (!this.unlabel(issue.number, m[1]!, BOT)) return [404, { message: "Label does not exist" }];
      return [200, issue.labels.map((n) => this.labelJson(n))];
    }
    return null;
  }
}
