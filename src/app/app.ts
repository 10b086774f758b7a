// Probot wiring: which events reach which handler. The handlers are thin; the
// decisions live in src/domain.
import type { Context, Probot } from "probot";
import { CONFIG_PATH } from "../config/parse-config.js";
import { clearConfigError, reportConfigError } from "../github/config-error-issue.js";
import { labelDefinitions } from "../github/labels.js";
import { loadRepoConfig } from "../github/load-config.js";
import { withRequestTimeout } from "../github/request-timeout.js";
import type { IssueRef, Octokit, RepoRef } from "../github/types.js";
import { handleIncident } from "./handle-incident.js";
import { createMonthlyReports } from "./monthly-report.js";
import { GITHUB_WRITE_LIMITS, WriteBudgets } from "../github/write-budget.js";
import { type AppServices, createServices } from "./services.js";
import type { SweepDeps } from "./sweep.js";
import { probotInstallations, scheduleSweeps, summarise, sweepInstallation } from "./sweep-runner.js";

export interface AppOptions {
  /** Replaces the real clock (tests). */
  now?: () => number;
  /** The app's slug; otherwise APP_SLUG, otherwise asked from GitHub once. */
  appSlug?: string;
  /**
   * Seconds between sweeps (reminders, escalation, labels over time); 0 turns
   * them off. Default: SWEEP_INTERVAL, else 300 (0 under NODE_ENV=test).
   */
  sweepIntervalSeconds?: number;
}

function sweepInterval(options: AppOptions): number {
  if (options.sweepIntervalSeconds !== undefined) return options.sweepIntervalSeconds;
  const env = process.env.SWEEP_INTERVAL;
  if (env !== undefined && env !== "") {
    const seconds = Number(env);
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`SWEEP_INTERVAL must be a number of seconds (0 turns sweeps off), got ${JSON.stringify(env)}`);
    return seconds;
  }
  return process.env.NODE_ENV === "test" ? 0 : 300;
}

const INCIDENT_EVENTS: ("issues.opened" | "issues.edited" | "issues.labeled" | "issues.unlabeled" | "issues.closed" | "issues.reopened" | "issue_comment.created")[] = [
  "issues.opened",
  "issues.edited",
  "issues.labeled",
  "issues.unlabeled",
  "issues.closed",
  "issues.reopened",
  "issue_comment.created",
];

/** Makes the app's login known: options, APP_SLUG, or GET /app once per process. */
function botLoginSource(app: Probot, options: AppOptions): () => Promise<string> {
  let pending: Promise<string> | null = null;
  const fixed = options.appSlug ?? process.env.APP_SLUG;
  if (fixed) return () => Promise.resolve(`${fixed}[bot]`);
  return () => {
    pending ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => `${data?.slug ?? "incident-sla"}[bot]`)
      .catch((error: unknown) => {
        pending = null;
        throw error;
      });
    return pending;
  };
}

/** Creates the labels of a configured repository, or reports its invalid configuration. */
async function prepareRepository(services: AppServices, octokit: Octokit, ref: RepoRef, log: Context["log"]): Promise<void> {
  const loaded = await loadRepoConfig(octokit, ref);
  const botLogin = await services.botLogin();
  if (loaded.kind === "invalid") {
    const done = await services.serialise(`config:${ref.owner}/${ref.repo}`, () => reportConfigError(octokit, ref, botLogin, loaded.error));
    log.info({ repo: `${ref.owner}/${ref.repo}`, configError: done }, "invalid configuration reported");
    return;
  }
  const closed = await clearConfigError(octokit, ref, botLogin);
  if (loaded.kind === "missing") {
    log.debug({ repo: `${ref.owner}/${ref.repo}` }, "no configuration: not a customer repository");
    return;
  }
  const names = labelDefinitions(loaded.config).map((d) => d.name);
  const created = await services.labels.ensure(octokit, ref, names, loaded.config);
  log.info({ repo: `${ref.owner}/${ref.repo}`, labelsCreated: created, configErrorClosed: closed }, "repository ready");
}

export function createApp(options: AppOptions = {}) {
  return (app: Probot): void => {
    const services = createServices(botLoginSource(app, options), options.now);

    app.on(INCIDENT_EVENTS, async (context) => {
      const botLogin = await services.botLogin();
      // The app's own writes come back as events; they change nothing it has not already decided.
      if (context.payload.sender?.login?.toLowerCase() === botLogin.toLowerCase()) return;
      const { owner, repo } = context.repo();
      const ref: IssueRef = { owner, repo, issue_number: (context.payload as { issue: { number: number } }).issue.number };
      await services.serialise(`${ref.owner}/${ref.repo}#${ref.issue_number}`, () =>
        handleIncident(services, {
          octokit: withRequestTimeout(context.octokit),
          ref,
          installationId: (context.payload as { installation?: { id: number } }).installation?.id,
          ownerType: (context.payload as { repository: { owner: { type?: string } } }).repository.owner.type,
          log: context.log,
        }),
      );
    });

    app.on(["installation.created", "installation_repositories.added"], async (context) => {
      const payload = context.payload as { repositories?: { full_name: string }[]; repositories_added?: { full_name: string }[] };
      const repos = payload.repositories_added ?? payload.repositories ?? [];
      for (const { full_name } of repos) {
        const [owner, repo] = full_name.split("/") as [string, string];
        await prepareRepository(services, withRequestTimeout(context.octokit), { owner, repo }, context.log);
      }
    });

    const interval = sweepInterval(options);
    if (interval > 0) {
      const budgets = new WriteBudgets(GITHUB_WRITE_LIMITS, services.now);
      const monthlyReports = createMonthlyReports({ now: services.now, members: services.members, log: app.log });
      scheduleSweeps(async () => {
        const started = services.now();
        const deps: SweepDeps = {
          now: services.now,
          sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
          botLogin: await services.botLogin(),
          labels: services.labels,
          members: services.members,
          log: app.log,
        };
        const results = [];
        const installations = await probotInstallations(app);
        for (const installation of installations) {
          results.push(...(await sweepInstallation(deps, budgets, installation)));
        }
        app.log.info(summarise(results, services.now() - started), "sweep finished");
        // The scheduled compliance report (issue 6) rides on the sweep: it looks at most once an hour.
        await monthlyReports.check(installations, deps.botLogin);
      }, interval);
      app.log.info({ intervalSeconds: interval }, "sweeps scheduled");
    }

    // A change of the configuration on the default branch: report or clear errors, create labels.
    app.on("push", async (context) => {
      const { payload } = context;
      if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return;
      const touched = payload.commits.some((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH));
      if (!touched) return;
      await prepareRepository(services, withRequestTimeout(context.octokit), context.repo(), context.log);
    });
  };
}
