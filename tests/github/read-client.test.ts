// The read client (src/github/read-client.ts): GraphQL queries of an
// installation skip the throttling plugin's write limiter, mutations do not;
// GitHub's rate limits are waited out with an injected sleep; tokens are
// reused per installation until shortly before they expire. A real Probot
// with throttling on, whose write limiter is a counter (no clock involved);
// GitHub is nock.
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateLimited } from "../../src/github/rate-limit.js";
import { ReadClients, isMutation, readLimitWait } from "../../src/github/read-client.js";
import type { Octokit } from "../../src/github/types.js";

const API = "https://api.github.com";
const INSTALLATION = 4242;
const QUERY = "query incidentSlaOpenIssues($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }";
const VARIABLES = { owner: "acme", name: "support" };
const ANSWER = { data: { repository: { id: "R_1" } } };
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

/** A stand-in for the plugin's per-installation write limiter: counts what it is given, spaces nothing. */
function countingWriteLimiter() {
  const seen: string[] = [];
  return {
    seen,
    group: { key: (id: string) => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => (seen.push(id), job()) }) },
  };
}

type Logged = { level: "info" | "warn"; obj: Record<string, unknown>; msg: string };

let clock = Date.parse("2026-03-02T10:00:00Z");
let sleeps: number[] = [];
let logged: Logged[] = [];
let limiter: ReturnType<typeof countingWriteLimiter>;
let writer: Octokit;

const reads = (more: Partial<ConstructorParameters<typeof ReadClients>[0]> = {}) =>
  new ReadClients({
    now: () => clock,
    sleep: (ms) => {
      sleeps.push(ms);
      clock += ms;
      return Promise.resolve();
    },
    log: { info: (obj, msg) => logged.push({ level: "info", obj: obj as Record<string, unknown>, msg }), warn: (obj, msg) => logged.push({ level: "warn", obj: obj as Record<string, unknown>, msg }) },
    ...more,
  });

const tokenReply = (token = "ghs_reader", expiresAt = "2999-01-01T00:00:00Z") => ({ token, expires_at: expiresAt, permissions: { issues: "write" } });
/** GitHub with the installation's token exchange answered. */
const github = () => nock(API).post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, tokenReply());

beforeEach(async () => {
  nock.disableNetConnect();
  clock = Date.parse("2026-03-02T10:00:00Z");
  sleeps = [];
  logged = [];
  limiter = countingWriteLimiter();
  const write = limiter.group;
  const probot = new Probot({
    appId: 1,
    privateKey,
    // Throttling stays on (as in production): only its write limiter is the counter.
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), write } })),
    logLevel: "fatal",
  });
  writer = await probot.auth(INSTALLATION);
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("queries skip the write limiter, mutations do not", () => {
  it("30 reads go out without the write limiter; the same 30 through Probot's client are all queued on it", async () => {
    const scope = github().post("/graphql").times(30).reply(200, ANSWER);
    const graphql = reads().graphqlFor(writer, INSTALLATION);
    const answers = await Promise.all(Array.from({ length: 30 }, () => graphql(QUERY, VARIABLES)));
    expect(answers).toHaveLength(30);
    expect(answers[0]).toEqual(ANSWER.data);
    expect(limiter.seen).toEqual([]);
    expect(scope.isDone()).toBe(true);

    // The counter is the plugin's write limiter indeed: Probot's own client puts every query on it.
    nock(API).post("/graphql").times(30).reply(200, ANSWER);
    await Promise.all(Array.from({ length: 30 }, () => writer.graphql(QUERY, VARIABLES)));
    expect(limiter.seen).toEqual(Array.from({ length: 30 }, () => String(INSTALLATION)));
  });

  it("REST reads (the webhook's read of an incident) were never on the write limiter: only GraphQL and writes are", async () => {
    github().get("/repos/acme/support/issues/1").reply(200, { number: 1 }).get("/repos/acme/support/issues/1/timeline").query(true).reply(200, []);
    await writer.rest.issues.get({ owner: "acme", repo: "support", issue_number: 1 });
    await writer.paginate(writer.rest.issues.listEventsForTimeline, { owner: "acme", repo: "support", issue_number: 1, per_page: 100 });
    expect(limiter.seen).toEqual([]);
  });

  it("a mutation goes through Probot's client, on the write limiter", async () => {
    let body: { query?: string } = {};
    github()
      .post("/graphql")
      .reply(200, (_uri, b) => ((body = b as typeof body), { data: { addComment: { clientMutationId: null } } }));
    const graphql = reads().graphqlFor(writer, INSTALLATION);
    const mutation = "  # a comment first\n mutation incidentSlaComment($id: ID!) { addComment(input: { subjectId: $id, body: \"x\" }) { clientMutationId } }";
    await graphql(mutation, { id: "I_1" });
    expect(limiter.seen).toEqual([String(INSTALLATION)]);
    expect(body.query).toBe(mutation);
  });

  it.each([
    ["query q { viewer { login } }", false],
    ["{ viewer { login } }", false],
    ["mutation m { x }", true],
    ["\n  # mutation in a comment\nquery q { x }", false],
    ["# note\n\tmutation { x }", true],
    ["mutations { x }", false],
  ])("isMutation(%j) is %s", (query, expected) => {
    expect(isMutation(query)).toBe(expected);
  });
});

