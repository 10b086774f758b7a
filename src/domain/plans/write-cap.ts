// The app's writes on one incident are capped per rolling hour (README, Security: replies are bounded): a
// customer who repeats something the app answers (a refused label, an edit
// that changes the diagnostics list) spends at most one issue's share of the
// installation's write budget (GitHub: 500 content-creating requests an hour).
// The count comes from what the app can see on GitHub, so it holds across
// restarts, processes and replicas:
// - its own label events in the issue's timeline (labels added in one request
//   share one second and count once);
// - its own comments created within the hour;
// - the edits of its comments: an edited comment carries a hidden log of the
//   app's edits within the hour (GitHub keeps only the last edit's time);
// - a removal of `needs: diagnostics` counts three: the removal, the deletion
//   of the diagnostics comment that goes with it, and that comment's
//   creation, which leaves the timeline with it.
// Not seen, so not counted: labels created in the repository (per repository,
// not per issue), a twin deleted after a race between replicas, and app
// comments someone else deleted (that needs write access to the repository).
// Pure: the caller passes the timeline and `now`.
import { EDIT_LOG_WINDOW_MS, editTimes } from "../texts/edit-log.js";

export const ISSUE_WRITE_CAP = { writes: 20, windowMs: EDIT_LOG_WINDOW_MS } as const;

export interface WriteCap {
  /** Writes allowed per issue within the window. */
  limit: number;
  /** Writes the app made on this issue within the window, as far as GitHub shows them. */
  used: number;
  windowMs: number;
  /** The app's clock when the plan was made: edit logs are stamped with it. */
  now: number;
  /** When the oldest counted write leaves the window (null when nothing was counted). */
  resumesAt: number | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const loginOf = (v: unknown) => (isObject(v) && typeof v.login === "string" ? v.login.toLowerCase() : null);

/**
 * When the app wrote on an issue after `since`, as far as its timeline shows it, in order
 * (epoch ms, one entry per write). The per-issue cap below and the installation's write
 * budget across processes (src/github/write-budget.ts) both count these.
 */
export function appWriteTimes(timeline: unknown, o: { botLogin: string; needsDiagnosticsLabel: string; since: number }): number[] {
  const bot = o.botLogin.toLowerCase();
  const times: number[] = [];
  const addedAt = new Set<string>();
  const count = (at: number, n = 1) => {
    if (at > o.since) for (let i = 0; i < n; i++) times.push(at);
  };
  for (const event of Array.isArray(timeline) ? timeline : []) {
    if (!isObject(event)) continue;
    const at = typeof event.created_at === "string" ? Date.parse(event.created_at) : Number.NaN;
    if (event.event === "labeled" || event.event === "unlabeled") {
      if (loginOf(event.actor) !== bot || Number.isNaN(at)) continue;
      if (event.event === "labeled") {
        // addLabels adds every label of a plan in one request: one write per second seen.
        if (addedAt.has(event.created_at as string)) continue;
        addedAt.add(event.created_at as string);
        count(at);
      } else {
        const label = isObject(event.label) && typeof event.label.name === "string" ? event.label.name.toLowerCase() : "";
        count(at, label === o.needsDiagnosticsLabel.toLowerCase() ? 3 : 1);
      }
    } else if (event.event === "commented") {
      if (loginOf(event.user ?? event.actor) !== bot) continue;
      if (!Number.isNaN(at)) count(at);
      if (typeof event.body === "string") for (const t of editTimes(event.body)) count(t);
    }
  }
  return times.sort((a, b) => a - b);
}

/** The app's writes on an issue within the window before `now`, as its timeline shows them. */
export function writeCapOf(
  timeline: unknown,
  o: { botLogin: string; needsDiagnosticsLabel: string; now: number; limit?: number; windowMs?: number },
): WriteCap {
  const limit = o.limit ?? ISSUE_WRITE_CAP.writes;
  const windowMs = o.windowMs ?? ISSUE_WRITE_CAP.windowMs;
  const times = appWriteTimes(timeline, { botLogin: o.botLogin, needsDiagnosticsLabel: o.needsDiagnosticsLabel, since: o.now - windowMs });
  const used = times.length;
  // Writing resumes when enough of the oldest writes have left the window to be under the limit.
  const resumesAt = used === 0 ? null : times[Math.max(0, used - limit)]! + windowMs;
  return { limit, used, windowMs, now: o.now, resumesAt };
}
