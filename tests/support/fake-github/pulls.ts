// Pull requests, the commits they point at, and check runs, for the
// configuration check (src/app/config-check.ts): pull request files
// (`pulls/list-files`), files at a commit (served by `repos/get-content` with
// `ref`), check runs (create, update with annotations appended as GitHub
// does, list for a ref) and `pull_request` webhook payloads. A fork's head
// commit is reachable in the base repository too, as GitHub keeps a pull
// request's head there (refs/pull/N/head). Kept beside FakeState, not in it.
import { createHash } from "node:crypto";
// Types only from rest.ts: rest.ts spreads these handlers, so a value imported back would not be there yet.
import type { RestAnswer, RestRequest } from "./rest.js";
import { repoJson, userJson } from "./shapes.js";
import type { FakeRepo, FakeState } from "./state.js";
import { iso } from "./state.js";

export interface FakeCommit {
  sha: string;
  /** Files by path at this commit. */
  files: Map<string, string>;
  /** Repositories (full names, lower case) in which the commit can be read. */
  reachableIn: Set<string>;
}

export interface FakePull {
  number: number;
  base: FakeRepo;
  head: FakeRepo;
  baseSha: string;
  headSha: string;
  author: string;
  /** What the pull request changes: paths with their status. */
  files: { filename: string; status: "added" | "modified" | "removed" | "renamed"; previous_filename?: string }[];
}

export interface FakeAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
}

export interface FakeCheckRun {
  id: number;
  repo: FakeRepo;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: FakeAnnotation[];
  /** The app that created it (its slug). */
  app: string;
  startedAt: number;
  completedAt: number | null;
}

export class PullState {
  readonly commits = new Map<string, FakeCommit>();
  readonly pulls = new Map<string, FakePull>();
  readonly checkRuns: FakeCheckRun[] = [];
  private nextId = 9_000_000;
  id(): number {
    return ++this.nextId;
  }
}

const stores = new WeakMap<FakeState, PullState>();

/** The pull requests, commits and check runs of a fake GitHub. */
export function pullsOf(state: FakeState): PullState {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new PullState()));
  return store;
}

const lower = (s: string) => s.toLowerCase();
const githubError = (status: number, message: string, extra: Record<string, unknown> = {}): RestAnswer => ({
  status,
  json: { message, ...extra, documentation_url: "https://docs.github.com/rest", status: String(status) },
});
const notFound = () => githubError(404, "Not Found");

/** A commit of `repo` whose files are the default branch's with `changes` applied (null: deleted). */
export function addCommit(state: FakeState, fullName: string, changes: Record<string, string | null> = {}, reachableIn: string[] = []): FakeCommit {
  const repo = state.repo(fullName);
  const files = new Map(repo.files);
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) files.delete(path);
    else files.set(path, text);
  }
  const sha = createHash("sha1").update(`${fullName}:${JSON.stringify([...files])}:${pullsOf(state).commits.size}`).digest("hex");
  const commit = { sha, files, reachableIn: new Set([lower(fullName), ...reachableIn.map(lower)]) };
  pullsOf(state).commits.set(sha, commit);
  return commit;
}

/** Opens a pull request into `base` from `head` (a fork: another repository) changing `changes`. */
export function openPull(state: FakeState, base: string, o: { head?: string; author: string; changes: Record<string, string | null>; number?: number }): FakePull {
  const store = pullsOf(state);
  const baseRepo = state.repo(base);
  const headRepo = state.repo(o.head ?? base);
  const baseCommit = addCommit(state, base);
  const headCommit = addCommit(state, headRepo.fullName, o.changes, [base]);
  const number = o.number ?? baseRepo.nextNumber++;
  const pull: FakePull = {
    number,
    base: baseRepo,
    head: headRepo,
    baseSha: baseCommit.sha,
    headSha: headCommit.sha,
    author: o.author,
    files: Object.entries(o.changes).map(([filename, text]) => ({ filename, status: text === null ? "removed" : baseRepo.files.has(filename) ? "modified" : "added" })),
  };
  store.pulls.set(`${lower(base)}#${number}`, pull);
  return pull;
}

