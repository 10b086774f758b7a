// A local GitHub for end-to-end tests and benchmarks: an HTTP server on
// 127.0.0.1 (random port) holding repositories, issues, labels, comments,
// timelines, files and members; serving the REST endpoints and GraphQL the
// app uses, on both github.com paths (/repos/…, /graphql) and GitHub
// Enterprise Server paths (/api/v3/repos/…, /api/graphql), which is what
// Probot uses with GHE_HOST=127.0.0.1:PORT GHE_PROTOCOL=http.
//
// Every request is checked against GitHub's REST description
// (@octokit/openapi); what GitHub would refuse is refused the same way and
// recorded in `violations`, so a test ends with `expect(fake.violations).toEqual([])`.
import { createPublicKey, randomBytes, verify, type KeyObject } from "node:crypto";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { Socket } from "node:net";
import { ManifestFlow, type RegisteredApp, appSlug, checkManifest, installPage, refusedPage } from "./app-manifest.js";
import { DEFAULT_MESSAGES, type Fault, type FaultHandle, type FaultMatch, FaultTable } from "./faults.js";
import { type GraphqlCall, type RateState, githubSchema, graphqlSchemaMs, runGraphql } from "./graphql.js";
import { type Operation, checkRequest, checkResponse, matchRoute, specLoadMs, warmUpOpenApi } from "./openapi.js";
import { type Identity, type IssuedToken, type RestRequest, githubError, handlers } from "./rest.js";
import { type AppInfo, type Urls, commentJson, issueJson, labelJson, timelineJson } from "./shapes.js";
import { FakeState, iso } from "./state.js";
import type { FakeInstallation, FakeIssue, FakeUser, IssueSeed, RepoSeed, TimelineSeed } from "./state.js";
import { Payloads } from "./webhooks.js";

export { faults } from "./faults.js";
export type { Fault, FaultHandle, FaultMatch } from "./faults.js";
export { signAndSend } from "./webhooks.js";
export type { FakeComment, FakeInstallation, FakeIssue, FakeRepo, FakeUser, TimelineEntry } from "./state.js";
export { FakeState } from "./state.js";
export { componentValidator } from "./openapi.js";
export type { RegisteredApp } from "./app-manifest.js";

export interface FakeGitHubOptions {
  /** Milliseconds since the epoch; stamps everything the fake creates (default: Date.now). */
  clock?: () => number;
  appId?: number;
  /** The app's slug (default "incident-sla"; its bot is "<slug>[bot]"). */
  appSlug?: string;
  /** When given, JWTs must carry this app id as `iss` and be signed with its private key (RS256). */
  appPublicKey?: string | KeyObject;
  /** Lifetime of installation tokens in fake-clock milliseconds (GitHub: one hour). */
  tokenLifetimeMs?: number;
  /** Check every JSON answer of the fake against the description too (slower; for the fake's own tests). */
  strictResponses?: boolean;
  /** Keep the request log (default true); "no-bodies" keeps it without request bodies (benchmarks). */
  log?: boolean | "no-bodies";
  /** GitHub's secondary limit on content-creating requests per identity (off unless given; GitHub: 80/min, 500/h). */
  contentLimits?: { perMinute: number; perHour: number };
  /** Primary limit per identity and hour, REST and GraphQL points separately (default 5000). */
  rateLimit?: number;
}

/** web: github.com's own pages the fake plays (the app-manifest registration and install pages). */
export type RequestKind = "rest-read" | "rest-write" | "graphql" | "auth" | "web";

export interface LoggedRequest {
  seq: number;
  /** Fake-clock time. */
  at: number;
  method: string;
  /** Path without /api/v3 and without the query. */
  path: string;
  query: string;
  /** GitHub's route template, "POST /graphql" for GraphQL, null when no route matched. */
  route: string | null;
  operationId: string | null;
  kind: RequestKind;
  status: number;
  body?: unknown;
  login?: string;
  /** Set when an injected fault answered. */
  fault?: string;
  /** GraphQL cost in points. */
  cost?: number;
  ms: number;
}

