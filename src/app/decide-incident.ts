// What an incident needs now: the incident plan and the reminders and
// escalations it is owed (README, Reminders, escalation and the sweep),
// within the write cap (README, Security: replies are bounded). Webhooks and sweeps both decide here, so an event arriving near a
// deadline reminds exactly like a sweep would, and both spend the same cap.
import { DEFAULT_BOT_LOGIN, type EvaluateInput } from "../domain/clock/evaluate.js";
import { type PlannedIncident, planIncident } from "../domain/plans/plan-incident.js";
import { planReminders } from "../domain/plans/plan-reminders.js";
import { writeCapOf } from "../domain/plans/write-cap.js";

export function decideIncident(input: EvaluateInput, assignees: string[]): PlannedIncident {
  const planned = planIncident(input);
  planned.plan.comments.push(...planReminders(planned.explanation, assignees));
  planned.plan.writeCap = writeCapOf(input.timeline, {
    botLogin: input.bot ?? DEFAULT_BOT_LOGIN,
    needsDiagnosticsLabel: input.config.labels.needsDiagnostics,
    now: planned.explanation.now,
  });
  return planned;
}