/** Files of `repo` at `ref` (a branch name or a commit reachable there); null: no such commit. */
export function filesAt(state: FakeState, repo: FakeRepo, ref: string | null): Map<string, string> | null {
  if (ref === null || ref === repo.defaultBranch || ref === `refs/heads/${repo.defaultBranch}` || ref === "HEAD") return repo.files;
  const commit = pullsOf(state).commits.get(ref);
  return commit && commit.reachableIn.has(lower(repo.fullName)) ? commit.files : null;
}

/** pull_request.<action> as GitHub sends it, for a pull request of the fake. */
export function pullRequestPayload(state: FakeState, urls: { api: string; web: string }, action: "opened" | "synchronize" | "reopened" | "closed", pull: FakePull) {
  const installation = state.installationFor(pull.base);
  const repoOf = (r: FakeRepo) => repoJson(r, urls, r.issues.filter((i) => i.state === "open").length);
  const side = (r: FakeRepo, sha: string) => ({ label: `${r.owner.login}:${r.defaultBranch}`, ref: r.defaultBranch, sha, user: userJson(r.owner, urls), repo: repoOf(r) });
  const url = `${urls.api}/repos/${pull.base.fullName}/pulls/${pull.number}`;
  return {
    action,
    number: pull.number,
    pull_request: {
      url,
      id: pull.number + 500_000,
      number: pull.number,
      state: action === "closed" ? "closed" : "open",
      title: "Change the contract",
      user: userJson(state.user(pull.author), urls),
      html_url: `${urls.web}/${pull.base.fullName}/pull/${pull.number}`,
      head: side(pull.head, pull.headSha),
      base: side(pull.base, pull.baseSha),
      created_at: iso(state.now()),
      updated_at: iso(state.now()),
    },
    repository: repoOf(pull.base),
    sender: userJson(state.user(pull.author), urls),
    ...(installation ? { installation: { id: installation.id, node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${installation.id}` } } : {}),
  };
}

function visibleRepo(r: RestRequest): FakeRepo | RestAnswer {
  const repo = r.state.findRepo(`${r.params.owner}/${r.params.repo}`);
  const id = r.identity;
  const sees = repo && id && (id.kind === "token" || (id.kind === "installation" && id.installation !== undefined && r.state.installationCovers(id.installation, repo)));
  return repo && sees ? repo : notFound();
}

const isAnswer = (x: object): x is RestAnswer => !("fullName" in x) && "status" in x;

function checkRunJson(run: FakeCheckRun, r: RestRequest) {
  const api = `${r.urls.api}/repos/${run.repo.fullName}`;
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    external_id: "",
    url: `${api}/check-runs/${run.id}`,
    html_url: `${r.urls.web}/${run.repo.fullName}/runs/${run.id}`,
    details_url: null,
    status: run.status,
    conclusion: run.conclusion,
    started_at: iso(run.startedAt),
    completed_at: run.completedAt === null ? null : iso(run.completedAt),
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${api}/check-runs/${run.id}/annotations` },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: { id: r.app.id, slug: run.app, node_id: `A_${r.app.id}`, name: run.app, owner: userJson(r.app.owner, r.urls), created_at: iso(r.app.createdAt), updated_at: iso(r.app.createdAt), permissions: {}, events: [], description: null, external_url: "", html_url: `${r.urls.web}/apps/${run.app}` },
    pull_requests: [],
  };
}

const MAX_SUMMARY = 65535;

function applyRun(run: FakeCheckRun, body: Record<string, any>, now: number): RestAnswer | null {
  const output = body.output as { title?: string; summary?: string; text?: string; annotations?: FakeAnnotation[] } | undefined;
  if (output?.summary !== undefined && output.summary.length > MAX_SUMMARY) return githubError(422, "Validation Failed", { errors: [{ resource: "CheckRun", code: "custom", field: "output.summary", message: "summary is too long (maximum is 65535 characters)" }] });
  if ((output?.annotations?.length ?? 0) > 50) return githubError(422, "Validation Failed", { errors: [{ resource: "CheckRun", code: "custom", field: "output.annotations", message: "at most 50 annotations a request" }] });
  if (body.status !== undefined) run.status = body.status;
  if (body.conclusion !== undefined) {
    run.conclusion = body.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed") run.completedAt = body.completed_at ? Date.parse(body.completed_at) : now;
  if (output) {
    run.output = { title: output.title ?? run.output.title, summary: output.summary ?? run.output.summary, text: output.text ?? run.output.text };
    // GitHub appends each request's annotations to those the run has.
    run.annotations.push(...(output.annotations ?? []));
  }
  return null;
}

const int = (v: string | null, fallback: number) => (v !== null && /^\d+$/.test(v) ? Number(v) : fallback);

export const pullHandlers: Record<string, (r: RestRequest) => RestAnswer> = {
  "pulls/list-files": (r) => {
    const repo = visibleRepo(r);
    if (isAnswer(repo)) return repo;
    const pull = pullsOf(r.state).pulls.get(`${lower(repo.fullName)}#${r.params.pull_number}`);
    if (!pull) return notFound();
    const perPage = Math.min(Math.max(int(r.query.get("per_page"), 30), 1), 100);
    const page = Math.max(int(r.query.get("page"), 1), 1);
    const list = pull.files.slice((page - 1) * perPage, page * perPage).map((f) => ({
      sha: createHash("sha1").update(f.filename).digest("hex"),
      filename: f.filename,
      status: f.status,
      additions: 1,
      deletions: f.status === "added" ? 0 : 1,
      changes: f.status === "added" ? 1 : 2,
      blob_url: `${r.urls.web}/${repo.fullName}/blob/${pull.headSha}/${f.filename}`,
      raw_url: `${r.urls.web}/${repo.fullName}/raw/${pull.headSha}/${f.filename}`,
      contents_url: `${r.urls.api}/repos/${repo.fullName}/contents/${f.filename}?ref=${pull.headSha}`,
      ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
    }));
    const more = page * perPage < pull.files.length;
    const next = new URL(r.selfUrl);
    next.searchParams.set("page", String(page + 1));
    return { status: 200, json: list, headers: more ? { link: `<${next.toString()}>; rel="next"` } : {} };
  },
  "checks/create": (r) => {
    const repo = visibleRepo(r);
    if (isAnswer(repo)) return repo;
    if (r.identity?.kind !== "installation") return githubError(403, "You must authenticate via a GitHub App.");
    const body = r.body as Record<string, any>;
    const commit = pullsOf(r.state).commits.get(body.head_sha);
    if (!commit || !commit.reachableIn.has(lower(repo.fullName))) return githubError(422, "No commit found for SHA: " + String(body.head_sha));
    const run: FakeCheckRun = { id: pullsOf(r.state).id(), repo, name: body.name, headSha: body.head_sha, status: "queued", conclusion: null, output: { title: null, summary: null, text: null }, annotations: [], app: r.app.slug, startedAt: r.state.now(), completedAt: null };
    const refused = applyRun(run, body, r.state.now());
    if (refused) return refused;
    pullsOf(r.state).checkRuns.push(run);
    return { status: 201, json: checkRunJson(run, r) };
  },
  "checks/update": (r) => {
    const repo = visibleRepo(r);
    if (isAnswer(repo)) return repo;
    const run = pullsOf(r.state).checkRuns.find((c) => c.id === Number(r.params.check_run_id) && c.repo === repo);
    if (!run) return notFound();
    if (run.app !== r.app.slug) return githubError(403, "Invalid app_id `" + r.app.id + "` - check run can only be modified by the GitHub App that created it.");
    const refused = applyRun(run, r.body as Record<string, any>, r.state.now());
    return refused ?? { status: 200, json: checkRunJson(run, r) };
  },
  "checks/list-for-ref": (r) => {
    const repo = visibleRepo(r);
    if (isAnswer(repo)) return repo;
    const name = r.query.get("check_name");
    const runs = pullsOf(r.state).checkRuns.filter((c) => c.repo === repo && c.headSha === r.params.ref && (name === null || c.name === name));
    return { status: 200, json: { total_count: runs.length, check_runs: runs.map((c) => checkRunJson(c, r)) } };
  },
};
