// The first run of a fresh checkout, end to end, the way the README tells a
// new user to do it: `probot run ./dist/index.js` in a directory without
// credentials serves Probot's setup page; the manifest on that page (hook URL,
// permissions, events) is read as GitHub receives it; GitHub's side of the
// manifest flow (the registration form, the redirect back with a code, the
// code traded for the new app's credentials) is the local GitHub on
// 127.0.0.1; Probot writes .env; the app restarted in that directory receives
// a signed webhook at the hook URL the manifest named and writes its status
// comment.
//
// Two ways a delivery arrives: through the webhook proxy (a smee-compatible
// channel on 127.0.0.1 that the app's installed smee-client listens to, as it
// listens to smee.io after a real first run) and directly (the server's own
// address, which Probot's manifest names when there is no proxy). The setup
// pages are also driven in headless Chromium when /usr/bin/chromium exists.
// github.com's own pages (confirming the app's name, choosing the
// installation's repositories) are outside: the local GitHub confirms at once
// and the test installs the app on the organisation itself.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { sign } from "@octokit/webhooks-methods";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parseConfigText } from "../../src/config/parse-config.js";
import { labelDefinitions } from "../../src/github/labels.js";
import { formBody } from "../fixtures/app/forms.js";
import { type FakeGitHub, createFakeGitHub } from "../support/fake-github/index.js";
import { type AppProcess, type LogLine, freePort, startApp } from "./support/app-process.js";
import { type BuiltApp, ROOT, buildApp } from "./support/build-app.js";
import { COMPLETE_LEVEL3, CUSTOMER, contract } from "./support/contracts.js";
import { appComment, summarise } from "./support/state.js";
import { startProxyChannel, startRefusingProxy } from "./support/webhook-proxy.js";
import { CONFIG_PATH } from "./support/world.js";

const CHROMIUM = "/usr/bin/chromium";
const ORG = "acme";
const STEP_MS = 90_000;

/** app.yml as Probot reads it: what the setup page's manifest must carry. */
const APP_YML = parseYaml(readFileSync(join(ROOT, "app.yml"), "utf8")) as Record<string, unknown>;

let built: BuiltApp;
beforeAll(async () => {
  built = await buildApp();
}, 180_000);

// Everything a test started, stopped whatever happened.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
}, 30_000);
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A directory like a fresh clone after `npm ci`: the app and its manifest, no .env. */
function freshCheckout(dotEnv: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "incident-sla-first-run-"));
  cpSync(join(built.dir, "package.json"), join(dir, "package.json"));
  cpSync(join(built.dir, "app.yml"), join(dir, "app.yml"));
  for (const linked of ["dist", "node_modules", "extra"]) symlinkSync(join(built.dir, linked), join(dir, linked), "dir");
  const lines = Object.entries(dotEnv).map(([k, v]) => `${k}=${v}`);
  if (lines.length > 0) writeFileSync(join(dir, ".env"), lines.join("\n"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function fakeGitHub(): Promise<FakeGitHub> {
  // No app yet: the manifest flow registers one, and from then on only its JWTs are accepted.
  const fake = await createFakeGitHub({ strictResponses: true });
  cleanups.push(() => fake.close());
  return fake;
}

/** What a user's shell gives `npm start`: GitHub is the local one; no credentials. */
function runEnv(fake: FakeGitHub, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GHE_HOST: `127.0.0.1:${fake.port}`,
    GHE_PROTOCOL: "http",
    LOG_FORMAT: "json",
    LOG_LEVEL: "info",
    SWEEP_INTERVAL: "0",
    ...extra,
  };
}

async function start(dir: string, env: Record<string, string>, options: { port?: number; shortSpacing?: boolean } = {}): Promise<AppProcess> {
  const app = await startApp({
    cwd: dir,
    appPath: "./dist/index.js",
    // Probot's write spacing shortened once the app runs (as in every e2e world): the
    // installation's labels then fit GitHub's 10 s on a loaded machine.
    nodeArgs: options.shortSpacing ? ["--import", "./extra/write-spacing.js"] : [],
    env: options.shortSpacing ? { ...env, WRITE_SPACING_MS: "0" } : env,
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  cleanups.push(() => app.stop());
  return app;
}

/**
 * The first `npm start` of a fresh checkout, with .env holding what Probot writes there after it
 * created a smee.io channel (that creation, with the installed smee-client, is a test of its own):
 * here the channel is a local one.
 */
async function firstStartWithProxy() {
  const fake = await fakeGitHub();
  const channel = await startProxyChannel();
  cleanups.push(() => channel.close());
  const dir = freshCheckout({ WEBHOOK_PROXY_URL: channel.url });
  const setup = await start(dir, runEnv(fake));
  return { fake, channel, dir, setup };
}

interface SetupPage {
  /** Where the page's form posts the manifest (GitHub's registration page). */
  action: string;
  /** The manifest exactly as the form sends it. */
  text: string;
  manifest: Record<string, any>;
}

async function readSetupPage(base: string): Promise<SetupPage> {
  const res = await fetch(`${base}/probot`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const action = /<form action="([^"]+)" method="post"/.exec(html)?.[1];
  // The manifest is the value of the form's button, in single quotes (Probot does not escape it).
  const text = /<button[^>]*name="manifest"[^>]*value='([^']*)'/.exec(html)?.[1];
  expect(action, html).toBeDefined();
  expect(text, html).toBeDefined();
  return { action: action!, text: text!, manifest: JSON.parse(text!) as Record<string, any> };
}

