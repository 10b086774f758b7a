// The app's own HTTP routes beside Probot's: GET /healthz (the sweeps'
// health, for a readiness probe) and GET /metrics (Prometheus). Both are
// unauthenticated, like Probot's /ping: expose them inside the cluster only.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SweepHealth } from "./health.js";
import type { AppMetrics } from "./metrics.js";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function appEndpoints(health: SweepHealth, metrics: AppMetrics, log: { error: (obj: object, msg: string) => void }): RequestHandler {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "").split("?")[0];
    if (path === "/healthz") {
      const report = health.report();
      res.writeHead(report.healthy ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(`${JSON.stringify(report.body)}\n`);
      return true;
    }
    if (path === "/metrics") {
      try {
        const text = await metrics.registry.metrics();
        res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text);
      } catch (error) {
        log.error({ err: error }, "metrics could not be collected");
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics could not be collected\n");
      }
      return true;
    }
    return false;
  };
}
