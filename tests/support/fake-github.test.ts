// The local GitHub, exercised through the clients the app uses (Probot's
// Octokit with app authentication, on both the github.com and the GitHub
// Enterprise Server path layouts): pagination, timelines after writes,
// validation against GitHub's REST description and GraphQL schema, token
// expiry, injected faults, webhook payloads and signatures, and 10,000 issues.
import { generateKeyPairSync } from "node:crypto";
import { type IncomingHttpHeaders, createServer } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { verify } from "@octokit/webhooks-methods";
import { ProbotOctokit } from "probot";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, type FakeGitHubOptions, type Violation, componentValidator, createFakeGitHub, faults, signAndSend } from "./fake-github/index.js";

const APP_ID = 7;
const INSTALLATION = 42;
const OWNER = "acme";
const NAME = "support";
const REPO = `${OWNER}/${NAME}`;
const T0 = Date.parse("2025-03-03T09:00:00Z");
const CONFIG = ".github/incident-sla.yml";

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

// Throttling and retries off (TOOLCHAIN.md): the fault tests want to see each answer once.
const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
type Client = InstanceType<typeof Octokit>;

let now = T0;
let fake: FakeGitHub;

async function start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  now = T0;
  fake = await createFakeGitHub({ clock: () => now, appId: APP_ID, appPublicKey: publicKey, strictResponses: true, ...options });
  fake.addInstallation({ id: INSTALLATION, account: OWNER, accountType: "Organization" });
  fake.addRepo({
    owner: OWNER,
    ownerType: "Organization",
    name: NAME,
    files: { [CONFIG]: "contract:\n  name: ACME\n", ".github/other.md": "# other\n" },
    labels: [{ name: "bug", color: "d73a4a", description: "Something is broken" }, "urgent"],
  });
  fake.addMember(OWNER, "alice");
  return fake;
}

const client = (baseUrl = fake.apiUrl): Client => new Octokit({ baseUrl, auth: { appId: APP_ID, privateKey, installationId: INSTALLATION } });
const appClient = (): Client => new Octokit({ baseUrl: fake.apiUrl, auth: { appId: APP_ID, privateKey } });

/** Takes the violations recorded so far (a test that provokes them takes them; afterEach wants none left). */
const takeViolations = (): Violation[] => fake.violations.splice(0);

afterEach(async () => {
  if (!fake) return;
  await fake.close();
  expect(fake.violations).toEqual([]);
});

let warm: { openapiMs: number; graphqlMs: number };
beforeAll(async () => {
  await start();
  warm = fake.warmUp();
  console.log(`fake-github warm-up: REST description ${warm.openapiMs.toFixed(0)} ms, GraphQL schema ${warm.graphqlMs.toFixed(0)} ms`);
  await fake.close();
});

const statusOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 200;
  } catch (e) {
    return (e as { status?: number }).status ?? -1;
  }
};

const rels = (link: string | undefined) => [...(link ?? "").matchAll(/rel="(\w+)"/g)].map((m) => m[1]);