export interface Violation {
  /**
   * request: GitHub refuses it (answered 4xx like GitHub); ignored: GitHub accepts it but
   * ignores part of it (unknown parameter or property); unknown-route: no such REST
   * operation; unimplemented: an operation the fake does not serve (501); response: the
   * fake's own answer breaks the description (strict mode); auth: the wrong kind of
   * credentials (a JWT where a token belongs, none at all).
   */
  kind: "request" | "ignored" | "unknown-route" | "unimplemented" | "response" | "auth";
  method: string;
  path: string;
  route: string | null;
  message: string;
}

export interface Counts {
  restRead: number;
  restWrite: number;
  graphql: number;
  /** Installation token requests. */
  auth: number;
  total: number;
  graphqlCost: number;
  /** Answers that were injected faults. */
  faulted: number;
  /** Writes refused by `contentLimits`. */
  secondaryLimited: number;
  byRoute: Record<string, number>;
}

const emptyCounts = (): Counts => ({ restRead: 0, restWrite: 0, graphql: 0, auth: 0, total: 0, graphqlCost: 0, faulted: 0, secondaryLimited: 0, byRoute: {} });

const MAX_REQUEST_BYTES = 25 * 1024 * 1024;

export interface FakeGitHub {
  /** http://127.0.0.1:PORT (github.com layout at the root). */
  url: string;
  port: number;
  /** url + "/api/v3": GitHub Enterprise Server's REST root (what Probot uses with GHE_HOST). */
  apiUrl: string;
  state: FakeState;
  requests: LoggedRequest[];
  violations: Violation[];
  counts: Counts;
  resetCounts(): void;
  /** Injects a fault for matching requests (by default the next one). */
  setFault(match: FaultMatch, fault: Fault): FaultHandle;
  /** Slows every matching request by `ms` until removed. */
  setLatency(match: FaultMatch, ms: number): FaultHandle;
  clearFaults(): void;
  /** Makes every token issued so far expired (their next use gets 401). */
  expireTokens(): void;
  /** Installation tokens issued so far. */
  issuedTokens: IssuedToken[];
  /** Accepts `token` as a user's (or, with installationId, as that installation's) credentials, e.g. a GITHUB_TOKEN. */
  addToken(token: string, options: { login: string; installationId?: number; expiresAt?: number }): void;
  /** Webhook payloads built from the current state. */
  payloads: Payloads;
  /**
   * Apps registered through the app-manifest flow (app-manifest.ts), in order. The last one is
   * the app this fake serves from then on: JWTs must carry its id and be signed with its key.
   */
  registeredApps: RegisteredApp[];
  /** Parses the REST description and builds the GraphQL schema now; returns their times. */
  warmUp(): { openapiMs: number; graphqlMs: number };
  close(): Promise<void>;

  // Seeding shortcuts (same as on `state`).
  addInstallation(seed: Parameters<FakeState["addInstallation"]>[0]): FakeInstallation;
  addRepo(seed: RepoSeed): ReturnType<FakeState["addRepo"]>;
  setFile(fullName: string, path: string, content: string | null): void;
  addLabel(fullName: string, seed: { name: string; color?: string; description?: string | null }): void;
  addIssue(fullName: string, seed?: IssueSeed): FakeIssue;
  addTimelineEvent(fullName: string, number: number, seed: TimelineSeed): void;
  addMember(org: string, login: string): void;

  // Read accessors for assertions, in the REST shapes.
  labelsOf(fullName: string, number: number): string[];
  commentsOf(fullName: string, number: number): ReturnType<typeof commentJson>[];
  timelineOf(fullName: string, number: number): Record<string, unknown>[];
  issueOf(fullName: string, number: number): ReturnType<typeof issueJson>;
  repoLabels(fullName: string): ReturnType<typeof labelJson>[];
  /** The whole repository as a plain value, for asserting a final state at once. */
  snapshot(fullName: string): RepoSnapshot;
}

export interface RepoSnapshot {
  labels: { name: string; color: string; description: string | null }[];
  issues: {
    number: number;
    state: "open" | "closed";
    stateReason: string | null;
    labels: string[];
    comments: { user: string; body: string }[];
  }[];
}

interface StaticToken {
  login: string;
  installationId?: number;
  expiresAt?: number;
}

function b64json(part: string): any {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
}

/** Who an unauthenticated request is (GitHub limits such requests by address). */
const ANONYMOUS: FakeUser = { login: "anonymous", id: 0, node_id: "", type: "User" };

