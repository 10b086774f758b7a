// No lost events (README, Health and metrics: failed deliveries are redelivered): GitHub
// records a webhook delivery the app did not answer with 2xx (down, restarting, too slow)
// as failed and never sends it again by itself. After a start and on each reconciliation the
// app lists its recent deliveries with its JWT (GET /app/hook/deliveries) and asks GitHub to
// send each failed one again (POST /app/hook/deliveries/{delivery_id}/attempts), once per
// event (guid). Handling an event twice is harmless: every write is checked before it is made.
import type { Octokit } from "../github/types.js";
import { messageOf, statusOf } from "../github/types.js";

/** The fields of GitHub's "simple webhook delivery" the choice needs. */
export interface DeliveryItem {
  id: number;
  /** The event's id, shared by its first delivery and every redelivery. */
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  /** "OK" for an answered delivery; otherwise what went wrong ("failed to connect", "Invalid HTTP Response: 503"). */
  status: string;
  /** 0 when no answer came at all. */
  status_code: number;
  event: string;
  action?: string | null;
}

/** An answered delivery: GitHub says OK, or the app answered 2xx (Probot's 202 after 9 s is an answer). */
export const succeeded = (d: DeliveryItem): boolean => d.status === "OK" || (d.status_code >= 200 && d.status_code < 300);

/**
 * Which deliveries to ask GitHub to send again, oldest first (events replay in their order):
 * for each event (guid) none of whose deliveries succeeded, its newest failed delivery since
 * `since`. An event is left alone when any of its deliveries succeeded (an earlier redelivery
 * included), when this process already asked for it, or when a redelivery of it was already
 * tried (by an earlier run of the app, another replica or a person): each event once.
 */
export function chooseRedeliveries(deliveries: readonly DeliveryItem[], o: { since: number; asked: ReadonlySet<string> }): DeliveryItem[] {
  const byGuid = new Map<string, DeliveryItem[]>();
  for (const d of deliveries) byGuid.set(d.guid, [...(byGuid.get(d.guid) ?? []), d]);
  const chosen: DeliveryItem[] = [];
  for (const [guid, all] of byGuid) {
    if (o.asked.has(guid) || all.some(succeeded) || all.some((d) => d.redelivery)) continue;
    const recent = all.filter((d) => Date.parse(d.delivered_at) >= o.since);
    if (recent.length === 0) continue;
    chosen.push(recent.reduce((a, b) => (Date.parse(b.delivered_at) > Date.parse(a.delivered_at) ? b : a)));
  }
  return chosen.sort((a, b) => Date.parse(a.delivered_at) - Date.parse(b.delivered_at) || a.id - b.id);
}

/** Where the next look-back starts: the window, or shortly before the last complete check when that is later. */
export function lookBackStart(now: number, o: { windowMs: number; lastCheck: number | null; overlapMs: number }): number {
  const window = now - o.windowMs;
  return o.lastCheck === null ? window : Math.max(window, o.lastCheck - o.overlapMs);
}

export interface RedeliveryDeps {
  /** The app's own client (its JWT): the deliveries are the app's, not an installation's. */
  appOctokit: () => Promise<Octokit>;
  now: () => number;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** How far back the first check looks (GitHub keeps deliveries for a few days and redelivers only those). */
  windowMs: number;
  /** Pages of 100 deliveries read at most per check. */
  maxPages: number;
  /** Told of each redelivery asked for, and of each failure (metrics). */
  count?: (outcome: "redelivered" | "failed" | "list failed") => void;
}

export interface RedeliveryCheck {
  listed: number;
  redelivered: number;
  failed: number;
  /** The page cap stopped the look-back before `since`. */
  truncated: boolean;
}

/** How long earlier checks' events are remembered, and how much two checks' look-backs overlap. */
const OVERLAP_MS = 10 * 60_000;

/**
 * The shell: one check lists the deliveries since the last complete check (at most the window,
 * at most `maxPages` pages), asks for the chosen redeliveries and remembers them. Never throws:
 * every failure is logged with what was being done and counted.
 */
