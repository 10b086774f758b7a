// `incident-sla sweep`: one sweep, outside the app (a scheduled GitHub Actions
// workflow, a Kubernetes CronJob, or by hand). The same code as the app's
// interval. Credentials come from the environment:
//   - app mode: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), plus GHE_HOST
//     and GHE_PROTOCOL for GitHub Enterprise Server, as Probot reads them;
//     every installation, or one shard of them (--shard i/N);
//   - token mode: GITHUB_TOKEN with one or more --repo owner/name, honouring
//     GITHUB_API_URL and GITHUB_GRAPHQL_URL as GitHub Actions sets them.
import { readFile } from "node:fs/promises";
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import type { RepoSweep, SweepDeps } from "../app/sweep.js";
import { type InstallationToSweep, listInstallationRepos, probotInstallations, summarise, sweepInstallation } from "../app/sweep-runner.js";
import { LabelCache } from "../github/labels.js";
import { OrgMembersCache } from "../github/org-members.js";
import type { Octokit } from "../github/types.js";
import { GITHUB_WRITE_LIMITS, WriteBudgets } from "../github/write-budget.js";
import { type CommandContext, write } from "./cli-io.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { UsageError } from "./usage-error.js";

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

function parseShard(text: string | undefined): { index: number; of: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const of = Number(m?.[2]);
  if (!m || of < 1 || index < 1 || index > of) throw new UsageError(`--shard expects i/N with 1 ≤ i ≤ N, e.g. 1/3; got ${JSON.stringify(text)}`);
  return { index, of };
}

function gheBaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GHE_HOST) return undefined;
  return `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3`;
}

export async function sweepCommand(args: string[], { io, now }: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, {
    repo: { type: "string", multiple: true },
    shard: { type: "string" },
    "dry-run": { type: "boolean" },
    bot: { type: "string" },
    "max-wait": { type: "string" },
  });
  const env = io.env;
  const repos = (values.repo ?? []).map((r) => {
    const m = REPO.exec(r);
    if (!m) throw new UsageError(`--repo expects owner/name, got ${JSON.stringify(r)}`);
    return { owner: m[1]!, repo: m[2]! };
  });
  const shard = parseShard(values.shard);
  const maxWait = values["max-wait"] === undefined ? 60 : Number(values["max-wait"]);
  if (!Number.isFinite(maxWait) || maxWait < 0) throw new UsageError(`--max-wait expects seconds, got ${JSON.stringify(values["max-wait"])}`);
  const log = pino({ level: env.LOG_LEVEL ?? "warn" }, pino.destination(2));

  let installations: InstallationToSweep[];
  let unreachable: string[] = [];
  let botLogin: string;
  const privateKey = env.PRIVATE_KEY ?? (env.PRIVATE_KEY_PATH ? await readFile(env.PRIVATE_KEY_PATH, "utf8") : undefined);
  if (env.GITHUB_TOKEN && repos.length > 0) {
    if (shard) throw new UsageError("--shard splits an app's installations; with GITHUB_TOKEN name the repositories with --repo");
    const baseUrl = env.GITHUB_API_URL ?? gheBaseUrl(env) ?? "https://api.github.com";
    const TokenOctokit = io.octokitOptions ? ProbotOctokit.defaults(io.octokitOptions) : ProbotOctokit;
    const octokit: Octokit = new TokenOctokit({ auth: { token: env.GITHUB_TOKEN }, baseUrl, log });
    const graphql = env.GITHUB_GRAPHQL_URL ? octokit.graphql.defaults({ url: env.GITHUB_GRAPHQL_URL }) : octokit.graphql;
    botLogin = values.bot ?? env.INCIDENT_SLA_BOT ?? (env.GITHUB_ACTIONS ? "github-actions[bot]" : "");
    if (!botLogin) throw new UsageError("with GITHUB_TOKEN, say which login the token writes as: --bot LOGIN (in GitHub Actions the default is github-actions[bot])");
    installations = [{ id: `token:${baseUrl}`, octokit, graphql, repos: repos.map((r) => ({ ...r, explicit: true })) }];
  } else if (env.APP_ID && privateKey) {
    const probot = new Probot({
      appId: env.APP_ID,
      privateKey,
      ...(gheBaseUrl(env) ? { baseUrl: gheBaseUrl(env) } : {}),
      ...(io.octokitOptions ? { Octokit: ProbotOctokit.defaults(io.octokitOptions) } : {}),
      log,
    });
    const app = await probot.auth();
    const { data } = await app.rest.apps.getAuthenticated();
    botLogin = values.bot ?? `${data?.slug ?? "incident-sla"}[bot]`;
    installations = await probotInstallations(probot, shard);
    if (repos.length > 0) {
      const wanted = new Set(repos.map((r) => `${r.owner}/${r.repo}`.toLowerCase()));
      for (const installation of installations) {
        installation.repos = (await listInstallationRepos(installation.octokit))
          .filter((r) => wanted.has(`${r.owner}/${r.repo}`.toLowerCase()))
          .map((r) => ({ ...r, explicit: true }));
        for (const r of installation.repos) wanted.delete(`${r.owner}/${r.repo}`.toLowerCase());
      }
      // A repository the app cannot see (a typo, or not installed there) was not swept: say so.
      unreachable = repos.filter((r) => wanted.has(`${r.owner}/${r.repo}`.toLowerCase())).map((r) => `${r.owner}/${r.repo}`);
    }
  } else {
    throw new UsageError("no credentials: set APP_ID and PRIVATE_KEY (the app's), or GITHUB_TOKEN with --repo owner/name");
  }

  const started = now();
  const deps: SweepDeps = {
    now,
    sleep: io.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    botLogin,
    labels: new LabelCache(now),
    members: new OrgMembersCache(now),
    dryRun: values["dry-run"] ?? false,
    maxRateLimitWaitMs: maxWait * 1000,
    log,
    onPlan: values["dry-run"]
      ? (ref, writes) => {
          const planned = writes.map((w) => ("body" in w ? { ...w, body: w.body.split("\n").find((l) => !l.startsWith("<!--")) ?? "" } : w));
          io.stdout.write(`${JSON.stringify({ repo: `${ref.owner}/${ref.repo}`, issue: ref.issue_number, writes: planned })}\n`);
        }
      : undefined,
  };
  const budgets = new WriteBudgets(GITHUB_WRITE_LIMITS, now);
  const results: RepoSweep[] = unreachable.map((repo) => ({
    repo,
    ok: false,
    error: "the app is not installed on this repository (or it does not exist)",
    config: "missing",
    incidents: 0,
    reads: 0,
    extraPages: 0,
    writes: 0,
    deferred: 0,
    changed: 0,
  }));
  for (const r of results) await write(io.stdout, `${JSON.stringify(r)}\n`);
  for (const installation of installations) {
    const swept = await sweepInstallation(deps, budgets, installation);
    for (const r of swept) await write(io.stdout, `${JSON.stringify(r)}\n`);
    results.push(...swept);
  }
  const summary = summarise(results, now() - started);
  await write(
    io.stderr,
    `swept ${summary.repositories} repositories (${summary.failed} failed): ${summary.incidents} open incidents, ${summary.reads} reads, ${summary.writes} writes, ${summary.deferred} deferred${deps.dryRun ? " (dry run: nothing written)" : ""}\n`,
  );
  return summary.failed > 0 ? 1 : 0;
}
