// deploy/kubernetes.yaml (README, Kubernetes): valid YAML, no Secret of its
// own (credentials are created once by hand, so `kubectl apply` never
// overwrites them), probes that do not restart pods for a GitHub outage,
// resource limits with a heap limit under them, the sweep CronJob that never
// overlaps itself while the replicas' own sweep is off, and the monthly
// `report --post` CronJob. Commands are checked against the command's help.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { shardFromEnv } from "../../src/app/shard.js";
import { HELP } from "../../src/cli/help.js";

type Obj = Record<string, any>;
const root = new URL("../../", import.meta.url);
const text = readFileSync(new URL("deploy/kubernetes.yaml", root), "utf8");
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { version: string };
const docs = parseAllDocuments(text);
const objects = docs.map((d) => d.toJS() as Obj);
const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
const deployment = () => byKind("Deployment")[0]!;
const cronJob = (name: string) => byKind("CronJob").find((o) => o.metadata.name === name)!;

/** Every container of a Deployment or CronJob, with the pod spec it runs in. */
function containers(): { owner: string; pod: Obj; container: Obj }[] {
  return objects.flatMap((o) => {
    const pod = o.kind === "Deployment" || o.kind === "StatefulSet" ? o.spec.template.spec : o.kind === "CronJob" ? o.spec.jobTemplate.spec.template.spec : null;
    return pod ? (pod.containers as Obj[]).map((container) => ({ owner: `${o.kind} ${o.metadata.name}`, pod, container })) : [];
  });
}

const mebibytes = (quantity: string) => {
  const m = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!m) throw new Error(`unexpected memory quantity ${quantity}`);
  return Number(m[1]) * (m[2] === "Gi" ? 1024 : 1);
};
const envOf = (container: Obj) => Object.fromEntries(((container.env ?? []) as Obj[]).map((e) => [e.name, e.value]));

