// Reading an incident: the issue and its whole timeline (REST), plus the
// app's own comments found in the timeline by their hidden markers.
import { readMarker } from "../domain/texts/markers.js";
import type { IssueRef, Octokit } from "./types.js";

export interface AppComment {
  id: number;
  key: string;
  fingerprint: string | null;
  body: string;
}

export interface IncidentData {
  issue: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  /** The app's comments by key, oldest first. */
  appComments: Map<string, AppComment[]>;
}

export function appCommentsOf(timeline: Record<string, unknown>[], botLogin: string): Map<string, AppComment[]> {
  const byKey = new Map<string, AppComment[]>();
  for (const event of timeline) {
    if (event.event !== "commented") continue;
    const author = (event.user ?? event.actor) as { login?: string } | null;
    if (author?.login?.toLowerCase() !== botLogin.toLowerCase()) continue;
    const body = typeof event.body === "string" ? event.body : "";
    const m = readMarker(body);
    if (!m || typeof event.id !== "number") continue;
    const list = byKey.get(m.key) ?? [];
    list.push({ id: event.id, key: m.key, fingerprint: m.fingerprint, body });
    byKey.set(m.key, list.sort((a, b) => a.id - b.id));
  }
  return byKey;
}

export async function readIncident(octokit: Octokit, ref: IssueRef, botLogin: string): Promise<IncidentData> {
  const { data: issue } = await octokit.rest.issues.get({ ...ref });
  const timeline = (await octokit.paginate(octokit.rest.issues.listEventsForTimeline, { ...ref, per_page: 100 })) as Record<string, unknown>[];
  return { issue: issue as unknown as Record<string, unknown>, timeline, appComments: appCommentsOf(timeline, botLogin) };
}
