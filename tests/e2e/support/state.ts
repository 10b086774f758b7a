// The fake's state in a form a whole-state assertion can compare: per issue
// its labels (sorted) and every comment in order, the app's own comments by
// their hidden marker key, people's comments by author and text.
import { readMarker } from "../../../src/domain/texts/markers.js";
import type { FakeGitHub } from "../../support/fake-github/index.js";
import { BOT } from "./world.js";

export interface IssueSummary {
  number: number;
  state: string;
  labels: string[];
  comments: string[];
}

export function summarise(fake: FakeGitHub, repo: string): IssueSummary[] {
  return fake.snapshot(repo).issues.map((i) => ({
    number: i.number,
    state: i.stateReason && i.state === "closed" ? `closed:${i.stateReason}` : i.state,
    labels: [...i.labels].sort(),
    // The app's comments by their marker key; a comment without one (e.g. on its own issue) in full.
    comments: i.comments.map((c) => (c.user === BOT && readMarker(c.body) ? `bot:${readMarker(c.body)!.key}` : `@${c.user}: ${c.body}`)),
  }));
}

/** The body of the app's comment with this marker key on an issue (the only one: more fail). */
export function appComment(fake: FakeGitHub, repo: string, number: number, key: string): string {
  const found = fake.commentsOf(repo, number).filter((c) => c.user?.login === BOT && readMarker(c.body)?.key === key);
  if (found.length !== 1) throw new Error(`${repo}#${number}: ${found.length} comments with key ${key}`);
  return found[0]!.body;
}

/** The app's comment as a reader sees it: without the hidden marker line. */
export const visible = (body: string) => body.replace(/^<!-- incident-sla:[^>]*-->\n/, "");

/** Writes the app asked of the fake (REST writes), as "METHOD route". */
export function writesOf(fake: FakeGitHub, from = 0): string[] {
  return fake.requests.filter((r) => r.seq > from && r.kind === "rest-write").map((r) => `${r.method} ${r.path}`);
}

/** The sequence number of the last request the fake saw (to look at what came after). */
export const lastSeq = (fake: FakeGitHub) => fake.requests.at(-1)?.seq ?? 0;
