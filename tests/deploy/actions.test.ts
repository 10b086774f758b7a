// The GitHub Actions examples (README, GitHub Actions: the vendor's operations repository): they belong in the vendor's
// private operations repository and say so; they log nothing about any
// customer (every incident-sla command runs with --output summary, no
// --repo, no LOG_LEVEL); they keep their install between runs and run only
// production dependencies; one sweeps on a schedule, the other posts the
// monthly report; the Node they use is the image's.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { HELP } from "../../src/cli/help.js";
import { readDockerfile } from "./dockerfile.js";

type Obj = Record<string, any>;
const root = new URL("../../", import.meta.url);
const read = (name: string) => readFileSync(new URL(`.github/examples/${name}`, root), "utf8");
const imageLine = Number(/^node:(\d+)/.exec(readDockerfile(new URL("Dockerfile", root)).stages.at(-1)!.image)![1]);

const WORKFLOWS = [
  { file: "incident-sla-sweep.yml", command: "sweep" as const },
  { file: "incident-sla-report.yml", command: "report" as const },
];

describe.each(WORKFLOWS)("$file", ({ file, command }) => {
  const text = read(file);
  const doc = parseDocument(text);
  const workflow = doc.toJS() as Obj;
  const steps = Object.values(workflow.jobs as Obj).flatMap((job: Obj) => job.steps as Obj[]);
  const runs = steps.filter((s) => typeof s.run === "string").map((s) => s.run as string);
  const cliRuns = runs.filter((r) => r.includes("bin/incident-sla.js"));

  it("is valid YAML", () => {
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it("says at its top that it belongs in the vendor's private operations repository, never a customer's", () => {
    const header = text.split("\n").filter((l) => l.startsWith("#")).join(" ").replace(/#\s*/g, "").replace(/\s+/g, " ");
    expect(header).toMatch(/PRIVATE operations repository/);
    expect(header).toMatch(/never in a customer's repository/);
  });

  it(`runs incident-sla ${command} printing totals only, naming no repository, with the app's credentials`, () => {
    expect(cliRuns).toHaveLength(1);
    const args = cliRuns[0]!.split(/\s+/);
    expect(args.slice(0, 3)).toEqual(["node", "incident-sla/bin/incident-sla.js", command]);
    expect(args.join(" ")).toContain("--output summary");
    expect(args).not.toContain("--repo");
    for (const option of args.filter((a) => a.startsWith("--"))) expect(HELP[command]).toContain(option);
    const step = steps.find((s) => s.run === cliRuns[0])!;
    expect(Object.keys(step.env).sort()).toEqual(["APP_ID", "PRIVATE_KEY"]);
    expect(text).not.toMatch(/LOG_LEVEL|GITHUB_TOKEN/);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("keeps the install between runs and runs production dependencies only; Node is the image's LTS line", () => {
    const cache = steps.find((s) => String(s.uses).startsWith("actions/cache@"))!;
    expect(cache.with.path).toContain("incident-sla/node_modules");
    expect(cache.with.key).toContain("hashFiles('incident-sla/package-lock.json')");
    expect(cache.with.key).toContain("steps.source.outputs.commit");
    const install = steps.find((s) => typeof s.run === "string" && s.run.includes("npm ci"))!;
    expect(install.if).toBe(`steps.${cache.id}.outputs.cache-hit != 'true'`);
    expect(install.run).toMatch(/npm prune --omit=dev/);
    const node = steps.find((s) => String(s.uses).startsWith("actions/setup-node@"))!;
    expect(node.with["node-version"]).toBe(imageLine);
    expect(workflow.concurrency["cancel-in-progress"]).toBe(false);
  });
});

describe("schedules", () => {
  const cron = (file: string) => ((parseDocument(read(file)).toJS() as Obj).on.schedule as { cron: string }[]).map((s) => s.cron);
  it("the sweep every few minutes; the report on a few days early in each month", () => {
    expect(cron("incident-sla-sweep.yml")).toEqual([expect.stringMatching(/^\*\/\d+ \* \* \* \*$/)]);
    const [report] = cron("incident-sla-report.yml");
    const [, , days, month, weekday] = report!.split(" ");
    expect([month, weekday]).toEqual(["*", "*"]);
    expect(days).toMatch(/^([2-7])(-[2-7])?$/);
  });
});
