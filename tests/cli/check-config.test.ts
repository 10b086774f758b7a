// `incident-sla check-config FILE...`: valid files get a one-line summary;
// invalid ones the ConfigError (file, field, line, fix); missing ones exit 2.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { checkouts } from "./checkouts.js";
import { CONFIG, fixture, runCli } from "./run-cli.js";

const DEFAULT_SEVERITIES =
  "severities 1 (24x7, accept 30m, workaround 4h, resolve 3d); 2 (24x7, accept 1h, workaround 8h, resolve 5d); 3 (business, accept 8h, resolve 10d)";


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

  it("a file whose _extends has no checkout beside it: checked alone, valid, and stderr says what was not checked", async () => {
    const file = fixture("config-with-extends.yml");
    const result = await runCli(["check-config", "--extends-root", checkouts({}), file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}: valid\n  zone Europe/Moscow, language en, calendar ru 09:00-18:00 mon,tue,wed,thu,fri, ${DEFAULT_SEVERITIES}, default 3\n`);
    expect(result.stderr).toContain(`${file}: not checked: _extends "acme/.github" names the owner acme; whether that is this file's owner was not checked\n`);
    expect(result.stderr).toMatch(new RegExp(`${file.replace(/[.\\/]/g, "\\$&")}: not checked: no checkout of \\.github at \\S+; give --extends-root DIR`));
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

describe("check-config follows _extends into local checkouts (issue 11 item 4)", () => {
  const OWN = "support/.github/incident-sla.yml";
  const ORG = ".github/.github/incident-sla.yml";

  it("_extends: .github beside FILE's repository: the merged result is checked and the file read is named", async () => {
    const root = checkouts({ [OWN]: "_extends: .github\nlanguage: en\n", [ORG]: "timezone: Asia/Kolkata\ncalendar:\n  preset: none\n" });
    const file = join(root, OWN);
    const result = await runCli(["check-config", file]);
    expect(result).toEqual({
      code: 0,
      stdout: `${file}: valid\n  zone Asia/Kolkata, language en, calendar none 09:00-18:00 mon,tue,wed,thu,fri, ${DEFAULT_SEVERITIES}, default 3\n  merged over ${relative(process.cwd(), join(root, ORG))}\n`,
      stderr: "",
    });
  });

  it("a problem in the extended checkout names that file and its line; exit 1", async () => {
    const root = checkouts({ [OWN]: "_extends: .github\n", [ORG]: "language: en\ncalendar:\n  hours: 9-18\n" });
    const result = await runCli(["check-config", join(root, OWN)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`  - in ${relative(process.cwd(), join(root, ORG))}, calendar.hours, line 3: `);
  });

  it("--extends-root: repo:path is looked for under DIR, whatever holds FILE", async () => {
    const elsewhere = checkouts({ "contracts/base.yml": "timezone: Asia/Kolkata\n" });
    const file = join(mkdtempSync(join(tmpdir(), "incident-sla-check-")), "acme.yml");
    writeFileSync(file, "_extends: contracts:base.yml\nlanguage: en\n");
    const result = await runCli(["check-config", "--extends-root", elsewhere, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("zone Asia/Kolkata, language en");
    expect(result.stderr).toBe("");
  });

  it("a checkout of the repository without the named file: refused, as the app refuses it", async () => {
    const root = checkouts({ [OWN]: "_extends: shared:contracts/base.yml\n", "shared/README.md": "shared settings\n" });
    const result = await runCli(["check-config", join(root, OWN)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/_extends, line 1: \S+shared\/contracts\/base\.yml, which this file extends, does not exist/);
  });

  it("_extends naming another owner than --owner: refused with nothing read from it", async () => {
    const root = checkouts({ [OWN]: "_extends: evilcorp/.github\nlanguage: en\n", [ORG]: "language: fr\n" });
    const result = await runCli(["check-config", "--owner", "acme", join(root, OWN)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  - _extends, line 1: _extends must stay within the owner acme: "evilcorp/.github" names a repository of evilcorp, so nothing was read from it.');
    // Had the checkout been read, its invalid language would be reported too.
    expect(result.stderr).not.toContain("language");
  });

  it("the same owner as --owner, in another case: followed", async () => {
    const root = checkouts({ [OWN]: "_extends: ACME/.github\n", [ORG]: "language: en\n" });
    const result = await runCli(["check-config", "--owner", "acme", join(root, OWN)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("language en");
    expect(result.stderr).toBe("");
  });

  it("an --owner that is not a GitHub owner is a usage error", async () => {
    const result = await runCli(["check-config", "--owner", "acme/support", CONFIG]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--owner expects a GitHub owner/);
  });
});
