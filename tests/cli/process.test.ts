// The real command as users run it: `node bin/incident-sla.js`, which imports
// the compiled dist/, built from today's sources (built-cli.ts), so this
// checks the shipped launcher against today's code.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { builtCli } from "./built-cli.js";
import { fixture } from "./run-cli.js";

let dir = "";

beforeAll(async () => {
  dir = await builtCli();
}, 240_000);

function run(args: string[], input = "", env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(dir, "bin", "incident-sla.js"), ...args], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CONFIG = fixture("config-moscow-alice-bob.yml");

describe("node bin/incident-sla.js", () => {
  it("--help exits 0 with the overview", () => {
    const result = run(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: incident-sla <command>/);
  });

  it("a usage error exits 2 with a hint", () => {
    const result = run(["evaluate", "--config", CONFIG, "--nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("incident-sla evaluate: unknown option --nope\nRun 'incident-sla evaluate --help' for usage.\n");
  });

  it("evaluate with bad lines: every line answered in order, exit 1", () => {
    const result = run(["evaluate", "--config", CONFIG], readFileSync(fixture("incidents-two-good-three-bad-one-blank.jsonl"), "utf8"));
    expect(result.code).toBe(1);
    const out = result.stdout.trim().split("\n").map((l) => JSON.parse(l) as { number?: number; line?: number });
    expect(out.map((o) => o.number ?? `error@${o.line}`)).toEqual([12, "error@3", "error@4", "error@5", 31]);
    expect(result.stderr).toContain("3 of 5 incidents could not be evaluated");
  });

  it.each(["UTC", "America/Los_Angeles", "Asia/Kolkata"])("explain shows contract-local times whatever the host's TZ (%s)", (tz) => {
    const result = run(["explain", "--config", CONFIG, "--lang", "en", fixture("incident-12-sev1-workaround-overdue.json")], "", { TZ: tz });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("- Workaround (workaround, 4 h): due 2026-03-02 14:35 (UTC+03:00, Europe/Moscow); BREACHED, overdue by 25 min.");
  });
});
