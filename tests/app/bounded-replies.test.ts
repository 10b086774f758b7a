// Bounded replies (README, Security: replies are bounded), through probot.receive against the
// in-memory GitHub: a refusal is explained once per issue and kind, a repeat
// edits that explanation; the app's writes per issue are capped per rolling
// hour, counted from what GitHub shows (so the cap holds in any process); and
// the app's status comment edited or deleted by someone else is put back,
// while the app's own edits coming back as events cost nothing.
//
// Monday 2 March 2026 is a working day; Moscow is UTC+3, so 10:00 MSK is 07:00Z.
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadForm } from "../fixtures/incident-builders.js";
import { BOT, makeProbot } from "./harness.js";
import { CUSTOMER, ENGINEER, ISSUE, REPO_PATH, WAITING, calls, markerKey, tally, visible } from "./scenarios.js";
import { READ_INCIDENT, openedIncident } from "./opened-incident.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

const REFUSAL =
  '@cust-bob, only support engineers set the "state: waiting for customer" label: it pauses the clock while support waits for the customer. The label was removed.';

const opened = openedIncident;

/** The customer adds the waiting label at `iso` and the app hears of it two seconds later. */
async function customerWaits(w: World, iso: string): Promise<void> {
  w.at(iso).gh.label(1, WAITING, CUSTOMER);
  await w.at(new Date(Date.parse(iso) + 2000).toISOString()).issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
}

const minute = (m: number) => `2026-03-02T07:${String(m).padStart(2, "0")}:00Z`;
const commentKeys = (w: World) => w.gh.commentsOn(1).map((c) => markerKey(c.body));
const status = (w: World) => w.gh.commentsOn(1).find((c) => markerKey(c.body) === "status")!;

/** The app's log lines at warn and above, as pino writes them (JSON), from now on. */
function warnings(w: World): () => Record<string, unknown>[] {
  const stream = (w.probot.log as unknown as Record<symbol, { write: (line: string) => unknown }>)[pino.symbols.streamSym]!;
  const write = vi.spyOn(stream, "write");
  return () =>
    write.mock.calls
      .map(([line]) => JSON.parse(String(line)) as Record<string, unknown>)
      .filter((l) => (l.level as number) >= 40);
}

describe("a refusal is explained once per issue and kind", () => {
  it("customer adds the waiting label five times: at most one comment, edited with the count", async () => {
    const w = await opened();
    for (const m of [10, 11, 12, 13, 14]) await customerWaits(w, minute(m));

    expect(commentKeys(w)).toEqual(["status", "pause-refused"]);
    const refusal = w.gh.commentsOn(1)[1]!;
    expect(visible(refusal.body).split("\n").slice(0, 3)).toEqual([REFUSAL, "", "Attempts so far: 5, the last at 2026-03-02 10:14 UTC+3."]);
    // Five removals, one comment and four edits of it: two writes an attempt.
    const writes = w.gh.apiRequests().filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      `DELETE ${ISSUE}/labels/${WAITING}`,
      `POST ${ISSUE}/comments`,
      ...Array.from({ length: 4 }, () => [`DELETE ${ISSUE}/labels/${WAITING}`, `PATCH ${REPO_PATH}/issues/comments/${refusal.id}`]).flat(),
    ]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);

    // The last delivery again: nothing is written twice.
    w.gh.clearRequests();
    await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
    expect(tally(w.gh)).toEqual({ requests: 3, reads: 3, writes: 0 });
  });

  it("customer adds `state: accepted` and the waiting label: one explanation of each kind", async () => {
    const w = await opened();
    await customerWaits(w, minute(10));
    w.at(minute(11)).gh.label(1, "state: accepted", CUSTOMER);
    await w.issueEvent("labeled", { sender: CUSTOMER, label: "state: accepted" });
    w.at(minute(12)).gh.label(1, "state: resolved", CUSTOMER);
    await w.issueEvent("labeled", { sender: CUSTOMER, label: "state: resolved" });
    expect(commentKeys(w)).toEqual(["status", "pause-refused", "state-refused"]);
  });
});