describe("layouts and REST reads", () => {
  it.each([
    ["GitHub Enterprise Server (/api/v3)", () => fake.apiUrl],
    ["github.com (root)", () => fake.url],
  ])("serves %s", async (_name, base) => {
    await start();
    const octokit = client(base());
    const { data } = await octokit.rest.repos.get({ owner: OWNER, repo: NAME });
    expect(data).toMatchObject({ full_name: REPO, default_branch: "main", owner: { login: OWNER, type: "Organization" } });
    expect(data.url.startsWith(`${base()}/repos/`)).toBe(true);
    const app = (await appClient().rest.apps.getAuthenticated()).data;
    expect(app?.slug).toBe("incident-sla");
  });

  it.each([
    { per_page: 3, page: 1, numbers: [7, 6, 5], links: ["next", "last"] },
    { per_page: 3, page: 2, numbers: [4, 3, 2], links: ["prev", "next", "last", "first"] },
    { per_page: 3, page: 3, numbers: [1], links: ["prev", "first"] },
    { per_page: 100, page: 1, numbers: [7, 6, 5, 4, 3, 2, 1], links: [] },
    { per_page: 3, page: 9, numbers: [], links: ["prev", "first"] },
  ])("pages issues newest first: per_page=$per_page page=$page", async ({ per_page, page, numbers, links }) => {
    await start();
    for (let i = 0; i < 7; i++) fake.addIssue(REPO, { title: `t${i}`, createdAt: T0 + i * 60_000 });
    const res = await client().rest.issues.listForRepo({ owner: OWNER, repo: NAME, per_page, page });
    expect(res.data.map((i) => i.number)).toEqual(numbers);
    expect(rels(res.headers.link)).toEqual(links);
    if (links.includes("next")) expect(res.headers.link).toContain(`${fake.apiUrl}/repos/${REPO}/issues?`);
  });

  it.each([
    { query: { state: "open" as const }, numbers: [3, 1] },
    { query: { state: "closed" as const }, numbers: [4, 2] },
    { query: { state: "all" as const }, numbers: [4, 3, 2, 1] },
    { query: { state: "all" as const, creator: "incident-sla[bot]" }, numbers: [4] },
    { query: { labels: "bug,urgent" }, numbers: [1] },
    { query: { labels: "BUG" }, numbers: [3, 1] },
    { query: { state: "all" as const, direction: "asc" as const }, numbers: [1, 2, 3, 4] },
  ])("filters issues like GitHub: $query", async ({ query, numbers }) => {
    await start();
    fake.addIssue(REPO, { labels: ["bug", "urgent"], createdAt: T0 });
    fake.addIssue(REPO, { state: "closed", createdAt: T0 + 1000 });
    fake.addIssue(REPO, { labels: ["bug"], createdAt: T0 + 2000 });
    fake.addIssue(REPO, { user: "incident-sla[bot]", state: "closed", createdAt: T0 + 3000 });
    const list = await client().paginate(client().rest.issues.listForRepo, { owner: OWNER, repo: NAME, per_page: 100, ...query });
    expect(list.map((i) => i.number)).toEqual(numbers);
  });

  it("paginates a timeline across pages on both layouts with Octokit's paginate", async () => {
    await start();
    const n = fake.addIssue(REPO).number;
    for (let k = 0; k < 5; k++) fake.addTimelineEvent(REPO, n, { event: "labeled", actor: "alice", label: `l${k}`, createdAt: T0 + k * 1000 });
    for (const base of [fake.apiUrl, fake.url]) {
      const octokit = client(base);
      const events = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { owner: OWNER, repo: NAME, issue_number: n, per_page: 2 });
      expect(events.map((e) => (e as { label?: { name: string } }).label?.name)).toEqual(["l0", "l1", "l2", "l3", "l4"]);
    }
    expect(fake.requests.filter((r) => r.operationId === "issues/list-events-for-timeline")).toHaveLength(6);
  });

  it.each([
    { what: "raw (Probot's config plugin)", format: "raw", check: (d: unknown) => expect(d).toBe("contract:\n  name: ACME\n") },
    {
      what: "JSON with base64 content",
      format: undefined,
      check: (d: any) => {
        expect(d).toMatchObject({ type: "file", encoding: "base64", path: CONFIG, name: "incident-sla.yml" });
        expect(Buffer.from(d.content, "base64").toString("utf8")).toBe("contract:\n  name: ACME\n");
      },
    },
  ])("serves a file $what", async ({ format, check }) => {
    await start();
    const octokit = client();
    const res = await octokit.rest.repos.getContent({ owner: OWNER, repo: NAME, path: CONFIG, ...(format ? { mediaType: { format } } : {}) });
    check(res.data);
    if (format) expect(res.headers["content-type"]).toBe("text/plain; charset=utf-8");
    const loaded = await octokit.config.get({ owner: OWNER, repo: NAME, path: CONFIG });
    expect(loaded.config).toEqual({ contract: { name: "ACME" } });
  });

  it("answers 404 for a missing file and lists a directory", async () => {
    await start();
    const octokit = client();
    expect(await statusOf(octokit.rest.repos.getContent({ owner: OWNER, repo: NAME, path: ".github/missing.yml" }))).toBe(404);
    const dir = await octokit.rest.repos.getContent({ owner: OWNER, repo: NAME, path: ".github" });
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([
      ["incident-sla.yml", "file"],
      ["other.md", "file"],
    ]);
    fake.setFile(REPO, CONFIG, null);
    const gone = await octokit.config.get({ owner: OWNER, repo: NAME, path: CONFIG });
    // The config plugin then looks for the organisation-wide file in acme/.github: also absent.
    expect(gone.files.map((f) => [f.repo, f.config])).toEqual([
      [NAME, null],
      [".github", null],
    ]);
  });

  it("lists organisation members, and 404 for a user account", async () => {
    await start();
    fake.addMember(OWNER, "bob");
    fake.addRepo({ owner: "carol", name: "personal" });
    const octokit = client();
    const members = await octokit.paginate(octokit.rest.orgs.listMembers, { org: OWNER, per_page: 1 });
    expect(members.map((m) => m.login)).toEqual(["alice", "bob"]);
    expect(await statusOf(octokit.rest.orgs.listMembers({ org: "carol" }))).toBe(404);
  });

  it("lists installations and the installation's repositories, and hides other accounts' repositories", async () => {
    await start();
    fake.addRepo({ owner: OWNER, ownerType: "Organization", name: "second" });
    fake.addInstallation({ id: 99, account: "globex", accountType: "Organization" });
    fake.addRepo({ owner: "globex", ownerType: "Organization", name: "secret" });
    const installations = await appClient().paginate(appClient().rest.apps.listInstallations, { per_page: 1 });
    expect(installations.map((i) => i.id)).toEqual([INSTALLATION, 99]);
    const octokit = client();
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 1 });
    expect(repos.map((r) => r.full_name)).toEqual([REPO, "acme/second"]);
    expect(await statusOf(octokit.rest.repos.get({ owner: "globex", repo: "secret" }))).toBe(404);
  });
});

