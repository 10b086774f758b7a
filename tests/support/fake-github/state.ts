// The local GitHub's memory: accounts, installations, repositories with files
// and labels, issues with their timelines, comments and organisation members.
// Everything is kept by reference in maps and arrays so that 10,000 issues
// with 20 timeline items each cost a few tens of MB and no request copies the
// whole state. Writes go through the same methods whether they come from the
// REST handlers or from a test acting as a person, so the timeline always
// follows the change the way GitHub records it.

import { FakeIssueFields } from "./issue-fields.js";

export type AccountType = "User" | "Organization" | "Bot";
export type AuthorAssociation = "OWNER" | "MEMBER" | "COLLABORATOR" | "CONTRIBUTOR" | "FIRST_TIMER" | "FIRST_TIME_CONTRIBUTOR" | "MANNEQUIN" | "NONE";
export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";

export interface FakeUser {
  login: string;
  id: number;
  node_id: string;
  type: AccountType;
}

export interface FakeLabel {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface FakeInstallation {
  id: number;
  account: FakeUser;
  /** "all": every repository of the account; otherwise the listed full names. */
  repositorySelection: "all" | "selected";
  repositories: Set<string>;
  createdAt: number;
  suspended: boolean;
}

export interface FakeRepo {
  id: number;
  node_id: string;
  owner: FakeUser;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  /** Files on the default branch by path. */
  files: Map<string, string>;
  labels: FakeLabel[];
  /** In creation order. */
  issues: FakeIssue[];
  issuesByNumber: Map<number, FakeIssue>;
  nextNumber: number;
  createdAt: number;
  pushedAt: number;
  /** Logins (lower case) given an explicit association with this repository. */
  collaborators: Set<string>;
}

export interface FakeIssue {
  id: number;
  node_id: string;
  number: number;
  repo: FakeRepo;
  title: string;
  body: string | null;
  user: FakeUser;
  authorAssociation: AuthorAssociation;
  labels: FakeLabel[];
  assignees: FakeUser[];
  state: "open" | "closed";
  stateReason: StateReason | null;
  createdAt: number;
  updatedAt: number;
  closedAt: number | null;
  closedBy: FakeUser | null;
  locked: boolean;
  pullRequest: boolean;
  timeline: TimelineEntry[];
  /** Comments that are not deleted. */
  commentCount: number;
}

export interface FakeComment {
  id: number;
  issue: FakeIssue;
  user: FakeUser;
  authorAssociation: AuthorAssociation;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/** Node ids of comments and events are derived from their ids when shown (one string less per item). */
interface EntryBase {
  id: number;
  at: number;
  actor: FakeUser;
}

export type TimelineEntry =
  | (EntryBase & { kind: "labeled" | "unlabeled"; label: { name: string; color: string } })
  | (EntryBase & { kind: "closed"; stateReason: StateReason | null })
  | (EntryBase & { kind: "reopened" })
  | (EntryBase & { kind: "commented"; comment: FakeComment })
  /** Any other REST timeline event ("assigned", "renamed", "cross-referenced", …); `extra` is merged into its JSON. */
  | (EntryBase & { kind: "other"; event: string; extra: Record<string, unknown> });

export interface RepoSeed {
  owner: string;
  ownerType?: "User" | "Organization";
  name: string;
  defaultBranch?: string;
  private?: boolean;
  files?: Record<string, string>;
  labels?: (string | { name: string; color?: string; description?: string | null })[];
  createdAt?: number | string;
}

export interface IssueSeed {
  number?: number;
  title?: string;
  body?: string | null;
  user?: string;
  /** Otherwise derived: OWNER for the repository owner, MEMBER for an organisation member, else NONE. */
  authorAssociation?: AuthorAssociation;
  /** Current labels; no timeline events are made for them (add those with addTimelineEvent). */
  labels?: string[];
  assignees?: string[];
  state?: "open" | "closed";
  stateReason?: StateReason | null;
  createdAt?: number | string;
  updatedAt?: number | string;
  closedAt?: number | string | null;
  pullRequest?: boolean;
}

export type TimelineSeed =
  | { event: "labeled" | "unlabeled"; actor: string; label: string; createdAt?: number | string }
  | { event: "closed"; actor: string; stateReason?: StateReason | null; createdAt?: number | string }
  | { event: "reopened"; actor: string; createdAt?: number | string }
  | { event: "commented"; actor: string; body: string; authorAssociation?: AuthorAssociation; createdAt?: number | string }
  | { event: string; actor: string; createdAt?: number | string; extra?: Record<string, unknown> };

const DEFAULT_LABEL_COLOR = "ededed";

/** GitHub keeps times to the second. */
export const toSecond = (ms: number): number => Math.floor(ms / 1000) * 1000;
export const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function timeOf(value: number | string | undefined | null, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const ms = typeof value === "number" ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`fake-github: not a time: ${String(value)}`);
  return toSecond(ms);
}

export const nodeId = (prefix: string, id: number) => `${prefix}_kw${Buffer.from(`fake:${id}`).toString("base64url")}`;

export class FakeState {
  private nextId = 1000;
  private readonly users = new Map<string, FakeUser>();
  readonly repos = new Map<string, FakeRepo>();
  readonly installations = new Map<number, FakeInstallation>();
  readonly comments = new Map<number, FakeComment>();
  /** Organisation login (lower case) → member logins (lower case). */
  readonly members = new Map<string, Set<string>>();
  /** Organisation issue fields and the values issues carry (issue-fields.ts). */
  readonly issueFields: FakeIssueFields = new FakeIssueFields(this);

