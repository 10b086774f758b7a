// Normalisation of GitHub REST objects (an issue and its timeline) into the
// few facts the clock needs. Only labeled, unlabeled, commented, closed and
// reopened events matter; every other event type is ignored. A malformed
// event of a kind that matters is an error naming the event, never a guess.

import { DateTime } from "luxon";

export interface Actor {
  /** Lower-cased login; null for a deleted ("ghost") account. */
  login: string | null;
  /** The login as GitHub spells it, for explanations. */
  display: string;
  /** author_association where GitHub gives one (issue authors and comments). */
  association?: string;
}

export type CloseReason = "completed" | "not_planned" | "duplicate";

export type IncidentEvent =
  | { kind: "labeled" | "unlabeled"; at: number; actor: Actor; label: string }
  | { kind: "commented"; at: number; actor: Actor }
  | { kind: "closed"; at: number; actor: Actor; reason: CloseReason }
  | { kind: "reopened"; at: number; actor: Actor };

export interface IncidentIssue {
  number: number;
  title: string;
  url: string | null;
  createdAt: number;
  author: Actor;
  /** Current label names. */
  labels: string[];
  state: "open" | "closed";
  closedAt: number | null;
  stateReason: CloseReason | null;
  body: string;
}

export class IncidentInputError extends Error {
  override name = "IncidentInputError";
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function time(value: unknown, where: string): number {
  let ms = Number.NaN;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    if (value.endsWith("Z") || value.endsWith("z")) {
      // GitHub's form (UTC): Date.parse is fast but rolls 2026-02-30 over to March, so check the day.
      const year = Number(value.slice(0, 4));
      const month = Number(value.slice(5, 7));
      const day = Number(value.slice(8, 10));
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      ms = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth ? Date.parse(value) : Number.NaN;
    } else {
      const parsed = DateTime.fromISO(value, { setZone: true });
      if (parsed.isValid) ms = parsed.toMillis();
    }
  }
  if (Number.isNaN(ms)) throw new IncidentInputError(`${where}: expected an ISO 8601 time such as "2026-03-02T06:00:00Z", got ${JSON.stringify(value)}`);
  return ms;
}

function actor(value: unknown, association?: unknown): Actor {
  const login = isObject(value) && typeof value.login === "string" && value.login ? value.login : null;
  const result: Actor = { login: login?.toLowerCase() ?? null, display: login ?? "ghost" };
  if (typeof association === "string") result.association = association;
  return result;
}

function closeReason(value: unknown): CloseReason {
  // GitHub reports "completed", "not_planned" or "duplicate"; older closes carry null and count as completed.
  return value === "not_planned" || value === "duplicate" ? value : "completed";
}

export function normaliseIssue(raw: unknown): IncidentIssue {
  if (!isObject(raw)) throw new IncidentInputError("issue: expected the object GET /repos/{owner}/{repo}/issues/{number} returns");
  if (typeof raw.number !== "number" || !Number.isInteger(raw.number)) {
    throw new IncidentInputError(`issue.number: expected an integer, got ${JSON.stringify(raw.number)}`);
  }
  const labels = raw.labels ?? [];
  if (!Array.isArray(labels)) throw new IncidentInputError("issue.labels: expected an array of labels");
  const labelNames = labels.map((label, i) => {
    const name = typeof label === "string" ? label : isObject(label) ? label.name : undefined;
    if (typeof name !== "string") throw new IncidentInputError(`issue.labels[${i}]: expected a label with a name`);
    return name;
  });
  const state = raw.state === "closed" ? "closed" : "open";
  return {
    number: raw.number,
    title: typeof raw.title === "string" ? raw.title : "",
    url: typeof raw.html_url === "string" ? raw.html_url : null,
    createdAt: time(raw.created_at, "issue.created_at"),
    author: actor(raw.user, raw.author_association),
    labels: labelNames,
    state,
    closedAt: state === "closed" && raw.closed_at ? time(raw.closed_at, "issue.closed_at") : null,
    stateReason: state === "closed" ? closeReason(raw.state_reason) : null,
    body: typeof raw.body === "string" ? raw.body : "",
  };
}

function labelOf(event: Json, where: string): string {
  const name = isObject(event.label) ? event.label.name : undefined;
  if (typeof name !== "string") throw new IncidentInputError(`${where}.label.name: expected the label's name`);
  return name;
}

/** Events that matter, in time order (stable for equal times). */
export function normaliseTimeline(raw: unknown): IncidentEvent[] {
  if (!Array.isArray(raw)) throw new IncidentInputError("timeline: expected the array GET /repos/{owner}/{repo}/issues/{number}/timeline returns");
  const events: IncidentEvent[] = [];
  raw.forEach((event: unknown, i) => {
    const where = `timeline[${i}]`;
    if (!isObject(event)) throw new IncidentInputError(`${where}: expected an event object`);
    switch (event.event) {
      case "labeled":
      case "unlabeled":
        events.push({ kind: event.event, at: time(event.created_at, `${where}.created_at`), actor: actor(event.actor), label: labelOf(event, where) });
        break;
      case "commented":
        // Timeline comments carry the author in `user` (and usually `actor`).
        events.push({ kind: "commented", at: time(event.created_at, `${where}.created_at`), actor: actor(event.user ?? event.actor, event.author_association) });
        break;
      case "closed":
        events.push({ kind: "closed", at: time(event.created_at, `${where}.created_at`), actor: actor(event.actor), reason: closeReason(event.state_reason) });
        break;
      case "reopened":
        events.push({ kind: "reopened", at: time(event.created_at, `${where}.created_at`), actor: actor(event.actor) });
        break;
      default:
        break;
    }
  });
  // Array.prototype.sort is stable, so events at the same second keep GitHub's order.
  return events.sort((a, b) => a.at - b.at);
}
