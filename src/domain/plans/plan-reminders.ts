// Reminders before deadlines and escalation at a breach (README, Reminders,
// escalation and the sweep). Pure: from an evaluation, the comments an
// incident is owed now. Each carries a marker
// naming the incident's target, threshold and severity, so it is posted once
// however many sweeps, replicas or deliveries see the same moment.
//
// - A running target past a threshold gets a reminder for the highest
//   threshold passed (earlier ones that were missed are not posted late).
// - Paused, met and cancelled targets get nothing; a threshold passed while
//   paused is reminded once the clock runs again, before the deadline.
// - An unmet target past its due time escalates once to `reminders.escalate`.
import { calendarOf } from "../clock/calendar.js";
import { WALL_DAY, durationWords } from "../texts/duration-words.js";
import type { Explanation } from "../clock/evaluate.js";
import { formatLocal } from "../../units/local-time.js";
import { marker } from "../texts/markers.js";
import type { CommentAction } from "./plan-incident.js";
import { escalationComment, reminderComment } from "../texts/texts.js";

export const reminderKey = (target: string, threshold: number, severity: number) => `reminder:${target}:${Math.round(threshold * 100)}:s${severity}`;
export const breachKey = (target: string, severity: number) => `breach:${target}:s${severity}`;
/** The reply target repeats: its keys name the wait by its start, so each customer wait is reminded and escalated once. */
export const replyTarget = (waitStart: number) => `reply@${new Date(waitStart).toISOString().replace(/\.\d{3}Z$/, "Z")}`;

export function planReminders(x: Explanation, assignees: string[]): CommentAction[] {
  const { config } = x;
  if (x.evaluation.coverage !== "active" || x.issue.state !== "open") return [];
  const severity = x.severity.level;
  const thresholds = [...config.reminders.thresholds].sort((a, b) => b - a);
  const remindWho = assignees.length ? assignees : config.reminders.mention;
  const day = x.severityConfig.clock === "business" ? { minutes: calendarOf(config).dayMinutes, working: true } : WALL_DAY;
  const actions: CommentAction[] = [];
  for (const t of x.targets) {
    const due = `${formatLocal(t.due, config.timezone)} (${config.timezone})`;
    if (t.status === "running") {
      const share = t.usedMs / t.amountMs;
      const threshold = thresholds.find((th) => share >= th);
      if (threshold === undefined) continue;
      const key = reminderKey(t.name, threshold, severity);
      const left = durationWords(t.leftMs / 60_000, config.language, day);
      const text = reminderComment(config, t.name, due, left, Math.round(threshold * 100), remindWho);
      actions.push({ mode: "once", key, body: `${marker(key)}\n${text}` });
    } else if (t.status === "breached") {
      const key = breachKey(t.name, severity);
      const who = [...new Set([...config.reminders.escalate, ...assignees])];
      actions.push({ mode: "once", key, body: `${marker(key)}\n${escalationComment(config, t.name, due, who)}` });
    }
  }
  // The customer's open wait for a reply, once per wait (README, How the clock works).
  const wait = x.reply?.open;
  if (x.reply && wait) {
    const due = `${formatLocal(wait.due, config.timezone)} (${config.timezone})`;
    const name = replyTarget(wait.start);
    if (x.reply.status === "running") {
      const threshold = thresholds.find((th) => wait.usedMs / x.reply!.amountMs >= th);
      if (threshold !== undefined) {
        const key = reminderKey(name, threshold, severity);
        const left = durationWords(wait.leftMs / 60_000, config.language, day);
        actions.push({ mode: "once", key, body: `${marker(key)}\n${reminderComment(config, "reply", due, left, Math.round(threshold * 100), remindWho)}` });
      }
    } else if (x.reply.status === "breached") {
      const key = breachKey(name, severity);
      const who = [...new Set([...config.reminders.escalate, ...assignees])];
      actions.push({ mode: "once", key, body: `${marker(key)}\n${escalationComment(config, "reply", due, who)}` });
    }
  }
  return actions;
}

