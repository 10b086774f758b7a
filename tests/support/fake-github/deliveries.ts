// The app's webhook deliveries as GitHub keeps them (GET /app/hook/deliveries, newest first,
// paginated by cursor; GET /app/hook/deliveries/{delivery_id}; POST …/attempts). A test records
// what GitHub tried to send (a delivery that failed while the app was down, say); a redelivery
// sends the same event (same guid) to the app again, signed, through webhooks.ts, and is itself
// recorded with the app's answer. State lives beside the FakeState, in this module.
import type { RestAnswer, RestRequest } from "./rest.js";
import type { FakeState } from "./state.js";
import { iso } from "./state.js";
import { signAndSend } from "./webhooks.js";

export interface FakeDelivery {
  id: number;
  guid: string;
  deliveredAt: number;
  redelivery: boolean;
  status: string;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryId: number | null;
  payload: unknown;
  /** Where a redelivery goes: the app's origin or webhook URL, and its secret. */
  target: { url: string; secret: string };
}

interface DeliveryBook {
  list: FakeDelivery[];
  nextId: number;
  /** Redeliveries still being sent (tests wait for them). */
  sending: Set<Promise<void>>;
}

// GitHub's error body (rest.ts has the same; not imported from there, which spreads this module's handlers).
const githubError = (status: number, message: string): RestAnswer => ({ status, json: { message, documentation_url: "https://docs.github.com/rest", status: String(status) } });
const notFound = () => githubError(404, "Not Found");

const books = new WeakMap<FakeState, DeliveryBook>();

function bookOf(state: FakeState): DeliveryBook {
  let book = books.get(state);
  if (!book) books.set(state, (book = { list: [], nextId: 90_000_000_000, sending: new Set() }));
  return book;
}

/** How GitHub describes an answer (or none). */
const statusText = (code: number) => (code === 0 ? "failed to connect" : code >= 200 && code < 300 ? "OK" : `Invalid HTTP Response: ${code}`);

/** Records a delivery GitHub made (by default one that failed to connect: the app was down). */
export function recordDelivery(
  state: FakeState,
  seed: { event: string; payload: unknown; target: { url: string; secret: string }; guid?: string; statusCode?: number; at?: number; redelivery?: boolean },
): FakeDelivery {
  const book = bookOf(state);
  const payload = seed.payload as { action?: unknown; installation?: { id?: number }; repository?: { id?: number } };
  const code = seed.statusCode ?? 0;
  const d: FakeDelivery = {
    id: ++book.nextId,
    guid: seed.guid ?? crypto.randomUUID(),
    deliveredAt: seed.at ?? state.now(),
    redelivery: seed.redelivery ?? false,
    status: statusText(code),
    statusCode: code,
    event: seed.event,
    action: typeof payload.action === "string" ? payload.action : null,
    installationId: payload.installation?.id ?? null,
    repositoryId: payload.repository?.id ?? null,
    payload: seed.payload,
    target: seed.target,
  };
  book.list.push(d);
  return d;
}

/** Every delivery recorded, oldest first (redeliveries included). */
export const deliveriesOf = (state: FakeState): readonly FakeDelivery[] => bookOf(state).list;

/** Resolves once every redelivery asked for so far has been sent and answered. */
export async function redeliveriesSent(state: FakeState): Promise<void> {
  await Promise.all([...bookOf(state).sending]);
}

const itemJson = (d: FakeDelivery) => ({
  id: d.id,
  guid: d.guid,
  delivered_at: iso(d.deliveredAt),
  redelivery: d.redelivery,
  duration: 0.05,
  status: d.status,
  status_code: d.statusCode,
  event: d.event,
  action: d.action,
  installation_id: d.installationId,
  repository_id: d.repositoryId,
  throttled_at: null,
});

function listDeliveries(r: RestRequest): RestAnswer {
  const perPage = Math.min(Math.max(Number(r.query.get("per_page") ?? 30) || 30, 1), 100);
  const cursor = r.query.get("cursor");
  if (cursor !== null && !/^\d+$/.test(cursor)) return githubError(400, "Invalid cursor");
  const newestFirst = [...bookOf(r.state).list].reverse().filter((d) => cursor === null || d.id < Number(cursor));
  const page = newestFirst.slice(0, perPage);
  const headers: Record<string, string> = {};
  if (newestFirst.length > perPage) {
    const next = new URL(r.selfUrl);
    next.searchParams.set("per_page", String(perPage));
    next.searchParams.set("cursor", String(page[page.length - 1]!.id));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return { status: 200, json: page.map(itemJson), headers };
}

const find = (r: RestRequest) => bookOf(r.state).list.find((d) => d.id === Number(r.params.delivery_id));

/** GitHub accepts the attempt (202) and sends the event again on its own time. */
function redeliver(r: RestRequest): RestAnswer {
  const original = find(r);
  if (!original) return notFound();
  const book = bookOf(r.state);
  const sent = signAndSend(original.target.url, original.target.secret, original.event, original.payload, { id: original.guid })
    .then((answer) => answer.status)
    .catch(() => 0)
    .then((code) => {
      recordDelivery(r.state, { ...original, redelivery: true, statusCode: code, at: r.state.now() });
    });
  book.sending.add(sent);
  void sent.finally(() => book.sending.delete(sent));
  return { status: 202, json: {} };
}

export const deliveryHandlers: Record<string, (r: RestRequest) => RestAnswer> = {
  "apps/list-webhook-deliveries": listDeliveries,
  "apps/get-webhook-delivery": (r) => {
    const d = find(r);
    return d ? { status: 200, json: { ...itemJson(d), url: d.target.url, request: { headers: { "X-GitHub-Event": d.event, "X-GitHub-Delivery": d.guid }, payload: d.payload }, response: { headers: {}, payload: null } } } : notFound();
  },
  "apps/redeliver-webhook-delivery": redeliver,
};
