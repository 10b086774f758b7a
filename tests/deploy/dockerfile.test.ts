// The Dockerfile and .dockerignore (README, The container image), checked by structure:
// this machine has no Docker engine, so the image is never built here. What
// its runtime stage does with files is reproduced in
// production-install.test.ts. Here: two stages, the runtime one with
// production dependencies only, a user without privileges, the base image on
// the Node line CI tests as the current LTS, the command `npm start` runs,
// and a build context that holds what the Dockerfile copies and nothing else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { copiesOf, execForm, readDockerfile } from "./dockerfile.js";

const root = new URL("../../", import.meta.url);
const dockerfile = readDockerfile(new URL("Dockerfile", root));
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { files: string[]; engines: { node: string }; scripts: Record<string, string> };
const ciRun = readFileSync(new URL(".ci/run", root), "utf8");
const runtime = dockerfile.stages.at(-1)!;
const build = dockerfile.stages.find((s) => s.name === "build")!;
const runs = (stage: typeof runtime) => stage.instructions.filter((i) => i.op === "RUN").map((i) => i.args);

/** The Node versions .ci/run installs from the registry, e.g. ["22.23.5", "26.12.1"]. */
function ciNodeVersions(): string[] {
  const list = /^NODE_LINES=\(([^)]*)\)/m.exec(ciRun);
  if (!list) throw new Error(".ci/run lists no NODE_LINES");
  return list[1]!.split(" ").map((entry) => entry.split(":")[0]!);
}
const major = (version: string) => Number(version.split(".")[0]);

describe("Dockerfile", () => {
  it("builds in one stage with every dependency and runs in another with production dependencies only", () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(["build", "runtime"]);
    expect(runs(build).some((r) => /\bnpm ci\b/.test(r) && !r.includes("--omit=dev"))).toBe(true);
    expect(runs(build).some((r) => r.includes("npm run build"))).toBe(true);
    const installs = runs(runtime).filter((r) => /\bnpm (ci|install)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/\bnpm ci\b/);
    expect(installs[0]).toContain("--omit=dev");
    // `prepare` builds with the compiler, which is not installed here.
    expect(installs[0]).toContain("--ignore-scripts");
    expect(runs(runtime).some((r) => r.includes("npm run build"))).toBe(false);
  });

  it("the base image is the Node line CI tests as the current LTS: an even major that package.json's engines admit", () => {
    const images = new Set(dockerfile.stages.map((s) => s.image));
    expect(images.size).toBe(1);
    const [image] = [...images];
    const m = /^node:(\d+)-[a-z]+-slim$/.exec(image!);
    expect(m, image).not.toBeNull();
    const line = Number(m![1]);
    expect(line % 2).toBe(0); // only even majors become LTS lines
    expect(line).toBe(Math.max(...ciNodeVersions().map(major)));
    expect(line).toBeGreaterThanOrEqual(Number(/^>=(\d+)/.exec(pkg.engines.node)![1]));
  });

  it("runs as the base image's unprivileged user, after everything is in place", () => {
    const users = runtime.instructions.filter((i) => i.op === "USER");
    expect(users.map((u) => u.args)).toEqual(["node"]);
    const userAt = runtime.instructions.indexOf(users[0]!);
    const lastChange = runtime.instructions.map((i) => i.op).lastIndexOf("COPY");
    expect(userAt).toBeGreaterThan(lastChange);
    expect(runtime.instructions.slice(userAt).filter((i) => i.op === "RUN")).toEqual([]);
  });

  it("starts what `npm start` starts, without rebuilding, under tini; no HEALTHCHECK (the image also runs the jobs)", () => {
    const start = pkg.scripts.start!.split("&&").map((s) => s.trim());
    expect(start[0]).toBe("npm run build");
    const cmd = execForm(runtime, "CMD")!;
    expect(cmd[0]).toBe("node_modules/.bin/probot");
    expect(["probot", ...cmd.slice(1)].join(" ")).toBe(start.at(-1));
    expect(execForm(runtime, "ENTRYPOINT")).toEqual(["/usr/bin/tini", "--"]);
    expect(runs(runtime).some((r) => /apt-get install .*\btini\b/.test(r))).toBe(true);
    expect(runtime.instructions.filter((i) => i.op === "HEALTHCHECK")).toEqual([]);
    expect(runtime.instructions.find((i) => i.op === "EXPOSE")?.args).toBe("3000");
  });

  it("the runtime stage holds exactly what the npm package ships (package.json \"files\"), and the lock it installs from", () => {
    const copied = copiesOf(runtime).flatMap((c) => (c.from === "build" ? c.sources.map((s) => s.replace(/^\/app\//, "")) : c.sources));
    expect(copied.sort()).toEqual([...pkg.files, "package.json", "package-lock.json"].sort());
    for (const c of copiesOf(runtime)) expect([null, "build"]).toContain(c.from);
  });
});

describe(".dockerignore", () => {
  const lines = readFileSync(new URL(".dockerignore", root), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "" && !l.startsWith("#"));
  const allowed = lines.slice(1).map((l) => l.replace(/^!/, ""));

  it("leaves everything out but an allowlist, which is exactly what the Dockerfile copies from the context", () => {
    expect(lines[0]).toBe("*");
    for (const l of lines.slice(1)) expect(l).toMatch(/^![\w.-]+(\/[\w.-]+)*$/);
    const fromContext = dockerfile.stages.flatMap((s) => copiesOf(s).filter((c) => c.from === null).flatMap((c) => c.sources));
    expect([...new Set(fromContext)].sort()).toEqual([...allowed].sort());
  });

  it("never sends secrets, installed dependencies, builds or tests to the builder", () => {
    for (const name of [".env", "node_modules", "dist", "tests", ".git", "bench", "examples"]) expect(allowed).not.toContain(name);
    expect(allowed.some((a) => a.endsWith(".pem") || a.startsWith(".env"))).toBe(false);
  });
});
