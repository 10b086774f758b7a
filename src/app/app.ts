// Probot wiring: which events reach which handler. The handlers are thin; the
// decisions live in src/domain.
import { pino } from "pino";
import type { ApplicationFunctionOptions, Context, Probot } from "probot";
import { CONFIG_PATH } from "../config/parse-config.js";
import { clearConfigError, reportConfigError } from "../github/config-error-issue.js";
import { labelDefinitions } from "../github/labels.js";
import { loadRepoConfig } from "../github/load-config.js";
import { ReadClients } from "../github/read-client.js";
import { withRequestTimeout } from "../github/request-timeout.js";
import { type IssueRef, type Octokit, type RepoRef, messageOf } from "../github/types.js";
import { handleIncident } from "./handle-incident.js";
import { type PullRequestEvent, checkConfigChange } from "./config-check.js";
import { createMonthlyReports } from "./monthly-report.js";
import { GITHUB_WRITE_LIMITS, WriteBudgets } from "../github/write-budget.js";
import { SweepHealth } from "./health.js";
import { appEndpoints } from "./http-endpoints.js";
import { type InAppSweeps, createInAppSweeps } from "./in-app-sweep.js";
import { AppMetrics } from "./metrics.js";
import { type AppServices, createServices } from "./services.js";
import { scrubLoggedPayloads } from "./scrub-logged-payloads.js";
import { scheduleSweeps } from "./sweep-runner.js";
import { installWebhookGuard } from "./webhook-guard.js";
import { webhookRoot } from "./webhook-root.js";

export interface AppOptions {
  /** Replaces the real clock (tests). */
  now?: () => number;
  /** The app's slug; otherwise APP_SLUG, otherwise asked from GitHub once. */
  appSlug?: string;
  /**
   * Seconds between reconciliations (the sweep that catches what no webhook
   * said; reminders and escalations come from wake-ups in between); 0 turns
   * the app's time-driven work off (a CronJob sweeps instead). Default:
   * SWEEP_INTERVAL, else 3600 (0 under NODE_ENV=test).
   */
  sweepIntervalSeconds?: number;
}

/** A number of seconds from the environment, or `fallback` when unset. */
function secondsFromEnv(name: string, fallback: number, what: string): number {
  const env = process.env[name];
  if (env === undefined || env === "") return fallback;
  const seconds = Number(env);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`${name} must be a number of seconds (${what}), got ${JSON.stringify(env)}`);
  return seconds;
}

function sweepInterval(options: AppOptions): number {
  if (options.sweepIntervalSeconds !== undefined) return options.sweepIntervalSeconds;
  return secondsFromEnv("SWEEP_INTERVAL", process.env.NODE_ENV === "test" ? 0 : 3600, "0 turns sweeps off");
}