/** The manifest carries app.yml's name, permissions and events, stays private, and names `hookUrl`. */
function expectManifest(page: SetupPage, fake: FakeGitHub, base: string, hookUrl: string): void {
  expect(page.action).toBe(`${fake.url}/settings/apps/new`);
  expect(page.manifest.hook_attributes).toEqual({ url: hookUrl });
  expect(page.manifest.redirect_url).toBe(`${base}/probot/setup`);
  expect(page.manifest.public).toBe(false);
  expect(page.manifest.default_permissions).toEqual(APP_YML.default_permissions);
  expect(page.manifest.default_events).toEqual(APP_YML.default_events);
  for (const key of ["name", "description", "url"]) expect(page.manifest[key]).toBe(APP_YML[key]);
}

/**
 * The person presses "Register GitHub App": the form posts to GitHub, GitHub sends the browser
 * back to the app's /probot/setup with a code, the app trades it and sends the browser on to
 * the install page. Returns that page's address.
 */
async function register(page: SetupPage, base: string): Promise<string> {
  const posted = await fetch(page.action, { method: "POST", body: new URLSearchParams({ manifest: page.text }), redirect: "manual" });
  const back = posted.headers.get("location") ?? "";
  expect(posted.status, await posted.text()).toBe(302);
  expect(back).toMatch(new RegExp(`^${base}/probot/setup\\?code=[0-9a-f]+$`));
  const setup = await fetch(back, { redirect: "manual" });
  expect(setup.status, await setup.text()).toBe(302);
  return setup.headers.get("location") ?? "";
}

/** .env as Probot wrote it, parsed the way Probot reads it. */
const readDotEnv = (dir: string) => parseEnv(readFileSync(join(dir, ".env"), "utf8"));

/** .env holds the credentials the local GitHub handed out for the registered app. */
function expectCredentials(dir: string, fake: FakeGitHub): void {
  expect(fake.registeredApps).toHaveLength(1);
  const registered = fake.registeredApps[0]!;
  expect(readDotEnv(dir)).toMatchObject({
    APP_ID: String(registered.id),
    PRIVATE_KEY: registered.pem,
    WEBHOOK_SECRET: registered.webhookSecret,
    GITHUB_CLIENT_ID: registered.clientId,
    GITHUB_CLIENT_SECRET: registered.clientSecret,
  });
}

const waitForMsg = (app: AppProcess, test: RegExp | string, from = 0, timeoutMs = 30_000) =>
  app.waitForLog((l: LogLine) => (typeof test === "string" ? l.msg === test : test.test(l.msg)), { from, timeoutMs });

/** A webhook as GitHub posts it: signed with `secret` (null: unsigned). */
async function post(url: string, secret: string | null, event: string, payload: unknown, id = `first-run-${randomBytes(4).toString("hex")}`) {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/fake",
    "x-github-event": event,
    "x-github-delivery": id,
    "x-github-hook-installation-target-type": "integration",
  };
  if (secret !== null) headers["x-hub-signature-256"] = await sign(secret, body);
  const res = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(30_000) });
  return { id, status: res.status, body: await res.text() };
}

