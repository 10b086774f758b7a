// Bounded webhooks (README, Security: webhooks): a delivery is refused before it can cost
// memory or show up in a log. Probot's own middleware reads a whole body into
// memory before it checks the signature, and logs a refused delivery with its
// payload. The guard runs first on every webhook POST of the server:
//
// 1. a body larger than GitHub's cap (25 MB) is refused with 413 from its
//    Content-Length, before a byte is read (or as soon as a chunked body
//    passes the cap);
// 2. the body is read up to the cap and its signature checked with the
//    app's secret; a missing or wrong signature is refused with 400;
// 3. a delivery that passes goes on to Probot with its body already read
//    (Probot's middleware takes `req.body` as it is).
//
// A refusal is logged at warn with the delivery id, event, size and reason,
// never with the body. Probot's server is not handed to apps, so the guard
// puts itself in front of the server's request listeners when the server
// sees its first request (Node's "http.server.request.start" channel).
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { verify } from "@octokit/webhooks-methods";

/** GitHub caps webhook payloads at 25 MB. */
const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookGuardOptions {
  /** Paths that take webhook POSTs (Probot's webhook path, and "/" for the setup page's hook URL). */
  paths: string[];
  secret: string;
  maxBytes?: number;
  log: { warn: (obj: object, msg: string) => void };
}

type Refusal = { status: number; reason: string };

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Reads the body up to `max` bytes; null when it is larger. */
function readBounded(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off("data", onData);
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(size > max ? null : Buffer.concat(chunks, size)));
    req.once("error", reject);
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, refusal: Refusal, bytes: number | null, log: WebhookGuardOptions["log"]): true {
  log.warn(
    { delivery: header(req, "x-github-delivery") ?? null, event: header(req, "x-github-event") ?? null, bytes, status: refusal.status, reason: refusal.reason, remote: req.socket.remoteAddress },
    "webhook delivery refused",
  );
  // Whatever of the body is still coming is not read: the connection ends with the answer.
  res.once("finish", () => req.destroy());
  res.writeHead(refusal.status, { "content-type": "application/json", connection: "close" }).end(`${JSON.stringify({ error: refusal.reason })}\n`);
  return true;
}

/**
 * Checks one request. Answers (and returns true) when it refuses a webhook delivery;
 * returns false for anything else, with an accepted delivery's body in `req.body`.
 */
export async function guardWebhook(req: IncomingMessage, res: ServerResponse, options: WebhookGuardOptions): Promise<boolean> {
  if (req.method !== "POST") return false;
  const path = (req.url ?? "").split("?")[0] ?? "";
  const normalised = path.length > 1 ? path.replace(/\/+$/, "") : path;
  if (!options.paths.includes(normalised)) return false;
  const max = options.maxBytes ?? MAX_WEBHOOK_BYTES;

  // 1. Too large, by what the sender announces.
  const announced = Number(header(req, "content-length"));
  if (Number.isFinite(announced) && announced > max) {
    return refuse(req, res, { status: 413, reason: `payload larger than ${max} bytes` }, announced, options.log);
  }
  const signature = header(req, "x-hub-signature-256");
  if (!signature) return refuse(req, res, { status: 400, reason: "no x-hub-signature-256 header: not signed" }, Number.isFinite(announced) ? announced : null, options.log);

  // 2. Read, bounded; then the signature.
  const body = await readBounded(req, max);
  if (body === null) return refuse(req, res, { status: 413, reason: `payload larger than ${max} bytes` }, null, options.log);
  const text = body.toString("utf8");
  const valid = await verify(options.secret, text, signature).catch(() => false);
  if (!valid) return refuse(req, res, { status: 400, reason: "signature does not match the payload and the app's webhook secret" }, body.length, options.log);

  // 3. On to Probot, which reads `req.body` instead of the stream.
  (req as IncomingMessage & { body?: string }).body = text;
  return false;
}

const guarded = new WeakSet<Server>();
let current: WebhookGuardOptions | null = null;

/**
 * Puts the guard in front of every HTTP server of this process (in `probot run`, Probot's
 * own) from its first request on. Installed once; later calls replace the options.
 */
export function installWebhookGuard(options: WebhookGuardOptions): void {
  const first = current === null;
  current = options;
  if (!first) return;
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    if (guarded.has(server)) return;
    guarded.add(server);
    const listeners = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners("request");
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      guardWebhook(req, res, current!).then(
        (answered) => {
          if (!answered) for (const listener of listeners) listener.call(server, req, res);
        },
        (error: unknown) => {
          // The body could not be read (the client went away): nothing reached Probot.
          current!.log.warn({ delivery: header(req, "x-github-delivery") ?? null, err: error }, "webhook delivery lost while reading its body");
          if (!res.headersSent) res.writeHead(400, { connection: "close" }).end();
          req.destroy();
        },
      );
    });
  });
}
