// A failed delivery's payload never reaches the log (README, Security: webhooks). When a
// handler throws, @octokit/webhooks attaches the whole event (its payload: a
// customer's issue body, up to megabytes) to the error, and Probot logs that
// error. Pino serializes errors through the logger's `err` serializer, which
// Probot's child loggers share with the app's: wrapping it once keeps the
// event's id, name and action and drops its payload everywhere.

type Serializers = Record<string, ((value: unknown) => unknown) | undefined>;

/** Pino keeps serializers under a symbol; found by its description, whichever copy of pino made the logger. */
function serializersOf(log: object): Serializers | null {
  for (let o: object | null = log; o; o = Object.getPrototypeOf(o) as object | null) {
    const sym = Object.getOwnPropertySymbols(o).find((s) => s.description === "pino.serializers");
    if (sym) return (o as Record<symbol, Serializers>)[sym] ?? null;
  }
  return null;
}

/** The event a serialized error carries, without its payload. */
function withoutPayload(value: unknown, depth = 0): unknown {
  if (typeof value !== "object" || value === null || depth > 4) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const event = out.event as { id?: unknown; name?: unknown; payload?: unknown } | undefined;
  if (event && typeof event === "object") {
    const payload = event.payload;
    const action = typeof payload === "object" && payload !== null ? (payload as { action?: unknown }).action : undefined;
    out.event = {
      id: event.id,
      name: event.name,
      ...(typeof action === "string" ? { action } : {}),
      payloadBytes: typeof payload === "string" ? payload.length : payload === undefined ? 0 : JSON.stringify(payload).length,
    };
  }
  for (const key of ["aggregateErrors", "errors", "cause"]) {
    const inner = out[key];
    if (Array.isArray(inner)) out[key] = inner.map((e) => withoutPayload(e, depth + 1));
    else if (inner && typeof inner === "object") out[key] = withoutPayload(inner, depth + 1);
  }
  return out;
}

/** Wraps the logger's error serializer (once) so that logged errors carry no event payload. */
export function scrubLoggedPayloads(log: object, fallback: (error: unknown) => unknown): boolean {
  const serializers = serializersOf(log);
  if (!serializers) return false;
  const original = serializers.err ?? fallback;
  if ((original as { scrubsPayloads?: true }).scrubsPayloads) return true;
  const scrubbing = Object.assign((error: unknown) => withoutPayload(original(error)), { scrubsPayloads: true as const });
  serializers.err = scrubbing;
  return true;
}