/** The organisation installs the app (github.com's page; here the test does it) with one configured repository. */
function installOnOrganisation(fake: FakeGitHub) {
  const installation = fake.addInstallation({ account: ORG, accountType: "Organization" });
  const { yaml } = contract({ language: "en" });
  const repo = `${ORG}/bank`;
  fake.addRepo({ owner: ORG, ownerType: "Organization", name: "bank", files: { [CONFIG_PATH]: yaml } });
  fake.state.addCollaborator(repo, CUSTOMER);
  return { installation, repo, labels: labelDefinitions(parseConfigText(yaml)).map((d) => d.name) };
}

/** The customer opens an incident with the form: its issues.opened payload. */
function openIncident(fake: FakeGitHub, repo: string) {
  const issue = fake.addIssue(repo, { user: CUSTOMER, title: "Slow login page", body: formBody("en", COMPLETE_LEVEL3) });
  return { number: issue.number, payload: fake.payloads.issues("opened", repo, issue.number) };
}

/** The app did what a first event should: labels at installation, severity and status comment on the incident. */
function expectFirstEvents(fake: FakeGitHub, repo: string, labels: string[], number: number): void {
  expect(fake.repoLabels(repo).map((l) => l.name).sort()).toEqual([...labels].sort());
  expect(summarise(fake, repo)).toEqual([{ number, state: "open", labels: ["severity: 3"], comments: ["bot:status"] }]);
  expect(appComment(fake, repo, number, "status")).toMatch(/^### SLA status\n\*\*Severity 3\*\*/m);
}

/** No request GitHub would refuse, nothing logged as an error, the app still up. */
function expectHealthy(fake: FakeGitHub, ...apps: AppProcess[]): void {
  expect(fake.violations).toEqual([]);
  for (const app of apps) expect(app.logs.filter((l) => l.level >= 50).map((l) => JSON.stringify(l))).toEqual([]);
}

describe("first run: register → .env → restart → first event", () => {
  it(
    "through the webhook proxy: the manifest names the channel, smee-client forwards signed deliveries, unsigned ones are refused",
    async () => {
      // 1. `npm start` without credentials: the setup page.
      const { fake, channel, dir, setup } = await firstStartWithProxy();
      expect(setup.logs.map((l) => l.msg)).toContain("Probot is in setup mode, webhooks cannot be received and");
      const page = await readSetupPage(setup.url);
      expectManifest(page, fake, setup.url, channel.url);
      // "Use an existing app" names the same address.
      expect(await (await fetch(`${setup.url}/probot/import`)).text()).toContain(`<b>${channel.url}</b>`);

      // 2. Register: GitHub's form, the redirect with a code, the code's conversion.
      const installPage = await register(page, setup.url);
      expect(installPage).toBe(`${fake.url}/apps/incident-sla/installations/new`);
      expect((await fetch(installPage)).status).toBe(200);
      await waitForMsg(setup, "Probot has been set up, please restart the server!");
      const conversion = fake.requests.find((r) => r.route === "POST /app-manifests/{code}/conversions");
      expect(conversion).toMatchObject({ status: 201, login: "anonymous" });

      // 3. .env: the credentials, next to the proxy address that was there.
      expectCredentials(dir, fake);
      expect(readDotEnv(dir).WEBHOOK_PROXY_URL).toBe(channel.url);
      const secret = readDotEnv(dir).WEBHOOK_SECRET!;
      await setup.stop();

      // 4. Restart from the same directory, same environment: credentials come from .env alone.
      const { installation, repo, labels } = installOnOrganisation(fake);
      const app = await start(dir, runEnv(fake), { shortSpacing: true });
      await waitForMsg(app, `Forwarding ${channel.url} to http://127.0.0.1:${app.port}/api/github/webhooks`);
      await channel.waitForListeners(1);

      // 5. GitHub delivers to the hook URL the manifest named: the channel.
      const forwarded = (from: number) => waitForMsg(app, /^POST http:\/\/127\.0\.0\.1:\d+\/api\/github\/webhooks - \d+$/, from, 60_000);
      let from = app.logs.length;
      expect((await post(channel.url, secret, "installation", fake.payloads.installation("created", installation.id))).status).toBe(200);
      expect((await forwarded(from)).msg).toMatch(/ - 200$/);
      const { number, payload } = openIncident(fake, repo);
      from = app.logs.length;
      expect((await post(channel.url, secret, "issues", payload)).status).toBe(200);
      expect((await forwarded(from)).msg).toMatch(/ - 200$/);
      expectFirstEvents(fake, repo, labels, number);
      // The app found its own identity with the registered key (GET /app with its JWT).
      expect(fake.requests.filter((r) => r.route === "GET /app").map((r) => r.status)).toEqual([200]);

      // 6. An unsigned delivery, and one signed with another secret, are refused; nothing changes.
      const before = fake.snapshot(repo);
      for (const wrong of [null, "not-the-secret"]) {
        from = app.logs.length;
        expect((await post(channel.url, wrong, "issues", payload)).status).toBe(200); // the channel takes anything
        expect((await forwarded(from)).msg).toMatch(/ - 400$/);
      }
      expect(fake.snapshot(repo)).toEqual(before);
      expect(channel.posted).toBe(4);
      expect(fake.violations).toEqual([]);
      // Nothing but the refused signatures is logged as an error.
      expect(app.logs.filter((l) => l.level >= 50 && !/signature/i.test(JSON.stringify(l)))).toEqual([]);
    },
    STEP_MS,
  );

  it(
    "setup mode picks up the installed smee-client: it tries to open a smee.io channel (through HTTPS_PROXY, refused here)",
    async () => {
      const fake = await fakeGitHub();
      const proxy = await startRefusingProxy();
      cleanups.push(() => proxy.close());
      const dir = freshCheckout();
      const setup = await start(dir, runEnv(fake, { HTTPS_PROXY: proxy.url }));
      const messages = setup.logs.map((l) => l.msg);
      // Without smee-client installed Probot would say "SmeeClient is not available" and not try.
      expect(messages).not.toContain("SmeeClient is not available");
      expect(messages).toContain("Unable to connect to smee.io, try restarting your server.");
      expect(proxy.asked).toEqual(["smee.io:443"]);
      // No channel, no proxy: the manifest names the server itself.
      expectManifest(await readSetupPage(setup.url), fake, setup.url, `${setup.url}/`);
      expect(existsSync(join(dir, ".env"))).toBe(false);
      expectHealthy(fake, setup);
    },
    STEP_MS,
  );

  it(
    "directly: without a proxy the manifest names the server's root, which takes signed deliveries like /api/github/webhooks",
    async () => {
      const fake = await fakeGitHub();
      const dir = freshCheckout();
      // The server keeps its address across the restart, as a deployment does.
      const port = await freePort();
      const env = runEnv(fake, { NO_SMEE_SETUP: "true" });
      const setup = await start(dir, env, { port });
      const page = await readSetupPage(setup.url);
      const hookUrl = page.manifest.hook_attributes?.url as string;
      expectManifest(page, fake, setup.url, `${setup.url}/`);
      // Probot's "use an existing app" page names only a proxy (the README says what to use instead).
      expect(await (await fetch(`${setup.url}/probot/import`)).text()).toContain("<b></b>");

      expect(await register(page, setup.url)).toBe(`${fake.url}/apps/incident-sla/installations/new`);
      await waitForMsg(setup, "Probot has been set up, please restart the server!");
      expectCredentials(dir, fake);
      expect(readDotEnv(dir).WEBHOOK_PROXY_URL).toBeUndefined();
      const secret = readDotEnv(dir).WEBHOOK_SECRET!;
      await setup.stop();

      const { installation, repo, labels } = installOnOrganisation(fake);
      const app = await start(dir, env, { port, shortSpacing: true });
      expect(app.logs.map((l) => l.msg)).not.toContain("Probot is in setup mode, webhooks cannot be received and");

      // Refused before anything runs: no signature, a wrong one.
      const { number, payload } = openIncident(fake, repo);
      const unsigned = await post(hookUrl, null, "issues", payload);
      expect([unsigned.status, unsigned.body]).toEqual([400, expect.stringContaining("x-hub-signature-256")]);
      expect((await post(hookUrl, "not-the-secret", "issues", payload)).status).toBe(400);
      expect(fake.snapshot(repo).issues[0]!.comments).toEqual([]);

      // Signed: handled, at the root exactly as at Probot's own path.
      expect((await post(hookUrl, secret, "installation", fake.payloads.installation("created", installation.id))).status).toBe(200);
      const opened = await post(hookUrl, secret, "issues", payload);
      expect([opened.status, opened.body]).toEqual([200, "ok\n"]);
      expectFirstEvents(fake, repo, labels, number);
      // A duplicate delivery at Probot's path changes nothing.
      expect((await post(`${app.url}/api/github/webhooks`, secret, "issues", payload)).status).toBe(200);
      expectFirstEvents(fake, repo, labels, number);

      // The root still serves Probot's start page to a browser.
      const root = await fetch(`${app.url}/`, { redirect: "manual" });
      expect([root.status, root.headers.get("location")]).toEqual([302, "/probot"]);
      expect(fake.violations).toEqual([]);
      expect(app.logs.filter((l) => l.level >= 50 && !/signature/i.test(JSON.stringify(l)))).toEqual([]);
    },
    STEP_MS,
  );
});

describe.skipIf(!existsSync(CHROMIUM))(`the setup pages in headless Chromium (${CHROMIUM}; skipped where it is not installed)`, () => {
  /** A fresh profile; nothing but 127.0.0.1 resolves, and any other request fails the test. */
  async function browser() {
    const { chromium } = await import("playwright-core");
    const profile = mkdtempSync(join(tmpdir(), "incident-sla-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-proxy-server",
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
      ],
    });
    const elsewhere: string[] = [];
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") await route.continue();
      else {
        elsewhere.push(url.toString());
        await route.abort();
      }
    });
    cleanups.push(async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    });
    return { context, elsewhere };
  }

  it(
    "registers the app from the setup page: the form goes to GitHub and comes back to /probot/setup, then to the install page",
    async () => {
      const { fake, channel, dir, setup } = await firstStartWithProxy();
      const { context, elsewhere } = await browser();

      const page = await context.newPage();
      await page.goto(setup.url);
      expect(page.url()).toBe(`${setup.url}/probot`);
      // The form opens GitHub in a new tab (target=_blank).
      const [github] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Register GitHub App" }).click()]);
      await github.waitForURL(`${fake.url}/apps/incident-sla/installations/new`, { timeout: 60_000 });
      expect(await github.locator("#install").textContent()).toBe("Install incident-sla");
      // What GitHub received is the manifest as the browser sent it.
      const registration = fake.requests.find((r) => r.route === "POST /settings/apps/new");
      expect(registration?.body).toMatchObject({ hook_attributes: { url: channel.url }, default_permissions: APP_YML.default_permissions, default_events: APP_YML.default_events, public: false });
      await waitForMsg(setup, "Probot has been set up, please restart the server!");
      expectCredentials(dir, fake);
      expect(elsewhere).toEqual([]);
      expectHealthy(fake, setup);
    },
    STEP_MS,
  );

  it(
    "uses an existing app: the import page names the proxy address and writes the app's id, key and secret into .env",
    async () => {
      const { fake, channel, dir, setup } = await firstStartWithProxy();
      const { context, elsewhere } = await browser();

      const page = await context.newPage();
      await page.goto(`${setup.url}/probot/import`);
      await expect.poll(() => page.locator("b").first().textContent()).toBe(channel.url);
      const pemFile = join(dir, "existing-app.pem");
      const pem = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } }).privateKey;
      writeFileSync(pemFile, pem);
      await page.fill("#appId", "777");
      await page.fill("#whs", "existing-secret");
      await page.setInputFiles("#pem", pemFile);
      await page.getByRole("button", { name: "Submit" }).click();
      await page.waitForURL(`${setup.url}/probot/success`);
      expect(readDotEnv(dir)).toMatchObject({ APP_ID: "777", PRIVATE_KEY: pem, WEBHOOK_SECRET: "existing-secret", WEBHOOK_PROXY_URL: channel.url });
      expect(elsewhere).toEqual([]);
      expectHealthy(fake, setup);
    },
    STEP_MS,
  );
});