export function createRedeliveries(deps: RedeliveryDeps): { check: () => Promise<RedeliveryCheck> } {
  /** guid → when this process asked for it; forgotten once older than the window. */
  const asked = new Map<string, number>();
  let lastCheck: number | null = null;
  let running: Promise<RedeliveryCheck> | null = null;

  async function once(): Promise<RedeliveryCheck> {
    const started = deps.now();
    const since = lookBackStart(started, { windowMs: deps.windowMs, lastCheck, overlapMs: OVERLAP_MS });
    for (const [guid, at] of asked) if (at < started - deps.windowMs) asked.delete(guid);
    const result: RedeliveryCheck = { listed: 0, redelivered: 0, failed: 0, truncated: false };
    const deliveries: DeliveryItem[] = [];
    let octokit: Octokit;
    try {
      octokit = await deps.appOctokit();
      let pages = 0;
      for await (const page of octokit.paginate.iterator(octokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
        pages++;
        const items = page.data as DeliveryItem[];
        deliveries.push(...items);
        // Newest first: a page reaching back past `since` is the last one needed.
        if (items.length === 0 || items.some((d) => Date.parse(d.delivered_at) < since)) break;
        if (pages >= deps.maxPages) {
          result.truncated = true;
          break;
        }
      }
    } catch (error) {
      deps.count?.("list failed");
      deps.log.error({ err: error, status: statusOf(error), error: messageOf(error) }, "failed webhook deliveries not checked: the app's deliveries could not be listed");
      return result;
    }
    result.listed = deliveries.length;
    if (result.truncated) deps.log.warn({ pages: deps.maxPages, since: new Date(since).toISOString() }, "webhook deliveries: look-back cut at the page cap; older failures are not redelivered");
    const seen = new Set(asked.keys());
    for (const d of chooseRedeliveries(deliveries, { since, asked: seen })) {
      const where = { delivery: d.id, guid: d.guid, event: d.action ? `${d.event}.${d.action}` : d.event, deliveredAt: d.delivered_at, failedWith: d.status };
      // Asked once whatever GitHub answers: each event is redelivered once.
      asked.set(d.guid, started);
      try {
        // No automatic retry of this POST: GitHub may have started the attempt already.
        await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: d.id, request: { retries: 0 } });
        result.redelivered++;
        deps.count?.("redelivered");
        deps.log.info(where, "failed webhook delivery redelivered");
      } catch (error) {
        result.failed++;
        deps.count?.("failed");
        deps.log.error({ ...where, err: error, status: statusOf(error), error: messageOf(error) }, "failed webhook delivery could not be redelivered");
      }
    }
    lastCheck = started;
    deps.log.info({ ...result, since: new Date(since).toISOString() }, "webhook deliveries checked");
    return result;
  }

  return {
    // Never two checks at once in this process (a start and a reconciliation close together).
    check: () => {
      running ??= once().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

const perApp = new WeakMap<object, ReturnType<typeof appRedeliveries>>();

/** The one check state of an app instance (made on its first reconciliation, kept for the next ones). */
export function redeliveriesOf(app: Parameters<typeof appRedeliveries>[0], metrics: Parameters<typeof appRedeliveries>[1], now: () => number): ReturnType<typeof appRedeliveries> {
  if (!perApp.has(app)) perApp.set(app, appRedeliveries(app, metrics, now));
  return perApp.get(app);
}

/**
 * The app's checks: REDELIVERY_WINDOW seconds of look-back for the first check (default a day;
 * 0 turns redelivery off), REDELIVERY_MAX_PAGES pages of 100 deliveries at most per check (default 10).
 */
function appRedeliveries(
  app: { auth: () => Promise<unknown>; log: RedeliveryDeps["log"] },
  metrics: { redeliveries: { inc: (labels: { outcome: string }) => void } },
  now: () => number,
  env: NodeJS.ProcessEnv = process.env,
): { check: () => Promise<RedeliveryCheck> } | undefined {
  const number = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === "") return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got ${JSON.stringify(text)}`);
    return n;
  };
  const windowSeconds = number("REDELIVERY_WINDOW", 86_400);
  if (windowSeconds === 0) return undefined;
  return createRedeliveries({
    appOctokit: () => app.auth() as Promise<Octokit>,
    now,
    log: app.log,
    windowMs: windowSeconds * 1000,
    maxPages: Math.max(1, Math.floor(number("REDELIVERY_MAX_PAGES", 10))),
    count: (outcome) => metrics.redeliveries.inc({ outcome }),
  });
}
