// check-config refuses exactly what the app refuses (README, Configuration): every
// file of the hostile table, and the accepted ones, read once by the app's
// loader from a fake GitHub and once by `check-config --owner` from
// checkouts on disk laid out the same way: the same verdict, the same
// problem, and for accepted files the same merged configuration.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SHOWN_PROBLEMS } from "../../src/config/config-error.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import { localConfigSource } from "../../src/cli/local-config-source.js";
import { loadRepoConfig } from "../../src/github/load-config.js";
import { FakeGitHub } from "../app/fake-github.js";
import { OWNER, REPO } from "../app/harness.js";
import { ACCEPTED, type ConfigCase, FOREIGN_OWNER, HOSTILE, OWN_FILE } from "../fixtures/hostile-configs.js";
import { runCli } from "./run-cli.js";

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const text = (t: string) => t.replaceAll("{OWNER}", OWNER.toUpperCase());
const split = (key: string) => key.split(/:(.*)/s) as [string, string];

async function throughTheApp(c: ConfigCase) {
  const gh = new FakeGitHub({ now: Date.parse("2026-03-02T07:00:00Z") });
  gh.intercept();
  for (const [key, t] of Object.entries(c.files)) {
    const [repo, path] = split(key);
    gh.files.set(`${OWNER}/${repo === "self" ? REPO : repo}:${path}`, text(t));
  }
  for (const [key, t] of Object.entries(c.foreign ?? {})) gh.files.set(`${FOREIGN_OWNER}/${split(key).join(":")}`, text(t));
  const Octokit = ProbotOctokit.defaults((o: Record<string, any>) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  const loaded = await loadRepoConfig(new Octokit({ auth: { token: "test-token" } }), { owner: OWNER, repo: REPO });
  expect(gh.unhandled).toEqual([]);
  return loaded;
}

/** The owner's checkouts side by side; the other owner's files are somewhere else entirely. */
function onDisk(c: ConfigCase): string {
  const root = mkdtempSync(join(tmpdir(), "incident-sla-parity-"));
  for (const [key, t] of Object.entries(c.files)) {
    const [repo, path] = split(key);
    const checkout = join(root, repo === "self" ? REPO : repo);
    mkdirSync(join(checkout, ".git"), { recursive: true });
    mkdirSync(dirname(join(checkout, path)), { recursive: true });
    writeFileSync(join(checkout, path), text(t));
  }
  return join(root, REPO, split(OWN_FILE)[1]);
}

describe("the app's loader and check-config: the same verdict for the same files", () => {
  it.each(HOSTILE.map((c) => [c.name, c] as const))("refused by both: %s", async (_name, c) => {
    const app = await throughTheApp(c);
    const cli = await runCli(["check-config", "--owner", OWNER, onDisk(c)]);
    expect(app.kind).toBe("invalid");
    expect(cli.code).toBe(1);
    expect(cli.stdout).toBe("");
    if (app.kind !== "invalid") return;
    expect(app.error.message).toMatch(c.problem!);
    expect(cli.stderr).toMatch(c.problem!);
    // The same problems: fields, lines and the words around the file names.
    const shape = (problems: { path: string; line?: number }[]) => problems.map((p) => [p.path, p.line]);
    const cliProblems = [...cli.stderr.matchAll(/^ {2}- (.*?): /gm)].map((m) => {
      const parts = m[1]!.split(", ").filter((part) => !part.startsWith("in "));
      const line = parts.find((part) => part.startsWith("line "));
      const path = parts.find((part) => !part.startsWith("line ")) ?? "";
      return [path === "(file)" ? "" : path, line ? Number(line.slice(5)) : undefined];
    });
    expect(cliProblems).toEqual(shape(app.error.problems.slice(0, SHOWN_PROBLEMS)));
  });

  it.each(ACCEPTED.map((c) => [c.name, c] as const))("accepted by both, with the same configuration: %s", async (_name, c) => {
    const app = await throughTheApp(c);
    const file = onDisk(c);
    const cli = await runCli(["check-config", "--owner", OWNER, file]);
    expect(app.kind).toBe("valid");
    expect(cli.code).toBe(0);
    expect(cli.stderr).toBe("");
    const source = localConfigSource({ file, owner: OWNER });
    const local = await resolveConfig(source, source.start, { file });
    expect(local.kind === "valid" && app.kind === "valid" && local.config).toEqual(app.kind === "valid" && app.config);
  });
});