describe("writes and the timeline", () => {
  it("records each write in the timeline the way GitHub does", async () => {
    await start();
    const n = fake.addIssue(REPO, { user: "carol", labels: ["bug"] }).number;
    const octokit = client();
    const ref = { owner: OWNER, repo: NAME, issue_number: n };
    now += 60_000;
    const added = await octokit.rest.issues.addLabels({ ...ref, labels: ["sla: running", "bug"] });
    expect(added.data.map((l) => l.name)).toEqual(["bug", "sla: running"]);
    now += 60_000;
    const comment = (await octokit.rest.issues.createComment({ ...ref, body: "<!-- incident-sla:status -->\nStatus" })).data;
    expect(comment).toMatchObject({ user: { login: "incident-sla[bot]", type: "Bot" }, created_at: "2025-03-03T09:02:00Z" });
    now += 60_000;
    await octokit.rest.issues.removeLabel({ ...ref, name: "bug" });
    expect(await statusOf(octokit.rest.issues.removeLabel({ ...ref, name: "bug" }))).toBe(404);
    now += 60_000;
    await octokit.rest.issues.update({ ...ref, state: "closed", state_reason: "not_planned" });
    now += 60_000;
    await octokit.rest.issues.update({ ...ref, state: "open" });
    now += 60_000;
    await octokit.rest.issues.updateComment({ owner: OWNER, repo: NAME, comment_id: comment.id, body: "<!-- incident-sla:status -->\nEdited" });

    const timeline = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { ...ref, per_page: 100 });
    const summary = timeline.map((e: any) => [e.event, e.created_at.slice(11, 16), e.actor?.login, e.label?.name ?? e.state_reason ?? e.body ?? null]);
    expect(summary).toEqual([
      ["labeled", "09:01", "incident-sla[bot]", "sla: running"],
      ["commented", "09:02", "incident-sla[bot]", "<!-- incident-sla:status -->\nEdited"],
      ["unlabeled", "09:03", "incident-sla[bot]", "bug"],
      ["closed", "09:04", "incident-sla[bot]", "not_planned"],
      ["reopened", "09:05", "incident-sla[bot]", null],
    ]);
    const issue = (await octokit.rest.issues.get(ref)).data;
    expect(issue).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null, comments: 1 });
    expect(issue.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["sla: running"]);

    expect(fake.snapshot(REPO).issues).toEqual([
      { number: n, state: "open", stateReason: "reopened", labels: ["sla: running"], comments: [{ user: "incident-sla[bot]", body: "<!-- incident-sla:status -->\nEdited" }] },
    ]);
    await octokit.rest.issues.deleteComment({ owner: OWNER, repo: NAME, comment_id: comment.id });
    expect(fake.commentsOf(REPO, n)).toEqual([]);
    expect(fake.timelineOf(REPO, n).map((e) => e.event)).toEqual(["labeled", "unlabeled", "closed", "reopened"]);
    expect(await statusOf(octokit.rest.issues.getComment({ owner: OWNER, repo: NAME, comment_id: comment.id }))).toBe(404);
  });

  it("creates labels once: 422 already_exists for the same name in any case", async () => {
    await start();
    const octokit = client();
    const created = await octokit.rest.issues.createLabel({ owner: OWNER, repo: NAME, name: "sla: breached", color: "B60205", description: "A deadline was missed" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: "sla: breached", color: "b60205", description: "A deadline was missed" });
    const error = await octokit.rest.issues.createLabel({ owner: OWNER, repo: NAME, name: "SLA: Breached", color: "000000" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ resource: "Label", code: "already_exists", field: "name" }]);
    expect(fake.repoLabels(REPO).map((l) => l.name)).toEqual(["bug", "urgent", "sla: breached"]);
  });

  it("adds a missing label to the repository when it is put on an issue, and creates issues as the bot", async () => {
    await start();
    const octokit = client();
    const { data } = await octokit.rest.issues.create({ owner: OWNER, repo: NAME, title: "incident-sla: configuration error", body: "x", labels: ["new-one"] });
    expect(data).toMatchObject({ number: 1, user: { login: "incident-sla[bot]" }, state: "open" });
    expect(fake.repoLabels(REPO).find((l) => l.name === "new-one")?.color).toBe("ededed");
    expect(fake.timelineOf(REPO, 1).map((e: any) => [e.event, e.label?.name])).toEqual([["labeled", "new-one"]]);
  });

  it("lists comments since a time, in id order", async () => {
    await start();
    const n = fake.addIssue(REPO).number;
    fake.addTimelineEvent(REPO, n, { event: "commented", actor: "carol", body: "old", createdAt: T0 - 3600_000 });
    fake.addTimelineEvent(REPO, n, { event: "commented", actor: "alice", body: "new", createdAt: T0 });
    const octokit = client();
    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner: OWNER, repo: NAME, issue_number: n, per_page: 1 });
    expect(all.map((c) => [c.body, c.author_association])).toEqual([
      ["old", "NONE"],
      ["new", "MEMBER"],
    ]);
    const recent = await octokit.rest.issues.listComments({ owner: OWNER, repo: NAME, issue_number: n, since: new Date(T0 - 60_000).toISOString() });
    expect(recent.data.map((c) => c.body)).toEqual(["new"]);
  });

  it("refuses a comment longer than GitHub's 65,536 characters", async () => {
    await start();
    const n = fake.addIssue(REPO).number;
    const error = await client().rest.issues.createComment({ owner: OWNER, repo: NAME, issue_number: n, body: "x".repeat(65_537) }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(fake.commentsOf(REPO, n)).toEqual([]);
  });
});

describe("requests GitHub's description rejects", () => {
  const ref = { owner: OWNER, repo: NAME };
  it.each([
    { what: "a number as a label colour", send: (o: Client) => o.request("POST /repos/{owner}/{repo}/labels", { ...ref, name: "x", color: 123 as unknown as string }), status: 422, kind: "request", message: /For 'properties\/color', 123 is not a string/ },
    { what: "a label without its required name", send: (o: Client) => o.request("POST /repos/{owner}/{repo}/labels", { ...ref, color: "ffffff" } as any), status: 422, kind: "request", message: /"name" wasn't supplied/ },
    { what: "labels as a string instead of a list", send: (o: Client) => o.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...ref, issue_number: 1, labels: "bug" } as any), status: 422, kind: "request", message: /is not an array/ },
    { what: "an unknown issue state", send: (o: Client) => o.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...ref, issue_number: 1, state: "done" } as any), status: 422, kind: "request", message: /state/ },
    { what: "a page size that is not a number", send: (o: Client) => o.request("GET /repos/{owner}/{repo}/issues", { ...ref, per_page: "many" } as any), status: 422, kind: "request", message: /per_page="many"/ },
    { what: "an issue number that is not a number", send: (o: Client) => o.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...ref, issue_number: "abc" } as any), status: 404, kind: "request", message: /issue_number="abc"/ },
    { what: "an unknown property (GitHub ignores it)", send: (o: Client) => o.request("POST /repos/{owner}/{repo}/labels", { ...ref, name: "y", colour: "ffffff" } as any), status: 200, kind: "ignored", message: /"colour"/ },
    { what: "an issue number leaking into a repository call", send: (o: Client) => o.rest.issues.listLabelsForRepo({ ...ref, issue_number: 1 } as any), status: 200, kind: "ignored", message: /unknown query parameter issue_number/ },
    { what: "a route GitHub does not have", send: (o: Client) => o.request("GET /repos/{owner}/{repo}/nonsense", ref), status: 404, kind: "unknown-route", message: /not an operation/ },
    { what: "a route the fake does not serve", send: (o: Client) => o.request("GET /repos/{owner}/{repo}/pulls", ref), status: 501, kind: "unimplemented", message: /pulls\/list/ },
  ])("$what → $status and a '$kind' violation", async ({ send, status, kind, message }) => {
    await start();
    fake.addIssue(REPO, { labels: ["bug"] });
    expect(await statusOf(send(client()))).toBe(status);
    const violations = takeViolations();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ kind });
    expect(violations[0]!.message).toMatch(message);
  });

  it.each([
    { what: "the app's JWT sent to a repository endpoint", auth: async () => `Bearer ${((await appClient().auth({ type: "app" })) as { token: string }).token}`, path: `/repos/${REPO}`, kind: "auth" },
    { what: "no credentials", auth: () => Promise.resolve(undefined), path: `/repos/${REPO}`, kind: "auth" },
    { what: "an installation token sent to an app endpoint", auth: async () => `token ${((await client().auth({ type: "installation" })) as { token: string }).token}`, path: "/app", kind: "auth" },
  ])("refuses $what with 401", async ({ auth, path, kind }) => {
    await start();
    const authorization = await auth();
    const res = await fetch(`${fake.apiUrl}${path}`, { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(401);
    expect(takeViolations().map((v) => v.kind)).toEqual([kind]);
  });

  it("refuses a JWT signed with another key", async () => {
    await start();
    const other = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const stranger = new Octokit({ baseUrl: fake.apiUrl, auth: { appId: APP_ID, privateKey: other.privateKey } });
    expect(await statusOf(stranger.rest.apps.getAuthenticated())).toBe(401);
  });

  it("answers 400 to a body that is not JSON", async () => {
    await start();
    const token = ((await client().auth({ type: "installation" })) as { token: string }).token;
    const res = await fetch(`${fake.apiUrl}/repos/${REPO}/labels`, { method: "POST", headers: { authorization: `token ${token}` }, body: "{" });
    expect(res.status).toBe(400);
    expect(takeViolations().map((v) => v.message)).toEqual(["the body is not JSON"]);
  });
});

