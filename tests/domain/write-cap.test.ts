// The per-issue write cap (README, Security: replies are bounded): what the app counts as its own
// writes within the rolling hour, from the timeline and the edit log its
// edited comments carry; and the status comment's check that nobody else
// edited it.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { planIncident } from "../../src/domain/plans/plan-incident.js";
import { statusCommentIntact } from "../../src/domain/texts/status-comment.js";
import { editTimes, withEditLog, withoutEditLog } from "../../src/domain/texts/edit-log.js";
import { ISSUE_WRITE_CAP, writeCapOf } from "../../src/domain/plans/write-cap.js";
import { BOT, CUSTOMER, ENGINEER, comment, issue, labeled, unlabeled } from "../fixtures/incident-builders.js";

const NOW = Date.parse("2026-03-02T08:00:00Z");
const at = (minutesBefore: number) => new Date(NOW - minutesBefore * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const cap = (timeline: unknown[]) => writeCapOf(timeline, { botLogin: BOT, needsDiagnosticsLabel: "needs: diagnostics", now: NOW });
const botComment = (minutesBefore: number, body: string) => ({ ...comment(at(minutesBefore), BOT, "NONE"), body });

describe("writeCapOf: the app's writes on an issue in the last hour, as GitHub shows them", () => {
  it("20 writes per issue per rolling hour", () => {
    expect(ISSUE_WRITE_CAP).toEqual({ writes: 20, windowMs: 3_600_000 });
  });

  it.each<[string, unknown[], number]>([
    ["nothing by the app", [labeled(at(5), CUSTOMER, "state: accepted"), comment(at(4), CUSTOMER)], 0],
    ["labels added in one request (the same second) count once", [labeled(at(5), BOT, "severity: 3"), labeled(at(5), BOT, "sla: at risk")], 1],
    ["labels added in two requests count twice", [labeled(at(5), BOT, "severity: 3"), labeled(at(4), BOT, "sla: at risk")], 2],
    ["each removal counts", [unlabeled(at(5), BOT, "state: accepted"), unlabeled(at(5), BOT, "sla: at risk")], 2],
    ["removing needs: diagnostics counts three (with the comment's deletion and its vanished creation)", [unlabeled(at(5), BOT, "needs: diagnostics")], 3],
    ["a comment the app created", [botComment(5, "<!-- incident-sla:phone -->\n…")], 1],
    ["a comment and the edits its log lists", [botComment(50, `<!-- incident-sla:status fp=0123456789abcdef -->\n…\n<!-- incident-sla-edits: ${at(40)} ${at(30)} ${at(1)} -->`)], 4],
    ["writes an hour old or older are out", [labeled(at(60), BOT, "severity: 3"), botComment(61, `x\n<!-- incident-sla-edits: ${at(70)} ${at(59)} -->`)], 1],
    ["the engineers' writes are theirs", [labeled(at(5), ENGINEER, "state: waiting for customer"), comment(at(4), ENGINEER)], 0],
  ])("%s", (_name, timeline, used) => {
    expect(cap(timeline).used).toBe(used);
  });

  it("resumes when enough of the oldest writes have left the window", () => {
    const timeline = Array.from({ length: 22 }, (_, i) => unlabeled(at(50 - i), BOT, "state: accepted"));
    const c = cap(timeline);
    expect(c.used).toBe(22);
    // 22 counted, 20 allowed: under the cap once the three oldest (50, 49, 48 minutes ago) are out.
    expect(new Date(c.resumesAt!).toISOString()).toBe("2026-03-02T08:12:00.000Z");
  });

  it("a comment from a customer that looks like an edit log is not counted", () => {
    expect(cap([{ ...comment(at(5), CUSTOMER), body: `<!-- incident-sla-edits: ${at(4)} ${at(3)} -->` }]).used).toBe(0);
  });
});

describe("the edit log of an edited comment", () => {
  it("keeps the edits within the hour and adds this one; comparing bodies ignores it", () => {
    const previous = `text\n<!-- incident-sla-edits: ${at(70)} ${at(20)} -->`;
    const next = withEditLog("text", previous, NOW);
    expect(next).toBe(`text\n<!-- incident-sla-edits: ${at(20)} ${at(0)} -->`);
    expect(editTimes(next)).toEqual([NOW - 20 * 60_000, NOW]);
    expect(withoutEditLog(next)).toBe("text");
  });
});

describe("statusCommentIntact: the status comment still says what the app wrote", () => {
  const config = parseConfig({ language: "en", team: { engineers: [ENGINEER], orgMembersAreEngineers: false } });
  const statusBody = (paused: boolean) => {
    const timeline = [labeled("2026-03-02T06:55:00Z", BOT, "severity: 3"), ...(paused ? [labeled("2026-03-02T06:58:00Z", ENGINEER, "state: waiting for customer")] : [])];
    const labels = ["severity: 3", ...(paused ? ["state: waiting for customer"] : [])];
    const planned = planIncident({ config, issue: issue({ createdAt: "2026-03-02T06:55:00Z", labels }), timeline, now: "2026-03-02T07:00:00Z" });
    const action = planned.plan.comments.find((c) => c.key === "status")!;
    return action.mode === "upsert" ? action.body : "";
  };

  it.each([false, true])("as written, with its edit log (paused: %s)", (paused) => {
    const body = statusBody(paused);
    expect(statusCommentIntact(body)).toBe(true);
    expect(statusCommentIntact(withEditLog(body, body, NOW))).toBe(true);
  });

  it.each<[string, (body: string) => string]>([
    ["a deadline changed in the table", (b) => b.replace("▶️ running", "✅ met")],
    ["a line added", (b) => b.replace("### SLA status", "### SLA status\nAll good, nothing to do.")],
    ["the footer removed", (b) => b.split("\n").slice(0, -1).join("\n")],
    ["the marker's fingerprint changed", (b) => b.replace(/fp=[0-9a-f]+/, "fp=0000000000000000")],
  ])("edited by someone else: %s", (_name, edit) => {
    const body = statusBody(false);
    expect(edit(body)).not.toBe(body);
    expect(statusCommentIntact(edit(body))).toBe(false);
  });
});
