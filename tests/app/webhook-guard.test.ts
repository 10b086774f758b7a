// Bounded webhooks (README, Security: webhooks), on a plain HTTP server with the guard
// in front of its listener: a body over the cap is refused before it is read,
// an unsigned or mis-signed body is refused, neither reaches the listener, and
// the refusal is logged without the payload. What passes reaches the listener
// with its body already read (Probot's middleware takes `req.body`).
import { type IncomingMessage, type Server, createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { scrubLoggedPayloads } from "../../src/app/scrub-logged-payloads.js";
import { guardWebhook } from "../../src/app/webhook-guard.js";

const SECRET = "s3cret";
const MARKER = "CUSTOMER-SECRET-TEXT-7f3a";

interface Harness {
  url: string;
  passed: { path: string; body: string | undefined }[];
  warnings: Record<string, unknown>[];
  server: Server;
}

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function harness(maxBytes = 1024): Promise<Harness> {
  const passed: Harness["passed"] = [];
  const warnings: Record<string, unknown>[] = [];
  const log = { warn: (obj: object) => void warnings.push(obj as Record<string, unknown>) };
  server = createServer((req, res) => {
    void guardWebhook(req, res, { paths: ["/api/github/webhooks", "/"], secret: SECRET, maxBytes, log }).then((answered) => {
      if (answered) return;
      passed.push({ path: req.url ?? "", body: (req as IncomingMessage & { body?: string }).body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, passed, warnings, server };
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-1", ...headers } });
  return { status: res.status, text: await res.text() };
}

/** Announces `announced` bytes, sends only `sent`, and resolves with the status as soon as it comes. */
function postPartially(url: string, announced: number, sent: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/github/webhooks`, { method: "POST", headers: { "content-type": "application/json", "content-length": String(announced), "x-github-event": "issues", "x-github-delivery": "d-big" } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => (/ECONNRESET|EPIPE|socket hang up/.test(String(error)) ? undefined : reject(error)));
    req.write(Buffer.alloc(sent, 0x20));
    // The rest never comes: an answer can only mean the guard did not wait for it.
  });
}

describe("guardWebhook", () => {
  it("a 60 MB body announced by Content-Length: 413 before the body is read (only 1 KB was ever sent)", async () => {
    const h = await harness(25 * 1024 * 1024);
    const status = await postPartially(h.url, 60 * 1024 * 1024, 1024);
    expect(status).toBe(413);
    expect(h.passed).toEqual([]);
    expect(h.warnings).toEqual([expect.objectContaining({ delivery: "d-big", event: "issues", bytes: 60 * 1024 * 1024, status: 413, reason: "payload larger than 26214400 bytes" })]);
  });

  it("a chunked body (no Content-Length) that passes the cap: 413 as soon as it does", async () => {
    const h = await harness(1024);
    const text = JSON.stringify({ action: "opened", padding: `${MARKER}${"x".repeat(5000)}` });
    // A stream body makes fetch send it chunked.
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
    const res = await fetch(`${h.url}/api/github/webhooks`, { method: "POST", body, duplex: "half", headers: { "content-type": "application/json", "x-github-event": "issues", "x-github-delivery": "d-2", "x-hub-signature-256": await sign(SECRET, text) } });
    expect(res.status).toBe(413);
    expect(h.passed).toEqual([]);
    expect(JSON.stringify(h.warnings)).not.toContain(MARKER);
  });

  it.each([
    { what: "no signature", signature: null },
    { what: "an empty signature", signature: "sha256=" },
    { what: "a signature made with another secret", signature: "other" },
    { what: "the right signature over another body", signature: "tampered" },
  ])("$what: 400, nothing reaches the app, the warning carries no payload", async ({ signature }) => {
    const h = await harness();
    const text = JSON.stringify({ action: "opened", issue: { body: MARKER } });
    const headers: Record<string, string> = {};
    if (signature === "other") headers["x-hub-signature-256"] = await sign("another secret", text);
    else if (signature === "tampered") headers["x-hub-signature-256"] = await sign(SECRET, text.replace("opened", "closed"));
    else if (signature !== null) headers["x-hub-signature-256"] = signature;
    const res = await post(`${h.url}/api/github/webhooks`, text, headers);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(MARKER);
    expect(h.passed).toEqual([]);
    expect(h.warnings).toHaveLength(1);
    expect(h.warnings[0]).toMatchObject({ delivery: "d-1", event: "issues", status: 400 });
    expect(JSON.stringify(h.warnings)).not.toContain(MARKER);
  });

  it("a signed body within the cap reaches the app with its body read, on the webhook path and on /", async () => {
    const h = await harness();
    const text = JSON.stringify({ action: "opened", issue: { body: MARKER } });
    const signature = await sign(SECRET, text);
    expect((await post(`${h.url}/api/github/webhooks`, text, { "x-hub-signature-256": signature })).status).toBe(200);
    expect((await post(`${h.url}/`, text, { "x-hub-signature-256": signature })).status).toBe(200);
    expect(h.passed).toEqual([
      { path: "/api/github/webhooks", body: text },
      { path: "/", body: text },
    ]);
    expect(h.warnings).toEqual([]);
  });

  it("other routes and methods pass untouched (GET /ping, a POST elsewhere): body not read", async () => {
    const h = await harness();
    expect((await fetch(`${h.url}/ping`)).status).toBe(200);
    expect((await post(`${h.url}/probot/import`, "{}")).status).toBe(200);
    expect(h.passed).toEqual([
      { path: "/ping", body: undefined },
      { path: "/probot/import", body: undefined },
    ]);
  });
});

describe("scrubLoggedPayloads", () => {
  it("an error carrying a delivery's event is logged with its id, name and action, never its payload", () => {
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    expect(scrubLoggedPayloads(log, (e) => pino.stdSerializers.err(e as Error))).toBe(true);
    const event = { id: "d-9", name: "issues", payload: { action: "opened", issue: { body: MARKER } } };
    const inner = Object.assign(new Error("Not Found"), { status: 404, event });
    const outer = Object.assign(new AggregateError([inner], "Not Found"), { event });
    // The way Probot logs it: the error itself, and through a child logger.
    log.error(outer);
    log.child({ name: "event", id: "d-9" }).error(inner);
    log.error({ err: inner }, "event failed");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(MARKER);
      expect(JSON.parse(line).err.event).toMatchObject({ id: "d-9", name: "issues", action: "opened" });
    }
    expect(JSON.parse(lines[0]!).err.aggregateErrors[0].event).toMatchObject({ id: "d-9", action: "opened" });
  });

  it("without scrubbing, the same error would carry the payload (the test's own control)", () => {
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    log.error(Object.assign(new Error("Not Found"), { event: { id: "d-9", name: "issues", payload: { issue: { body: MARKER } } } }));
    expect(lines[0]).toContain(MARKER);
  });
});
