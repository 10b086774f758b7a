// Waiting out GitHub's rate limits (403/429). GitHub says how long: a
// `retry-after` header in seconds, or `x-ratelimit-reset` (epoch seconds)
// when the primary limit is used up; for a secondary limit without either it
// asks for at least a minute. A wait longer than the caller allows is not
// waited: the work is left for the next sweep.
import { statusOf } from "./types.js";

export class RateLimited extends Error {
  override name = "RateLimited";
  constructor(readonly waitMs: number) {
    super(`GitHub rate limit: retry in ${Math.ceil(waitMs / 1000)} s`);
  }
}

/** How long GitHub asks to wait, or null when the error is not a rate limit. */
export function rateLimitWait(error: unknown, now: number): number | null {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return null;
  const response = (error as { response?: { headers?: Record<string, string | undefined>; data?: { message?: string } } }).response;
  const headers = response?.headers ?? {};
  const message = response?.data?.message ?? (error as Error).message ?? "";
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && headers["retry-after"] !== undefined) return Math.max(0, retryAfter) * 1000;
  if (headers["x-ratelimit-remaining"] === "0" && headers["x-ratelimit-reset"]) {
    return Math.max(0, Number(headers["x-ratelimit-reset"]) * 1000 - now);
  }
  if (status === 429 || /secondary rate limit|abuse/i.test(message)) return 60_000;
  return null; // a plain 403 (permissions) is not a rate limit
}

/**
 * Runs `work`, waiting once for a rate limit that asks for at most `maxWaitMs`.
 * Throws RateLimited when GitHub asks for longer, or limits again.
 */
export async function withRateLimitRetry<T>(
  work: () => Promise<T>,
  options: { now: () => number; sleep: (ms: number) => Promise<void>; maxWaitMs: number; onWait?: (ms: number) => void },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const wait = rateLimitWait(error, options.now());
    if (wait === null) throw error;
    if (wait > options.maxWaitMs) throw new RateLimited(wait);
    options.onWait?.(wait);
    await options.sleep(wait);
    try {
      return await work();
    } catch (again) {
      const second = rateLimitWait(again, options.now());
      if (second === null) throw again;
      throw new RateLimited(second);
    }
  }
}