describe("GitHub's limits", () => {
  const limited = (headers: Record<string, string>, message = "You have exceeded a secondary rate limit.") => [403, { message }, headers] as const;

  it("a 403 with retry-after: 2 is read again after a 2 s wait", async () => {
    github()
      .post("/graphql")
      .reply(...limited({ "retry-after": "2" }))
      .post("/graphql")
      .reply(200, ANSWER);
    const waits: number[] = [];
    const answer = await reads({ onWait: (ms) => waits.push(ms) }).graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    expect(answer).toEqual(ANSWER.data);
    expect(sleeps).toEqual([2000]);
    expect(waits).toEqual([2000]);
    expect(logged).toContainEqual(expect.objectContaining({ level: "info", obj: expect.objectContaining({ query: "incidentSlaOpenIssues", repo: "acme/support", waitMs: 2000 }) }));
  });

  it("a 429 with retry-after is waited out here, not retried blindly by Probot's retry plugin", async () => {
    const probot = new Probot({ appId: 1, privateKey, logLevel: "fatal" }); // Probot's retries on
    const retrying = await probot.auth(INSTALLATION);
    const scope = github()
      .post("/graphql")
      .reply(429, { message: "Too many requests" }, { "retry-after": "3" })
      .post("/graphql")
      .reply(200, ANSWER);
    await expect(reads().graphqlFor(retrying, INSTALLATION)(QUERY, VARIABLES)).resolves.toEqual(ANSWER.data);
    expect(sleeps).toEqual([3000]);
    expect(scope.isDone()).toBe(true);
  });

  it("a primary limit (x-ratelimit-remaining: 0) is waited out until x-ratelimit-reset", async () => {
    const reset = String(clock / 1000 + 20);
    github()
      .post("/graphql")
      .reply(...limited({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, "API rate limit exceeded"))
      .post("/graphql")
      .reply(200, ANSWER);
    await expect(reads().graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES)).resolves.toEqual(ANSWER.data);
    expect(sleeps).toEqual([20_000]);
  });

  it("a reset further away than maxWaitMs is not waited: RateLimited, one request, logged with what was read", async () => {
    const reset = String(clock / 1000 + 3600);
    const scope = github()
      .post("/graphql")
      .reply(...limited({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, "API rate limit exceeded"));
    const read = reads({ maxWaitMs: 60_000 }).graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    await expect(read).rejects.toBeInstanceOf(RateLimited);
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(logged).toContainEqual({ level: "warn", obj: expect.objectContaining({ installation: String(INSTALLATION), query: "incidentSlaOpenIssues", repo: "acme/support" }), msg: "GitHub read failed" });
  });

  it("limited again after the wait: RateLimited after one wait", async () => {
    github()
      .post("/graphql")
      .times(2)
      .reply(...limited({ "retry-after": "5" }));
    await expect(reads().graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES)).rejects.toBeInstanceOf(RateLimited);
    expect(sleeps).toEqual([5000]);
  });

  it("GraphQL's RATE_LIMITED answer waits for the reset too", async () => {
    const reset = String(clock / 1000 + 30);
    github()
      .post("/graphql")
      .reply(200, { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset })
      .post("/graphql")
      .reply(200, ANSWER);
    await expect(reads().graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES)).resolves.toEqual(ANSWER.data);
    expect(sleeps).toEqual([30_000]);
  });

  it("an answer saying the limit is used up makes the next read wait for the reset before it is sent", async () => {
    const reset = String(clock / 1000 + 10);
    github()
      .post("/graphql")
      .reply(200, ANSWER, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset })
      .post("/graphql")
      .reply(200, ANSWER, { "x-ratelimit-remaining": "4999", "x-ratelimit-reset": String(clock / 1000 + 3600) })
      .post("/graphql")
      .reply(200, ANSWER);
    const graphql = reads().graphqlFor(writer, INSTALLATION);
    await graphql(QUERY, VARIABLES);
    expect(sleeps).toEqual([]);
    await graphql(QUERY, VARIABLES);
    expect(sleeps).toEqual([10_000]);
    await graphql(QUERY, VARIABLES);
    expect(sleeps).toEqual([10_000]);
  });

  it("any other failure is thrown as it came, logged with what was read", async () => {
    github().post("/graphql").reply(502, { message: "Bad gateway" });
    await expect(reads().graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES)).rejects.toMatchObject({ status: 502 });
    expect(sleeps).toEqual([]);
    expect(logged).toEqual([{ level: "warn", obj: expect.objectContaining({ installation: String(INSTALLATION), query: "incidentSlaOpenIssues", repo: "acme/support", status: 502 }), msg: "GitHub read failed" }]);
  });

  it.each<[string, unknown, number | null]>([
    ["RATE_LIMITED without a reset: a minute", { errors: [{ type: "RATE_LIMITED" }], headers: {} }, 60_000],
    ["RATE_LIMITED with a reset", { errors: [{ type: "RATE_LIMITED" }], headers: { "x-ratelimit-reset": "1010" } }, 10_000],
    ["other GraphQL errors: not a limit", { errors: [{ type: "NOT_FOUND" }], headers: {} }, null],
    ["a 403 with retry-after", { status: 403, response: { headers: { "retry-after": "4" } } }, 4000],
  ])("readLimitWait: %s", (_what, error, wait) => {
    expect(readLimitWait(error, 1_000_000)).toBe(wait);
  });
});

