// Support's labels belong to support (README, Security), through probot.receive
// against the in-memory GitHub: a state label the customer side adds is
// removed with one explanation (DESIGN §8), so that a support engineer adding
// it later records the event that meets the target; a label deleted from the
// repository is noticed in the status comment and the app's labels are
// created again, without the label cache believing the deleted one exists.
//
// Monday 2 March 2026 is a working day; Moscow is UTC+3, so 10:00 MSK is 07:00Z.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { user } from "./fake-github.js";
import { payload } from "./harness.js";
import { CUSTOMER, ENGINEER, ISSUE, REPO_PATH, bodies, calls, markerKey, tally, visible } from "./scenarios.js";
import { READ_INCIDENT, openedIncident } from "./opened-incident.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

/** Someone with write access who manages the repository's labels (not a support engineer). */
const MANAGER = "mgr-maria";
const CONFIG = `GET ${REPO_PATH}/contents/.github/incident-sla.yml`;

const opened = openedIncident;

const statusOf = (w: World) => w.gh.commentsOn(1).find((c) => markerKey(c.body) === "status")!;

/** A label deleted from the repository: GitHub takes it off every issue without a timeline event. */
function deleteRepoLabel(w: World, name: string): void {
  w.gh.labels.delete(name.toLowerCase());
  for (const issue of w.gh.issues.values()) issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name.toLowerCase());
}

/** The issues.unlabeled GitHub sends each issue that had a deleted label: it has no `label`. */
function unlabeledByDeletion(w: World, sender: string): Record<string, any> {
  const p = w.issuePayload("unlabeled", { sender });
  delete p.label;
  return p;
}

function labelDeleted(name: string, sender = MANAGER): Record<string, any> {
  const p = payload("label", "deleted");
  p.label = { ...p.label, name };
  p.sender = { ...p.sender, ...user(sender) };
  return p;
}

