// The check on a pull request that changes a configuration reads the
// repository's open incidents over GraphQL (app/config-check.ts): through the
// read client, not Probot's write limiter. The real app in a Probot with
// throttling on, whose write limiter is a counter (no clock involved), against
// the local GitHub.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, expect, it } from "vitest";
import { createApp } from "../../src/app/app.js";
import { type FakeGitHub, createFakeGitHub } from "../support/fake-github/index.js";
import { openPull, pullRequestPayload, pullsOf } from "../support/fake-github/pulls.js";

const APP_ID = 7;
const INSTALLATION = 42;
const CONFIG = ".github/incident-sla.yml";
const keys = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});
const contract = (accept: string) => `timezone: Europe/Moscow
language: en
severities:
  1: { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d }
  2: { clock: 24x7, accept: 1h, workaround: 8h, resolve: 5d }
  3: { clock: 24x7, accept: ${accept}, resolve: 10d }
`;

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it("the check's read of the open incidents skips the write limiter; the check run's writes are queued on it", async () => {
  const now = Date.parse("2026-03-02T07:00:00Z");
  fake = await createFakeGitHub({ clock: () => now, appId: APP_ID, appPublicKey: keys.publicKey });
  fake.addInstallation({ id: INSTALLATION, account: "acme", accountType: "Organization" });
  fake.addRepo({ owner: "acme", ownerType: "Organization", name: "support", files: { [CONFIG]: contract("8h") }, createdAt: "2025-01-01T00:00:00Z" });
  fake.addIssue("acme/support", { number: 1, title: "Login down", body: "SSO fails", user: "cust-bob", authorAssociation: "NONE", createdAt: "2026-03-02T06:00:00Z" });
  const written: string[] = [];
  const write = { key: (id: string) => ({ schedule: (_options: unknown, job: () => Promise<unknown>) => (written.push(id), job()) }) };
  const probot = new Probot({
    appId: APP_ID,
    privateKey: keys.privateKey,
    baseUrl: fake.apiUrl,
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), write } })),
    logLevel: "warn",
  });
  await probot.load(createApp({ now: () => now, appSlug: "incident-sla", sweepIntervalSeconds: 0 }));
  const pull = openPull(fake.state, "acme/support", { author: "eng-anna", changes: { [CONFIG]: contract("4h") } });
  await probot.receive({ id: "pr-1", name: "pull_request", payload: pullRequestPayload(fake.state, { api: fake.apiUrl, web: fake.url }, "opened", pull) } as never);

  const [run] = pullsOf(fake.state).checkRuns.filter((r) => r.repo.fullName === "acme/support");
  expect(run).toMatchObject({ conclusion: "neutral", output: { title: "Deadlines move for 1 open incident" } });
  const queries = fake.requests.filter((r) => r.kind === "graphql").length;
  const writes = fake.requests.filter((r) => r.kind === "rest-write").length;
  expect(queries).toBeGreaterThan(0);
  expect(writes).toBeGreaterThan(0);
  expect(written).toHaveLength(writes);
});
