// When an incident next needs looking at. Pure: from an
// explanation at `now`, the earliest instant after it at which the plan could
// differ without any event on the issue — a reminder threshold, the at-risk
// share, a due time (breach), the same for a customer's open wait for a
// reply, the edge of working hours that changes the phone instructions
// (P10), a label GitHub took off that becomes "gone".
// Between `now` and that instant, planning at any moment gives the plan of
// `now` (tests/domain/wake-at.test.ts checks this on random incidents); null
// when nothing can ever become owed without an event (closed, not covered,
// every target met, paused or cancelled, and no customer wait running).
import { calendarOf, yearOfEpochDay } from "../clock/calendar.js";
import { type Clock, dueAt } from "../clock/clock.js";
import type { Explanation } from "../clock/evaluate.js";
import { reminderKey, replyTarget } from "./plan-reminders.js";

/** plan-incident's grace for a label that left the repository (GONE_AFTER_MS there). */
const GONE_AFTER_MS = 60_000;
/** How far ahead a working-hours edge is looked for (a calendar with no working day left has none). */
const EDGE_SEARCH_DAYS = 400;

export interface WakeOptions {
  /** Keys of the app's comments already on the issue: a posted phone duplicate no longer depends on the hour. */
  posted?: ReadonlySet<string>;
}

export function wakeAt(x: Explanation, options: WakeOptions = {}): number | null {
  const { now, config } = x;
  const candidates: number[] = [];
  const open = x.issue.state === "open";
  const active = x.evaluation.coverage === "active";

  // A label added less than a minute ago and already missing counts as gone once the minute is over.
  for (const e of x.events) if (e.kind === "labeled") candidates.push(e.at + GONE_AFTER_MS);

  const calendar = calendarOf(config);
  const clock: Clock = { kind: x.severityConfig.clock, calendar };
  // A paused or cancelled target's due time moves with `now`; on a business clock the evaluation
  // warns about every guessed calendar year up to the latest due time (evaluate.ts), so the
  // instant that due time enters a new year changes the status comment.
  if (clock.kind === "business") {
    for (const t of x.targets) {
      if ((t.status === "paused" || t.status === "cancelled") && t.leftMs > 0) {
        const entry = floatingDueEntersNextYear(clock, now, t.leftMs);
        if (entry !== null) candidates.push(entry);
      }
    }
  }

  if (open && active) {
    const shares = [...config.reminders.thresholds, config.reminders.atRiskShare];
    for (const t of x.targets) {
      if (t.status !== "running") continue;
      // A running target has no exclusion ahead of `now`: counted time grows with the clock from here.
      for (const share of shares) {
        const need = Math.ceil(share * t.amountMs) - t.usedMs;
        if (need > 0 && share <= 1) candidates.push(dueAt(clock, now, need, []));
      }
      // Breached once `now` is past the due time (targets.ts: horizon > due).
      candidates.push(t.due + 1);
    }
    // The customer's open wait for a reply: its reminders (keys as plan-reminders makes them), at risk, breach.
    const wait = x.reply?.open;
    if (x.reply && wait && x.reply.status === "running") {
      const amountMs = x.reply.amountMs;
      const name = replyTarget(wait.start);
      for (const share of config.reminders.thresholds) {
        if (options.posted?.has(reminderKey(name, share, x.severity.level))) continue;
        const need = Math.ceil(share * amountMs) - wait.usedMs;
        if (need > 0 && share <= 1) candidates.push(dueAt(clock, now, need, []));
      }
      const atRisk = Math.ceil(config.reminders.atRiskShare * amountMs) - wait.usedMs;
      if (atRisk > 0 && config.reminders.atRiskShare <= 1) candidates.push(dueAt(clock, now, atRisk, []));
      // Breached once `now` is past the due time (reply.ts: horizon > due).
      candidates.push(wait.due + 1);
    }
    // The phone duplicate's text depends on whether `now` is within working hours (plan-incident step 5).
    const phonePending = x.severity.level <= 2 && !options.posted?.has("phone");
    if (phonePending) {
      const edge = nextWorkingEdge(calendar, now);
      if (edge !== null) candidates.push(edge);
    }
  }
  const future = candidates.filter((t) => Number.isFinite(t) && t > now);
  return future.length === 0 ? null : Math.min(...future);
}

/** The first opening or closing of a working window after `now`. */
function nextWorkingEdge(calendar: ReturnType<typeof calendarOf>, now: number): number | null {
  const today = calendar.localDay(now);
  let best = Number.POSITIVE_INFINITY;
  for (let day = today - 1; day < today + EDGE_SEARCH_DAYS; day++) {
    const d = calendar.day(day);
    if (!d.working) continue;
    for (const edge of [d.open, d.close]) if (edge > now && edge < best) best = edge;
    if (best < Number.POSITIVE_INFINITY && d.open > best) break;
  }
  return Number.isFinite(best) ? best : null;
}

/** The first instant after `now` from which a due time `leftMs` of counted time ahead falls in a later local year than it does at `now`. */
function floatingDueEntersNextYear(clock: Clock, now: number, leftMs: number): number | null {
  const yearOf = (at: number) => yearOfEpochDay(clock.calendar.localDay(dueAt(clock, at, leftMs, [])));
  let lo = now;
  let hi = now + EDGE_SEARCH_DAYS * 86_400_000;
  const dueYear = yearOf(now);
  if (yearOf(hi) <= dueYear) return null;
  // Monotone in the instant: the least one whose due time is in a later year.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (yearOf(mid) > dueYear) hi = mid;
    else lo = mid;
  }
  return hi;
}
