// GitHub's app-manifest flow as the local GitHub plays it (Probot's setup page
// uses it to register an app):
//
// 1. the browser posts the manifest to the registration page,
//    POST /settings/apps/new (or /organizations/{org}/settings/apps/new), as
//    the form field `manifest`;
// 2. GitHub answers with a redirect to the manifest's `redirect_url` carrying a
//    one-time `code` (github.com first shows a page where the person may rename
//    the app and confirms; the fake confirms at once);
// 3. the app trades the code for the new app's credentials,
//    POST /app-manifests/{code}/conversions (a REST operation, matched and
//    checked against GitHub's description like every other one);
// 4. the app sends the browser to the app's install page,
//    GET /apps/{slug}/installations/new.
//
// The manifest is checked against what GitHub's REST description knows
// (permission names and levels from `app-permissions`, event names from its
// webhooks) and against the documented manifest parameters. What github.com
// decides on its own pages (a name already taken, a hook URL it cannot reach)
// is outside this fake.
import { type KeyObject, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { componentProperties, componentValidator, webhookEventNames } from "./openapi.js";

/** The parameters GitHub documents for an app manifest. */
const MANIFEST_KEYS = new Set([
  "name",
  "url",
  "hook_attributes",
  "redirect_url",
  "callback_urls",
  "setup_url",
  "description",
  "public",
  "default_events",
  "default_permissions",
  "request_oauth_on_install",
  "setup_on_update",
]);

/**
 * Not a manifest parameter: Probot's setup page adds `version: "v1"` to every manifest and
 * github.com has registered such apps for years, so the fake passes it over in silence.
 */
const TOLERATED_KEYS = new Set(["version"]);

/**
 * The permission an event needs (GitHub refuses a manifest subscribing to an event none of
 * its permissions covers). Only the events listed here are checked.
 */
const EVENT_PERMISSIONS: Record<string, string[]> = {
  issues: ["issues"],
  issue_comment: ["issues", "pull_requests"],
  push: ["contents"],
  pull_request: ["pull_requests"],
};

/** GitHub's limit on an app's name. */
const MAX_NAME = 34;

/** A code is good for one conversion within an hour. */
const CODE_LIFETIME_MS = 3600_000;

export interface ManifestProblem {
  /** true: GitHub refuses the manifest; false: GitHub accepts it and ignores that part. */
  rejected: boolean;
  message: string;
}

export interface RegisteredApp {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  /** The account that registered it (a user, or the organisation of /organizations/{org}/…). */
  owner: string;
  /** The manifest's homepage `url`. */
  url: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string | null;
  /** The app's private key (PKCS#1 PEM, as GitHub hands it out once). */
  pem: string;
  publicKey: KeyObject;
  /** Where GitHub delivers the app's webhooks (null: no webhook). */
  hookUrl: string | null;
  public: boolean;
  permissions: Record<string, string>;
  events: string[];
  manifest: Record<string, unknown>;
  createdAt: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function isWebUrl(v: unknown): boolean {
  if (typeof v !== "string") return false;
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && u.host !== "";
  } catch {
    return false;
  }
}

/** GitHub's slug of an app name: lower case, every run of other characters one "-". */
export function appSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Everything wrong with a manifest, as GitHub would see it. */
export function checkManifest(manifest: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const refuse = (message: string) => problems.push({ rejected: true, message });
  if (!isObject(manifest)) {
    refuse("the manifest is not a JSON object");
    return problems;
  }
  for (const key of Object.keys(manifest)) {
    if (!MANIFEST_KEYS.has(key) && !TOLERATED_KEYS.has(key)) problems.push({ rejected: false, message: `unknown manifest parameter ${JSON.stringify(key)} (GitHub ignores it)` });
  }
  const { name, url, hook_attributes: hook, redirect_url: redirect, callback_urls: callbacks, setup_url: setup, description } = manifest;
  if (typeof name !== "string" || name.trim() === "") refuse("name: required (the fake has no page on which to ask for one)");
  else if (name.length > MAX_NAME) refuse(`name: ${JSON.stringify(name)} is too long (maximum is ${MAX_NAME} characters)`);
  else if (appSlug(name) === "") refuse(`name: ${JSON.stringify(name)} has no letters or digits`);
  if (!isWebUrl(url)) refuse(`url: required, a full http(s) URL of the app's homepage (got ${JSON.stringify(url)})`);
  if (description !== undefined && typeof description !== "string") refuse("description: must be a string");
  if (hook !== undefined) {
    if (!isObject(hook)) refuse("hook_attributes: must be an object");
    else {
      if (!isWebUrl(hook.url)) refuse(`hook_attributes.url: required, a full http(s) URL (got ${JSON.stringify(hook.url)})`);
      if (hook.active !== undefined && typeof hook.active !== "boolean") refuse("hook_attributes.active: must be a boolean");
      for (const key of Object.keys(hook)) {
        if (key !== "url" && key !== "active") problems.push({ rejected: false, message: `unknown hook_attributes parameter ${JSON.stringify(key)} (GitHub ignores it)` });
      }
    }
  }
  // GitHub would show the new app's settings without one; the flow cannot go on then.
  if (!isWebUrl(redirect)) refuse(`redirect_url: a full http(s) URL is needed for the code to come back (got ${JSON.stringify(redirect)})`);
  if (setup !== undefined && !isWebUrl(setup)) refuse("setup_url: must be a full http(s) URL");
  if (callbacks !== undefined && (!Array.isArray(callbacks) || callbacks.length > 10 || !callbacks.every(isWebUrl))) refuse("callback_urls: up to 10 full http(s) URLs");
  for (const key of ["public", "request_oauth_on_install", "setup_on_update"]) {
    if (manifest[key] !== undefined && typeof manifest[key] !== "boolean") refuse(`${key}: must be a boolean`);
  }

  const permissions = manifest.default_permissions;
  if (permissions !== undefined) {
    if (!isObject(permissions)) refuse("default_permissions: must be an object of permission → level");
    else {
      const known = new Set(componentProperties("app-permissions"));
      for (const key of Object.keys(permissions)) if (!known.has(key)) refuse(`default_permissions: ${JSON.stringify(key)} is not a permission GitHub knows`);
      const validate = componentValidator("app-permissions");
      if (!validate(permissions)) {
        for (const e of validate.errors ?? []) refuse(`default_permissions${e.instancePath.replace(/\//g, ".")}: ${e.message ?? "invalid"} ${JSON.stringify(e.params)}`);
      }
    }
  }
  const events = manifest.default_events;
  if (events !== undefined) {
    if (!Array.isArray(events) || !events.every((e) => typeof e === "string")) refuse("default_events: must be a list of event names");
    else {
      const known = webhookEventNames();
      const granted = isObject(permissions) ? permissions : {};
      for (const event of events) {
        if (!known.has(event)) refuse(`default_events: ${JSON.stringify(event)} is not an event GitHub delivers`);
        const needs = EVENT_PERMISSIONS[event];
        if (needs && !needs.some((p) => granted[p] === "read" || granted[p] === "write")) {
          refuse(`default_events: ${JSON.stringify(event)} needs the ${needs.join(" or ")} permission`);
        }
      }
    }
  }
  return problems;
}

interface PendingCode {
  manifest: Record<string, unknown>;
  owner: string;
  issuedAt: number;
}

/** Codes handed out by the registration page, and the apps their conversions created. */
export class ManifestFlow {
  private readonly codes = new Map<string, PendingCode>();
  private nextId: number;
  readonly registered: RegisteredApp[] = [];

  constructor(
    private readonly clock: () => number,
    firstAppId = 300_001,
  ) {
    this.nextId = firstAppId;
  }

  /** A code for a manifest that passed `checkManifest`. */
  issueCode(manifest: Record<string, unknown>, owner: string): string {
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, { manifest, owner, issuedAt: this.clock() });
    return code;
  }

  /** The new app for a code (once), or null for an unknown, used or expired code (GitHub: 404). */
  convert(code: string): RegisteredApp | null {
    const pending = this.codes.get(code);
    if (!pending) return null;
    this.codes.delete(code);
    if (this.clock() - pending.issuedAt > CODE_LIFETIME_MS) return null;
    const { manifest } = pending;
    const keys = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs1", format: "pem" },
    });
    const hook = manifest.hook_attributes as { url?: string; active?: boolean } | undefined;
    const hookUrl = hook && hook.active !== false && typeof hook.url === "string" ? hook.url : null;
    const name = String(manifest.name);
    const app: RegisteredApp = {
      id: this.nextId++,
      slug: appSlug(name),
      name,
      description: typeof manifest.description === "string" ? manifest.description : null,
      owner: pending.owner,
      url: String(manifest.url),
      clientId: `Iv23li${randomBytes(7).toString("hex")}`,
      clientSecret: randomBytes(20).toString("hex"),
      webhookSecret: hookUrl === null ? null : randomBytes(20).toString("hex"),
      pem: keys.privateKey,
      publicKey: createPublicKey(keys.publicKey),
      hookUrl,
      public: manifest.public === true,
      permissions: { metadata: "read", ...((manifest.default_permissions as Record<string, string> | undefined) ?? {}) },
      events: [...((manifest.default_events as string[] | undefined) ?? [])],
      manifest,
      createdAt: this.clock(),
    };
    this.registered.push(app);
    return app;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page GitHub shows when a manifest is refused. */
export function refusedPage(problems: ManifestProblem[]): string {
  const items = problems.filter((p) => p.rejected).map((p) => `<li>${escapeHtml(p.message)}</li>`).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Invalid GitHub App manifest · fake GitHub</title></head><body><h1>Invalid GitHub App manifest</h1><ul>${items}</ul></body></html>`;
}

/** The install page the app's setup sends the browser to after the conversion. */
export function installPage(app: RegisteredApp, accounts: string[]): string {
  const list = accounts.map((a) => `<li>${escapeHtml(a)}</li>`).join("");
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Install ${escapeHtml(app.name)} · fake GitHub</title></head><body><h1 id="install">Install ${escapeHtml(app.name)}</h1><p>Where do you want to install ${escapeHtml(app.name)}?</p><ul>${list}</ul></body></html>`;
}
