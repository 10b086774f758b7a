// What the wake-up and reconciliation tests share: a token Octokit on the fake
// GitHub without Probot's throttling and retries, and sweep deps on the world's clock.
import { ProbotOctokit } from "probot";
import { pino } from "pino";
import type { SweepDeps } from "../../src/app/sweep-deps.js";
import { LabelCache } from "../../src/github/labels.js";
import { OrgMembersCache } from "../../src/github/org-members.js";
import type { Octokit } from "../../src/github/types.js";
import { ACTIONS_BOT, ACTIONS_TOKEN, type SweepWorld } from "./sweep-world.js";

const Quiet = ProbotOctokit.defaults((o: Record<string, unknown>) => ({ ...o, retry: { enabled: false }, throttle: { ...(o.throttle as object), enabled: false } }));

export function directClients(world: SweepWorld, more: Partial<SweepDeps> = {}): { octokit: Octokit; deps: SweepDeps } {
  const log = pino({ level: "silent" });
  const octokit: Octokit = new Quiet({ auth: { token: `${ACTIONS_TOKEN}_acme` }, baseUrl: world.fake.url, log });
  const now = () => world.now;
  const deps: SweepDeps = { now, sleep: () => Promise.resolve(), botLogin: ACTIONS_BOT, labels: new LabelCache(now), members: new OrgMembersCache(now), log, ...more };
  return { octokit, deps };
}
