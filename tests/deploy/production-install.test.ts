// What ships, installed the way it is installed in production (README,
// Deployment), without Docker: `npm pack` over today's build, the tarball
// unpacked with the lock next to it and `npm ci --omit=dev --ignore-scripts`,
// which is what the Dockerfile's runtime stage does (dockerfile.test.ts checks
// that it copies exactly package.json "files" and the lock). Then, with no
// development dependency anywhere: the command line from another directory,
// the library entry point, and the image's CMD serving /ping and /healthz.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, builtCli } from "../cli/built-cli.js";
import { execForm, readDockerfile } from "./dockerfile.js";

interface Manifest {
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Manifest;

let work = "";
let staging = "";
let app = "";
let listed: string[] = [];

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 180_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  const built = await builtCli();
  work = mkdtempSync(join(tmpdir(), "incident-sla-install-"));
  // A package directory as a clone has it after `npm run build`, with things that must not ship beside what must.
  staging = join(work, "package-source");
  mkdirSync(staging);
  for (const f of ["package.json", "README.md", "app.yml", "config.schema.json"]) copyFileSync(join(ROOT, f), join(staging, f));
  cpSync(join(ROOT, "bin"), join(staging, "bin"), { recursive: true });
  cpSync(join(built, "dist"), join(staging, "dist"), { recursive: true });
  cpSync(join(ROOT, "src"), join(staging, "src"), { recursive: true });
  mkdirSync(join(staging, "tests"));
  writeFileSync(join(staging, "tests", "decoy.test.ts"), "// must not ship\n");
  writeFileSync(join(staging, ".env"), "APP_ID=must-not-ship\n");
  writeFileSync(join(staging, "private-key.pem"), "must not ship\n");

  const dryRun = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], staging)) as [{ files: { path: string }[] }];
  listed = dryRun[0].files.map((f) => f.path).sort();

  const packed = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], staging)) as [{ filename: string }];
  app = join(work, "app");
  mkdirSync(app);
  run("tar", ["-xzf", join(work, packed[0].filename), "-C", app, "--strip-components=1"], work);
  copyFileSync(join(ROOT, "package-lock.json"), join(app, "package-lock.json"));
  // As in the Dockerfile; --prefer-offline: the packages are in npm's cache since the checkout's own `npm ci`.
  run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], app);
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file a module reaches through relative imports, from `entry` (a path inside the package). */
function reachable(entry: string, found = new Set<string>()): Set<string> {
  if (found.has(entry)) return found;
  found.add(entry);
  if (!entry.endsWith(".js")) return found;
  const source = readFileSync(join(staging, entry), "utf8");
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+)["']/g)) {
    reachable(normalize(join(dirname(entry), m[1]!)), found);
  }
  return found;
}

describe("npm pack", () => {
  it("lists every file the command line and the library reach, package.json among them", () => {
    const entries = [...Object.values(pkg.bin), pkg.main, pkg.types].map((p) => normalize(p));
    const needed = new Set(["package.json"]); // main.ts reads the version from it
    for (const entry of entries) for (const file of reachable(entry)) needed.add(file);
    expect(needed.size).toBeGreaterThan(20);
    expect([...needed].filter((f) => !listed.includes(f))).toEqual([]);
  });

  it("ships no sources, tests, secrets or keys", () => {
    expect(listed.filter((f) => /^(src|tests)\//.test(f) || f.startsWith(".env") || f.endsWith(".pem"))).toEqual([]);
  });
});

describe("installed with production dependencies only", () => {
  it("holds every dependency and no development one", () => {
    for (const name of Object.keys(pkg.dependencies)) expect(existsSync(join(app, "node_modules", name, "package.json")), name).toBe(true);
    const present = Object.keys(pkg.devDependencies).filter((name) => existsSync(join(app, "node_modules", name)));
    expect(present).toEqual([]);
  });

  it("the command line runs from another directory, on the example files", () => {
    const elsewhere = join(work, "elsewhere");
    cpSync(join(ROOT, "examples"), join(elsewhere, "examples"), { recursive: true });
    const cli = (args: string[]) => spawnSync(process.execPath, [join(app, "bin", "incident-sla.js"), ...args], { cwd: elsewhere, encoding: "utf8", env: { PATH: process.env.PATH }, timeout: 30_000 });
    expect(cli(["--version"]).stdout).toBe(`${pkg.version}\n`);
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: incident-sla <command>/);
    const check = cli(["check-config", "examples/incident-sla.yml"]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^examples\/incident-sla\.yml: valid\n/);
  });

  it("the library entry point imports: the Probot app and evaluate", () => {
    const probe = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `const m = await import(${JSON.stringify(join(app, pkg.main))}); console.log(typeof m.default, typeof m.evaluate, typeof m.parseConfig);`],
      { cwd: app, encoding: "utf8", timeout: 30_000 },
    );
    expect(probe.stderr).toBe("");
    expect(probe.stdout).toBe("function function function\n");
  });

  describe("the image's CMD", () => {
    let server: ChildProcess | undefined;
    afterAll(() => {
      server?.kill("SIGKILL");
    });

    const freePort = () =>
      new Promise<number>((resolve, reject) => {
        const probe = createServer();
        probe.on("error", reject);
        probe.listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      });

    it("serves /ping and /healthz (the probes) and stops on SIGTERM", async () => {
      const cmd = execForm(readDockerfile(new URL("../../Dockerfile", import.meta.url)).stages.at(-1)!, "CMD")!;
      const port = await freePort();
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs1", format: "pem" } });
      let output = "";
      server = spawn(join(app, cmd[0]!), cmd.slice(1), {
        cwd: app,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "production",
          HOST: "127.0.0.1",
          PORT: String(port),
          APP_ID: "1",
          PRIVATE_KEY: privateKey,
          WEBHOOK_SECRET: "test",
          SWEEP_INTERVAL: "0",
          LOG_LEVEL: "warn",
          // Nothing may leave the machine: any request to GitHub goes to a closed local port.
          GHE_HOST: "127.0.0.1:9",
          GHE_PROTOCOL: "http",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      server.stdout!.on("data", (c: Buffer) => (output += c.toString()));
      server.stderr!.on("data", (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((resolve) => server!.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));

      const base = `http://127.0.0.1:${port}`;
      let ping: Response | undefined;
      for (let i = 0; i < 120 && server.exitCode === null; i++) {
        ping = await fetch(`${base}/ping`).catch(() => undefined);
        if (ping) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(ping?.status, output).toBe(200);
      const health = await fetch(`${base}/healthz`);
      expect(health.status, output).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", sweeps: "off" });

      server.kill("SIGTERM");
      expect(await exited).not.toBeNull();
      server = undefined;
    }, 60_000);
  });
});

// The listing is what `npm install -g ./incident-sla-<version>.tgz` installs too.
it("the tarball holds the launcher that package.json's bin names", () => {
  expect(listed).toContain(normalize(pkg.bin["incident-sla"]!));
  expect(readdirSync(join(app, "bin"))).toEqual(["incident-sla.js"]);
});