  constructor(
    private readonly clock: () => number,
    /** The app's bot login, e.g. "incident-sla[bot]". */
    readonly botLogin: string,
  ) {}

  now(): number {
    return toSecond(this.clock());
  }

  newId(): number {
    return ++this.nextId;
  }

  // ---- accounts -------------------------------------------------------------------------

  /** The account with this login, created on first mention (a `…[bot]` login is a Bot). */
  user(login: string, type?: AccountType): FakeUser {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      const id = this.newId();
      user = { login, id, node_id: nodeId(type === "Organization" ? "O" : "U", id), type: type ?? (/\[bot\]$/i.test(login) ? "Bot" : "User") };
      this.users.set(key, user);
    } else if (type && user.type !== type) {
      user.type = type;
    }
    return user;
  }

  knownUser(login: string): FakeUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  addMember(org: string, login: string): void {
    this.user(org, "Organization");
    this.user(login);
    const key = org.toLowerCase();
    const set = this.members.get(key) ?? new Set<string>();
    set.add(login.toLowerCase());
    this.members.set(key, set);
  }

  removeMember(org: string, login: string): void {
    this.members.get(org.toLowerCase())?.delete(login.toLowerCase());
  }

  isMember(org: string, login: string): boolean {
    return this.members.get(org.toLowerCase())?.has(login.toLowerCase()) ?? false;
  }

  /** What GitHub would show as the login's relation to the repository. */
  associationOf(repo: FakeRepo, login: string): AuthorAssociation {
    const key = login.toLowerCase();
    if (repo.owner.login.toLowerCase() === key) return "OWNER";
    if (repo.owner.type === "Organization" && this.isMember(repo.owner.login, login)) return "MEMBER";
    if (repo.collaborators.has(key)) return "COLLABORATOR";
    return "NONE";
  }

  // ---- installations and repositories -----------------------------------------------------

  addInstallation(seed: { id?: number; account: string; accountType?: "User" | "Organization"; repositories?: string[] | "all" }): FakeInstallation {
    const id = seed.id ?? this.newId();
    const selected = seed.repositories !== undefined && seed.repositories !== "all";
    const installation: FakeInstallation = {
      id,
      account: this.user(seed.account, seed.accountType),
      repositorySelection: selected ? "selected" : "all",
      repositories: new Set(selected ? (seed.repositories as string[]).map((r) => r.toLowerCase()) : []),
      createdAt: this.now(),
      suspended: false,
    };
    this.installations.set(id, installation);
    return installation;
  }