const INCIDENT_EVENTS: (
  | "issues.opened"
  | "issues.edited"
  | "issues.labeled"
  | "issues.unlabeled"
  | "issues.closed"
  | "issues.reopened"
  | "issue_comment.created"
  | "issue_comment.edited"
  | "issue_comment.deleted"
)[] = [
  "issues.opened",
  "issues.edited",
  "issues.labeled",
  "issues.unlabeled",
  "issues.closed",
  "issues.reopened",
  "issue_comment.created",
  // Someone else's edit or deletion of the app's status comment: put back (README, Security: the status comment says what the app wrote).
  "issue_comment.edited",
  "issue_comment.deleted",
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

/** "issues.opened", or the event's name when it has no action. */
function eventName(context: Context): string {
  const action = (context.payload as { action?: unknown }).action;
  return typeof action === "string" ? `${context.name}.${action}` : context.name;
}

/**
 * Runs one event's handler: counts its outcome, and logs a failure with what it was doing
 * (event, repository, issue) before Probot answers GitHub with the error.
 */
async function observed(metrics: AppMetrics, context: Context, where: Record<string, unknown>, work: () => Promise<string>): Promise<void> {
  const event = eventName(context);
  try {
    metrics.events.inc({ event, outcome: await work() });
  } catch (error) {
    metrics.events.inc({ event, outcome: "failed" });
    context.log.error({ event, ...where, err: error }, "event failed");
    throw error;
  }
}

export function createApp(options: AppOptions = {}) {
  return (app: Probot, probotOptions?: ApplicationFunctionOptions): void => {
    const services = createServices(botLoginSource(app, options), options.now);
    const metrics = new AppMetrics();
    // Reads without Probot's write spacing; their rate-limit waits are counted like the sweep's.
    services.reads = new ReadClients({ now: services.now, sleep: services.sleep, onWait: () => metrics.rateLimitWaits.inc() });
    const interval = sweepInterval(options);
    const fullSeconds = secondsFromEnv("FULL_SWEEP_INTERVAL", 86_400, "how often a reconciliation reads every open incident");
    let sweeps: InAppSweeps | null = null;
    const health = new SweepHealth({ intervalSeconds: interval, now: services.now, wakeUps: () => sweeps?.wakeUps() ?? null });
    // A failed delivery's payload (a customer's text) stays out of the log.
    if (!scrubLoggedPayloads(app.log, (error) => pino.stdSerializers.err(error as Error))) app.log.warn("logged errors may carry event payloads: the logger's serializers were not found");
    try {
      probotOptions?.addHandler(appEndpoints(health, metrics, app.log));
      // Under a server: oversized and unsigned deliveries are refused before Probot reads them.
      installWebhookGuard({ paths: [process.env.WEBHOOK_PATH || "/api/github/webhooks", "/"], secret: process.env.WEBHOOK_SECRET || "development", log: app.log });
      // Deliveries to the hook URL Probot's setup registers without a proxy (`<server>/`).
      probotOptions?.addHandler(webhookRoot(app));
    } catch (error) {
      // Loaded without an HTTP server (a test's Probot): nothing to serve them on.
      app.log.debug({ err: error }, "no HTTP server: /healthz and /metrics are not served");
    }

    app.on(INCIDENT_EVENTS, async (context) => {
      const { owner, repo } = context.repo();
      const ref: IssueRef = { owner, repo, issue_number: (context.payload as { issue: { number: number } }).issue.number };
      const where = { repo: (context.payload as { repository: { full_name: string } }).repository.full_name, issue: ref.issue_number };
      await observed(metrics, context, where, async () => {
        const botLogin = await services.botLogin();
        // The app's own writes come back as events; they change nothing it has not already decided.
        if (context.payload.sender?.login?.toLowerCase() === botLogin.toLowerCase()) {
          context.log.info({ event: eventName(context), ...where, outcome: "skipped", reason: "sent by the app itself" }, "event skipped");
          return "skipped";
        }
        // An edited or deleted comment matters only when it is one of the app's own.
        const { action, comment } = context.payload as { action?: string; comment?: { user?: { login?: string } | null } };
        if (context.name === "issue_comment" && action !== "created" && comment?.user?.login?.toLowerCase() !== botLogin.toLowerCase()) {
          context.log.info({ event: eventName(context), ...where, outcome: "skipped", reason: "a comment the app did not write" }, "event skipped");
          return "skipped";
        }
        const handled = await services.serialise(`${ref.owner}/${ref.repo}#${ref.issue_number}`, () =>
          handleIncident(services, {
            octokit: withRequestTimeout(context.octokit),
            ref,
            installationId: (context.payload as { installation?: { id: number } }).installation?.id,
            ownerType: (context.payload as { repository: { owner: { type?: string } } }).repository.owner.type,
            log: context.log,
          }),
        );
        if (handled.writes) metrics.writes.inc({ source: "webhook" }, handled.writes);
        return handled.outcome === "handled" ? (handled.writes ? "written" : "nothing to do") : "skipped";
      });
    });

    app.on(["installation.created", "installation_repositories.added"], async (context) => {
      const payload = context.payload as { repositories?: { full_name: string }[]; repositories_added?: { full_name: string }[] };
      const repos = payload.repositories_added ?? payload.repositories ?? [];
      await observed(metrics, context, { repositories: repos.length }, async () => {
        for (const { full_name } of repos) {
          const [owner, repo] = full_name.split("/") as [string, string];
          await prepareRepository(services, withRequestTimeout(context.octokit), { owner, repo }, context.log);
        }
        if (repos.length === 0) context.log.info({ event: eventName(context), outcome: "skipped", reason: "no repositories in the event" }, "event skipped");
        return repos.length === 0 ? "skipped" : "handled";
      });
    });

    if (interval > 0) {
      const budgets = new WriteBudgets(GITHUB_WRITE_LIMITS, services.now);
      const monthlyReports = createMonthlyReports({ now: services.now, members: services.members, log: app.log });
      const inApp = createInAppSweeps({ app, services, budgets, health, metrics, monthlyReports, fullEveryMs: Math.max(fullSeconds, interval) * 1000 });
      sweeps = inApp;
      // Every incident a webhook decides gives the wake-ups its next instant.
      services.onDecided = (d) => inApp.onDecided(d);
      scheduleSweeps(() => inApp.run(), {
        intervalSeconds: interval,
        onError: (error) => {
          health.recordError(messageOf(error));
          app.log.error({ err: error }, "sweep failed");
        },
      });
      app.log.info({ intervalSeconds: interval, fullSweepSeconds: Math.max(fullSeconds, interval) }, "sweeps scheduled");
    }

    // A label deleted from the repository (README, Security: deleted labels are noticed): the label list is read again, and one of the
    // app's labels is created again. GitHub also sends issues.unlabeled (without the label) to every
    // issue that had it; the incident handler notes it in the status comment.
    app.on("label.deleted", async (context) => {
      const where = { repo: context.payload.repository.full_name, label: context.payload.label.name };
      await observed(metrics, context, where, async () => {
        const octokit = withRequestTimeout(context.octokit);
        const ref = context.repo();
        services.labels.forget(ref);
        const loaded = await loadRepoConfig(octokit, ref);
        if (loaded.kind !== "valid") {
          context.log.info({ event: "label.deleted", ...where, outcome: "skipped", reason: `configuration ${loaded.kind}` }, "event skipped");
          return "skipped";
        }
        const restored = await services.labels.restoreDeleted(octokit, ref, context.payload.label.name, loaded.config);
        context.log.info({ event: "label.deleted", ...where, outcome: restored.created ? "written" : "nothing to do", appLabel: restored.appLabel, labelsCreated: restored.created }, "label deleted");
        return restored.created ? "written" : "nothing to do";
      });
    });

    // A pull request changing a configuration: the `incident-sla` check run (README, "The check on pull requests").
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], async (context) => {
      const event = context.payload as unknown as PullRequestEvent;
      await observed(metrics, context, { repo: context.payload.repository.full_name, pull: event.number }, async () => {
        const checked = await checkConfigChange({ services, octokit: withRequestTimeout(context.octokit), log: context.log }, event);
        return checked.outcome === "skipped" ? "skipped" : checked.outcome === "unchanged" ? "nothing to do" : "written";
      });
    });

    // A change of the configuration on the default branch: report or clear errors, create labels.
    app.on("push", async (context) => {
      const { payload } = context;
      const where = { repo: payload.repository.full_name };
      await observed(metrics, context, where, async () => {
        const skip = (reason: string) => {
          context.log.info({ event: "push", ...where, outcome: "skipped", reason }, "event skipped");
          return "skipped";
        };
        if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return skip("not the default branch");
        const touched = payload.commits.some((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH));
        if (!touched) return skip("the configuration did not change");
        sweeps?.forgetConfig(context.repo());
        await prepareRepository(services, withRequestTimeout(context.octokit), context.repo(), context.log);
        return "handled";
      });
    });
  };
}