describe("installation tokens", () => {
  const getRepo = (token: string) => fetch(`${fake.apiUrl}/repos/${REPO}`, { headers: { authorization: `token ${token}` } });

  it("expire after their lifetime on the fake clock; a refreshed token works", async () => {
    await start({ tokenLifetimeMs: 600_000 });
    const octokit = client();
    const first = (await octokit.auth({ type: "installation" })) as { token: string; expiresAt: string };
    expect(Date.parse(first.expiresAt)).toBe(T0 + 600_000);
    expect((await getRepo(first.token)).status).toBe(200);
    now += 599_000;
    expect((await getRepo(first.token)).status).toBe(200);
    now += 1_000;
    const expired = await getRepo(first.token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: "Bad credentials" });
    // Octokit's token cache lives 59 real minutes whatever expires_at says: it hands the dead token out again.
    expect(((await octokit.auth({ type: "installation" })) as { token: string }).token).toBe(first.token);
    const fresh = (await octokit.auth({ type: "installation", refresh: true })) as { token: string };
    expect(fresh.token).not.toBe(first.token);
    expect((await getRepo(fresh.token)).status).toBe(200);
    fake.expireTokens();
    expect((await getRepo(fresh.token)).status).toBe(401);
    expect(fake.issuedTokens).toHaveLength(2);
  });

  it("accepts an added token (a GITHUB_TOKEN) as a user or as an installation", async () => {
    await start();
    fake.addInstallation({ id: 99, account: "globex", accountType: "Organization" });
    fake.addRepo({ owner: "globex", name: "other", ownerType: "Organization" });
    fake.addToken("ghp_user", { login: "alice" });
    fake.addToken("ghs_actions", { login: "github-actions[bot]", installationId: INSTALLATION });
    const user = new Octokit({ baseUrl: fake.apiUrl, auth: { token: "ghp_user" } });
    const actions = new Octokit({ baseUrl: fake.apiUrl, auth: { token: "ghs_actions" } });
    expect(await statusOf(user.rest.repos.get({ owner: "globex", repo: "other" }))).toBe(200);
    expect(await statusOf(actions.rest.repos.get({ owner: "globex", repo: "other" }))).toBe(404);
    const n = fake.addIssue(REPO).number;
    await actions.rest.issues.createComment({ owner: OWNER, repo: NAME, issue_number: n, body: "from a workflow" });
    expect(fake.commentsOf(REPO, n).map((c) => c.user?.login)).toEqual(["github-actions[bot]"]);
  });
});

const ISSUES_QUERY = `
  query($owner: String!, $name: String!, $after: String, $first: Int!) {
    rateLimit { cost remaining resetAt }
    viewer { login }
    repository(owner: $owner, name: $name) {
      issues(states: [OPEN], first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number title url body createdAt closedAt state stateReason
          author { login }
          authorAssociation
          labels(first: 20) { nodes { name } }
          assignees(first: 10) { nodes { login } }
          timelineItems(first: 100, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT]) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { ...Item }
          }
        }
      }
    }
  }
  fragment Item on IssueTimelineItems {
    __typename
    ... on LabeledEvent { createdAt actor { login } label { name } }
    ... on UnlabeledEvent { createdAt actor { login } label { name } }
    ... on IssueComment { databaseId createdAt author { login } authorAssociation body }
    ... on ClosedEvent { createdAt actor { login } stateReason }
    ... on ReopenedEvent { createdAt actor { login } }
  }`;

const TIMELINE_QUERY = `
  query($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        stateReason
        timelineItems(first: 10, after: $after, itemTypes: [LABELED_EVENT, UNLABELED_EVENT, ISSUE_COMMENT, CLOSED_EVENT, REOPENED_EVENT]) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { ...Item }
        }
      }
    }
  }
  fragment Item on IssueTimelineItems {
    __typename
    ... on LabeledEvent { createdAt actor { login } label { name } }
    ... on UnlabeledEvent { createdAt actor { login } label { name } }
    ... on IssueComment { databaseId createdAt author { login } authorAssociation body }
    ... on ClosedEvent { createdAt actor { login } stateReason }
    ... on ReopenedEvent { createdAt actor { login } }
  }`;

