// Failed webhook deliveries asked for again (README, Health and metrics): which ones (pure), and
// the check around it with a stub of the app's client (pages newest first, the POST per delivery).
import { describe, expect, it } from "vitest";
import { type DeliveryItem, chooseRedeliveries, createRedeliveries, lookBackStart } from "../../src/app/redeliver-failed.js";
import type { Octokit } from "../../src/github/types.js";

const T = Date.parse("2026-12-03T12:00:00Z");
const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString().replace(".000", "");
let nextId = 1;
function d(guid: string, minutes: number, o: Partial<DeliveryItem> = {}): DeliveryItem {
  const ok = o.status_code !== undefined ? o.status_code >= 200 && o.status_code < 300 : false;
  return { id: nextId++, guid, delivered_at: at(minutes), redelivery: false, status: ok ? "OK" : "failed to connect", status_code: 0, event: "issues", action: "opened", ...o };
}

describe("chooseRedeliveries", () => {
  const since = T - 60 * 60_000;
  const none = new Set<string>();
  const guids = (list: DeliveryItem[]) => list.map((x) => x.guid);

  it.each([
    ["a delivery that failed to connect", [d("a", 0)], ["a"]],
    ["a 503 from the app", [d("a", 0, { status: "Invalid HTTP Response: 503", status_code: 503 })], ["a"]],
    ["a 2xx (Probot's 202 after 9 s) is an answer", [d("a", 0, { status_code: 202 })], []],
    ["an event that failed and then succeeded by a redelivery", [d("a", 5, { status_code: 200, redelivery: true }), d("a", 0)], []],
    ["an event whose redelivery already failed (tried once, by anyone)", [d("a", 5, { redelivery: true }), d("a", 0)], []],
    ["a failure before the look-back", [d("a", -61)], []],
    ["successes and failures of different events", [d("b", 2, { status_code: 200 }), d("a", 1), d("c", 0, { status: "timed out" })], ["c", "a"]],
  ] as [string, DeliveryItem[], string[]][])("%s", (_name, list, expected) => {
    expect(guids(chooseRedeliveries(list, { since, asked: none }))).toEqual(expected);
  });

  it("an event this process already asked for is not asked for again", () => {
    expect(chooseRedeliveries([d("a", 0), d("b", 1)], { since, asked: new Set(["a"]) }).map((x) => x.guid)).toEqual(["b"]);
  });

  it("one redelivery per event: its newest failed delivery, oldest events first", () => {
    const older = d("a", 1);
    const newer = d("a", 3);
    const other = d("b", 2);
    expect(chooseRedeliveries([newer, other, older], { since, asked: none })).toEqual([other, newer]);
  });
});

describe("lookBackStart", () => {
  it("the window at first, then shortly before the last complete check, never past the window", () => {
    expect(lookBackStart(T, { windowMs: 86_400_000, lastCheck: null, overlapMs: 600_000 })).toBe(T - 86_400_000);
    expect(lookBackStart(T, { windowMs: 86_400_000, lastCheck: T - 3_600_000, overlapMs: 600_000 })).toBe(T - 4_200_000);
    expect(lookBackStart(T, { windowMs: 3_600_000, lastCheck: T - 7_200_000, overlapMs: 600_000 })).toBe(T - 3_600_000);
  });
});

/** The app's client as far as the check uses it: pages (newest first), redeliveries recorded. */
function stubApp(pages: DeliveryItem[][], options: { listFails?: Error; redeliverFails?: (id: number) => Error | undefined } = {}) {
  const posted: number[] = [];
  let pagesRead = 0;
  const octokit = {
    rest: { apps: { listWebhookDeliveries: () => undefined, redeliverWebhookDelivery: ({ delivery_id }: { delivery_id: number }) => {
      const error = options.redeliverFails?.(delivery_id);
      if (error) return Promise.reject(error);
      posted.push(delivery_id);
      return Promise.resolve({ status: 202 });
    } } },
    paginate: {
      iterator: () =>
        (async function* () {
          await Promise.resolve();
          if (options.listFails) throw options.listFails;
          for (const data of pages) {
            pagesRead++;
            yield { data };
          }
        })(),
    },
  } as unknown as Octokit;
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  const log = {
    info: (obj: object, msg: string) => lines.push({ level: "info", obj: obj as Record<string, unknown>, msg }),
    warn: (obj: object, msg: string) => lines.push({ level: "warn", obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => lines.push({ level: "error", obj: obj as Record<string, unknown>, msg }),
  };
  const counted: string[] = [];
  return { octokit, posted, lines, counted, log, pagesRead: () => pagesRead };
}

describe("createRedeliveries (the check)", () => {
  const make = (s: ReturnType<typeof stubApp>, o: { maxPages?: number; now?: () => number } = {}) =>
    createRedeliveries({ appOctokit: () => Promise.resolve(s.octokit), now: o.now ?? (() => T), log: s.log, windowMs: 86_400_000, maxPages: o.maxPages ?? 10, count: (x) => s.counted.push(x) });

  it("redelivers each failed event once: a second check asks for nothing", async () => {
    const failed = d("lost", -30);
    const s = stubApp([[d("fine", -10, { status_code: 200 }), failed]]);
    const r = make(s);
    expect(await r.check()).toMatchObject({ listed: 2, redelivered: 1, failed: 0 });
    expect(s.posted).toEqual([failed.id]);
    expect(s.lines.find((l) => l.msg === "failed webhook delivery redelivered")?.obj).toMatchObject({ delivery: failed.id, guid: "lost", event: "issues.opened" });
    expect(await r.check()).toMatchObject({ redelivered: 0 });
    expect(s.posted).toEqual([failed.id]);
    expect(s.counted).toEqual(["redelivered"]);
  });

  it("stops paging at the first page that reaches back past the look-back, or at the page cap (said at warn)", async () => {
    const s = stubApp([[d("a", -10)], [d("b", -2000)], [d("c", -3000)]]);
    await make(s).check();
    expect(s.pagesRead()).toBe(2);
    const capped = stubApp([[d("a", -10)], [d("b", -20)], [d("c", -30)]]);
    expect(await make(capped, { maxPages: 2 }).check()).toMatchObject({ truncated: true, redelivered: 2 });
    expect(capped.pagesRead()).toBe(2);
    expect(capped.lines.some((l) => l.level === "warn" && /page cap/.test(l.msg))).toBe(true);
  });

  it("a listing that fails is logged at error with what was being done and counted; nothing throws", async () => {
    const s = stubApp([], { listFails: Object.assign(new Error("Bad credentials"), { status: 401 }) });
    expect(await make(s).check()).toMatchObject({ listed: 0, redelivered: 0 });
    expect(s.lines).toEqual([expect.objectContaining({ level: "error", msg: "failed webhook deliveries not checked: the app's deliveries could not be listed", obj: expect.objectContaining({ status: 401 }) })]);
    expect(s.counted).toEqual(["list failed"]);
  });

  it("a redelivery GitHub refuses is logged at error and counted; the others still go", async () => {
    const first = d("old", -50);
    const second = d("new", -40);
    const s = stubApp([[second, first]], { redeliverFails: (id) => (id === first.id ? Object.assign(new Error("Validation Failed"), { status: 422 }) : undefined) });
    expect(await make(s).check()).toMatchObject({ redelivered: 1, failed: 1 });
    expect(s.posted).toEqual([second.id]);
    expect(s.lines.find((l) => l.level === "error")).toMatchObject({ msg: "failed webhook delivery could not be redelivered", obj: { delivery: first.id, status: 422 } });
    expect(s.counted).toEqual(["failed", "redelivered"]);
  });
});