describe("the app's writes per issue are capped per rolling hour", () => {
  it("customer adds the waiting label over and over: 20 writes, then nothing for that issue until the hour passes, logged at warn", async () => {
    const w = await opened();
    const warned = warnings(w);
    // Opening wrote 2 (the severity label, the status comment); each attempt writes 2 (removal, refusal).
    for (let m = 10; m < 19; m++) await customerWaits(w, minute(m));
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
    expect(warned()).toEqual([]);

    // The tenth attempt: 20 writes in the last hour, so nothing is written and the label stays.
    w.gh.clearRequests();
    await customerWaits(w, minute(19));
    expect(calls(w.gh)).toEqual(READ_INCIDENT);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", WAITING]);
    expect(warned()).toEqual([
      expect.objectContaining({
        level: 40,
        repo: "Codertocat/Hello-World",
        issue: 1,
        cause: "write cap: 20 of 20 writes on this issue in the last 60 minutes",
        withheld: 2,
        resumesAt: "2026-03-02T08:01:00.000Z",
        msg: "write cap reached: writes for this issue held back",
      }),
    ]);
    // Other issues of the same customer are not held back.
    w.gh.openIssue({ number: 2, author: CUSTOMER, body: loadForm("incident-en-complete-level3.md") });
    await w.issueEvent("opened", { sender: CUSTOMER, number: 2 });
    expect(w.gh.commentsOn(2).map((c) => markerKey(c.body))).toEqual(["status"]);

    // An hour after the first writes, the oldest have left the window: the label goes, the count is right.
    w.gh.clearRequests();
    await w.at("2026-03-02T08:01:30Z").commentEvent(w.gh.comment(1, CUSTOMER, "Why was my label removed?"));
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
    expect(visible(w.gh.commentsOn(1)[1]!.body).split("\n")[2]).toBe("Attempts so far: 10, the last at 2026-03-02 10:19 UTC+3.");
    expect(commentKeys(w)).toEqual(["status", "pause-refused", null]);
  });

  it("the count comes from GitHub, not from the process: a new process (a restart, another replica) holds back too", async () => {
    const w = await opened();
    for (let m = 10; m < 19; m++) await customerWaits(w, minute(m));
    // A second app (a restart, another replica) on the same GitHub: its memory is empty, the timeline is not.
    const other = makeProbot(() => w.clock.now);
    w.gh.clearRequests();
    w.at(minute(19)).gh.label(1, WAITING, CUSTOMER);
    await other.receive({ id: "other-1", name: "issues", payload: w.issuePayload("labeled", { sender: CUSTOMER, label: WAITING }) } as never);
    expect(calls(w.gh)).toEqual(READ_INCIDENT);
  });
});

describe("the app's status comment, edited or deleted by someone else, is put back", () => {
  it("someone edits the status comment: put back; the app's own edit coming back costs nothing; a duplicate delivery writes nothing twice", async () => {
    const w = await opened();
    const original = status(w).body;
    const tampered = original.replace("| Acceptance | 8 h | 2026-03-02 18:00 UTC+3 | ▶️ running |", "| Acceptance | 8 h | 2026-03-09 18:00 UTC+3 | ✅ met |");
    expect(tampered).not.toBe(original);
    w.at("2026-03-02T07:20:00Z");
    const edited = status(w);
    edited.body = tampered;
    edited.updated_at = "2026-03-02T07:20:00Z";
    const delivery = w.issuePayload("created", { sender: ENGINEER, comment: edited });
    delivery.action = "edited";
    delivery.changes = { body: { from: original } };

    await w.at("2026-03-02T07:20:02Z").receive("issue_comment", delivery, "edit-1");
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `PATCH ${REPO_PATH}/issues/comments/${edited.id}`]);
    const restored = status(w).body.split("\n");
    expect(restored).toContain("| Acceptance | 8 h | 2026-03-02 18:00 UTC+3 | ▶️ running |");
    expect(restored.at(-1)).toBe("<!-- incident-sla-edits: 2026-03-02T07:20:02Z -->");

    // GitHub tells the app about its own edit: not even read.
    w.gh.clearRequests();
    const own = w.issuePayload("created", { sender: BOT, comment: status(w) });
    own.action = "edited";
    await w.receive("issue_comment", own);
    expect(calls(w.gh)).toEqual([]);

    // The same delivery of the engineer's edit again: read, found as the app wrote it, nothing written.
    await w.at("2026-03-02T07:21:00Z").receive("issue_comment", delivery, "edit-1");
    expect(tally(w.gh)).toEqual({ requests: 3, reads: 3, writes: 0 });
  });

  it("someone deletes the status comment: created again", async () => {
    const w = await opened();
    const gone = status(w);
    w.gh.comments.delete(gone.id);
    const delivery = w.issuePayload("created", { sender: ENGINEER, comment: gone });
    delivery.action = "deleted";
    await w.at("2026-03-02T07:20:00Z").receive("issue_comment", delivery);
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`]);
    expect(commentKeys(w)).toEqual(["status"]);
  });

  it("an edited or deleted comment the app did not write: skipped without a request", async () => {
    const w = await opened();
    const mine = w.gh.comment(1, CUSTOMER, "Logs attached");
    for (const action of ["edited", "deleted"]) {
      const delivery = w.issuePayload("created", { sender: CUSTOMER, comment: mine });
      delivery.action = action;
      await w.receive("issue_comment", delivery);
    }
    expect(calls(w.gh)).toEqual([]);
  });
});