const requiresJwt = (template: string) => /^\/app(\/|$)/.test(template) || /^\/(repos\/\{owner\}\/\{repo\}|orgs\/\{org\}|users\/\{username\})\/installation$/.test(template);

export async function createFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const clock = options.clock ?? Date.now;
  const slug = options.appSlug ?? "incident-sla";
  const state = new FakeState(clock, `${slug}[bot]`);
  const app: AppInfo = { id: options.appId ?? 1, slug, name: slug, owner: state.user("fake-github-owner"), createdAt: state.now() };
  const bot = state.user(`${slug}[bot]`, "Bot");
  // The app whose JWTs are accepted: the one given, then the one the manifest flow registers.
  let jwtAppId = options.appId;
  let publicKey = options.appPublicKey === undefined ? null : typeof options.appPublicKey === "string" ? createPublicKey(options.appPublicKey) : options.appPublicKey;
  const manifests = new ManifestFlow(clock);
  const lifetime = options.tokenLifetimeMs ?? 3600_000;
  const limit = options.rateLimit ?? 5000;
  const logMode = options.log ?? true;

  const issued = new Map<string, IssuedToken>();
  const issuedList: IssuedToken[] = [];
  const staticTokens = new Map<string, StaticToken>();
  const restRates = new Map<string, RateState>();
  const graphqlRates = new Map<string, RateState>();
  const writesBy = new Map<string, number[]>();
  const table = new FaultTable();
  const requests: LoggedRequest[] = [];
  const violations: Violation[] = [];
  let counts = emptyCounts();
  let seq = 0;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const rateOf = (map: Map<string, RateState>, key: string): RateState => {
    let r = map.get(key);
    const now = clock();
    if (!r || now >= r.resetAt) map.set(key, (r = { limit, used: 0, resetAt: now + 3600_000 }));
    return r;
  };

  const issueToken = (installation: FakeInstallation): IssuedToken => {
    const t = { token: `ghs_${randomBytes(18).toString("base64url")}`, expiresAt: clock() + lifetime, installationId: installation.id };
    issued.set(t.token, t);
    issuedList.push(t);
    return t;
  };

  /** Who the Authorization header says the caller is, or the 401 GitHub would answer. */
  function identify(header: string | undefined, template: string | null): { identity: Identity | null; error?: { status: number; message: string; violation?: string } } {
    const m = /^(token|bearer)\s+(\S+)$/i.exec(header ?? "");
    const wantsJwt = template !== null && requiresJwt(template);
    if (!m) {
      return { identity: null, error: { status: 401, message: "Requires authentication", violation: header ? `unreadable Authorization header` : "no Authorization header" } };
    }
    const credential = m[2]!;
    const parts = credential.split(".");
    if (parts.length === 3) {
      if (!wantsJwt) return { identity: null, error: { status: 401, message: "Bad credentials", violation: "a JWT sent to an endpoint that needs an installation token" } };
      try {
        const header = b64json(parts[0]!);
        const payload = b64json(parts[1]!);
        if (header.alg !== "RS256") return { identity: null, error: { status: 401, message: "A JSON web token could not be decoded" } };
        if (!Number.isInteger(payload.iat)) return { identity: null, error: { status: 401, message: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued" } };
        // GitHub refuses JWTs valid for more than ten minutes.
        if (typeof payload.exp !== "number" || payload.exp - payload.iat > 660) return { identity: null, error: { status: 401, message: "'Expiration time' claim ('exp') is too far in the future" } };
        if (jwtAppId !== undefined && String(payload.iss) !== String(jwtAppId)) return { identity: null, error: { status: 401, message: "Integration not found" } };
        if (publicKey && !verify("RSA-SHA256", Buffer.from(`${parts[0]}.${parts[1]}`), publicKey, Buffer.from(parts[2]!, "base64url"))) {
          return { identity: null, error: { status: 401, message: "A JSON web token could not be decoded" } };
        }
      } catch {
        return { identity: null, error: { status: 401, message: "A JSON web token could not be decoded" } };
      }
      return { identity: { kind: "app", user: app.owner } };
    }
    if (wantsJwt) return { identity: null, error: { status: 401, message: "A JSON web token could not be decoded", violation: "an installation token sent to an endpoint that needs the app's JWT" } };
    const token = issued.get(credential);
    if (token) {
      const installation = state.installations.get(token.installationId);
      if (!installation || clock() >= token.expiresAt) return { identity: null, error: { status: 401, message: "Bad credentials" } };
      return { identity: { kind: "installation", user: bot, installation } };
    }
    const fixed = staticTokens.get(credential);
    if (fixed && (fixed.expiresAt === undefined || clock() < fixed.expiresAt)) {
      const installation = fixed.installationId !== undefined ? state.installations.get(fixed.installationId) : undefined;
      return { identity: installation ? { kind: "installation", user: state.user(fixed.login), installation } : { kind: "token", user: state.user(fixed.login) } };
    }
    return { identity: null, error: { status: 401, message: "Bad credentials" } };
  }

  /** GitHub's secondary limit on content creation, when the test turned it on. */
  function overContentLimit(login: string): number | null {
    const limits = options.contentLimits;
    if (!limits) return null;
    const now = clock();
    const list = (writesBy.get(login) ?? []).filter((t) => now - t < 3600_000);
    writesBy.set(login, list);
    const lastMinute = list.filter((t) => now - t < 60_000);
    if (lastMinute.length >= limits.perMinute) return Math.ceil((lastMinute[0]! + 60_000 - now) / 1000);
    if (list.length >= limits.perHour) return Math.ceil((list[0]! + 3600_000 - now) / 1000);
    list.push(now);
    return null;
  }

  /** The app the manifest flow just created becomes the app this fake serves. */
  const adopt = (registered: RegisteredApp) => {
    jwtAppId = registered.id;
    publicKey = registered.publicKey;
    Object.assign(app, {
      id: registered.id,
      name: registered.name,
      owner: state.user(registered.owner),
      createdAt: registered.createdAt,
      description: registered.description,
      externalUrl: registered.url,
      permissions: registered.permissions,
      events: registered.events,
    });
  };
  const convertManifest = (code: string): RegisteredApp | null => {
    const registered = manifests.convert(code);
    if (registered) adopt(registered);
    return registered;
  };

  /**
   * github.com's own pages in the manifest flow (app-manifest.ts), on the web layout (no
   * /api/v3): null for any other request.
   */
  function webPage(
    method: string,
    path: string,
    raw: Buffer,
    self: URL,
    violation: (kind: Violation["kind"], message: string) => void,
  ): { route: string; status: number; html: string; headers?: Record<string, string>; body?: unknown } | null {
    const register = /^\/(?:organizations\/([^/]+)\/)?settings\/apps\/new$/.exec(path);
    if (method === "POST" && register) {
      const route = `POST ${register[1] ? "/organizations/{org}" : ""}/settings/apps/new`;
      const refused = (status: number, problems: { rejected: boolean; message: string }[]) => {
        for (const p of problems) violation(p.rejected ? "request" : "ignored", `app manifest: ${p.message}`);
        return { route, status, html: refusedPage(problems) };
      };
      const text = new URLSearchParams(raw.toString("utf8")).get("manifest");
      if (text === null) return refused(422, [{ rejected: true, message: "no `manifest` form field" }]);
      let manifest: unknown;
      try {
        manifest = JSON.parse(text);
      } catch {
        return refused(422, [{ rejected: true, message: "the manifest is not JSON" }]);
      }
      const problems = checkManifest(manifest);
      const name = (manifest as { name?: unknown }).name;
      if (!problems.some((p) => p.rejected) && typeof name === "string" && appSlug(name) !== slug) {
        problems.push({ rejected: true, message: `fake-github serves the app slug ${JSON.stringify(slug)}; this manifest would be ${JSON.stringify(appSlug(name))} (create the fake with appSlug)` });
      }
      const org = register[1] ? decodeURIComponent(register[1]) : null;
      if (org !== null && state.knownUser(org)?.type !== "Organization") return { route, status: 404, html: "<!DOCTYPE html><title>Page not found</title><h1>404</h1>" };
      if (problems.some((p) => p.rejected)) return refused(422, problems);
      for (const p of problems) violation("ignored", `app manifest: ${p.message}`);
      const ok = manifest as Record<string, unknown>;
      const code = manifests.issueCode(ok, org ?? app.owner.login);
      const back = new URL(String(ok.redirect_url));
      back.searchParams.set("code", code);
      const stateParam = self.searchParams.get("state");
      if (stateParam !== null) back.searchParams.set("state", stateParam);
      return { route, status: 302, html: `<a href="${back.toString()}">redirecting</a>`, headers: { location: back.toString() }, body: ok };
    }
    const install = /^\/apps\/([^/]+)\/installations\/new$/.exec(path);
    if (method === "GET" && install) {
      const route = "GET /apps/{slug}/installations/new";
      const registered = manifests.registered.at(-1);
      if (!registered || decodeURIComponent(install[1]!) !== registered.slug) return { route, status: 404, html: "<!DOCTYPE html><title>Page not found</title><h1>404</h1>" };
      const accounts = [...new Set([registered.owner, ...[...state.installations.values()].map((i) => i.account.login)])];
      return { route, status: 200, html: installPage(registered, accounts) };
    }
    return null;
  }

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > MAX_REQUEST_BYTES) {
          reject(new Error("request body too large"));
          req.destroy();
        } else chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks)));
      req.on("error", reject);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const self = new URL(req.url ?? "/", `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
    const method = (req.method ?? "GET").toUpperCase();
    let path = self.pathname;
    let prefix = "";
    let isGraphql = false;
    if (path === "/api/graphql" || path === "/graphql") isGraphql = true;
    else if (path.startsWith("/api/v3/") || path === "/api/v3") {
      prefix = "/api/v3";
      path = path.slice(prefix.length) || "/";
    }
    const urls: Urls = { api: `${self.origin}${prefix}`, web: self.origin };
    const entry: LoggedRequest = { seq: ++seq, at: clock(), method, path, query: self.search, route: null, operationId: null, kind: method === "GET" || method === "HEAD" ? "rest-read" : "rest-write", status: 0, ms: 0 };
    const violation = (kind: Violation["kind"], message: string) => violations.push({ kind, method, path, route: entry.route, message });

    const send = (status: number, payload: { json?: unknown; text?: string }, headers: Record<string, string> = {}, login?: string) => {
      if (res.writableEnded || res.destroyed) return;
      const out: Record<string, string> = { "x-github-request-id": `FAKE:${entry.seq}`, "x-github-api-version-selected": "2022-11-28", ...headers };
      if (login && !isGraphql) {
        const rate = rateOf(restRates, login);
        out["x-ratelimit-limit"] ??= String(rate.limit);
        out["x-ratelimit-remaining"] ??= String(Math.max(0, rate.limit - rate.used));
        out["x-ratelimit-used"] ??= String(rate.used);
        out["x-ratelimit-reset"] ??= String(Math.floor(rate.resetAt / 1000));
        out["x-ratelimit-resource"] ??= "core";
      }
      let data: string | undefined;
      if (payload.text !== undefined) {
        data = payload.text;
        out["content-type"] ??= "text/plain; charset=utf-8";
      } else if (payload.json !== undefined) {
        data = JSON.stringify(payload.json);
        out["content-type"] ??= "application/json; charset=utf-8";
      }
      res.writeHead(status, out);
      res.end(data);
      finish(status);
    };
    const finish = (status: number) => {
      entry.status = status;
      entry.ms = performance.now() - started;
      counts.total++;
      if (entry.kind === "rest-read") counts.restRead++;
      else if (entry.kind === "rest-write") counts.restWrite++;
      else if (entry.kind === "graphql") counts.graphql++;
      else if (entry.kind === "auth") counts.auth++;
      if (entry.route) counts.byRoute[entry.route] = (counts.byRoute[entry.route] ?? 0) + 1;
      if (entry.fault) counts.faulted++;
      if (logMode === "no-bodies") delete entry.body;
      if (logMode !== false) requests.push(entry);
    };
    const sendError = (a: { status: number; json?: unknown }, login?: string, headers: Record<string, string> = {}) => send(a.status, { json: a.json }, headers, login);

    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch {
      return sendError(githubError(413, "Request body too large"));
    }
    if (!isGraphql && prefix === "") {
      const page = webPage(method, path, raw, self, violation);
      if (page) {
        entry.kind = "web";
        entry.route = page.route;
        entry.body = page.body;
        return send(page.status, { text: page.html }, { "content-type": "text/html; charset=utf-8", ...page.headers });
      }
    }
    let body: unknown;
    const hasBody = raw.length > 0;
    if (hasBody) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        violation("request", "the body is not JSON");
        return sendError(githubError(400, "Problems parsing JSON"));
      }
    }
    entry.body = body;

    // 1. Route.
    let operation: Operation | null = null;
    let params: Record<string, string> = {};
    if (isGraphql) {
      entry.route = "POST /graphql";
      entry.kind = "graphql";
      if (method !== "POST") {
        violation("unknown-route", `${method} ${self.pathname}: GraphQL takes POST`);
        return sendError(githubError(404, "Not Found"));
      }
    } else {
      const match = matchRoute(method, path);
      if (!match) {
        violation("unknown-route", `${method} ${path} is not an operation of GitHub's REST description`);
        return sendError(githubError(404, "Not Found"));
      }
      operation = match.operation;
      params = match.params;
      entry.route = `${operation.method} ${operation.template}`;
      entry.operationId = operation.operationId;
      if (operation.operationId === "apps/create-installation-access-token") entry.kind = "auth";
    }

    // 2. Credentials (none for the manifest conversion: its one-time code is the credential).
    const anonymous = operation?.operationId === "apps/create-from-manifest" && req.headers.authorization === undefined;
    const who: ReturnType<typeof identify> = anonymous ? { identity: { kind: "anonymous", user: ANONYMOUS } } : identify(req.headers.authorization, operation?.template ?? null);
    if (!who.identity) {
      if (who.error?.violation) violation("auth", who.error.violation);
      const message = isGraphql && !req.headers.authorization ? "This endpoint requires you to be authenticated." : who.error!.message;
      return sendError(githubError(who.error!.status, message));
    }
    const identity = who.identity;
    const login = identity.user.login;
    entry.login = login;

    // 3. The request against GitHub's description.
    if (operation) {
      const problems = checkRequest({ operation, params }, self.searchParams, body, hasBody);
      for (const p of problems) violation(p.rejected ? "request" : "ignored", p.message);
      const refused = problems.find((p) => p.rejected);
      if (refused) {
        if (refused.where === "path") return sendError(githubError(404, "Not Found"), login);
        return sendError(githubError(422, refused.message.startsWith("Invalid request") ? refused.message : `Invalid request.\n\n${refused.message}`), login);
      }
    }

    // 4. Injected faults.
    const fault = table.take(method, path, isGraphql ? "/graphql" : (operation?.template ?? null));
    if (fault) {
      entry.fault = JSON.stringify(fault);
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.hang) {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        finish(0);
        return;
      }
    }
    const faultAnswer = (f: Fault) => {
      if (f.reset) {
        finish(0);
        req.socket.destroy();
        return;
      }
      const status = f.status!;
      const json = f.body ?? { message: DEFAULT_MESSAGES[status] ?? "Fault injected by fake-github", documentation_url: "https://docs.github.com/rest", status: String(status) };
      sendError({ status, json }, login, f.headers ?? {});
    };
    if (fault && (fault.status !== undefined || fault.reset) && !fault.afterApply) return faultAnswer(fault);

    // 5. GitHub's limits.
    if (!isGraphql && entry.kind === "rest-write") {
      const wait = overContentLimit(login);
      if (wait !== null) {
        counts.secondaryLimited++;
        return sendError(
          githubError(403, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."),
          login,
          { "retry-after": String(wait) },
        );
      }
    }
    if (!isGraphql) {
      const rate = rateOf(restRates, login);
      if (rate.used >= rate.limit) {
        return sendError(githubError(403, `API rate limit exceeded for ${login}.`), login, { "x-ratelimit-remaining": "0" });
      }
      rate.used++;
    }

    // 6. The real answer.
    if (isGraphql) {
      const call: GraphqlCall = {
        state,
        urls,
        viewer: identity.user,
        canSee: (repo) => identity.kind === "token" || (identity.installation !== undefined && state.installationCovers(identity.installation, repo)),
        rate: rateOf(graphqlRates, login),
        now: clock(),
      };
      const result = runGraphql(body, call);
      if (result.unimplemented) violation("unimplemented", `GraphQL ${result.unimplemented}`);
      entry.cost = result.cost;
      counts.graphqlCost += result.cost;
      if (fault?.afterApply) return faultAnswer(fault);
      const rate = call.rate;
      return send(200, { json: result.json }, {
        "x-ratelimit-limit": String(rate.limit),
        "x-ratelimit-remaining": String(Math.max(0, rate.limit - rate.used)),
        "x-ratelimit-used": String(rate.used),
        "x-ratelimit-reset": String(Math.floor(rate.resetAt / 1000)),
        "x-ratelimit-resource": "graphql",
      }, login);
    }
    const handler = handlers[operation!.operationId];
    if (!handler) {
      violation("unimplemented", `fake-github does not serve ${entry.route} (${operation!.operationId})`);
      return sendError(githubError(501, `fake-github does not implement ${operation!.operationId}`), login);
    }
    const request: RestRequest = {
      state,
      urls,
      app,
      identity,
      params,
      query: self.searchParams,
      body,
      accept: String(req.headers.accept ?? ""),
      selfUrl: self,
      issueToken,
      convertManifest,
      rate: rateOf(restRates, login),
    };
    const answer = handler(request);
    if (fault?.afterApply) return faultAnswer(fault);
    if (options.strictResponses && answer.json !== undefined && answer.status < 300) {
      for (const problem of checkResponse(operation!, answer.status, answer.json)) violation("response", `answer ${answer.status}: ${problem}`);
    }
    send(answer.status, answer, answer.headers, login);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      violations.push({ kind: "unimplemented", method: req.method ?? "?", path: req.url ?? "?", route: null, message: `fake-github crashed: ${String((error as Error)?.stack ?? error)}` });
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ message: "fake-github crashed", documentation_url: "https://docs.github.com/rest" }));
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const urls = (): Urls => ({ api: `${url}/api/v3`, web: url });

  const fake: FakeGitHub = {
    url,
    port,
    apiUrl: `${url}/api/v3`,
    state,
    requests,
    violations,
    get counts() {
      return counts;
    },
    resetCounts() {
      counts = emptyCounts();
      requests.length = 0;
    },
    setFault: (match, fault) => table.add(match, fault),
    setLatency: (match, ms) => table.add(match, { delayMs: ms, times: Infinity }),
    clearFaults: () => table.clear(),
    expireTokens() {
      const now = clock();
      for (const t of issued.values()) t.expiresAt = Math.min(t.expiresAt, now);
    },
    issuedTokens: issuedList,
    addToken(token, o) {
      staticTokens.set(token, o);
    },
    payloads: new Payloads(state, app, urls),
    registeredApps: manifests.registered,
    warmUp() {
      warmUpOpenApi();
      githubSchema();
      return { openapiMs: specLoadMs(), graphqlMs: graphqlSchemaMs() };
    },
    async close() {
      for (const res of hanging) res.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },

    addInstallation: (seed) => state.addInstallation(seed),
    addRepo: (seed) => state.addRepo(seed),
    setFile: (fullName, path, content) => state.setFile(fullName, path, content),
    addLabel: (fullName, seed) => void state.addLabel(fullName, seed),
    addIssue: (fullName, seed) => state.addIssue(fullName, seed),
    addTimelineEvent: (fullName, number, seed) => void state.addTimelineEvent(fullName, number, seed),
    addMember: (org, login) => state.addMember(org, login),

    labelsOf: (fullName, number) => state.issue(fullName, number).labels.map((l) => l.name),
    commentsOf: (fullName, number) => state.commentsOf(state.issue(fullName, number)).map((c) => commentJson(c, urls())),
    timelineOf: (fullName, number) => {
      const issue = state.issue(fullName, number);
      return issue.timeline.map((e) => timelineJson(e, issue, urls()));
    },
    issueOf: (fullName, number) => issueJson(state.issue(fullName, number), urls()),
    repoLabels: (fullName) => {
      const repo = state.repo(fullName);
      return repo.labels.map((l) => labelJson(l, repo, urls()));
    },
    snapshot: (fullName) => {
      const repo = state.repo(fullName);
      return {
        labels: repo.labels.map((l) => ({ name: l.name, color: l.color, description: l.description })),
        issues: repo.issues.map((i) => ({
          number: i.number,
          state: i.state,
          stateReason: i.stateReason,
          labels: i.labels.map((l) => l.name),
          comments: state.commentsOf(i).map((c) => ({ user: c.user.login, body: c.body })),
        })),
      };
    },
  };
  return fake;
}

export { iso };
