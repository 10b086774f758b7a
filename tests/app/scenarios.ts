// Shared pieces of the app's handler tests: the contracts (configuration
// files) in both languages, the people, a repository prepared the way
// installation leaves it, and ways to read back what the app asked of GitHub.
import { parseConfigText } from "../../src/config/parse-config.js";
import { labelDefinitions } from "../../src/github/labels.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import type { FakeGitHub, RecordedRequest } from "./fake-github.js";
import { OWNER, REPO } from "./harness.js";

export const CUSTOMER = "cust-bob";
export const ENGINEER = "eng-anna";
export const MEMBER = "org-olga";
export const ISSUE = `/repos/${OWNER}/${REPO}/issues/1`;
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

export const WAITING = "state: waiting for customer";
export const NEEDS = "needs: diagnostics";
export const PAUSED = "sla: paused";

export function contract(language: "en" | "ru", extra = ""): string {
  return [
    `language: ${language}`,
    "timezone: Europe/Moscow",
    "team:",
    "  engineers: [eng-anna]",
    "contacts:",
    '  companyPhone: "+7 495 100-00-00"',
    '  onDutyPhone: "+7 900 200-00-00"',
    "  renewal: sales@vendor.example",
    extra,
  ].join("\n");
}

/** The labels installation creates, already in the repository. */
export function installLabels(gh: FakeGitHub, yaml: string): void {
  for (const d of labelDefinitions(parseConfigText(yaml))) gh.addRepoLabel(d.name, d.color, d.description);
}

/** "METHOD path" of the requests, the token exchange left out. */
export const calls = (gh: FakeGitHub) => gh.calls();

export const isWrite = (r: RecordedRequest) => r.method !== "GET";

export function tally(gh: FakeGitHub): { requests: number; reads: number; writes: number } {
  const list = gh.apiRequests();
  const writes = list.filter(isWrite).length;
  return { requests: list.length, reads: list.length - writes, writes };
}

/** The bodies of the requests matching `method` and `path`. */
export function bodies(gh: FakeGitHub, method: string, path: string): unknown[] {
  return gh.apiRequests().filter((r) => r.method === method && r.path === path).map((r) => r.body);
}

/** A comment body without its hidden marker line (what a reader sees). */
export const visible = (body: string) => body.replace(/^<!-- incident-sla:[^>]*-->\n/, "");

/** The status comment's body with the fingerprint blanked (it is a hash of the shown state). */
export const withoutFingerprint = (body: string) => body.replace(/fp=[0-9a-f]{16}/, "fp=…");

export const markerKey = (body: string) => readMarker(body)?.key ?? null;
