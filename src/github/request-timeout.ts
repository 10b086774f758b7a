// A deadline for every GitHub request, retries included (15 s: GitHub itself
// gives up on a GraphQL query after 10 s). Node's fetch would wait minutes for
// an answer that never comes, and Octokit would then retry it; one hung
// connection would hold that queue (deliveries for one issue are
// handled one at a time) and one of Octokit's concurrent slots. A request
// past its deadline fails like a dropped connection: the webhook's work is
// redone by a redelivery or the next sweep.
import type { Octokit } from "./types.js";

export const REQUEST_TIMEOUT_MS = 15_000;

const timed = new WeakSet<object>();

export function withRequestTimeout<T extends Octokit>(octokit: T, ms: number = REQUEST_TIMEOUT_MS): T {
  if (timed.has(octokit)) return octokit;
  timed.add(octokit);
  // Registered last, so it wraps Octokit's own retries: the deadline is for the whole call.
  octokit.hook.wrap("request", async (request, options) => {
    // Octokit's hooks hand the same options object down the chain: it is changed in place.
    const own = (options.request ??= {}) as { signal?: AbortSignal; retries?: number };
    const deadline = new AbortController();
    own.signal = own.signal ? AbortSignal.any([own.signal, deadline.signal]) : deadline.signal;
    const timer = setTimeout(() => {
      own.retries = 0; // what is under way gives up instead of trying again
      deadline.abort(new Error(`GitHub did not answer ${options.method} ${options.url} within ${ms / 1000} s`));
    }, ms);
    try {
      return await request(options);
    } finally {
      clearTimeout(timer);
    }
  });
  return octokit;
}
