// One end-to-end world: a local GitHub (tests/support/fake-github) on
// 127.0.0.1, and the real app process pointed at it through Probot's GitHub
// Enterprise Server settings, authenticating with a key generated for the
// run. People act on the fake first (a customer comments, an engineer adds a
// label), then the matching webhook goes to the app, signed, over HTTP, the
// way GitHub sends it.
import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { join } from "node:path";
import { parseConfigText } from "../../../src/config/parse-config.js";
import { labelDefinitions } from "../../../src/github/labels.js";
import { type FakeGitHub, type FakeGitHubOptions, type FakeIssue, createFakeGitHub, signAndSend } from "../../support/fake-github/index.js";
import { type AppProcess, startApp } from "./app-process.js";
import { buildApp } from "./build-app.js";

export const APP_ID = 4242;
export const ORG = "acme";
export const BOT = "incident-sla[bot]";
export const CONFIG_PATH = ".github/incident-sla.yml";

const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

export interface Delivery {
  id: string;
  status: number;
  body: string;
  ms: number;
}

export interface WorldOptions {
  /** Seconds between the app's own sweeps; 0 (default) turns them off, like a replica beside a CronJob. */
  sweepInterval?: number;
  /** APP_SLUG for the app; without it the app asks GitHub (GET /app, with its JWT). */
  appSlug?: string;
  fake?: FakeGitHubOptions;
  env?: Record<string, string>;
  /** The installation's account (an organisation by default, so org members count as engineers). */
  account?: { login: string; type: "Organization" | "User" };
  /**
   * Milliseconds Probot's throttling keeps between writes (its own: 1 s, 3 s between new
   * comments). Default 0: scenarios then do not depend on how much spacing fits into GitHub's
   * 10 s on a loaded machine. "probot" keeps Probot's spacing, for tests about it.
   */
  writeSpacing?: number | "probot";
}

const worlds = new Set<World>();

/** The app's log line at the end of a delivery it acted on (incident, configuration, repository). */
const HANDLED = /^incident (updated|unchanged)$|^invalid configuration|^repository ready$/;

/** Stops every world still running (afterAll, whatever happened). */
export async function stopAllWorlds(): Promise<void> {
  await Promise.allSettled([...worlds].map((w) => w.stop()));
}

export class World {
  private deliveries = 0;
  private stopped = false;

  private constructor(
    readonly fake: FakeGitHub,
    readonly app: AppProcess,
    readonly account: string,
    readonly appDir: string,
    readonly installationId: number,
    /** WEBHOOK_SECRET of the app. */
    readonly secret: string,
  ) {}

  static async start(options: WorldOptions = {}): Promise<World> {
    const built = await buildApp();
    const fake = await createFakeGitHub({ appId: APP_ID, appPublicKey: keys.publicKey, ...options.fake });
    const account = options.account ?? { login: ORG, type: "Organization" as const };
    const installation = fake.addInstallation({ account: account.login, accountType: account.type });
    const secret = randomBytes(20).toString("hex");
    let app: AppProcess;
    try {
      const spacing = options.writeSpacing ?? 0;
      app = await startApp({
        cwd: built.dir,
        appPath: "./dist/index.js",
        nodeArgs: spacing === "probot" ? [] : ["--import", "./extra/write-spacing.js"],
        env: {
          ...(spacing === "probot" ? {} : { WRITE_SPACING_MS: String(spacing) }),
          APP_ID: String(APP_ID),
          PRIVATE_KEY: keys.privateKey,
          WEBHOOK_SECRET: secret,
          GHE_HOST: `127.0.0.1:${fake.port}`,
          GHE_PROTOCOL: "http",
          NODE_ENV: "production",
          // `probot run` defaults to pretty logs whatever NODE_ENV says; JSON lets the suite read them.
          LOG_FORMAT: "json",
          LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "info",
          SWEEP_INTERVAL: String(options.sweepInterval ?? 0),
          ...(options.appSlug ? { APP_SLUG: options.appSlug } : {}),
          ...options.env,
        },
      });
    } catch (error) {
      await fake.close();
      throw error;
    }
    const world = new World(fake, app, account.login, built.dir, installation.id, secret);
    worlds.add(world);
    return world;
  }

  /**
   * A customer's repository: its configuration (null: none), the customer as an outside
   * collaborator, and (unless `labels: false`) the labels installation creates.
   */
  repo(name: string, config: string | null, options: { labels?: boolean; customers?: string[] } = {}): string {
    const full = `${this.account}/${name}`;
    this.fake.addRepo({ owner: this.account, name, files: config === null ? {} : { [CONFIG_PATH]: config } });
    for (const c of options.customers ?? []) this.fake.state.addCollaborator(full, c);
    if (config !== null && options.labels !== false) {
      for (const d of labelDefinitions(parseConfigText(config))) this.fake.addLabel(full, { name: d.name, color: d.color, description: d.description });
    }
    return full;
  }

  issue(repo: string, number: number): FakeIssue {
    return this.fake.state.issue(repo, number);
  }