describe("deploy/kubernetes.yaml", () => {
  it("every document parses without errors or warnings", () => {
    expect(docs.length).toBeGreaterThanOrEqual(5);
    for (const d of docs) {
      expect(d.errors).toEqual([]);
      expect(d.warnings).toEqual([]);
    }
    expect(objects.map((o) => o.kind).sort()).toEqual(["CronJob", "CronJob", "Deployment", "PodDisruptionBudget", "Service", "StatefulSet"]);
  });

  it("defines no Secret: every container refers to the one created by hand, and no credential is written here", () => {
    expect(byKind("Secret")).toEqual([]);
    expect(text).not.toMatch(/^\s*(stringData|data):/m);
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    // The documented way to create it, with the three keys the app reads.
    expect(text).toContain("kubectl create secret generic incident-sla");
    for (const key of ["APP_ID", "WEBHOOK_SECRET", "PRIVATE_KEY"]) expect(text).toMatch(new RegExp(`--from-(literal|file)=${key}=`));
    for (const { owner, container } of containers()) {
      expect(container.envFrom, owner).toEqual([{ secretRef: { name: "incident-sla" } }]);
      const names = ((container.env ?? []) as Obj[]).map((e) => e.name as string);
      expect(names.filter((n) => ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET", "GITHUB_TOKEN"].includes(n)), owner).toEqual([]);
    }
  });

  it("readiness on GET /healthz, liveness on GET /ping (an outage at GitHub never restarts pods), both on the app's port 3000", () => {
    const [app] = deployment().spec.template.spec.containers as Obj[];
    const port = (name: string | number) => (typeof name === "number" ? name : (app!.ports as Obj[]).find((p) => p.name === name)?.containerPort);
    expect(app!.readinessProbe.httpGet.path).toBe("/healthz");
    expect(port(app!.readinessProbe.httpGet.port)).toBe(3000);
    expect(app!.livenessProbe.httpGet.path).toBe("/ping");
    expect(port(app!.livenessProbe.httpGet.port)).toBe(3000);
    expect(envOf(app!).PORT).toBe("3000");
    const svc = byKind("Service")[0]!;
    expect(port(svc.spec.ports[0].targetPort)).toBe(3000);
  });

  it("the replicas do not sweep (the CronJob does), and a rollout never drops below the running replicas", () => {
    const d = deployment();
    expect(d.spec.replicas).toBeGreaterThan(1);
    expect(envOf(d.spec.template.spec.containers[0]).SWEEP_INTERVAL).toBe("0");
    expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(byKind("PodDisruptionBudget")[0]!.spec.selector).toEqual(d.spec.selector);
  });

  it("every container: memory request and limit, a V8 heap limit below the memory limit, non-root, the image's entry point kept", () => {
    const all = containers();
    expect(all).toHaveLength(4);
    for (const { owner, pod, container } of all) {
      const { requests, limits } = container.resources;
      expect(requests.cpu, owner).toBeDefined();
      expect(mebibytes(requests.memory), owner).toBeLessThanOrEqual(mebibytes(limits.memory));
      const heap = /--max-old-space-size=(\d+)/.exec(envOf(container).NODE_OPTIONS ?? "");
      expect(heap, owner).not.toBeNull();
      expect(Number(heap![1]), owner).toBeLessThan(mebibytes(limits.memory));
      expect(pod.securityContext.runAsNonRoot, owner).toBe(true);
      expect(container.securityContext.allowPrivilegeEscalation, owner).toBe(false);
      // `command` would replace tini, the image's PID 1 that passes SIGTERM on.
      expect(container.command, owner).toBeUndefined();
      expect(container.image, owner).toBe(`registry.example.com/incident-sla:${pkg.version}`);
    }
  });

  it("the sweep CronJob never runs two at once and sweeps through the command line", () => {
    const sweep = cronJob("incident-sla-sweep");
    expect(sweep.spec.concurrencyPolicy).toBe("Forbid");
    expect(sweep.spec.schedule).toMatch(/^\*\/\d+ \* \* \* \*$/);
    const [container] = sweep.spec.jobTemplate.spec.template.spec.containers as Obj[];
    expect(container!.args.slice(0, 3)).toEqual(["node", "bin/incident-sla.js", "sweep"]);
    for (const option of (container!.args as string[]).filter((a) => a.startsWith("--"))) expect(HELP.sweep).toContain(option);
    expect(sweep.spec.jobTemplate.spec.template.spec.restartPolicy).toBe("Never");
  });

  it("the report CronJob posts last month's report early in each month, never two at once", () => {
    const report = cronJob("incident-sla-report");
    expect(report.spec.concurrencyPolicy).toBe("Forbid");
    // minute hour day-of-month month day-of-week: some days early in the month, every month.
    const [minute, hour, days, month, weekday] = (report.spec.schedule as string).split(" ");
    expect([minute, hour].every((f) => /^\d+$/.test(f!))).toBe(true);
    expect(month).toBe("*");
    expect(weekday).toBe("*");
    const dayNumbers = days!.split(",").flatMap((part) => {
      const [from, to] = part.split("-").map(Number);
      return Array.from({ length: (to ?? from!) - from! + 1 }, (_, i) => from! + i);
    });
    // From the 2nd: on the 1st, UTC, the month has not ended yet west of Greenwich.
    expect(Math.min(...dayNumbers)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...dayNumbers)).toBeLessThanOrEqual(7);
    const [container] = report.spec.jobTemplate.spec.template.spec.containers as Obj[];
    expect(container!.args).toEqual(["node", "bin/incident-sla.js", "report", "--post"]);
    expect(HELP.report).toContain("--post");
  });

  it("the sweeping StatefulSet (issue 16): its replicas divide installations by pod ordinal, one shard each", () => {
    const set = byKind("StatefulSet")[0]!;
    const [app] = set.spec.template.spec.containers as Obj[];
    const env = envOf(app!);
    expect(Number(env.SWEEP_INTERVAL)).toBeGreaterThan(0);
    expect(env.SWEEP_SHARD).toBeUndefined(); // the ordinal names the shard
    expect(Number(env.SWEEP_SHARDS)).toBe(set.spec.replicas);
    // Scaled to N with SWEEP_SHARDS=N, pod k of the set looks after shard k+1 of N.
    const n = 3;
    const shards = [0, 1, 2].map((k) => shardFromEnv({ ...env, SWEEP_SHARDS: String(n) }, `${set.metadata.name}-${k}`));
    expect(shards).toEqual([1, 2, 3].map((index) => ({ index, of: n })));
  });
});
