// Connecting the command line to GitHub, the same way for `sweep` and
// `report`. Credentials come from the environment:
//   - app mode: APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH), plus GHE_HOST
//     and GHE_PROTOCOL for GitHub Enterprise Server, as Probot reads them:
//     every installation (or one shard of them);
//   - token mode: GITHUB_TOKEN with the repositories named by --repo,
//     honouring GITHUB_API_URL and GITHUB_GRAPHQL_URL as GitHub Actions sets them.
//
// Octokit's throttling spaces every GraphQL request a second apart, as if it
// were a write. The reads here are queries of a few points each, made one at a
// time (GitHub allows 2,000 points a minute and 100 concurrent requests), so
// GraphQL goes through a client without that spacing; REST writes keep
// Probot's throttled client.
import { readFile } from "node:fs/promises";
import type { Logger } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { type InstallationToSweep, probotInstallations } from "../app/sweep-runner.js";
import { withRequestTimeout } from "../github/request-timeout.js";
import type { Octokit } from "../github/types.js";
import type { CliIo } from "./cli-io.js";
import type { CliWords } from "./cli-language.js";
import { UsageError } from "./usage-error.js";

interface GitHubConnection {
  installations: InstallationToSweep[];
  /** The login the app's (or the token's) writes come from. */
  botLogin: string;
  mode: "app" | "token";
}

function gheBaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.GHE_HOST) return undefined;
  return `${env.GHE_PROTOCOL ?? "https"}://${env.GHE_HOST}/api/v3`;
}

const READS_UNSPACED = { enabled: false };

export async function connectToGitHub(
  io: CliIo,
  options: {
    repos: { owner: string; repo: string }[];
    bot: string | undefined;
    /** With a token outside GitHub Actions, the login it writes as when --bot is not given (none: --bot is required). */
    tokenBotDefault?: string;
    shard?: { index: number; of: number };
    log: Logger;
    words: CliWords;
  },
): Promise<GitHubConnection> {
  const { env } = io;
  const { repos, bot, log, words } = options;
  const privateKey = env.PRIVATE_KEY ?? (env.PRIVATE_KEY_PATH ? await readFile(env.PRIVATE_KEY_PATH, "utf8") : undefined);
  const Writer = io.octokitOptions ? ProbotOctokit.defaults(io.octokitOptions) : ProbotOctokit;
  const Reader = io.octokitOptions ? Writer : ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, throttle: READS_UNSPACED }));

  if (env.GITHUB_TOKEN && repos.length > 0) {
    if (options.shard) throw new UsageError(words.github.shardWithToken);
    const baseUrl = env.GITHUB_API_URL ?? gheBaseUrl(env) ?? "https://api.github.com";
    const octokit: Octokit = withRequestTimeout(new Writer({ auth: { token: env.GITHUB_TOKEN }, baseUrl, log }));
    const reader: Octokit = withRequestTimeout(new Reader({ auth: { token: env.GITHUB_TOKEN }, baseUrl, log }));
    const graphql = env.GITHUB_GRAPHQL_URL ? reader.graphql.defaults({ url: env.GITHUB_GRAPHQL_URL }) : reader.graphql;
    const botLogin = bot ?? env.INCIDENT_SLA_BOT ?? (env.GITHUB_ACTIONS ? "github-actions[bot]" : (options.tokenBotDefault ?? ""));
    if (!botLogin) throw new UsageError(words.github.botRequired);
    return { installations: [{ id: `token:${baseUrl}`, octokit, graphql, repos: repos.map((r) => ({ ...r, explicit: true })) }], botLogin, mode: "token" };
  }
  if (env.APP_ID && privateKey) {
    const settings = { appId: env.APP_ID, privateKey, ...(gheBaseUrl(env) ? { baseUrl: gheBaseUrl(env) } : {}), log };
    const probot = new Probot({ ...settings, Octokit: Writer });
    const app = await probot.auth();
    const { data } = await app.rest.apps.getAuthenticated();
    const installations = await probotInstallations(probot, options.shard);
    if (Reader !== Writer) {
      // The same installations, queried through clients whose GraphQL is not spaced a second apart.
      const readers = new Probot({ ...settings, Octokit: Reader });
      for (const installation of installations) installation.graphql = withRequestTimeout((await readers.auth(Number(installation.id)))).graphql;
    }
    return { installations, botLogin: bot ?? `${data?.slug ?? "incident-sla"}[bot]`, mode: "app" };
  }
  throw new UsageError(words.github.noCredentials);
}
