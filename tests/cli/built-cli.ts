// The command as users run it, `node bin/incident-sla.js`, over today's
// sources: they are compiled into a directory of their own (the shared dist/
// may be stale or being rebuilt by `npm run build`), with bin/ and
// package.json copied next to it and node_modules linked. The directory is
// named for a hash of everything that goes into it, so the test files that
// need it, and the suite's later runs, share one build; the first file to
// get there builds while the others wait.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function inputsHash(): string {
  const inputs = [...filesUnder(join(ROOT, "src")), ...["tsconfig.json", "tsconfig.build.json", "package.json", "bin/incident-sla.js"].map((f) => join(ROOT, f))];
  const hash = createHash("sha256");
  for (const file of inputs) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds into `dir` (a fresh directory); throws with tsc's output when nothing was emitted. */
function build(dir: string): void {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", join(dir, "dist")], { cwd: ROOT, encoding: "utf8" });
  // Type errors elsewhere do not stop tsc from emitting; only missing output is fatal here.
  if (!existsSync(join(dir, "dist", "cli", "main.js"))) throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  mkdirSync(join(dir, "bin"));
  copyFileSync(join(ROOT, "bin", "incident-sla.js"), join(dir, "bin", "incident-sla.js"));
  copyFileSync(join(ROOT, "package.json"), join(dir, "package.json")); // "type": "module" and the version
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
}

/** Builds of other sources left by earlier runs, a day old or more, are removed. */
function forgetOldBuilds(): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(tmpdir())) {
    if (!/^incident-sla-cli-[0-9a-f]{16}$/.test(name)) continue;
    const path = join(tmpdir(), name);
    if ((statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) < dayAgo) rmSync(path, { recursive: true, force: true });
  }
}

/** A directory holding bin/incident-sla.js, dist/ compiled from today's sources, package.json and node_modules. */
export async function builtCli(): Promise<string> {
  const dir = join(tmpdir(), `incident-sla-cli-${inputsHash()}`);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 180_000;
  while (!existsSync(dir)) {
    try {
      mkdirSync(lock);
    } catch {
      // Another test file is building the same sources; a lock that outlives the deadline was left by a killed run.
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (Date.now() > deadline || age > 180_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(dir)) break;
      const staging = `${dir}.${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      build(staging);
      forgetOldBuilds();
      try {
        renameSync(staging, dir); // whole or not at all
      } catch (error) {
        // Built meanwhile by a run that took the lock over: keep that one.
        rmSync(staging, { recursive: true, force: true });
        if (!existsSync(dir)) throw error;
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}