  /** Repositories the installation can see, in creation order. */
  reposOf(installation: FakeInstallation): FakeRepo[] {
    return [...this.repos.values()].filter((r) => this.installationCovers(installation, r));
  }

  installationCovers(installation: FakeInstallation, repo: FakeRepo): boolean {
    if (installation.account.login.toLowerCase() !== repo.owner.login.toLowerCase()) return false;
    return installation.repositorySelection === "all" || installation.repositories.has(repo.fullName.toLowerCase());
  }

  installationFor(repo: FakeRepo): FakeInstallation | undefined {
    return [...this.installations.values()].find((i) => this.installationCovers(i, repo));
  }

  addRepo(seed: RepoSeed): FakeRepo {
    const known = this.knownUser(seed.owner)?.type;
    const owner = this.user(seed.owner, seed.ownerType ?? (known === "Organization" ? "Organization" : "User"));
    const fullName = `${owner.login}/${seed.name}`;
    if (this.repos.has(fullName.toLowerCase())) throw new Error(`fake-github: repository ${fullName} exists`);
    const id = this.newId();
    const at = timeOf(seed.createdAt, this.now());
    const repo: FakeRepo = {
      id,
      node_id: nodeId("R", id),
      owner,
      name: seed.name,
      fullName,
      private: seed.private ?? true,
      defaultBranch: seed.defaultBranch ?? "main",
      files: new Map(Object.entries(seed.files ?? {})),
      labels: [],
      issues: [],
      issuesByNumber: new Map(),
      nextNumber: 1,
      createdAt: at,
      pushedAt: at,
      collaborators: new Set(),
    };
    this.repos.set(fullName.toLowerCase(), repo);
    for (const label of seed.labels ?? []) this.addLabel(fullName, typeof label === "string" ? { name: label } : label);
    return repo;
  }

  repo(fullName: string): FakeRepo {
    const repo = this.findRepo(fullName);
    if (!repo) throw new Error(`fake-github: no repository ${fullName}`);
    return repo;
  }

  findRepo(fullName: string): FakeRepo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  /** Writes (or with `null` deletes) a file on the default branch. */
  setFile(fullName: string, path: string, content: string | null): void {
    const repo = this.repo(fullName);
    if (content === null) repo.files.delete(path);
    else repo.files.set(path, content);
    repo.pushedAt = this.now();
  }

  addCollaborator(fullName: string, login: string): void {
    this.user(login);
    this.repo(fullName).collaborators.add(login.toLowerCase());
  }

  // ---- labels -------------------------------------------------------------------------------

  findLabel(repo: FakeRepo, name: string): FakeLabel | undefined {
    const key = name.toLowerCase();
    return repo.labels.find((l) => l.name.toLowerCase() === key);
  }

