// Test harness for the Probot app: a real Probot instance with throttling and
// retries off (TOOLCHAIN.md), GitHub intercepted by nock, and webhook payloads
// taken from @octokit/webhooks-examples with an installation added.
import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };
import { createApp } from "../../src/app/app.js";

export const OWNER = "Codertocat";
export const REPO = "Hello-World";
export const API = "https://api.github.com";
export const BOT = "incident-sla[bot]";
export const INSTALLATION = 4242;

const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
});

export interface ProbotOptions {
  /** Keep Probot's retry plugin on (as in production), to show which requests it must not repeat. */
  retry?: boolean;
}

export function makeProbot(now: () => number, options: ProbotOptions = {}): Probot {
  const probot = new Probot({
    appId: 1,
    privateKey,
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      ...(options.retry ? {} : { retry: { enabled: false } }),
      throttle: { ...(o.throttle as object), enabled: false },
    })),
    logLevel: "warn",
  });
  void probot.load(createApp({ now, appSlug: "incident-sla" }));
  return probot;
}

type Example = { name: string; examples: Record<string, any>[] };

/** A webhook example by event and action (none for push), deep-copied, with an installation added. */
export function payload(event: string, action: string | undefined, index = 0): Record<string, any> {
  const list = (examples as unknown as Example[]).find((e) => e.name === event)!.examples.filter((e) => e.action === action);
  const copy = structuredClone(list[index]!);
  // Installation events carry a whole installation object: keep it, with our id.
  copy.installation = { ...(copy.installation ?? {}), id: INSTALLATION, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
  return copy;
}

/** nock scope for GitHub with the installation token exchange already mocked. */
export function github(): nock.Scope {
  return nock(API)
    .post(`/app/installations/${INSTALLATION}/access_tokens`)
    .reply(201, { token: "test-token", expires_at: "2999-01-01T00:00:00Z", permissions: { issues: "write" } });
}

export function configReply(yaml: string) {
  return [200, yaml, { "content-type": "text/plain; charset=utf-8" }] as const;
}

export const CONFIG_URL = `/repos/${OWNER}/${REPO}/contents/${encodeURIComponent(".github/incident-sla.yml")}`;
