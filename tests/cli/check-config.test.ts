// `incident-sla check-config FILE...`: valid files get a one-line summary;
// invalid ones the ConfigError (file, field, line, fix); missing ones exit 2.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG, fixture, runCli } from "./run-cli.js";

describe("check-config", () => {
  it("a valid file: exit 0, 'FILE: valid' and a one-line summary", async () => {
    const result = await runCli(["check-config", CONFIG]);
    expect(result).toEqual({
      code: 0,
      stdout:
        `${CONFIG}: valid\n` +
        "  zone Europe/Moscow, language ru, calendar ru 09:00-18:00 mon,tue,wed,thu,fri, severities 1 (24x7, accept 30m, workaround 4h, resolve 3d); 2 (24x7, accept 1h, workaround 8h, resolve 5d); 3 (business, accept 8h, resolve 10d), default 3\n",
      stderr: "",
    });
  });

  it("says that _extends was not followed (the app resolves it)", async () => {
    const file = fixture("config-with-extends.yml");
    const result = await runCli(["check-config", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file}: valid\n  zone Europe/Moscow, language en,`);
    expect(result.stdout).toContain('note: _extends "acme/.github" was not followed; the app merges it when it reads this file');
  });

  it.each([
    [
      "a wrong duration and a misspelt key",
      "config-invalid-duration-and-typo.yml",
      [/severities\.1\.accept, line 4: expected a duration such as 30m, 4h, 2d or 1d4h, got "4x"/, /lables, line \d: unknown key "lables": did you mean "labels"\?/],
    ],
    ["a YAML syntax error", "config-yaml-syntax-error.yml", [/\(file\), line \d+: YAML syntax error/]],
  ])("%s: exit 1, the file, field, line and fix on stderr, no stack trace", async (_case, name, messages) => {
    const file = fixture(name);
    const result = await runCli(["check-config", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.startsWith(`Invalid configuration in ${file}:\n`)).toBe(true);
    for (const message of messages) expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr).not.toContain("ConfigError");
  });

  it("a missing file: exit 2 with a clear message", async () => {
    const missing = fixture("no-such-config.yml");
    const result = await runCli(["check-config", missing]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`incident-sla check-config: cannot read configuration file ${missing}: no such file\nRun 'incident-sla check-config --help' for usage.\n`);
  });

  it("no file at all: exit 2", async () => {
    const result = await runCli(["check-config"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/expected a configuration FILE to check/);
  });

  it("several files: each is checked, the exit code is the worst", async () => {
    const invalid = fixture("config-invalid-duration-and-typo.yml");
    const both = await runCli(["check-config", CONFIG, invalid]);
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`${CONFIG}: valid`);
    expect(both.stderr).toContain(`Invalid configuration in ${invalid}:`);
    const withMissing = await runCli(["check-config", fixture("missing.yml"), CONFIG]);
    expect(withMissing.code).toBe(2);
    expect(withMissing.stdout).toContain(`${CONFIG}: valid`);
    expect(withMissing.stderr).toMatch(/cannot read configuration file .*missing\.yml: no such file/);
  });

  it("accepts JSON, which is YAML too", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "incident-sla-check-")), "config.json");
    writeFileSync(file, JSON.stringify({ timezone: "Asia/Kolkata", language: "en", severities: { "1": { clock: "24x7", accept: "1h" } }, defaultSeverity: 1 }));
    const result = await runCli(["check-config", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("zone Asia/Kolkata, language en, calendar ru 09:00-18:00 mon,tue,wed,thu,fri, severities 1 (24x7, accept 1h), default 1");
  });
});
