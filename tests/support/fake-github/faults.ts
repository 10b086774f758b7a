// Faults a test can inject per route: GitHub's 5xx (before or after the
// write was applied), timeouts, dropped connections, primary and secondary
// rate limits, and slow routes.

export interface FaultMatch {
  /** "POST /repos/{owner}/{repo}/issues/{issue_number}/comments" (GitHub's route template) or "POST /graphql". */
  route?: string;
  method?: string;
  /** The concrete path without /api/v3 and query, e.g. "/repos/o/r/issues/1/comments", or a pattern. */
  path?: string | RegExp;
}

export interface Fault {
  /** Answer with this status instead of the real answer. */
  status?: number;
  /** JSON body of that answer (default: GitHub's message for the status). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Apply the request first (the write happens), then answer with the fault. */
  afterApply?: boolean;
  /** Wait this long (real milliseconds) before handling; alone, it only slows the route. */
  delayMs?: number;
  /** Never answer (until the fake closes): a client timeout. */
  hang?: boolean;
  /** Drop the connection instead of answering. */
  reset?: boolean;
  /** How many matching requests it hits (default 1; Infinity for every one). */
  times?: number;
}

export interface FaultHandle {
  readonly match: FaultMatch;
  readonly fault: Fault;
  /** Requests it has hit so far. */
  hits: number;
  remove(): void;
}

const DOCS_SECONDARY = "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const DOCS_PRIMARY = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

/** Ready-made faults with GitHub's own bodies and headers. */
export const faults = {
  status: (status: number, options: { afterApply?: boolean; times?: number } = {}): Fault => ({ status, ...options }),
  /** A 502 after GitHub stored the write: the client cannot know it succeeded. */
  badGatewayAfterWrite: (times = 1): Fault => ({ status: 502, afterApply: true, times }),
  /** 403 "You have exceeded a secondary rate limit", with `retry-after` when given. */
  secondaryRateLimit: (options: { retryAfter?: number; times?: number } = {}): Fault => ({
    status: 403,
    body: {
      message:
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:0000.",
      documentation_url: DOCS_SECONDARY,
      status: "403",
    },
    headers: options.retryAfter !== undefined ? { "retry-after": String(options.retryAfter) } : {},
    times: options.times ?? 1,
  }),
  /** 403 with x-ratelimit-remaining: 0 and the reset time (epoch seconds). */
  primaryRateLimit: (resetEpochSeconds: number, times = 1): Fault => ({
    status: 403,
    body: { message: "API rate limit exceeded for installation ID 0.", documentation_url: DOCS_PRIMARY, status: "403" },
    headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(resetEpochSeconds), "x-ratelimit-used": "5000", "x-ratelimit-limit": "5000" },
    times,
  }),
  tooManyRequests: (options: { retryAfter?: number; times?: number } = {}): Fault => ({
    status: 429,
    body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: DOCS_SECONDARY, status: "429" },
    headers: options.retryAfter !== undefined ? { "retry-after": String(options.retryAfter) } : {},
    times: options.times ?? 1,
  }),
  delay: (ms: number, times = 1): Fault => ({ delayMs: ms, times }),
  hang: (times = 1): Fault => ({ hang: true, times }),
  reset: (options: { afterApply?: boolean; times?: number } = {}): Fault => ({ reset: true, ...options }),
};

export const DEFAULT_MESSAGES: Record<number, string> = {
  500: "Server Error",
  502: "Server Error",
  503: "Service Unavailable",
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

export class FaultTable {
  private readonly list: FaultHandle[] = [];

  add(match: FaultMatch, fault: Fault): FaultHandle {
    const list = this.list;
    const handle: FaultHandle = {
      match,
      fault: { times: 1, ...fault },
      hits: 0,
      remove() {
        const i = list.indexOf(handle);
        if (i >= 0) list.splice(i, 1);
      },
    };
    list.push(handle);
    return handle;
  }

  clear(): void {
    this.list.length = 0;
  }

  /** The first fault that matches the request, counted as hit (and dropped when used up). */
  take(method: string, path: string, template: string | null): Fault | null {
    for (const handle of this.list) {
      const m = handle.match;
      if (m.method && m.method.toUpperCase() !== method) continue;
      if (m.route) {
        const [rm, rt] = m.route.split(" ") as [string, string];
        if (rm.toUpperCase() !== method || (rt !== template && rt !== path)) continue;
      }
      if (m.path !== undefined && (typeof m.path === "string" ? m.path !== path : !m.path.test(path))) continue;
      handle.hits++;
      if (handle.hits >= (handle.fault.times ?? 1)) handle.remove();
      return handle.fault;
    }
    return null;
  }
}
