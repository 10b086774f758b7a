// Webhook deliveries posted to the server's root path, handled exactly like
// those posted to Probot's webhook path (/api/github/webhooks).
//
// Why: an app registered through Probot's setup page without a webhook proxy
// gets the hook URL Probot builds for the manifest, `<server>/` (the root), but
// Probot's own webhook middleware listens only on its webhook path, so every
// delivery to such an app would be answered 404. This route is Probot's own
// middleware (signature check, 9 s answer, logging) mounted once more, on "/".
// Only POST is taken: `GET /` stays Probot's redirect to its start page.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Probot } from "probot";

export type RootHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function webhookRoot(app: Probot): RootHandler {
  let middleware: ReturnType<Probot["getNodeMiddleware"]> | null = null;
  return async (req, res) => {
    if (req.method !== "POST") return false;
    middleware ??= app.getNodeMiddleware({ path: "/" });
    // false for any other path: the next handler (or Probot's 404) answers.
    const answered: unknown = await (await middleware)(req, res);
    return answered === true;
  };
}
