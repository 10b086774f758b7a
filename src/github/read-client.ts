// GraphQL reads without Probot's write spacing. Probot's Octokit hands every
// `/graphql` request, queries included, to the throttling plugin's write
// limiter (one at a time, 1 s apart per installation), so reading 10,000
// incidents took about 6 minutes of waiting on a queue meant for writes.
//
// What this module decides:
//   - A query goes through a reader: an Octokit of the writer's own class
//     (Probot's plugins, its request logging, its GitHub), with throttling
//     off, the writer's installation token and the 15 s request deadline
//     (request-timeout.ts). Probot's retries stay, except for 429, whose
//     `retry-after` is honoured here instead.
//   - A mutation (a document whose first operation is `mutation`) is never
//     read: it goes to the writer, spaced as Probot spaces writes.
//   - GitHub's limits, by the rules of rate-limit.ts: a 403/429 with
//     `retry-after`, or with `x-ratelimit-remaining: 0` until
//     `x-ratelimit-reset`, and GraphQL's own RATE_LIMITED answer, are waited
//     out once when GitHub asks for at most `maxWaitMs`; longer, or limited
//     again, throws RateLimited and the work is left for later. An answer that
//     says the limit is used up makes the next read wait for the reset first,
//     instead of being refused.
//   - One reader per installation, kept while the writer's token is the same
//     and until 5 minutes before that token expires (GitHub's last an hour);
//     then a fresh token is asked for. A writer without a token (no
//     installation) reads through itself.
//   - A read that fails is logged at warn with what was being read (the
//     query's name, the repository, the installation) and thrown on.
import { RateLimited, rateLimitWait } from "./rate-limit.js";
import { withRequestTimeout } from "./request-timeout.js";
import { type Octokit, messageOf, statusOf } from "./types.js";

const REFRESH_BEFORE_MS = 5 * 60_000;
/** GitHub asks for at least a minute when it says nothing more. */
const UNSPECIFIED_WAIT_MS = 60_000;
/** Probot's retry plugin's list, plus 429: its `retry-after` is waited out here, not after 1, 4, 9 s. */
const NOT_RETRIED_BY_PROBOT = [400, 401, 403, 404, 410, 422, 429, 451];

type Graphql = Octokit["graphql"];
type Log = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };

export interface ReadClientOptions {
  /** The clock GitHub's reset times are compared with (the caller's; tests make it fake). */
  now: () => number;
  /** Waits out a limit; tests observe it. */
  sleep: (ms: number) => Promise<void>;
  /** Longer waits are not waited: RateLimited is thrown (default 60 s). */
  maxWaitMs?: number;
  /** Told of every wait (a metric). */
  onWait?: (ms: number) => void;
  /** Where waits and failures are logged; the writer's log when absent. */
  log?: Log;
  /** The clock token lifetimes are compared with (default: `now`). */
  tokenNow?: () => number;
}

interface Reader {
  token: string;
  refreshAt: number;
  graphql: Graphql;
}

