// Stand-ins, on 127.0.0.1, for what a first run talks to besides GitHub:
//
// - a webhook proxy channel that speaks smee.io's protocol (what the app's
//   smee-client connects to when WEBHOOK_PROXY_URL names it): GitHub posts a
//   delivery to the channel URL, the channel answers at once and sends the
//   delivery to every listener as a server-sent event whose data is the
//   request's headers plus `body` (the parsed JSON) and `query`;
// - an HTTP proxy that refuses every tunnel and notes where it was asked to
//   go: with HTTPS_PROXY pointing at it, the app's attempt to open a smee.io
//   channel shows itself without leaving the machine.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { Socket } from "node:net";

export interface ProxyChannel {
  /** The channel's URL: GitHub's hook URL and the app's WEBHOOK_PROXY_URL. */
  url: string;
  /** Deliveries posted to the channel so far. */
  posted: number;
  /** Resolves once `n` listeners are connected. */
  waitForListeners(n?: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function track(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  return sockets;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as { port: number }).port;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

export async function startProxyChannel(name = "first-run"): Promise<ProxyChannel> {
  const listeners = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  let eventId = 0;
  const path = `/${name}`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== path) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such channel\n");
      return;
    }
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
      res.write("event: ready\ndata: {}\n\n");
      listeners.add(res);
      res.on("close", () => listeners.delete(res));
      for (const w of [...waiters]) w();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { "content-type": "text/plain" }).end("GET or POST\n");
      return;
    }
    readBody(req).then(
      (text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          res.writeHead(400, { "content-type": "text/plain" }).end("not JSON\n");
          return;
        }
        channel.posted++;
        const data = JSON.stringify({ ...req.headers, body, query: Object.fromEntries(url.searchParams), timestamp: Date.now() });
        eventId++;
        for (const listener of listeners) listener.write(`id: ${eventId}\ndata: ${data}\n\n`);
        // Like smee.io: the sender learns only that the channel took it.
        res.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(`could not read the delivery: ${String(error)}\n`);
      },
    );
  });
  const sockets = track(server);
  const port = await listen(server);
  const channel: ProxyChannel = {
    url: `http://127.0.0.1:${port}${path}`,
    posted: 0,
    waitForListeners(n = 1, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (listeners.size >= n) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the proxy channel has ${listeners.size} listener(s), expected ${n}, after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const l of listeners) l.end();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return channel;
}

export interface RefusingProxy {
  /** http://127.0.0.1:PORT, for HTTPS_PROXY. */
  url: string;
  /** Every `host:port` a client asked this proxy to reach. */
  asked: string[];
  close(): Promise<void>;
}

export async function startRefusingProxy(): Promise<RefusingProxy> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? "?");
    res.writeHead(502, { "content-type": "text/plain" }).end("this proxy goes nowhere\n");
  });
  server.on("connect", (req: IncomingMessage, socket: Socket) => {
    asked.push(req.url ?? "?");
    socket.end("HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n");
  });
  const sockets = track(server);
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    asked,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
