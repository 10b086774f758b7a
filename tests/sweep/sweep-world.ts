// One sweep test's world: the local fake GitHub on a fixed clock, customer
// repositories seeded with a configuration and incidents, and
// `incident-sla sweep` run in-process through main() in token mode
// (GITHUB_TOKEN, GITHUB_API_URL) or app mode (APP_ID, PRIVATE_KEY, GHE_HOST).
// Probot's throttling and retries are off (TOOLCHAIN.md: otherwise every
// write waits about a second) and rate-limit waits go through a recorded
// sleep that moves the clock instead of waiting.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { Readable, Writable } from "node:stream";
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { parseConfigText } from "../../src/config/parse-config.js";
import { labelDefinitions } from "../../src/github/labels.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { type FakeGitHub, type FakeGitHubOptions, type LoggedRequest, createFakeGitHub } from "../support/fake-github/index.js";

export const APP_ID = 7;
export const ENGINEER = "eng-anna";
export const CUSTOMER = "cust-bob";
export const APP_BOT = "incident-sla[bot]";
export const ACTIONS_BOT = "github-actions[bot]";
export const ACTIONS_TOKEN = "ghs_actions_token";
export const CONFIG_PATH = ".github/incident-sla.yml";

export const KEYS = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

const fixtures = new URL("../fixtures/sweep/", import.meta.url);
/** A configuration file from tests/fixtures/sweep. */
export const fixture = (name: string) => readFileSync(new URL(name, fixtures), "utf8");
export const VALID_CONFIG = fixture("config-en-escalate-boss.yml");
export const INVALID_CONFIG = fixture("config-invalid-threshold-and-typo.yml");

/** Every label the app would create, so a seeded repository costs no label creation unless a test wants it. */
export const APP_LABELS = labelDefinitions(parseConfigText(VALID_CONFIG, CONFIG_PATH)).map((d) => ({ name: d.name, color: d.color, description: d.description }));

class Collector extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface SweepRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout's JSON lines: one per repository swept (and per incident on a dry run). */
  lines: Record<string, any>[];
  /** Repository results only. */
  repos: Record<string, any>[];
  /** Requests the fake saw during this run. */
  requests: LoggedRequest[];
}

export interface IncidentSeed {
  number?: number;
  severity?: number;
  createdAt: string;
  labels?: string[];
  assignees?: string[];
  /** Timeline events (labels are not applied: list current labels in `labels`). */
  events?: ({ event: "labeled" | "unlabeled"; label: string } | { event: "commented"; body?: string } | { event: "closed" | "reopened" })[] & unknown[];
  user?: string;
}

export type Mode = "token" | "token-ghes" | "app";

export class SweepWorld {
  now: number;
  fake!: FakeGitHub;
  /** Waits the sweep asked for (rate limits), in ms. */
  readonly sleeps: number[] = [];
  /** Requests to anywhere but the fake, refused (tests never use the network). */
  readonly blocked: string[] = [];

  constructor(iso: string) {
    this.now = Date.parse(iso);
  }