describe("GraphQL", () => {
  /** Issues 1–5 open, 6 closed, 7 a pull request; issue 1 has 25 timeline items, 2 of them not asked for. */
  async function seeded() {
    await start();
    for (let i = 1; i <= 7; i++) {
      fake.addIssue(REPO, { title: `Incident ${i}`, user: "carol", createdAt: T0 + i * 1000, ...(i === 6 ? { state: "closed", stateReason: "duplicate" } : {}), ...(i === 7 ? { pullRequest: true } : {}) });
    }
    for (let k = 0; k < 25; k++) {
      const at = T0 + 10_000 + k * 60_000;
      if (k === 3) fake.addTimelineEvent(REPO, 1, { event: "assigned", actor: "alice", createdAt: at, extra: { assignee: { login: "alice" } } });
      else if (k === 4) fake.addTimelineEvent(REPO, 1, { event: "mentioned", actor: "alice", createdAt: at });
      else if (k % 5 === 0) fake.addTimelineEvent(REPO, 1, { event: "commented", actor: "incident-sla[bot]", body: `status ${k}`, createdAt: at, authorAssociation: "NONE" });
      else if (k === 21) fake.addTimelineEvent(REPO, 1, { event: "closed", actor: "alice", stateReason: "not_planned", createdAt: at });
      else if (k === 22) fake.addTimelineEvent(REPO, 1, { event: "reopened", actor: "alice", createdAt: at });
      else fake.addTimelineEvent(REPO, 1, { event: k % 2 ? "labeled" : "unlabeled", actor: "alice", label: `l${k}`, createdAt: at });
    }
    fake.state.issue(REPO, 1).labels.push(fake.state.labelFor(fake.state.repo(REPO), "bug"));
    fake.state.issue(REPO, 1).assignees.push(fake.state.user("alice"));
  }

  it.each([
    ["/api/graphql (GHES)", () => fake.apiUrl],
    ["/graphql (github.com)", () => fake.url],
  ])("pages open issues at %s and shows their fields as GitHub does", async (_name, base) => {
    await seeded();
    const octokit = client(base());
    const numbers: number[] = [];
    let after: string | null = null;
    let pages = 0;
    let first: any;
    do {
      const data: any = await octokit.graphql(ISSUES_QUERY, { owner: OWNER, name: NAME, first: 2, after });
      first ??= data;
      pages++;
      expect(data.repository.issues.totalCount).toBe(5);
      numbers.push(...data.repository.issues.nodes.map((n: { number: number }) => n.number));
      after = data.repository.issues.pageInfo.hasNextPage ? data.repository.issues.pageInfo.endCursor : null;
    } while (after);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    expect(pages).toBe(3);
    const issue = first.repository.issues.nodes[0];
    expect(issue).toMatchObject({
      number: 1,
      title: "Incident 1",
      url: `${fake.url}/${REPO}/issues/1`,
      createdAt: "2025-03-03T09:00:01Z",
      closedAt: null,
      state: "OPEN",
      stateReason: null,
      author: { login: "carol" },
      authorAssociation: "NONE",
      labels: { nodes: [{ name: "bug" }] },
      assignees: { nodes: [{ login: "alice" }] },
      timelineItems: { totalCount: 23, pageInfo: { hasNextPage: false } },
    });
    // A bot's login in GraphQL has no "[bot]" suffix; the viewer (an installation token) keeps it.
    expect(issue.timelineItems.nodes[0]).toEqual({ __typename: "IssueComment", databaseId: expect.any(Number), createdAt: "2025-03-03T09:00:10Z", author: { login: "incident-sla" }, authorAssociation: "NONE", body: "status 0" });
    expect(first.viewer).toEqual({ login: "incident-sla[bot]" });
    expect(fake.requests.filter((r) => r.kind === "graphql").map((r) => r.path)).toEqual(Array(3).fill(base() === fake.url ? "/graphql" : "/api/graphql"));
  });

  it("pages an issue's timeline items and agrees with the REST timeline", async () => {
    await seeded();
    const octokit = client();
    const items: any[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: any = await octokit.graphql(TIMELINE_QUERY, { owner: OWNER, name: NAME, number: 1, after });
      pages++;
      expect(data.repository.issue.timelineItems.totalCount).toBe(23);
      items.push(...data.repository.issue.timelineItems.nodes);
      after = data.repository.issue.timelineItems.pageInfo.hasNextPage ? data.repository.issue.timelineItems.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toBe(3);
    const rest = fake.timelineOf(REPO, 1).filter((e) => !["assigned", "mentioned"].includes(e.event as string));
    expect(items.map((i) => i.__typename)).toEqual(
      rest.map((e) => ({ labeled: "LabeledEvent", unlabeled: "UnlabeledEvent", commented: "IssueComment", closed: "ClosedEvent", reopened: "ReopenedEvent" })[e.event as string]),
    );
    expect(items.map((i) => i.createdAt)).toEqual(rest.map((e) => e.created_at));
    expect(items.find((i) => i.__typename === "ClosedEvent")).toMatchObject({ actor: { login: "alice" }, stateReason: "NOT_PLANNED" });
  });

  it.each([
    { enableDuplicate: "", expected: "NOT_PLANNED" },
    { enableDuplicate: "(enableDuplicate: true)", expected: "DUPLICATE" },
  ])("reports a duplicate as $expected with stateReason$enableDuplicate", async ({ enableDuplicate, expected }) => {
    await seeded();
    const data: any = await client().graphql(`{ repository(owner: "${OWNER}", name: "${NAME}") { issue(number: 6) { state stateReason${enableDuplicate} closedAt } } }`);
    expect(data.repository.issue).toMatchObject({ state: "CLOSED", stateReason: expected });
  });

  it("counts cost like GitHub (connections requested / 100) and spends the installation's points", async () => {
    await seeded();
    const octokit = client();
    const one: any = await octokit.graphql(ISSUES_QUERY, { owner: OWNER, name: NAME, first: 100, after: null });
    // 1 issues request + 100 × (labels, assignees, timelineItems) = 301 → 3 points.
    expect(one.rateLimit).toMatchObject({ cost: 3, remaining: 4997, resetAt: "2025-03-03T10:00:00Z" });
    const two: any = await octokit.graphql(ISSUES_QUERY, { owner: OWNER, name: NAME, first: 1, after: null });
    expect(two.rateLimit).toMatchObject({ cost: 1, remaining: 4996 });
    expect(fake.counts.graphqlCost).toBe(4);
  });

  it.each([
    { what: "an unknown field", query: `{ repository(owner: "${OWNER}", name: "${NAME}") { issue(number: 1) { severity } } }`, error: { message: 'Cannot query field "severity" on type "Issue".' } },
    { what: "a connection without first/last", query: `{ repository(owner: "${OWNER}", name: "${NAME}") { issues(states: [OPEN]) { totalCount } } }`, error: { type: "MISSING_PAGINATION_BOUNDARIES" } },
    { what: "more than 100 records", query: `{ repository(owner: "${OWNER}", name: "${NAME}") { issues(first: 101) { totalCount } } }`, error: { type: "EXCESSIVE_PAGINATION", message: expect.stringContaining("exceeds the `first` limit of 100 records") } },
    { what: "a missing repository", query: `{ repository(owner: "${OWNER}", name: "nope") { id } }`, error: { type: "NOT_FOUND", path: ["repository"] } },
    { what: "an issue number that is a pull request", query: `{ repository(owner: "${OWNER}", name: "${NAME}") { issue(number: 7) { id } } }`, error: { type: "NOT_FOUND", path: ["repository", "issue"] } },
    { what: "a syntax error", query: `{ repository(owner: "${OWNER}" `, error: { message: expect.stringContaining("Syntax Error") } },
    { what: "a wrong variable type", query: `query($n: String!) { repository(owner: "${OWNER}", name: "${NAME}") { issue(number: $n) { id } } }`, error: { message: expect.stringContaining("$n") } },
  ])("answers $what with GitHub-style errors", async ({ query, error }) => {
    await seeded();
    const failure: any = await client().graphql(query, { n: "1" }).catch((e: unknown) => e);
    expect(failure.name).toBe("GraphqlResponseError");
    expect(failure.errors[0]).toMatchObject(error);
  });

  it("serves repository files through object(expression)", async () => {
    await seeded();
    const data: any = await client().graphql(`{ repository(owner: "${OWNER}", name: "${NAME}") { object(expression: "HEAD:${CONFIG}") { ... on Blob { text } } } }`);
    expect(data.repository.object.text).toBe("contract:\n  name: ACME\n");
  });

  it("records a mutation as unimplemented", async () => {
    await seeded();
    const failure: any = await client()
      .graphql(`mutation { addComment(input: { subjectId: "x", body: "y" }) { clientMutationId } }`)
      .catch((e: any) => e);
    expect(failure.name).toBe("GraphqlResponseError");
    expect(takeViolations().map((v) => v.kind)).toEqual(["unimplemented"]);
  });
});

describe("faults", () => {
  const COMMENTS = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
  it.each([
    { what: "502 after the write was applied", fault: faults.badGatewayAfterWrite(), status: 502, stored: 1 },
    { what: "502 before the write", fault: faults.status(502), status: 502, stored: 0 },
    { what: "500", fault: faults.status(500), status: 500, stored: 0 },
    { what: "403 secondary rate limit with retry-after", fault: faults.secondaryRateLimit({ retryAfter: 7 }), status: 403, stored: 0, retryAfter: "7", message: /secondary rate limit/ },
    { what: "403 secondary rate limit without retry-after", fault: faults.secondaryRateLimit(), status: 403, stored: 0, retryAfter: undefined, message: /secondary rate limit/ },
    { what: "403 primary rate limit", fault: faults.primaryRateLimit(Math.floor(T0 / 1000) + 60), status: 403, stored: 0, message: /API rate limit exceeded/ },
    { what: "429 with retry-after", fault: faults.tooManyRequests({ retryAfter: 3 }), status: 429, stored: 0, retryAfter: "3" },
    { what: "a dropped connection after the write", fault: faults.reset({ afterApply: true }), status: -1, stored: 1 },
    { what: "a dropped connection before the write", fault: faults.reset(), status: -1, stored: 0 },
  ])("$what: answered once, then back to normal", async ({ fault, status, stored, retryAfter, message }) => {
    await start();
    const n = fake.addIssue(REPO).number;
    const handle = fake.setFault({ route: COMMENTS }, fault);
    const octokit = client();
    const failure = await octokit.rest.issues.createComment({ owner: OWNER, repo: NAME, issue_number: n, body: "once" }).catch((e: any) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(failure.status ?? -1).toBe(status === -1 ? 500 : status);
    if (retryAfter !== undefined || "retryAfter" in fault) expect(failure.response?.headers["retry-after"]).toBe(retryAfter);
    if (message) expect(failure.response.data.message).toMatch(message);
    expect(fake.commentsOf(REPO, n)).toHaveLength(stored);
    expect(handle.hits).toBe(1);
    await octokit.rest.issues.createComment({ owner: OWNER, repo: NAME, issue_number: n, body: "twice" });
    expect(fake.commentsOf(REPO, n)).toHaveLength(stored + 1);
    expect(fake.counts.faulted).toBe(1);
  });

  it("slows a route until the latency is removed", async () => {
    await start();
    const octokit = client();
    await octokit.rest.repos.get({ owner: OWNER, repo: NAME });
    const slow = fake.setLatency({ route: "GET /repos/{owner}/{repo}" }, 150);
    let t = performance.now();
    await octokit.rest.repos.get({ owner: OWNER, repo: NAME });
    await octokit.rest.repos.get({ owner: OWNER, repo: NAME });
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    slow.remove();
    t = performance.now();
    await octokit.rest.repos.get({ owner: OWNER, repo: NAME });
    expect(performance.now() - t).toBeLessThan(140);
    expect(slow.hits).toBe(2);
  });

  it("hangs a request until the client gives up; the next one is answered", async () => {
    await start();
    const n = fake.addIssue(REPO).number;
    fake.setFault({ method: "GET", path: `/repos/${REPO}/issues/${n}` }, faults.hang());
    const octokit = client();
    const failure = await octokit.rest.issues.get({ owner: OWNER, repo: NAME, issue_number: n, request: { signal: AbortSignal.timeout(200) } }).catch((e: any) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((await octokit.rest.issues.get({ owner: OWNER, repo: NAME, issue_number: n })).status).toBe(200);
  });

  it("fails GraphQL requests too, with a pattern match on the path", async () => {
    await start();
    fake.setFault({ path: /graphql$/ }, faults.status(502));
    const failure: any = await client().graphql("{ viewer { login } }").catch((e: unknown) => e);
    expect(failure.status).toBe(502);
    expect((await client().graphql<{ viewer: { login: string } }>("{ viewer { login } }")).viewer.login).toBe("incident-sla[bot]");
  });

  it("counts requests by kind", async () => {
    await start();
    const n = fake.addIssue(REPO).number;
    const octokit = client();
    await octokit.rest.issues.get({ owner: OWNER, repo: NAME, issue_number: n });
    await octokit.rest.issues.listComments({ owner: OWNER, repo: NAME, issue_number: n });
    await octokit.rest.issues.addLabels({ owner: OWNER, repo: NAME, issue_number: n, labels: ["bug"] });
    await octokit.graphql("{ viewer { login } }");
    expect(fake.counts).toMatchObject({ auth: 1, restRead: 2, restWrite: 1, graphql: 1, total: 5 });
    fake.resetCounts();
    expect(fake.counts.total).toBe(0);
    expect(fake.requests).toEqual([]);
  });

  it("enforces GitHub's content-creation limits when asked, with retry-after", async () => {
    await start({ contentLimits: { perMinute: 2, perHour: 3 } });
    const n = fake.addIssue(REPO).number;
    const octokit = client();
    const post = () => octokit.rest.issues.createComment({ owner: OWNER, repo: NAME, issue_number: n, body: "x" });
    await post();
    now += 10_000;
    await post();
    const minute = await post().catch((e: any) => e);
    expect(minute.status).toBe(403);
    expect(minute.response.headers["retry-after"]).toBe("50");
    now += 50_000;
    await post();
    now += 60_000;
    const hour = await post().catch((e: any) => e);
    expect(hour.status).toBe(403);
    expect(hour.response.headers["retry-after"]).toBe(String(3600 - 120));
    expect(fake.counts.secondaryLimited).toBe(2);
    expect(fake.commentsOf(REPO, n)).toHaveLength(3);
  });
});

describe("webhooks", () => {
  it.each([
    ["webhook-issues-opened", () => fake.payloads.issues("opened", REPO, 1)],
    ["webhook-issues-edited", () => fake.payloads.issues("edited", REPO, 1, { changes: { body: { from: "old" } } })],
    ["webhook-issues-labeled", () => fake.payloads.issues("labeled", REPO, 1, { label: "bug", sender: "alice" })],
    ["webhook-issues-unlabeled", () => fake.payloads.issues("unlabeled", REPO, 1, { label: "urgent", sender: "alice" })],
    ["webhook-issues-closed", () => (fake.state.closeIssue(fake.state.issue(REPO, 1), "alice", "completed"), fake.payloads.issues("closed", REPO, 1, { sender: "alice" }))],
    ["webhook-issues-reopened", () => fake.payloads.issues("reopened", REPO, 1)],
    ["webhook-issue-comment-created", () => fake.payloads.issueComment("created", fake.state.addComment(fake.state.issue(REPO, 1), "carol", "hi").id)],
    ["webhook-installation-created", () => fake.payloads.installation("created", INSTALLATION)],
    ["webhook-installation-repositories-added", () => fake.payloads.installationRepositories("added", INSTALLATION, [REPO])],
    ["webhook-push", () => fake.payloads.push(REPO, { modified: [CONFIG] })],
  ])("builds a %s payload that GitHub's description accepts", async (schema, build) => {
    await start();
    fake.addIssue(REPO, { user: "carol", labels: ["bug"], body: "### Severity\n\n1" });
    const payload: any = build();
    const validate = componentValidator(schema);
    expect(validate(payload) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    if (!schema.startsWith("webhook-installation")) expect(payload.installation).toEqual({ id: INSTALLATION, node_id: expect.any(String) });
    if (payload.repository) expect(payload.repository.owner.type).toBe("Organization");
  });

  it("signs and posts a delivery to the app's webhook path", async () => {
    await start();
    fake.addIssue(REPO, { user: "carol" });
    const received: { url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const app = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        received.push({ url: req.url, headers: req.headers, body });
        res.writeHead(202).end("ok");
      });
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const appUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}`;
    try {
      const payload = fake.payloads.issues("opened", REPO, 1);
      const delivery = await signAndSend(appUrl, "s3cret", "issues", payload, { id: "delivery-1" });
      expect(delivery.status).toBe(202);
      await signAndSend(appUrl, "s3cret", "issues", payload, { signature: null });
      const [signed, unsigned] = received;
      expect(signed).toMatchObject({ url: "/api/github/webhooks", headers: { "x-github-event": "issues", "x-github-delivery": "delivery-1" } });
      expect(await verify("s3cret", signed!.body, String(signed!.headers["x-hub-signature-256"]))).toBe(true);
      expect(await verify("other", signed!.body, String(signed!.headers["x-hub-signature-256"]))).toBe(false);
      expect(JSON.parse(signed!.body)).toEqual(payload);
      expect(unsigned!.headers["x-hub-signature-256"]).toBeUndefined();
    } finally {
      await new Promise<void>((resolve) => app.close(() => resolve()));
    }
  });
});

describe("the app-manifest flow (Probot's setup page)", () => {
  const MANIFEST = {
    name: "incident-sla",
    url: "https://vendor.example/incident-sla",
    hook_attributes: { url: "https://smee.example/channel" },
    redirect_url: "http://127.0.0.1:3000/probot/setup",
    public: false,
    default_permissions: { issues: "write", metadata: "read", members: "read", contents: "read" },
    default_events: ["issues", "issue_comment", "push"],
    version: "v1",
  };
  const submit = (manifest: unknown, path = "/settings/apps/new") =>
    fetch(`${fake.url}${path}`, { method: "POST", body: new URLSearchParams({ manifest: typeof manifest === "string" ? manifest : JSON.stringify(manifest) }), redirect: "manual" });
  const codeOf = (res: Response) => new URL(res.headers.get("location") ?? "http://x/").searchParams.get("code");
  const convert = (code: string) => new Octokit({ baseUrl: fake.apiUrl }).request("POST /app-manifests/{code}/conversions", { code });

  it("sends the browser back with a code, trades it once for the new app's credentials, and then accepts only that app's JWTs", async () => {
    await start();
    const registered = await fetch(`${fake.url}/settings/apps/new?state=s1`, { method: "POST", body: new URLSearchParams({ manifest: JSON.stringify(MANIFEST) }), redirect: "manual" });
    expect(registered.status).toBe(302);
    expect(registered.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/probot\/setup\?code=[0-9a-f]{20}&state=s1$/);
    const code = codeOf(registered)!;

    // No credentials: the code is one (strict mode checks the answer against the description).
    const { status, data } = await convert(code);
    expect(status).toBe(201);
    expect(data).toMatchObject({
      slug: "incident-sla",
      name: "incident-sla",
      html_url: `${fake.url}/apps/incident-sla`,
      external_url: MANIFEST.url,
      permissions: MANIFEST.default_permissions,
      events: MANIFEST.default_events,
      client_id: expect.stringMatching(/^Iv23li/),
      client_secret: expect.stringMatching(/^[0-9a-f]{40}$/),
      webhook_secret: expect.stringMatching(/^[0-9a-f]{40}$/),
      pem: expect.stringMatching(/^-----BEGIN RSA PRIVATE KEY-----\n/),
    });
    expect(data.id).not.toBe(APP_ID);
    expect(fake.registeredApps.map((a) => [a.id, a.hookUrl, a.webhookSecret])).toEqual([[data.id, MANIFEST.hook_attributes.url, data.webhook_secret]]);
    expect(await statusOf(convert(code))).toBe(404);

    // The app the fake serves is the new one: the old key is refused, the new one works.
    expect(await statusOf(appClient().rest.apps.getAuthenticated())).toBe(401);
    const app = new Octokit({ baseUrl: fake.apiUrl, auth: { appId: data.id, privateKey: data.pem, installationId: INSTALLATION } });
    expect((await app.rest.apps.getAuthenticated()).data).toMatchObject({ id: data.id, permissions: MANIFEST.default_permissions });
    expect((await app.rest.issues.get({ owner: OWNER, repo: NAME, issue_number: 1 }).catch((e: { status: number }) => e)).status).toBe(404);
    expect((await app.rest.repos.get({ owner: OWNER, repo: NAME })).data.full_name).toBe(REPO);

    const install = await fetch(`${data.html_url}/installations/new`);
    expect([install.status, (await install.text()).includes("Install incident-sla")]).toEqual([200, true]);
  });

  it("registers for an organisation on /organizations/{org}/settings/apps/new, and 404 for an unknown one", async () => {
    await start();
    const { data } = await convert(codeOf(await submit(MANIFEST, `/organizations/${OWNER}/settings/apps/new`))!);
    expect(data.owner).toMatchObject({ login: OWNER });
    expect((await submit(MANIFEST, "/organizations/nobody/settings/apps/new")).status).toBe(404);
  });

  it.each([
    { what: "no homepage url", change: { url: undefined }, message: /url: required/ },
    { what: "a hook URL that is not one", change: { hook_attributes: { url: "smee channel" } }, message: /hook_attributes\.url: required/ },
    { what: "no redirect_url", change: { redirect_url: undefined }, message: /redirect_url/ },
    { what: "a permission GitHub does not know", change: { default_permissions: { ...MANIFEST.default_permissions, issuez: "write" } }, message: /"issuez" is not a permission/ },
    { what: "a level the permission does not have", change: { default_permissions: { ...MANIFEST.default_permissions, members: "admin" } }, message: /default_permissions\.members: must be equal to one of the allowed values/ },
    { what: "an event GitHub does not deliver", change: { default_events: ["issue"] }, message: /"issue" is not an event/ },
    { what: "an event without the permission behind it", change: { default_permissions: { metadata: "read", issues: "write" } }, message: /"push" needs the contents permission/ },
    { what: "a name longer than 34 characters", change: { name: "incident-sla-with-a-much-longer-name" }, message: /too long/ },
    { what: "another app slug than the fake serves", change: { name: "Other App" }, message: /serves the app slug "incident-sla"/ },
  ])("refuses a manifest with $what (422, no code)", async ({ change, message }) => {
    await start();
    const res = await submit({ ...MANIFEST, ...change });
    expect([res.status, res.headers.get("location")]).toEqual([422, null]);
    const page = (await res.text()).replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
    expect(page).toMatch(message);
    expect(takeViolations().map((v) => [v.kind, v.message])).toEqual([["request", expect.stringMatching(message)]]);
    expect(fake.registeredApps).toEqual([]);
  });

  it("refuses what is not a manifest, and notes a parameter GitHub ignores (a typo that would drop events)", async () => {
    await start();
    expect((await submit("{not json")).status).toBe(422);
    expect((await fetch(`${fake.url}/settings/apps/new`, { method: "POST", body: new URLSearchParams({ other: "1" }), redirect: "manual" })).status).toBe(422);
    expect(takeViolations().map((v) => v.message)).toEqual(["app manifest: the manifest is not JSON", "app manifest: no `manifest` form field"]);
    const { default_events: events, ...rest } = MANIFEST;
    const res = await submit({ ...rest, default_event: events });
    expect(res.status).toBe(302);
    expect(takeViolations().map((v) => [v.kind, v.message])).toEqual([["ignored", 'app manifest: unknown manifest parameter "default_event" (GitHub ignores it)']]);
    expect((await convert(codeOf(res)!)).data.events).toEqual([]);
  });
});

describe("scale", () => {
  it("holds 10,000 issues with 20 timeline items each and serves a sweep page of 100 quickly", async () => {
    await start({ log: "no-bodies", strictResponses: false });
    // A forced collection before and after, so the heap figure is the state's and not garbage's.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let t = performance.now();
    const repos = 10;
    for (let r = 0; r < repos; r++) {
      const name = r === 0 ? REPO : `${OWNER}/r${r}`;
      if (r > 0) fake.addRepo({ owner: OWNER, ownerType: "Organization", name: `r${r}` });
      for (let i = 0; i < 1000; i++) {
        const n = fake.addIssue(name, { user: "carol", body: "### Severity\n\n2\n", createdAt: T0 - 86_400_000 }).number;
        for (let k = 0; k < 20; k++) {
          const at = T0 - 86_400_000 + k * 60_000;
          if (k % 4 === 0) fake.addTimelineEvent(name, n, { event: "commented", actor: k === 0 ? "incident-sla[bot]" : "alice", body: `comment ${k}`, createdAt: at });
          else fake.addTimelineEvent(name, n, { event: "labeled", actor: "alice", label: `l${k % 5}`, createdAt: at });
        }
      }
    }
    const seedMs = performance.now() - t;
    gc();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const octokit = client();
    await octokit.graphql(ISSUES_QUERY, { owner: OWNER, name: NAME, first: 100, after: null });
    t = performance.now();
    const page: any = await octokit.graphql(ISSUES_QUERY, { owner: OWNER, name: NAME, first: 100, after: null });
    const graphqlMs = performance.now() - t;
    t = performance.now();
    const timeline = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { owner: OWNER, repo: NAME, issue_number: 500, per_page: 100 });
    const restMs = performance.now() - t;
    console.log(
      `fake-github scale: seeded ${repos * 1000} issues × 20 items in ${seedMs.toFixed(0)} ms, heap +${heapMb.toFixed(0)} MB; ` +
        `GraphQL page of 100 issues with timelines ${graphqlMs.toFixed(0)} ms; one REST timeline ${restMs.toFixed(1)} ms`,
    );
    expect(page.repository.issues.totalCount).toBe(1000);
    expect(page.repository.issues.nodes).toHaveLength(100);
    expect(page.repository.issues.nodes.every((n: any) => n.timelineItems.totalCount === 20 && n.timelineItems.nodes.length === 20)).toBe(true);
    expect(page.rateLimit.cost).toBe(3);
    expect(timeline).toHaveLength(20);
    expect(fake.state.comments.size).toBe(repos * 1000 * 5);
  });
});
