// resolveConfig (README, Configuration): a file merged over the files it
// extends within its owner, every mistake one ConfigError naming the file and
// the problem. Here with files in memory; tests/app, tests/sweep and
// tests/cli run the same table through GitHub and the disk.
import { describe, expect, it } from "vitest";
import { type ConfigSource, resolveConfig } from "../../src/config/resolve-config.js";
import { ACCEPTED, type ConfigCase, FOREIGN_OWNER, HOSTILE, OWN_FILE } from "../fixtures/hostile-configs.js";

const OWNER = "Acme";
const SELF = "support";

interface Place {
  owner: string;
  repo: string;
  path: string;
}

/** The case's files as GitHub would hold them, and every read made. */
function memorySource(c: ConfigCase, owner: string | null = OWNER) {
  const files = new Map<string, string>();
  const put = (o: string, key: string, text: string) => {
    const [repo, path] = key.split(/:(.*)/s) as [string, string];
    files.set(`${o.toLowerCase()}/${(repo === "self" ? SELF : repo).toLowerCase()}:${path}`, text.replaceAll("{OWNER}", OWNER.toUpperCase()));
  };
  for (const [key, text] of Object.entries(c.files)) put(OWNER, key, text);
  for (const [key, text] of Object.entries(c.foreign ?? {})) put(FOREIGN_OWNER, key, text);
  const reads: string[] = [];
  const key = (p: Place) => `${p.owner.toLowerCase()}/${p.repo.toLowerCase()}:${p.path}`;
  const source: ConfigSource<Place> = {
    owner: owner ?? undefined,
    name: (p) => `${p.owner}/${p.repo}:${p.path}`,
    key,
    read: (p) => {
      reads.push(key(p));
      const text = files.get(key(p));
      if (text !== undefined) return Promise.resolve({ kind: "text", text });
      const directory = [...files.keys()].some((k) => k.startsWith(`${key(p)}/`));
      return Promise.resolve(directory ? { kind: "unreadable", reason: "is a directory, not a file" } : { kind: "missing" });
    },
    follow: (_from, target) => ({ location: { owner: OWNER, repo: target.repo, path: target.path } }),
  };
  return { source, reads };
}

const START: Place = { owner: OWNER, repo: SELF, path: ".github/incident-sla.yml" };
const resolve = (c: ConfigCase, owner: string | null = OWNER) => {
  const { source, reads } = memorySource(c, owner);
  return resolveConfig(source, START, { file: ".github/incident-sla.yml" }).then((r) => ({ resolved: r, reads }));
};

describe("every hostile or mistaken file is one ConfigError naming the file and the problem", () => {
  it.each(HOSTILE.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { resolved, reads } = await resolve(c);
    expect(resolved.kind).toBe("invalid");
    if (resolved.kind !== "invalid") return;
    expect(resolved.error.file).toBe(".github/incident-sla.yml");
    expect(resolved.error.message).toMatch(/^Invalid configuration in \.github\/incident-sla\.yml:\n {2}- /);
    expect(resolved.error.message).toMatch(c.problem!);
    // Nothing of another owner is ever read.
    expect(reads.filter((r) => !r.startsWith("acme/"))).toEqual([]);
  });
});

describe("accepted files", () => {
  it.each(ACCEPTED.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const { resolved } = await resolve(c);
    expect(resolved.kind).toBe("valid");
  });

  it("objects merge key by key, lists are replaced, the extending file wins; the files read are listed", async () => {
    const { resolved } = await resolve(ACCEPTED[2]!);
    if (resolved.kind !== "valid") throw new Error(JSON.stringify(resolved));
    expect(resolved.config.language).toBe("en");
    expect(resolved.config.timezone).toBe("Asia/Kolkata");
    expect(resolved.config.calendar.preset).toBe("none");
    expect(resolved.config.calendar.holidays).toEqual(["2026-05-04"]);
    expect(resolved.config._extends).toBeUndefined();
    expect(resolved.files).toEqual([".github/incident-sla.yml", "Acme/.github:.github/incident-sla.yml"]);
    expect(resolved.notes).toEqual([]);
  });

  it("the owner written in another case is the same owner, and the request goes to the owner as the source names it", async () => {
    const { resolved, reads } = await resolve(ACCEPTED[3]!);
    expect(resolved.kind).toBe("valid");
    expect(reads).toEqual(["acme/support:.github/incident-sla.yml", "acme/shared:contracts/base.yml"]);
  });

  it("a repository without its own file is not a customer's, whatever the organisation's .github holds", async () => {
    const { resolved, reads } = await resolve({ name: "org file only", files: { ".github:.github/incident-sla.yml": "language: en\n" } });
    expect(resolved).toEqual({ kind: "missing" });
    expect(reads).toEqual(["acme/support:.github/incident-sla.yml"]);
  });
});

describe("_extends across owners (issue 11 item 3)", () => {
  const cross = HOSTILE[0]!;

  it("refused before anything is read: only the customer's own file was requested", async () => {
    const { resolved, reads } = await resolve(cross);
    expect(reads).toEqual(["acme/support:.github/incident-sla.yml"]);
    expect(resolved.kind === "invalid" && resolved.error.problems).toEqual([
      {
        path: "_extends",
        line: 1,
        message: '_extends must stay within the owner Acme: "evilcorp/shared:incident-sla.yml" names a repository of evilcorp, so nothing was read from it. Name a repository of Acme, such as ".github" or "repo:path".',
      },
    ]);
  });

  it("a cross-owner _extends deeper in the chain is refused too, in the file that has it", async () => {
    const { resolved, reads } = await resolve({
      name: "second level",
      files: { [OWN_FILE]: "_extends: .github\n", ".github:.github/incident-sla.yml": "language: en\n_extends: evilcorp/shared\n" },
    });
    expect(resolved.kind === "invalid" && resolved.error.message).toContain("  - in Acme/.github:.github/incident-sla.yml, _extends, line 2: _extends must stay within the owner Acme");
    expect(reads.some((r) => r.startsWith("evilcorp"))).toBe(false);
  });

  it("an owner that is not known (check-config without --owner) is followed and noted as unchecked", async () => {
    const { resolved } = await resolve(ACCEPTED[3]!, null);
    expect(resolved.kind === "valid" && resolved.notes).toEqual(['_extends "ACME/shared:contracts/base.yml" names the owner ACME; whether that is this file\'s owner was not checked']);
  });
});