  async start(options: FakeGitHubOptions = {}): Promise<this> {
    this.fake = await createFakeGitHub({ clock: () => this.now, appId: APP_ID, appPublicKey: KEYS.publicKey, ...options });
    // Octokit calls the global fetch: anything not addressed to the fake is refused and recorded.
    const realFetch = globalThis.fetch;
    vi.stubGlobal("fetch", (input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith(this.fake.url)) {
        this.blocked.push(url);
        return Promise.reject(new TypeError(`test network guard: ${url} is not the fake GitHub`));
      }
      return realFetch(input, init);
    });
    return this;
  }

  at(iso: string): this {
    this.now = Date.parse(iso);
    return this;
  }

  /** An organisation with an installation of the app and a token GitHub Actions would have for it. */
  org(owner: string, installationId: number): this {
    this.fake.addInstallation({ id: installationId, account: owner, accountType: "Organization" });
    this.fake.addToken(`${ACTIONS_TOKEN}_${owner}`, { login: ACTIONS_BOT, installationId });
    return this;
  }

  /** A repository with a configuration (null: none) and the app's labels already there. */
  repo(fullName: string, config: string | null = VALID_CONFIG, options: { labels?: boolean } = {}): string {
    const [owner, name] = fullName.split("/") as [string, string];
    this.fake.addRepo({
      owner,
      ownerType: "Organization",
      name,
      files: config === null ? {} : { [CONFIG_PATH]: config },
      labels: options.labels === false ? [] : APP_LABELS,
    });
    return fullName;
  }

  /** An open incident with a severity label (so the form decides nothing) and its timeline. */
  incident(repo: string, seed: IncidentSeed): number {
    const labels = seed.labels ?? [`severity: ${seed.severity ?? 3}`];
    const issue = this.fake.addIssue(repo, {
      ...(seed.number !== undefined ? { number: seed.number } : {}),
      title: "SSO login fails",
      body: "Users cannot sign in.",
      user: seed.user ?? CUSTOMER,
      authorAssociation: seed.user === ENGINEER ? "MEMBER" : "NONE",
      labels,
      assignees: seed.assignees ?? [],
      createdAt: seed.createdAt,
    });
    for (const e of seed.events ?? []) this.fake.addTimelineEvent(repo, issue.number, e as never);
    return issue.number;
  }

  env(mode: Mode, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = { LOG_LEVEL: "silent" };
    if (mode === "app") return { ...base, APP_ID: String(APP_ID), PRIVATE_KEY: KEYS.privateKey, GHE_HOST: `127.0.0.1:${this.fake.port}`, GHE_PROTOCOL: "http", ...extra };
    if (mode === "token-ghes") return { ...base, GITHUB_TOKEN: `${ACTIONS_TOKEN}_acme`, GITHUB_API_URL: this.fake.apiUrl, GITHUB_GRAPHQL_URL: `${this.fake.url}/api/graphql`, ...extra };
    return { ...base, GITHUB_TOKEN: `${ACTIONS_TOKEN}_acme`, GITHUB_API_URL: this.fake.url, ...extra };
  }

  /** Runs `incident-sla sweep ARGS` in-process; token modes add --bot github-actions[bot] unless given. */
  async sweep(args: string[], options: { mode?: Mode; env?: NodeJS.ProcessEnv; now?: () => number; retry?: boolean } = {}): Promise<SweepRun> {
    const mode = options.mode ?? "token";
    const argv = mode !== "app" && !args.includes("--bot") ? [...args, "--bot", ACTIONS_BOT] : args;
    const stdout = new Collector();
    const stderr = new Collector();
    const first = this.fake.requests.length;
    const code = await main(["sweep", ...argv], {
      stdin: Readable.from([""]),
      stdout,
      stderr,
      env: options.env ?? this.env(mode),
      now: options.now ?? (() => this.now),
      // Probot's throttling off (every write would wait ~1 s); its retries too, unless a test wants them.
      octokitOptions: (o) => ({ ...o, ...(options.retry ? {} : { retry: { enabled: false } }), throttle: { ...(o.throttle as object), enabled: false } }),
      sleep: (ms) => {
        this.sleeps.push(ms);
        this.now += ms;
        return Promise.resolve();
      },
    });
    const lines = stdout.text
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, any>);
    return { code, stdout: stdout.text, stderr: stderr.text, lines, repos: lines.filter((l) => "config" in l), requests: this.fake.requests.slice(first) };
  }

  /** The app's comments on an issue by marker key (login: who the sweep wrote as). */
  markers(repo: string, number: number, login: string): string[] {
    return this.fake
      .commentsOf(repo, number)
      .filter((c) => c.user?.login === login)
      .map((c) => readMarker(c.body)?.key ?? "(no marker)")
      .sort();
  }

  async close(): Promise<void> {
    vi.unstubAllGlobals();
    await this.fake.close();
  }
}

export const writesOf = (requests: LoggedRequest[]) => requests.filter((r) => r.kind === "rest-write");
export const graphqlOf = (requests: LoggedRequest[]) => requests.filter((r) => r.kind === "graphql");
/** Marker keys of the comments POSTed in these requests (one entry per request, failed ones included). */
export const postedKeys = (requests: LoggedRequest[]) =>
  requests
    .filter((r) => r.route === "POST /repos/{owner}/{repo}/issues/{issue_number}/comments")
    .map((r) => readMarker((r.body as { body?: string } | undefined)?.body)?.key ?? "(no marker)");
/** "METHOD route" of each write, for comparing request plans. */
export const routesOf = (requests: LoggedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);