describe("tokens", () => {
  it("one token for every read of an installation, sent as the reader's authorization", async () => {
    const auth: string[] = [];
    const scope = nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .once()
      .reply(201, tokenReply("ghs_one"))
      .post("/graphql")
      .times(3)
      .reply(function () {
        auth.push(String(this.req.headers.authorization));
        return [200, ANSWER];
      });
    const clients = reads();
    for (let i = 0; i < 3; i++) await clients.graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    expect(auth).toEqual(["token ghs_one", "token ghs_one", "token ghs_one"]);
    expect(scope.isDone()).toBe(true);
  });

  it("a token about to expire is replaced before it does", async () => {
    let tokenClock = Date.parse("2026-03-02T10:00:00Z");
    const auth: string[] = [];
    nock(API)
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, tokenReply("ghs_first", "2026-03-02T11:00:00Z"))
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(201, tokenReply("ghs_second", "2026-03-02T12:00:00Z"))
      .post("/graphql")
      .times(3)
      .reply(function () {
        auth.push(String(this.req.headers.authorization));
        return [200, ANSWER];
      });
    const clients = reads({ tokenNow: () => tokenClock });
    await clients.graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    tokenClock = Date.parse("2026-03-02T10:50:00Z"); // 10 minutes left: kept
    await clients.graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    tokenClock = Date.parse("2026-03-02T10:57:00Z"); // 3 minutes left: replaced
    await clients.graphqlFor(writer, INSTALLATION)(QUERY, VARIABLES);
    expect(auth).toEqual(["token ghs_first", "token ghs_first", "token ghs_second"]);
  });

  it("a writer with a fixed token (as after a refresh) lends it to its reader, still without the write limiter", async () => {
    const write = limiter.group;
    const Writer = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), write } }));
    const fixed: Octokit = new Writer({ auth: { token: "ghs_fixed" } });
    const auth: string[] = [];
    nock(API)
      .post("/graphql")
      .times(2)
      .reply(function () {
        auth.push(String(this.req.headers.authorization));
        return [200, ANSWER];
      });
    const clients = reads();
    await clients.graphqlFor(fixed, INSTALLATION)(QUERY, VARIABLES);
    await clients.graphqlFor(fixed, INSTALLATION)(QUERY, VARIABLES);
    expect(auth).toEqual(["token ghs_fixed", "token ghs_fixed"]);
    expect(limiter.seen).toEqual([]);
  });
});
