// A deadline for every GitHub request (15 s of waiting for GitHub; time spent
// in Octokit's own queue for write spacing does not count). GitHub itself
// gives up on a GraphQL query after 10 s. Node's fetch would wait minutes for
// an answer that never comes, and Octokit would then retry it; one hung
// connection would hold that queue (deliveries for one issue are
// handled one at a time) and one of Octokit's concurrent slots. A request past
// its deadline fails like a dropped connection and is not retried: the
// webhook's work is redone by a redelivery or the next sweep.
import type { Octokit } from "./types.js";

const REQUEST_TIMEOUT_MS = 15_000;

const timed = new WeakSet<object>();

type RequestOptions = { fetch?: typeof fetch; retries?: number };

export function withRequestTimeout<T extends Octokit>(octokit: T, ms: number = REQUEST_TIMEOUT_MS): T {
  if (timed.has(octokit)) return octokit;
  timed.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    // Octokit's hooks hand the same options object down the chain: it is changed in place,
    // and the deadline starts when the request really goes out (the fetch), not when it queues.
    const own = (options.request ??= {}) as RequestOptions;
    const send = own.fetch ?? globalThis.fetch;
    own.fetch = async (input, init) => {
      const deadline = AbortSignal.timeout(ms);
      try {
        return await send(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
      } catch (error) {
        if (!deadline.aborted) throw error;
        own.retries = 0; // a hung GitHub is not asked again within this call
        throw new Error(`GitHub did not answer ${options.method} ${options.url} within ${ms / 1000} s`);
      }
    };
    return request(options);
  });
  return octokit;
}