/** Whether a GraphQL document's first operation is a mutation (comments and whitespace before it allowed). */
export function isMutation(query: string): boolean {
  const text = query.replace(/^(?:\s+|#[^\n]*(?:\n|$))+/, "");
  return /^mutation\b/.test(text);
}

/** How long a failed read asks to wait, or null when it was not refused for a limit. */
export function readLimitWait(error: unknown, now: number): number | null {
  const http = rateLimitWait(error, now);
  if (http !== null) return http;
  // GraphQL's primary limit can come as an answer with errors of type RATE_LIMITED.
  const { errors, headers } = error as { errors?: { type?: string }[]; headers?: Record<string, string | undefined> };
  if (!Array.isArray(errors) || !errors.some((e) => e?.type === "RATE_LIMITED")) return null;
  const reset = Number(headers?.["x-ratelimit-reset"]);
  return Number.isFinite(reset) && headers?.["x-ratelimit-reset"] !== undefined ? Math.max(0, reset * 1000 - now) : UNSPECIFIED_WAIT_MS;
}

/** The operation's name and the repository, for a log line about it. */
function whatIsRead(query: string, variables: Record<string, unknown>): Record<string, unknown> {
  const name = /^\s*(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query.replace(/^(?:\s+|#[^\n]*(?:\n|$))+/, ""))?.[1] ?? "anonymous query";
  const repo = typeof variables.owner === "string" && typeof variables.name === "string" ? `${variables.owner}/${variables.name}` : undefined;
  return { query: name, ...(repo ? { repo } : {}) };
}

export class ReadClients {
  private readonly readers = new Map<string, Reader>();
  /** The installation's GraphQL limit as its last answer told it: reads wait for the reset once it is used up. */
  private readonly usedUpUntil = new Map<string, number>();

  constructor(private readonly options: ReadClientOptions) {}

  /**
   * The GraphQL function for one installation: queries through its reader,
   * mutations through `writer` (spaced). `writer` is the installation's
   * Probot Octokit; a new one (after a token refresh) may be passed any time.
   */
  graphqlFor(writer: Octokit, installationId: number | string): Graphql {
    const send = async (query: string | Record<string, unknown>, parameters: Record<string, unknown> = {}) => {
      const { query: document, ...rest } = typeof query === "string" ? { query, ...parameters } : { ...query, ...parameters };
      if (typeof document !== "string") throw new Error("a GraphQL request needs a query");
      if (isMutation(document)) return writer.graphql(document, rest);
      return this.read(writer, String(installationId), document, rest);
    };
    return Object.assign(send, { defaults: writer.graphql.defaults, endpoint: writer.graphql.endpoint });
  }

  private async read(writer: Octokit, id: string, query: string, variables: Record<string, unknown>): Promise<unknown> {
    const { now, sleep, onWait } = this.options;
    const maxWaitMs = this.options.maxWaitMs ?? 60_000;
    const log = this.options.log ?? (writer.log as unknown as Log);
    const what = { installation: id, ...whatIsRead(query, variables) };
    const attempt = async () => {
      const graphql = await this.readerFor(writer, id);
      return graphql(query, variables);
    };
    const wait = async (ms: number, why: string) => {
      if (ms > maxWaitMs) throw new RateLimited(ms);
      onWait?.(ms);
      log.info({ ...what, waitMs: ms }, `GitHub read waits ${Math.ceil(ms / 1000)} s: ${why}`);
      await sleep(ms);
    };
    try {
      const until = this.usedUpUntil.get(id);
      if (until !== undefined && until > now()) await wait(until - now(), "the installation's GraphQL limit is used up until its reset");
      try {
        return await attempt();
      } catch (error) {
        const ms = readLimitWait(error, now());
        if (ms === null) throw error;
        await wait(ms, "rate limited by GitHub");
        try {
          return await attempt();
        } catch (again) {
          const second = readLimitWait(again, now());
          throw second === null ? again : new RateLimited(second);
        }
      }
    } catch (error) {
      const status = statusOf(error);
      log.warn({ ...what, error: messageOf(error), ...(status !== undefined ? { status } : {}) }, "GitHub read failed");
      throw error;
    }
  }

  /** The installation's reader, built anew when the writer's token changed or is about to expire. */
  private async readerFor(writer: Octokit, id: string): Promise<Graphql> {
    const tokenNow = this.options.tokenNow ?? this.options.now;
    let auth = (await writer.auth({ type: "installation" })) as { token?: unknown; expiresAt?: unknown };
    if (typeof auth.token !== "string") return writer.graphql; // no installation token: nothing to read with but the writer
    const cached = this.readers.get(id);
    if (cached && cached.token === auth.token && tokenNow() < cached.refreshAt) return cached.graphql;
    if (typeof auth.expiresAt === "string" && Date.parse(auth.expiresAt) - tokenNow() < REFRESH_BEFORE_MS) {
      auth = (await writer.auth({ type: "installation", refresh: true })) as typeof auth;
      if (typeof auth.token !== "string") return writer.graphql;
    }
    const token = auth.token;
    const expires = typeof auth.expiresAt === "string" ? Date.parse(auth.expiresAt) : Number.NaN;
    // Still expiring after a refresh (a fixed token): looked at again in a minute, not on every read.
    const refreshAt = Number.isFinite(expires) ? Math.max(expires - REFRESH_BEFORE_MS, tokenNow() + 60_000) : Number.POSITIVE_INFINITY;
    const reader: Reader = { token, refreshAt, graphql: await this.build(writer, token, id) };
    this.readers.set(id, reader);
    return reader.graphql;
  }

  /** An Octokit of the writer's class and options, with the token, throttling off and the request deadline. */
  private async build(writer: Octokit, token: string, id: string): Promise<Graphql> {
    type Made = { octokit?: Octokit; octokitOptions?: Record<string, unknown> };
    // Probot's auth strategies hand the writer's constructor options to a factory (Probot builds installation clients this way).
    const made = (await writer.auth({ type: "installation", factory: (args: Made) => args })) as Made;
    const options = made.octokitOptions;
    if (!options) return writer.graphql; // not Probot's auth: no options to build a reader from
    const octokit = withRequestTimeout(
      new (writer.constructor as new (options: Record<string, unknown>) => Octokit)({
        ...options,
        auth: { token },
        throttle: { enabled: false },
        retry: { ...(options.retry as object | undefined), doNotRetry: NOT_RETRIED_BY_PROBOT },
      }),
    );
    octokit.hook.after("request", (response) => this.noteLimit(id, response.headers));
    octokit.hook.error("request", (error) => {
      this.noteLimit(id, (error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
      throw error;
    });
    return octokit.graphql;
  }

  private noteLimit(id: string, headers: Record<string, unknown> | undefined): void {
    if (headers?.["x-ratelimit-remaining"] === "0" && headers["x-ratelimit-reset"] !== undefined) {
      this.usedUpUntil.set(id, Number(headers["x-ratelimit-reset"]) * 1000);
    } else if (headers?.["x-ratelimit-remaining"] !== undefined) this.usedUpUntil.delete(id);
  }
}
