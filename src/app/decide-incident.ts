// What an incident needs now: the incident plan (issue 3) and the reminders
// and escalations it is owed (issue 4). Webhooks and sweeps both decide here,
// so an event arriving near a deadline reminds exactly like a sweep would.
import type { EvaluateInput } from "../domain/evaluate.js";
import { type PlannedIncident, planIncident } from "../domain/plan-incident.js";
import { planReminders } from "../domain/plan-reminders.js";

export function decideIncident(input: EvaluateInput, assignees: string[]): PlannedIncident {
  const planned = planIncident(input);
  planned.plan.comments.push(...planReminders(planned.explanation, assignees));
  return planned;
}
