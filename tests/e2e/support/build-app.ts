// The app as users run it: the TypeScript in src/ compiled with the project's
// own build settings (tsconfig.build.json), into a directory of its own, then
// started with `probot run ./dist/index.js` from there.
//
// Why not the checkout's dist/? On a fresh clone `npm ci` builds it (prepare),
// but in a working copy it may be older than src/, and someone may be
// rebuilding it while the suite runs. A private build of the current sources,
// kept by a hash of everything that goes into it, is always what the suite
// means to test and costs one compile per change (about 10 s), not per run.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** Probot's own command line, run with this Node: exactly `probot run` without npx in between. */
export const PROBOT_BIN = join(ROOT, "node_modules/probot/bin/probot.js");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

/** A hash of the sources and of the settings that shape the build (`extraOnly`: of the extra files alone). */
function sourceHash(extra: string[], extraOnly = false): string {
  // Bump when the way a build is made changes, so no older build is taken for a new one. The
  // checkout is part of the key: a build links its checkout's node_modules, and a preload
  // (write-spacing.ts) must patch the very modules that checkout's `probot run` loads.
  const hash = createHash("sha256").update("recipe 4\0").update(ROOT).update("\0");
  const inputs = extraOnly ? extra : [...filesUnder(join(ROOT, "src")), ...["tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "app.yml", "bin/incident-sla.js"].map((f) => join(ROOT, f)), ...extra];
  for (const file of inputs) {
    if (!existsSync(file)) continue;
    hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/** Turns one TypeScript file into JavaScript next to the build (type checking is the project's `tsc`'s job). */
async function transpile(source: string, target: string): Promise<void> {
  const ts = (await import("typescript")).default;
  const out = ts.transpileModule(readFileSync(source, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: source,
  });
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, out.outputText);
}

/** Preloads every build carries in extra/: the watchdog, and the write spacing a world may shorten. */
const PRELOADS = {
  "exit-with-parent": "tests/e2e/support/exit-with-parent.ts",
  "write-spacing": "tests/e2e/support/write-spacing.ts",
};

export interface BuiltApp {
  /** The directory to run `probot run ./dist/index.js` in (package.json, app.yml, node_modules, dist/). */
  dir: string;
  /** Whether this call compiled (false: a build of the same sources was there). */
  compiled: boolean;
  ms: number;
}

/**
 * Compiles src/ into `<tmp>/incident-sla-e2e/<hash>/dist` unless that build
 * exists. `extraApps` are single TypeScript files (e.g. the benchmark's
 * minimal app) transpiled into `<dir>/extra/<name>.js`, like the preloads
 * every build carries (PRELOADS).
 */
export async function buildApp(extraApps: Record<string, string> = {}): Promise<BuiltApp> {
  const started = performance.now();
  const extras = [...Object.values(extraApps), ...Object.values(PRELOADS)].map((f) => join(ROOT, f));
  // E2E_BUILD_REF=HEAD (any git ref) builds that commit instead of the working tree: for a
  // working copy shared with people in the middle of an edit.
  const ref = process.env.E2E_BUILD_REF;
  const tree = ref ? execFileSync("git", ["-C", ROOT, "rev-parse", `${ref}^{tree}`], { encoding: "utf8" }).trim() : null;
  const base = join(tmpdir(), "incident-sla-e2e");
  const dir = join(base, tree ? `${tree.slice(0, 16)}-${sourceHash(extras, true)}` : sourceHash(extras));
  if (existsSync(join(dir, "READY"))) return { dir, compiled: false, ms: performance.now() - started };

  mkdirSync(base, { recursive: true });
  const work = `${dir}.tmp-${process.pid}-${Date.now()}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  let sources = ROOT;
  if (ref) {
    sources = join(work, "sources");
    mkdirSync(sources);
    const archive = execFileSync("git", ["-C", ROOT, "archive", "--format=tar", ref, "src", "bin", "tsconfig.json", "tsconfig.build.json", "package.json", "app.yml"]);
    execFileSync("tar", ["-x", "-C", sources], { input: archive });
    symlinkSync(join(ROOT, "node_modules"), join(sources, "node_modules"), "dir");
  }
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(sources, "tsconfig.build.json"), "--outDir", join(work, "dist")], {
      cwd: sources,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const e = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
    const output = `${String(e.stdout ?? "")}${String(e.stderr ?? "")}`;
    // Type errors (exit 2) still emit JavaScript: checking types is `npm run typecheck`'s job,
    // and the suite can still say what the emitted app does. Anything else is a failed build.
    if (e.status !== 2 || !existsSync(join(work, "dist/index.js"))) {
      rmSync(work, { recursive: true, force: true });
      throw new Error(`the app does not build:\n${output}`);
    }
    console.warn(`e2e build: the sources have type errors (npm run typecheck reports them); testing the emitted JavaScript:\n${output.slice(0, 2000)}`);
  }
  // package.json makes dist/*.js ES modules (and is where Probot looks for more apps);
  // node_modules resolves the app's imports to the checkout's installed packages.
  cpSync(join(sources, "package.json"), join(work, "package.json"));
  cpSync(join(sources, "app.yml"), join(work, "app.yml"));
  // The command line (`incident-sla sweep`, a scheduled job beside the server) over the same build.
  cpSync(join(sources, "bin"), join(work, "bin"), { recursive: true });
  if (ref) rmSync(sources, { recursive: true, force: true });
  symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"), "dir");
  const toTranspile = { ...PRELOADS, ...extraApps };
  for (const [name, file] of Object.entries(toTranspile)) await transpile(join(ROOT, file), join(work, "extra", `${name}.js`));
  writeFileSync(join(work, "READY"), new Date().toISOString());
  try {
    renameSync(work, dir);
  } catch {
    // Another run finished the same build first: use that one.
    rmSync(work, { recursive: true, force: true });
  }
  // Older builds of other sources are of no further use.
  for (const entry of readdirSync(base)) {
    const path = join(base, entry);
    if (path === dir || entry.includes(".tmp-")) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > 60 * 60_000) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another run.
    }
  }
  return { dir, compiled: true, ms: performance.now() - started };
}
