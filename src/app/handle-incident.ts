// One incident event, as a numbered list of steps: load the configuration →
// read the issue and its timeline → decide (a plan) → apply what changes.
import type { Config } from "../config/schema.js";
import { applyPlan, writesOf } from "../github/apply-plan.js";
import { reportConfigError } from "../github/config-error-issue.js";
import { loadRepoConfig } from "../github/load-config.js";
import { withRateLimitRetry } from "../github/rate-limit.js";
import { readIncident } from "../github/read-incident.js";
import type { IssueRef, Octokit } from "../github/types.js";
import { decideIncident } from "./decide-incident.js";
import { applyEventFields } from "./issue-fields-step.js";
import type { AppServices } from "./services.js";

export interface HandledIncident {
  outcome: "handled" | "no-config" | "invalid-config" | "skipped";
  reason?: string;
  severity?: number;
  decisions?: string[];
  writes?: number;
}

export interface IncidentEventContext {
  octokit: Octokit;
  ref: IssueRef;
  installationId: number | undefined;
  ownerType: string | undefined;
  /** One info line per event: its outcome (written, nothing to do, skipped and why). */
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void; debug: (obj: object, msg: string) => void };
}

async function trustedMembers(services: AppServices, ctx: IncidentEventContext, config: Config): Promise<string[]> {
  if (!config.team.orgMembersAreEngineers || ctx.ownerType !== "Organization") return [];
  return services.members.members(ctx.octokit, ctx.installationId, ctx.ref.owner);
}

export async function handleIncident(services: AppServices, ctx: IncidentEventContext): Promise<HandledIncident> {
  const started = services.now();
  const { octokit, ref } = ctx;
  const botLogin = await services.botLogin();

  const where = { repo: `${ref.owner}/${ref.repo}`, issue: ref.issue_number };
  const skipped = (outcome: HandledIncident["outcome"], reason: string): HandledIncident => {
    ctx.log.info({ ...where, outcome: "skipped", reason, ms: services.now() - started }, "event skipped");
    return { outcome, reason };
  };

  // 1. Configuration from the default branch; without one this is not a customer repository.
  const loaded = await loadRepoConfig(octokit, ref);
  if (loaded.kind === "missing") return skipped("no-config", "no configuration: not a customer repository");
  if (loaded.kind === "invalid") {
    // One error issue per repository: deliveries for different issues queue here.
    const repoRef = { owner: ref.owner, repo: ref.repo };
    const done = await services.serialise(`config:${ref.owner}/${ref.repo}`, () => reportConfigError(octokit, repoRef, botLogin, loaded.error));
    ctx.log.info({ ...where, outcome: done === "unchanged" ? "nothing to do" : "written", configError: done }, "invalid configuration: incidents left alone");
    return { outcome: "invalid-config" };
  }
  const { config } = loaded;

  // 2. The issue, its timeline and the app's comments on it.
  const data = await readIncident(octokit, ref, botLogin);
  if (data.issue.pull_request) return skipped("skipped", "a pull request, not an incident");
  const author = (data.issue.user as { login?: string } | null)?.login?.toLowerCase();
  if (author === botLogin.toLowerCase()) return skipped("skipped", "the app's own issue");
  const engineers = await trustedMembers(services, ctx, config);

  // 3. Decide.
  const assignees = ((data.issue.assignees ?? []) as { login: string }[]).map((a) => a.login);
  const { plan, explanation } = decideIncident({ config, issue: data.issue, timeline: data.timeline, now: services.now(), bot: botLogin, engineers }, assignees);
  if (ctx.installationId !== undefined) services.onDecided?.({ installationId: ctx.installationId, ref, explanation, appComments: data.appComments, assignees });

  // 4. Apply what changes.
  // A secondary rate limit is waited out write by write (Probot answers GitHub with 202 after 9 s and carries on).
  const waits = { now: services.now, sleep: services.sleep, maxWaitMs: 60_000 };
  const applied = await applyPlan(
    { octokit, labels: services.labels, config, botLogin, now: services.now, log: ctx.log, runWrite: (write) => withRateLimitRetry(write, waits) },
    ref,
    plan,
    data.appComments,
  );
  // Organisation issue fields, when configured (app/issue-fields-step.ts): after the labels, which they never hold up.
  const fieldWrites = await applyEventFields(services, ctx, config, data.issue, explanation, botLogin);
  const writes = writesOf(applied) + fieldWrites;
  ctx.log.info(
    {
      ...where,
      outcome: writes > 0 ? "written" : "nothing to do",
      severity: explanation.severity.level,
      coverage: explanation.evaluation.coverage,
      decisions: plan.decisions,
      writes,
      ms: services.now() - started,
    },
    writes > 0 ? "incident updated" : "incident unchanged",
  );
  return { outcome: "handled", severity: explanation.severity.level, decisions: plan.decisions, writes };
}