describe("a state label added by the customer side (DESIGN §8)", () => {
  it.each<["en" | "ru", string]>([
    [
      "en",
      '@cust-bob, only support engineers set the "state: resolved" label: state labels record support\'s progress (acceptance, workaround, permanent solution), and the deadlines are measured by them. The label was removed.',
    ],
    [
      "ru",
      "@cust-bob, метку «state: resolved» ставят только инженеры поддержки: метки состояния отмечают ход работы поддержки (принятие в работу, обходное решение, постоянное решение), и по ним считаются сроки. Метка снята.",
    ],
  ])("customer adds `state: resolved`: removed with one explanation; an engineer adding it later meets the target (%s)", async (lang, text) => {
    const w = await opened(lang);
    w.at("2026-03-02T07:30:00Z").gh.label(1, "state: resolved", CUSTOMER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: CUSTOMER, label: "state: resolved" });

    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `DELETE ${ISSUE}/labels/state: resolved`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`]);
    expect((bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[]).map((b) => visible(b.body))).toEqual([text]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);

    // The same delivery again: the label is gone, nothing more is said.
    w.gh.clearRequests();
    await w.issueEvent("labeled", { sender: CUSTOMER, label: "state: resolved" });
    expect(tally(w.gh)).toEqual({ requests: 3, reads: 3, writes: 0 });

    // The label is not on the issue, so the engineer's addition is recorded, and it counts.
    w.gh.clearRequests();
    w.at("2026-03-02T07:40:00Z").gh.label(1, "state: resolved", ENGINEER);
    await w.at("2026-03-02T07:40:02Z").issueEvent("labeled", { sender: ENGINEER, label: "state: resolved" });
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", "state: resolved"]);
    const met = lang === "en" ? "✅ met 2026-03-02 10:40 UTC+3" : "✅ выполнено 2026-03-02 10:40 UTC+3";
    expect(statusOf(w).body.split("\n").filter((l) => l.includes(met))).toHaveLength(2);
  });

  it("customer adds `state: accepted`: removed; the severity label the customer changes stays and is noted", async () => {
    const w = await opened();
    w.at("2026-03-02T07:30:00Z").gh.label(1, "state: accepted", CUSTOMER);
    w.gh.label(1, "severity: 2", CUSTOMER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: CUSTOMER, label: "severity: 2" });

    expect(w.gh.issue(1).labels).toEqual(["severity: 3", "severity: 2"]);
    expect(statusOf(w).body).toContain('⚠️ The severity label "severity: 2" was added by @cust-bob (customer side) at 2026-03-02 10:30 UTC+3.');
    // Level 2 now (the customer's label applies), so the phone comment too (P10).
    expect(w.gh.commentsOn(1).map((c) => markerKey(c.body))).toEqual(["status", "state-refused", "phone"]);
  });
});

describe("a label deleted from the repository (issue 11 item 5)", () => {
  /** #1 with severity 2 set by a support engineer at 10:10. */
  async function severityTwo(): Promise<World> {
    const w = await opened();
    w.at("2026-03-02T07:10:00Z");
    w.gh.unlabel(1, "severity: 3", ENGINEER);
    w.gh.label(1, "severity: 2", ENGINEER);
    await w.issueEvent("labeled", { sender: ENGINEER, label: "severity: 2" });
    w.gh.clearRequests();
    return w;
  }

  it("a label deleted from the repository: the status comment says the incident counts as the default level, and the label is created again", async () => {
    const w = await severityTwo();
    deleteRepoLabel(w.at("2026-03-02T08:00:00Z"), "severity: 2");
    await w.receive("issues", unlabeledByDeletion(w, MANAGER));

    // The label list read at 10:01 is older than a minute: read again, and the missing label created.
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `GET ${REPO_PATH}/labels`, `POST ${REPO_PATH}/labels`, `PATCH ${REPO_PATH}/issues/comments/${statusOf(w).id}`]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toEqual([{ name: "severity: 2", color: "d93f0b", description: "Severity level 2" }]);
    const lines = statusOf(w).body.split("\n");
    expect(lines).toContain("**Severity 3** (the default: no severity label); clock: working hours (09:00-18:00, ru calendar).");
    expect(lines).toContain(
      '⚠️ The label "severity: 2" is no longer in the repository (deleted or renamed), so GitHub took it off this issue. Until a severity label is set again, the incident counts as level 3, the default.',
    );
    // Not proposed again from the form: a support engineer had set it (P8).
    expect(w.gh.issue(1).labels).toEqual([]);

    // GitHub's label.deleted for the same label: read the list again (not the cache), nothing left to create.
    w.gh.clearRequests();
    await w.receive("label", labelDeleted("severity: 2"));
    expect(calls(w.gh)).toEqual([CONFIG, `GET ${REPO_PATH}/labels`]);

    // Later events keep the note and write nothing; an engineer setting a severity again ends it.
    w.gh.clearRequests();
    await w.at("2026-03-02T08:30:00Z").commentEvent(w.gh.comment(1, CUSTOMER, "Any news?"));
    expect(tally(w.gh).writes).toBe(0);
    w.at("2026-03-02T08:40:00Z").gh.label(1, "severity: 2", ENGINEER);
    await w.issueEvent("labeled", { sender: ENGINEER, label: "severity: 2" });
    expect(statusOf(w).body).not.toContain("no longer in the repository");
    expect(statusOf(w).body).toContain("**Severity 2**");
  });

  it("label.deleted of one of the app's labels right after a cached read: read again and created with its colour (the cache does not keep believing it exists)", async () => {
    // The label list was read at 10:01 (the incident's severity label) and is kept 10 minutes.
    const w = await opened();
    deleteRepoLabel(w.at("2026-03-02T07:03:00Z"), "sla: breached");

    await w.receive("label", labelDeleted("sla: breached"));

    expect(calls(w.gh)).toEqual([CONFIG, `GET ${REPO_PATH}/labels`, `POST ${REPO_PATH}/labels`]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toEqual([{ name: "sla: breached", color: "b60205", description: "A deadline was missed (set by incident-sla)" }]);
  });

  it.each<[string, boolean]>([
    ["a label the app does not use", true],
    ["a repository without configuration", false],
  ])("label.deleted of %s: nothing written", async (_name, configured) => {
    const w = await opened();
    if (!configured) w.gh.setConfig(null);
    w.gh.addRepoLabel("bug");
    deleteRepoLabel(w, "bug");
    await w.receive("label", labelDeleted("bug"));
    expect(tally(w.gh).writes).toBe(0);
    expect(calls(w.gh)[0]).toBe(CONFIG);
  });
});
