// A local GitHub (tests/support/fake-github) holding the report fixtures:
// ACME Bank's organisation with its customer repository, its defaults
// repository and an internal repository for reports; Globex's repository.
// Clients are Probot's Octokit with throttling and retries off, as the app's
// tests use them.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import type { InstallationToSweep } from "../../src/app/sweep-runner.js";
import { type FakeGitHub, createFakeGitHub } from "../support/fake-github/index.js";
import type { AuthorAssociation } from "../support/fake-github/state.js";
import { ACME_CONFIG_PATH, ACME_INCIDENTS, type FixtureIncident, GLOBEX_CONFIG_PATH, GLOBEX_INCIDENTS, NOW } from "../fixtures/report/acme-march.js";

export const APP_ID = 7;
export const ACME_INSTALLATION = 42;
export const GLOBEX_INSTALLATION = 43;
export const CONFIG = ".github/incident-sla.yml";

export const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

/** Throttling and retries off (TOOLCHAIN.md): each request is seen once, at once. */
export const octokitOptions = (o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } });
export const TestOctokit = ProbotOctokit.defaults(octokitOptions);

/** Seeds incidents given as REST issue + timeline (the fixtures' shape) into a repository of the fake. */
export function seedIncidents(fake: FakeGitHub, fullName: string, incidents: readonly FixtureIncident[]): void {
  const login = (u: unknown) => (u as { login: string }).login;
  for (const { issue, timeline } of incidents) {
    fake.addIssue(fullName, {
      number: issue.number as number,
      title: issue.title as string,
      body: issue.body as string,
      user: login(issue.user),
      authorAssociation: issue.author_association as AuthorAssociation,
      labels: (issue.labels as { name: string }[]).map((l) => l.name),
      state: issue.state as "open" | "closed",
      stateReason: (issue.state_reason as "completed" | "not_planned" | null) ?? null,
      createdAt: issue.created_at as string,
      updatedAt: (issue.closed_at as string | null) ?? (timeline.at(-1)?.created_at as string | undefined) ?? (issue.created_at as string),
      closedAt: (issue.closed_at as string | null) ?? null,
    });
    for (const e of timeline) {
      const at = e.created_at as string;
      if (e.event === "commented") {
        fake.addTimelineEvent(fullName, issue.number as number, { event: "commented", actor: login(e.user), body: "…", authorAssociation: e.author_association as AuthorAssociation, createdAt: at });
      } else if (e.event === "labeled" || e.event === "unlabeled") {
        fake.addTimelineEvent(fullName, issue.number as number, { event: e.event, actor: login(e.actor), label: (e.label as { name: string }).name, createdAt: at });
      } else if (e.event === "closed") {
        fake.addTimelineEvent(fullName, issue.number as number, { event: "closed", actor: login(e.actor), stateReason: e.state_reason as "completed" | "not_planned", createdAt: at });
      } else if (e.event === "reopened") {
        fake.addTimelineEvent(fullName, issue.number as number, { event: "reopened", actor: login(e.actor), createdAt: at });
      }
    }
  }
}

export const ACME_DEFAULTS = (report: string) => `# ACME's organisation-wide defaults: customers' files _extends this.
language: en
timezone: Europe/Moscow
${report}`;

export interface World {
  fake: FakeGitHub;
  clock: { now: number };
  /** An installation of the app, as the app and `incident-sla report` see it. */
  installation(id: number): InstallationToSweep;
}

/**
 * acme (organisation): acme/support (customer, extends the defaults),
 * acme/.github (the defaults, with `report` when given), acme/sla-reports
 * (internal, no configuration); globex/helpdesk (customer) in another
 * installation.
 */
export async function startWorld(options: { report?: string; acmeIncidents?: readonly FixtureIncident[] } = {}): Promise<World> {
  const clock = { now: Date.parse(NOW) };
  const fake = await createFakeGitHub({ clock: () => clock.now, appId: APP_ID, appPublicKey: keys.publicKey });
  fake.addInstallation({ id: ACME_INSTALLATION, account: "acme", accountType: "Organization" });
  fake.addInstallation({ id: GLOBEX_INSTALLATION, account: "globex", accountType: "Organization" });
  const acmeFile = `_extends: .github\n${readFileSync(ACME_CONFIG_PATH, "utf8")}`;
  fake.addRepo({ owner: "acme", ownerType: "Organization", name: "support", files: { [CONFIG]: acmeFile }, createdAt: "2025-01-01T00:00:00Z" });
  fake.addRepo({ owner: "acme", name: ".github", files: { [CONFIG]: ACME_DEFAULTS(options.report ?? "") }, createdAt: "2025-01-01T00:00:00Z" });
  fake.addRepo({ owner: "acme", name: "sla-reports", createdAt: "2025-01-01T00:00:00Z" });
  fake.addRepo({ owner: "globex", ownerType: "Organization", name: "helpdesk", files: { [CONFIG]: readFileSync(GLOBEX_CONFIG_PATH, "utf8") }, createdAt: "2025-01-01T00:00:00Z" });
  seedIncidents(fake, "acme/support", options.acmeIncidents ?? ACME_INCIDENTS);
  seedIncidents(fake, "globex/helpdesk", GLOBEX_INCIDENTS);
  return {
    fake,
    clock,
    installation(id) {
      const octokit = new TestOctokit({ baseUrl: fake.apiUrl, auth: { appId: APP_ID, privateKey: keys.privateKey, installationId: id } });
      return { id, octokit, graphql: octokit.graphql };
    },
  };
}

export const quietLog = { info: () => undefined, warn: () => undefined };