  addLabel(fullName: string, seed: { name: string; color?: string; description?: string | null }): FakeLabel {
    const repo = this.repo(fullName);
    if (this.findLabel(repo, seed.name)) throw new Error(`fake-github: label ${seed.name} exists in ${fullName}`);
    const id = this.newId();
    const label: FakeLabel = {
      id,
      node_id: nodeId("LA", id),
      name: seed.name,
      color: (seed.color ?? DEFAULT_LABEL_COLOR).replace(/^#/, "").toLowerCase(),
      description: seed.description ?? null,
      default: false,
    };
    repo.labels.push(label);
    return label;
  }

  /** The repository's label, created with GitHub's default colour when missing (as adding a label to an issue does). */
  labelFor(repo: FakeRepo, name: string): FakeLabel {
    return this.findLabel(repo, name) ?? this.addLabel(repo.fullName, { name });
  }

  // ---- issues -------------------------------------------------------------------------------

  addIssue(fullName: string, seed: IssueSeed = {}): FakeIssue {
    const repo = this.repo(fullName);
    const number = seed.number ?? repo.nextNumber;
    if (repo.issuesByNumber.has(number)) throw new Error(`fake-github: ${fullName}#${number} exists`);
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const created = timeOf(seed.createdAt, this.now());
    const user = this.user(seed.user ?? "octocat");
    const state = seed.state ?? "open";
    const closedAt = state === "closed" ? timeOf(seed.closedAt, created) : null;
    const id = this.newId();
    const issue: FakeIssue = {
      id,
      node_id: nodeId("I", id),
      number,
      repo,
      title: seed.title ?? `Issue ${number}`,
      body: seed.body === undefined ? "" : seed.body,
      user,
      authorAssociation: seed.authorAssociation ?? this.associationOf(repo, user.login),
      labels: (seed.labels ?? []).map((n) => this.labelFor(repo, n)),
      assignees: (seed.assignees ?? []).map((l) => this.user(l)),
      state,
      stateReason: state === "closed" ? (seed.stateReason === undefined ? "completed" : seed.stateReason) : (seed.stateReason ?? null),
      createdAt: created,
      updatedAt: timeOf(seed.updatedAt, closedAt ?? created),
      closedAt,
      closedBy: null,
      locked: false,
      pullRequest: seed.pullRequest ?? false,
      timeline: [],
      commentCount: 0,
    };
    repo.issues.push(issue);
    repo.issuesByNumber.set(number, issue);
    return issue;
  }

  issue(fullName: string, number: number): FakeIssue {
    const issue = this.repo(fullName).issuesByNumber.get(number);
    if (!issue) throw new Error(`fake-github: no issue ${fullName}#${number}`);
    return issue;
  }

  /** Adds a past event to the timeline as seed data; it changes nothing else (labels, state) on the issue. */
  addTimelineEvent(fullName: string, number: number, seed: TimelineSeed): TimelineEntry | FakeComment {
    const issue = this.issue(fullName, number);
    const at = timeOf(seed.createdAt, this.now());
    const actor = this.user(seed.actor);
    if (seed.event === "commented") {
      const s = seed as { body: string; authorAssociation?: AuthorAssociation };
      return this.insertComment(issue, actor, s.body, at, s.authorAssociation);
    }
    const base = { id: this.newId(), at, actor };
    let entry: TimelineEntry;
    if (seed.event === "labeled" || seed.event === "unlabeled") {
      const s = seed as { label: string };
      const label = this.findLabel(issue.repo, s.label) ?? this.addLabel(fullName, { name: s.label });
      entry = { ...base, kind: seed.event, label: { name: label.name, color: label.color } };
    } else if (seed.event === "closed") {
      const s = seed as { stateReason?: StateReason | null };
      entry = { ...base, kind: "closed", stateReason: s.stateReason === undefined ? "completed" : s.stateReason };
    } else if (seed.event === "reopened") {
      entry = { ...base, kind: "reopened" };
    } else {
      entry = { ...base, kind: "other", event: seed.event, extra: (seed as { extra?: Record<string, unknown> }).extra ?? {} };
    }
    this.insertEntry(issue, entry);
    return entry;
  }

  /** Keeps the timeline in time order (stable for equal times), as GitHub lists it. */
  private insertEntry(issue: FakeIssue, entry: TimelineEntry): void {
    const t = issue.timeline;
    if (t.length === 0 || t[t.length - 1]!.at <= entry.at) {
      t.push(entry);
      return;
    }
    let i = t.length;
    while (i > 0 && t[i - 1]!.at > entry.at) i--;
    t.splice(i, 0, entry);
  }

  private event<K extends "labeled" | "unlabeled" | "closed" | "reopened">(issue: FakeIssue, kind: K, actor: FakeUser, extra: object): void {
    const id = this.newId();
    this.insertEntry(issue, { id, at: this.now(), actor, kind, ...extra } as TimelineEntry);
  }

  // ---- writes (what a person or the app does) ------------------------------------------------

  createIssue(fullName: string, author: string, fields: { title: string; body?: string | null; labels?: string[]; assignees?: string[] }): FakeIssue {
    const issue = this.addIssue(fullName, { title: fields.title, body: fields.body ?? null, user: author });
    if (fields.labels?.length) this.addLabels(issue, fields.labels, author);
    for (const login of fields.assignees ?? []) issue.assignees.push(this.user(login));
    return issue;
  }

  /** Adds labels the issue lacks; each one added makes a `labeled` event. */
  addLabels(issue: FakeIssue, names: string[], actor: string): void {
    const who = this.user(actor);
    for (const name of names) {
      if (issue.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) continue;
      const label = this.labelFor(issue.repo, name);
      issue.labels.push(label);
      this.event(issue, "labeled", who, { label: { name: label.name, color: label.color } });
    }
    issue.updatedAt = this.now();
  }

  /** Removes a label; false when the issue does not have it. */
  removeLabel(issue: FakeIssue, name: string, actor: string): boolean {
    const i = issue.labels.findIndex((l) => l.name.toLowerCase() === name.toLowerCase());
    if (i < 0) return false;
    const [label] = issue.labels.splice(i, 1);
    this.event(issue, "unlabeled", this.user(actor), { label: { name: label!.name, color: label!.color } });
    issue.updatedAt = this.now();
    return true;
  }

  setLabels(issue: FakeIssue, names: string[], actor: string): void {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    for (const label of [...issue.labels]) if (!wanted.has(label.name.toLowerCase())) this.removeLabel(issue, label.name, actor);
    this.addLabels(issue, names, actor);
  }

  closeIssue(issue: FakeIssue, actor: string, reason: StateReason | null = "completed"): void {
    if (issue.state === "closed") {
      // GitHub lets the reason change on a closed issue without a new event.
      issue.stateReason = reason ?? issue.stateReason;
      return;
    }
    const who = this.user(actor);
    issue.state = "closed";
    issue.stateReason = reason ?? "completed";
    issue.closedAt = this.now();
    issue.closedBy = who;
    issue.updatedAt = this.now();
    this.event(issue, "closed", who, { stateReason: issue.stateReason });
  }

  reopenIssue(issue: FakeIssue, actor: string): void {
    if (issue.state === "open") return;
    issue.state = "open";
    issue.stateReason = "reopened";
    issue.closedAt = null;
    issue.updatedAt = this.now();
    this.event(issue, "reopened", this.user(actor), {});
  }

  editIssue(issue: FakeIssue, fields: { title?: string; body?: string | null }): void {
    if (fields.title !== undefined) issue.title = fields.title;
    if (fields.body !== undefined) issue.body = fields.body;
    issue.updatedAt = this.now();
  }

  private insertComment(issue: FakeIssue, user: FakeUser, body: string, at: number, association?: AuthorAssociation): FakeComment {
    const id = this.newId();
    const comment: FakeComment = {
      id,
      issue,
      user,
      authorAssociation: association ?? this.associationOf(issue.repo, user.login),
      body,
      createdAt: at,
      updatedAt: at,
    };
    this.comments.set(id, comment);
    issue.commentCount++;
    // The timeline shows a comment under the comment's own id.
    this.insertEntry(issue, { id, at, actor: user, kind: "commented", comment });
    return comment;
  }

  addComment(issue: FakeIssue, author: string, body: string, association?: AuthorAssociation): FakeComment {
    const comment = this.insertComment(issue, this.user(author), body, this.now(), association);
    issue.updatedAt = this.now();
    return comment;
  }

  updateComment(comment: FakeComment, body: string): void {
    comment.body = body;
    comment.updatedAt = this.now();
  }

  /** A deleted comment leaves the timeline too (GitHub shows nothing for it there). */
  deleteComment(comment: FakeComment): void {
    this.comments.delete(comment.id);
    const t = comment.issue.timeline;
    const i = t.findIndex((e) => e.kind === "commented" && e.comment === comment);
    if (i >= 0) t.splice(i, 1);
    comment.issue.commentCount--;
  }

  /** Comments of an issue in id order (GitHub's listing order). */
  commentsOf(issue: FakeIssue): FakeComment[] {
    const out: FakeComment[] = [];
    for (const e of issue.timeline) if (e.kind === "commented") out.push(e.comment);
    return out.sort((a, b) => a.id - b.id);
  }
}
