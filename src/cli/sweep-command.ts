// `incident-sla sweep`: one sweep, outside the app (a scheduled GitHub Actions
// workflow, a Kubernetes CronJob, or by hand). The same code as the app's
// interval. Credentials: see github-connection.ts (app credentials, every
// installation or one shard; or GITHUB_TOKEN with --repo).
import { pino } from "pino";
import type { RepoSweep } from "../app/sweep.js";
import type { SweepDeps } from "../app/sweep-deps.js";
import { failedSweep, listInstallationRepos, summarise, sweepInstallation } from "../app/sweep-runner.js";
import { LabelCache } from "../github/labels.js";
import { OrgMembersCache } from "../github/org-members.js";
import { GITHUB_WRITE_LIMITS, WriteBudgets } from "../github/write-budget.js";
import { type CommandContext, write } from "./cli-io.js";
import { connectToGitHub } from "./github-connection.js";
import { parseCommandArgs } from "./parse-command-args.js";
import type { CliWords } from "./cli-language.js";
import { UsageError } from "./usage-error.js";
import { wordsFor } from "../words/index.js";

/** What goes into the JSON lines on stdout is machine output: English whatever the command line's language. */
const MACHINE = wordsFor("en").cli;

const REPO = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

function parseShard(text: string | undefined, words: CliWords): { index: number; of: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const of = Number(m?.[2]);
  if (!m || of < 1 || index < 1 || index > of) throw new UsageError(words.shardExpected(JSON.stringify(text)));
  return { index, of };
}

export async function sweepCommand(args: string[], { io, now, words }: CommandContext): Promise<number> {
  const { values } = parseCommandArgs(args, {
    repo: { type: "string", multiple: true },
    shard: { type: "string" },
    "dry-run": { type: "boolean" },
    bot: { type: "string" },
    "max-wait": { type: "string" },
    output: { type: "string" },
  }, words);
  const env = io.env;
  const repos = (values.repo ?? []).map((r) => {
    const m = REPO.exec(r);
    if (!m) throw new UsageError(words.repoExpected(JSON.stringify(r)));
    return { owner: m[1]!, repo: m[2]! };
  });
  const shard = parseShard(values.shard, words);
  const maxWait = values["max-wait"] === undefined ? 60 : Number(values["max-wait"]);
  if (!Number.isFinite(maxWait) || maxWait < 0) throw new UsageError(words.maxWaitExpected(JSON.stringify(values["max-wait"])));
  const output = values.output ?? "lines";
  if (output !== "lines" && output !== "summary") throw new UsageError(words.expectsOneOf("--output", ["lines", "summary"], JSON.stringify(values.output)));
  // --output summary is for logs other customers may read (a shared Actions log): nothing that
  // names a repository or an organisation is printed, not even a log line, whatever LOG_LEVEL says.
  const summaryOnly = output === "summary";
  const log = pino({ level: summaryOnly ? "silent" : (env.LOG_LEVEL ?? "warn") }, pino.destination(2));
  const { installations, botLogin, mode } = await connectToGitHub(io, { repos, bot: values.bot, shard, log, words });
  let unreachable: string[] = [];
  if (mode === "app" && repos.length > 0) {
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
    onPlan: values["dry-run"] && !summaryOnly
      ? (ref, writes) => {
          const planned = writes.map((w) => ("body" in w ? { ...w, body: w.body.split("\n").find((l) => !l.startsWith("<!--")) ?? "" } : w));
          io.stdout.write(`${JSON.stringify({ repo: `${ref.owner}/${ref.repo}`, issue: ref.issue_number, writes: planned })}\n`);
        }
      : undefined,
  };
  const budgets = new WriteBudgets(GITHUB_WRITE_LIMITS, now);
  const results: RepoSweep[] = unreachable.map((repo) => failedSweep(repo, MACHINE.github.notInstalled));
  const printLine = async (r: RepoSweep) => {
    if (!summaryOnly) await write(io.stdout, `${JSON.stringify(r)}\n`);
  };
  for (const r of results) await printLine(r);
  for (const installation of installations) {
    const swept = await sweepInstallation(deps, budgets, installation);
    for (const r of swept) await printLine(r);
    results.push(...swept);
  }
  const summary = summarise(results, now() - started);
  if (summaryOnly) {
    const { repositories, failed, incidents, reads, writes, deferred } = summary;
    await write(io.stdout, `${JSON.stringify({ repositories, failed, incidents, reads, writes, deferred, dryRun: deps.dryRun })}\n`);
  }
  await write(io.stderr, `${words.sweep.summary({ ...summary, dryRun: deps.dryRun === true })}\n`);
  return summary.failed > 0 ? 1 : 0;
}
