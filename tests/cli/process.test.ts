// The real command as users run it: `node bin/incident-sla.js`, which imports
// the compiled dist/. The sources are compiled into a temporary directory
// first (the shared dist/ may be stale or being rebuilt), and bin/ is copied
// next to it, so this checks the shipped launcher against today's code.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "./run-cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "incident-sla-cli-"));
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json"), "--outDir", join(dir, "dist")], { cwd: root, encoding: "utf8" });
  // Type errors elsewhere do not stop tsc from emitting; only missing output is fatal here.
  if (!existsSync(join(dir, "dist", "cli", "main.js"))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  mkdirSync(join(dir, "bin"));
  copyFileSync(join(root, "bin", "incident-sla.js"), join(dir, "bin", "incident-sla.js"));
  copyFileSync(join(root, "package.json"), join(dir, "package.json")); // "type": "module" and the version
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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
    expect(result.stdout).toContain("- Workaround (workaround, 4h): due 2026-03-02 14:35 (UTC+03:00, Europe/Moscow); BREACHED, overdue by 25m.");
  });
});
