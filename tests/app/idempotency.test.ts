// Idempotency (DESIGN §1.4): a webhook delivered twice or
// three times, sequentially or at the same moment, a POST whose answer was a
// 5xx although GitHub stored it, and a twin posted by another replica never
// leave two comments or flip a label twice. The fake GitHub is stateful, so a
// second delivery sees what the first one wrote.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { appForm, formBody, COMPLETE } from "../fixtures/app/forms.js";
import { loadForm } from "../fixtures/incident-builders.js";
import { BOT } from "./harness.js";
import { CUSTOMER, ISSUE, REPO_PATH, WAITING, calls, contract, installLabels, markerKey, tally } from "./scenarios.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

const COMMENTS = `${ISSUE}/comments`;

function customerRepo(body: string, options: { retry?: boolean } = {}) {
  const w = new World("2026-03-02T07:00:00Z", options);
  const yaml = contract("en");
  w.gh.setConfig(yaml);
  installLabels(w.gh, yaml);
  w.gh.openIssue({ author: CUSTOMER, body });
  w.at("2026-03-02T07:01:00Z");
  return w;
}

const count = (w: World, method: string, path: string) => w.gh.apiRequests().filter((r) => r.method === method && r.path === path).length;
const statusComments = (w: World) => w.gh.commentsOn(1).filter((c) => markerKey(c.body) === "status");

describe("duplicate deliveries", () => {
  it.each([2, 3])("the same issues.opened delivered %i times in a row: one label POST, one comment POST", async (times) => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    const p = w.issuePayload("opened", { sender: CUSTOMER });
    for (let i = 0; i < times; i++) await w.receive("issues", structuredClone(p), "same-delivery-id");
    expect(count(w, "POST", `${ISSUE}/labels`)).toBe(1);
    expect(count(w, "POST", COMMENTS)).toBe(1);
    expect(w.gh.commentsOn(1)).toHaveLength(1);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
    expect(w.gh.issue(1).events.filter((e) => e.event === "labeled")).toHaveLength(1);
  });

  it.each([2, 3])("the same issues.opened delivered %i times at once (Promise.all): one label POST, one comment POST", async (times) => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    const p = w.issuePayload("opened", { sender: CUSTOMER });
    await Promise.all(Array.from({ length: times }, () => w.receive("issues", structuredClone(p), "same-delivery-id")));
    expect(count(w, "POST", `${ISSUE}/labels`)).toBe(1);
    expect(count(w, "POST", COMMENTS)).toBe(1);
    expect(w.gh.commentsOn(1)).toHaveLength(1);
  });

  it("a customer's waiting label delivered twice at once: one removal, one explanation", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    await w.issueEvent("opened", { sender: CUSTOMER });
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, CUSTOMER);
    w.gh.clearRequests();
    const p = w.issuePayload("labeled", { sender: CUSTOMER, label: WAITING });
    await Promise.all([w.receive("issues", structuredClone(p), "d"), w.receive("issues", structuredClone(p), "d")]);
    expect(calls(w.gh).filter((c) => c.startsWith("DELETE") || c.startsWith("POST"))).toEqual([`DELETE ${ISSUE}/labels/${WAITING}`, `POST ${COMMENTS}`]);
    expect(w.gh.issue(1).events.filter((e) => e.event === "unlabeled")).toHaveLength(1);
  });

  // A level-1 claim with only part of the users affected (corrected to 2), no product version:
  // the app posts the correction, the diagnostics list, the phone instructions and the status.
  const manyComments = formBody("en", { ...COMPLETE, severity: "1", affectedShare: "over10", workaroundAvailable: "no", productVersion: null });

  it("the first delivery of a level-2 incident with missing diagnostics posts four comments", async () => {
    const w = customerRepo(manyComments);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(count(w, "POST", COMMENTS)).toBe(4);
    expect(w.gh.commentsOn(1).map((c) => c.body.split("\n").find((l) => l.startsWith("### ")))).toEqual([
      "### Severity set to 2 instead of 1",
      "### Preliminary diagnostics are incomplete",
      "### Please also call us",
      "### SLA status",
    ]);
  });

  it("every comment the app posts carries the hidden marker of its key", async () => {
    const w = customerRepo(manyComments);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(w.gh.commentsOn(1).map((c) => markerKey(c.body))).toEqual(["severity-correction", "diagnostics", "phone", "status"]);
  });

  const outsidePeriod = () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    w.gh.setConfig(contract("en", "contract:\n  supportUntil: 2026-02-28"));
    return w;
  };

  it.each<[string, () => World, string[]]>([
    ["the level-2 incident with four comments", () => customerRepo(manyComments), ["severity-correction", "diagnostics", "phone", "status"]],
    ["an incident outside the support period (P1)", outsidePeriod, ["coverage", "status"]],
  ])("a second delivery of %s finds every comment by its marker and writes nothing", async (_name, make, keys) => {
    const w = make();
    const p = w.issuePayload("opened", { sender: CUSTOMER });
    await w.receive("issues", structuredClone(p), "same");
    w.gh.clearRequests();
    await w.receive("issues", structuredClone(p), "same");
    expect(tally(w.gh)).toEqual({ requests: 3, reads: 3, writes: 0 });
    expect(w.gh.commentsOn(1).map((c) => markerKey(c.body))).toEqual(keys);
  });

  it("an event a day later posts none of those comments again, only the breach notices, once", async () => {
    const w = customerRepo(manyComments);
    await w.issueEvent("opened", { sender: CUSTOMER });
    const ids = w.gh.commentsOn(1).map((c) => c.id);
    // Level 2 (24×7) from 10:00: acceptance (1h) and the workaround (8h) are breached a day later.
    await w.at("2026-03-03T07:01:00Z").issueEvent("edited", { sender: CUSTOMER });
    w.gh.clearRequests();
    await w.at("2026-03-03T07:02:00Z").issueEvent("edited", { sender: CUSTOMER });
    expect(tally(w.gh).writes).toBe(0);
    expect(w.gh.commentsOn(1).slice(0, 4).map((c) => c.id)).toEqual(ids);
    expect(w.gh.commentsOn(1).map((c) => markerKey(c.body))).toEqual(["severity-correction", "diagnostics", "phone", "status", "breach:accept:s2", "breach:workaround:s2"]);
  });
});