  /** Signs (unless told otherwise) and posts a delivery; waits for the app's answer. */
  async send(event: string, payload: unknown, options: { id?: string; signature?: string | null; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<Delivery> {
    const id = options.id ?? `e2e-${++this.deliveries}-${randomBytes(4).toString("hex")}`;
    const d = await signAndSend(this.app.url, this.secret, event, payload, { ...options, id });
    return { id, ...d };
  }

  /** Sends and expects the app to have handled the delivery completely (200 within its 9 s). */
  async deliver(event: string, payload: unknown, options: { id?: string } = {}): Promise<Delivery> {
    const d = await this.send(event, payload, options);
    if (d.status !== 200) throw new Error(`delivery ${event} ${d.id} answered ${d.status}: ${d.body}\n${this.app.tail()}`);
    return d;
  }

  /**
   * Sends and waits until the app has finished with the delivery: at once when it answered
   * 200, else (202: Probot answers GitHub after 9 s and keeps working) until the app logs
   * the incident's outcome for this delivery id.
   */
  async deliverEventually(event: string, payload: unknown, options: { id?: string; timeoutMs?: number } = {}): Promise<Delivery> {
    const from = this.app.logs.length;
    const d = await this.send(event, payload, options);
    if (d.status === 202) {
      // The outcome, or the error the app logged for this delivery (then there is no outcome).
      const end = await this.app.waitForLog((l) => l.id === d.id && (HANDLED.test(l.msg) || l.level >= 50), { from, timeoutMs: options.timeoutMs ?? 60_000 });
      if (end.level >= 50) throw new Error(`delivery ${event} ${d.id} failed after its 202: ${JSON.stringify(end).slice(0, 2000)}`);
    } else if (d.status !== 200) {
      throw new Error(`delivery ${event} ${d.id} answered ${d.status}: ${d.body}\n${this.app.tail()}`);
    }
    return d;
  }

  // ---- what people do on GitHub, each followed by its webhook --------------------------

  /** A new issue by `author` (created `createdAt`, default now), and issues.opened. */
  async open(
    repo: string,
    o: { author: string; title: string; body: string | null; createdAt?: number; labels?: string[]; assignees?: string[] },
  ): Promise<{ number: number; delivery: Delivery }> {
    const issue = this.fake.addIssue(repo, {
      user: o.author,
      title: o.title,
      body: o.body,
      ...(o.assignees ? { assignees: o.assignees } : {}),
      ...(o.createdAt !== undefined ? { createdAt: o.createdAt, updatedAt: o.createdAt } : {}),
    });
    if (o.labels?.length) this.fake.state.addLabels(issue, o.labels, o.author);
    const delivery = await this.deliver("issues", this.fake.payloads.issues("opened", repo, issue.number));
    return { number: issue.number, delivery };
  }

  async comment(repo: string, number: number, author: string, body: string): Promise<Delivery> {
    const c = this.fake.state.addComment(this.issue(repo, number), author, body);
    return this.deliver("issue_comment", this.fake.payloads.issueComment("created", c.id));
  }

  async label(repo: string, number: number, actor: string, name: string): Promise<Delivery> {
    this.fake.state.addLabels(this.issue(repo, number), [name], actor);
    return this.deliver("issues", this.fake.payloads.issues("labeled", repo, number, { sender: actor, label: name }));
  }

  async unlabel(repo: string, number: number, actor: string, name: string): Promise<Delivery> {
    this.fake.state.removeLabel(this.issue(repo, number), name, actor);
    return this.deliver("issues", this.fake.payloads.issues("unlabeled", repo, number, { sender: actor, label: name }));
  }

  async close(repo: string, number: number, actor: string, reason: "completed" | "not_planned" = "completed"): Promise<Delivery> {
    this.fake.state.closeIssue(this.issue(repo, number), actor, reason);
    return this.deliver("issues", this.fake.payloads.issues("closed", repo, number, { sender: actor }));
  }

  async reopen(repo: string, number: number, actor: string): Promise<Delivery> {
    this.fake.state.reopenIssue(this.issue(repo, number), actor);
    return this.deliver("issues", this.fake.payloads.issues("reopened", repo, number, { sender: actor }));
  }

  async edit(repo: string, number: number, actor: string, body: string): Promise<Delivery> {
    const issue = this.issue(repo, number);
    const from = issue.body ?? "";
    this.fake.state.editIssue(issue, { body });
    return this.deliver("issues", this.fake.payloads.issues("edited", repo, number, { sender: actor, changes: { body: { from } } }));
  }

  // ---- observing the app -----------------------------------------------------------------

  /** Resolves once a whole sweep has run that started after this call. */
  async nextSweep(timeoutMs = 30_000): Promise<Record<string, unknown>> {
    const since = Date.now();
    const line = await this.app.waitForLog((l) => l.msg === "sweep finished" && l.time - Number(l.ms ?? 0) >= since - 5, { from: 0, timeoutMs });
    return line;
  }

  /** Log lines at error level or above (what the app reported as failures). */
  problems(): string[] {
    return this.app.logs.filter((l) => l.level >= 50).map((l) => JSON.stringify(l));
  }

  /**
   * `incident-sla sweep` once, as a scheduled job beside the server would run it (same
   * credentials, same GitHub); returns its exit code and per-repository lines.
   */
  async sweepOnce(): Promise<{ code: number; repos: Record<string, any>[]; stderr: string }> {
    const env = {
      PATH: process.env.PATH ?? "",
      APP_ID: String(APP_ID),
      PRIVATE_KEY: keys.privateKey,
      GHE_HOST: `127.0.0.1:${this.fake.port}`,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "warn" as const,
    };
    const parse = (out: string) => out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);
    return new Promise((resolve) => {
      execFile(process.execPath, [join(this.appDir, "bin/incident-sla.js"), "sweep"], { cwd: this.appDir, env, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, repos: parse(stdout), stderr });
      });
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    worlds.delete(this);
    await Promise.allSettled([this.app.stop(), this.fake.close()]);
  }
}

export const publicKeyPem = keys.publicKey;
export const privateKeyPem = keys.privateKey;