describe("a comment POST answered with a 5xx (the retry-after-5xx case)", () => {
  it.each([false, true])("GitHub stored it: found by its marker, no second POST, the handler succeeds (retry plugin on: %s)", async (retry) => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"), { retry });
    w.gh.failNext({ method: "POST", path: /\/issues\/1\/comments$/, status: 502, apply: true });
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).slice(-3)).toEqual([`POST ${COMMENTS}`, `GET ${COMMENTS}`, `GET ${COMMENTS}`]);
    expect(count(w, "POST", COMMENTS)).toBe(1);
    expect(statusComments(w)).toHaveLength(1);
  });

  it("GitHub did not store it: the delivery fails, and the next delivery posts it once", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    w.gh.failNext({ method: "POST", path: /\/issues\/1\/comments$/, status: 502, apply: false });
    const p = w.issuePayload("opened", { sender: CUSTOMER });
    await expect(w.receive("issues", structuredClone(p))).rejects.toThrow();
    expect(calls(w.gh).slice(-2)).toEqual([`POST ${COMMENTS}`, `GET ${COMMENTS}`]);
    expect(w.gh.commentsOn(1)).toEqual([]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);

    w.gh.clearRequests();
    await w.at("2026-03-02T07:02:00Z").receive("issues", structuredClone(p));
    expect(calls(w.gh).filter((c) => !c.startsWith("GET "))).toEqual([`POST ${COMMENTS}`]);
    expect(statusComments(w)).toHaveLength(1);
  });

  // The look-back window (`since`, 10 minutes) is the app's clock (AppOptions.now), not the host's Date.
  it("the lookup after a 5xx and the twin check look back 10 minutes from the app's clock, not the host's", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    vi.setSystemTime(w.clock.now + 86_400_000);
    w.gh.failNext({ method: "POST", path: /\/issues\/1\/comments$/, status: 502, apply: true });
    await w.issueEvent("opened", { sender: CUSTOMER });
    const lookups = w.gh.apiRequests().filter((r) => r.method === "GET" && r.path === COMMENTS);
    expect(lookups.map((r) => r.query.since)).toEqual(["2026-03-02T06:51:00.000Z", "2026-03-02T06:51:00.000Z"]);
    expect(statusComments(w)).toHaveLength(1);
  });

  it("a 4xx is not second-guessed: the delivery fails without looking for the comment", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    w.gh.failNext({ method: "POST", path: /\/issues\/1\/comments$/, status: 403, apply: false });
    await expect(w.issueEvent("opened", { sender: CUSTOMER })).rejects.toThrow();
    expect(calls(w.gh).at(-1)).toBe(`POST ${COMMENTS}`);
  });
});

describe("a twin posted by another replica", () => {
  it("posted just after ours: the newer (the replica's) is deleted", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    let twin = 0;
    w.gh.afterCommentCreated = (c) => {
      w.gh.afterCommentCreated = null;
      twin = w.gh.comment(1, BOT, c.body, "NONE").id;
    };
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).slice(-3)).toEqual([`POST ${COMMENTS}`, `GET ${COMMENTS}`, `DELETE ${REPO_PATH}/issues/comments/${twin}`]);
    expect(statusComments(w).map((c) => c.id)).toEqual([twin - 1]);
  });

  it("posted just before ours: ours is the newer and is deleted; both replicas keep the same one", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    let first = 0;
    w.gh.beforeCommentCreated = (issue, body) => {
      w.gh.beforeCommentCreated = null;
      first = w.gh.comment(issue, BOT, body, "NONE").id;
    };
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).slice(-3)).toEqual([`POST ${COMMENTS}`, `GET ${COMMENTS}`, `DELETE ${REPO_PATH}/issues/comments/${first + 1}`]);
    expect(statusComments(w).map((c) => c.id)).toEqual([first]);
  });

  it("two status comments left by an earlier race: the next event deletes the newer and keeps the older", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    await w.issueEvent("opened", { sender: CUSTOMER });
    const [kept] = statusComments(w);
    const extra = w.gh.comment(1, BOT, kept!.body, "NONE");
    w.gh.clearRequests();
    await w.at("2026-03-02T07:05:00Z").issueEvent("edited", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => !c.startsWith("GET "))).toEqual([`DELETE ${REPO_PATH}/issues/comments/${extra.id}`]);
    expect(statusComments(w).map((c) => c.id)).toEqual([kept!.id]);
  });
});

describe("label writes racing with others", () => {
  it("a label removal answered 404 (already removed elsewhere) is what was wanted", async () => {
    const w = customerRepo(loadForm("incident-en-complete-level3.md"));
    await w.issueEvent("opened", { sender: CUSTOMER });
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, CUSTOMER);
    w.gh.failNext({ method: "DELETE", path: /\/labels\//, status: 404, apply: true });
    await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });

  it("a label created meanwhile (422 on create) is what was wanted", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("en"));
    w.gh.openIssue({ author: CUSTOMER, body: appForm("incident-en-missing-version-and-steps.md") });
    w.gh.failNext({ method: "POST", path: /^\/repos\/[^/]+\/[^/]+\/labels$/, status: 422, apply: true });
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", "needs: diagnostics"]);
  });
});
