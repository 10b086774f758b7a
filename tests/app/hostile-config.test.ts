// Hostile and mistaken configurations through the handler (README,
// Configuration): each one, named in its test, opens one configuration-error issue
// naming the file and the problem, leaves the incident alone, and the
// delivery succeeds (probot.receive resolves: the webhook answers 2xx, where
// these used to throw and answer 500). Nothing is ever read from another owner.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadForm } from "../fixtures/incident-builders.js";
import { ACCEPTED, type ConfigCase, FOREIGN_OWNER, HOSTILE } from "../fixtures/hostile-configs.js";
import { BOT, OWNER, REPO, payload } from "./harness.js";
import { CUSTOMER, REPO_PATH, bodies, calls } from "./scenarios.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

const CONFIG_GET = `GET ${REPO_PATH}/contents/.github/incident-sla.yml`;

/** The case's files in the fake GitHub: "self" is the customer's repository, the rest the same owner's. */
function withFiles(c: ConfigCase): World {
  const w = new World("2026-03-02T07:00:00Z");
  const put = (owner: string, key: string, text: string) => {
    const [repo, path] = key.split(/:(.*)/s) as [string, string];
    w.gh.files.set(`${owner}/${repo === "self" ? REPO : repo}:${path}`, text.replaceAll("{OWNER}", OWNER.toUpperCase()));
  };
  for (const [key, text] of Object.entries(c.files)) put(OWNER, key, text);
  for (const [key, text] of Object.entries(c.foreign ?? {})) put(FOREIGN_OWNER, key, text);
  w.gh.openIssue({ author: CUSTOMER, body: loadForm("incident-en-complete-level3.md") });
  w.at("2026-03-02T07:01:00Z");
  return w;
}

const errorIssues = (w: World) => [...w.gh.issues.values()].filter((i) => i.user.login === BOT);
const foreignReads = (w: World) => w.gh.apiRequests().filter((r) => r.path.toLowerCase().startsWith(`/repos/${FOREIGN_OWNER}/`));

describe("a hostile configuration: one error issue, the incident left alone, the delivery answered", () => {
  it.each(HOSTILE.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const w = withFiles(c);
    await expect(w.issueEvent("opened", { sender: CUSTOMER })).resolves.toBeUndefined();

    const created = bodies(w.gh, "POST", `${REPO_PATH}/issues`) as { title: string; body: string }[];
    expect(created).toHaveLength(1);
    expect(created[0]!.title).toBe("incident-sla: configuration error");
    expect(created[0]!.body).toContain("Invalid configuration in .github/incident-sla.yml:\n  - ");
    expect(created[0]!.body).toMatch(c.problem!);
    expect(created[0]!.body.length).toBeLessThan(65_536);
    expect(w.gh.issue(1).labels).toEqual([]);
    expect(w.gh.commentsOn(1)).toEqual([]);
    expect(foreignReads(w)).toEqual([]);

    // The next event says nothing new: the same one issue, no incident writes.
    w.gh.clearRequests();
    await w.issueEvent("edited", { sender: CUSTOMER });
    expect(errorIssues(w)).toHaveLength(1);
    expect(w.gh.apiRequests().filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("_extends naming another owner (evilcorp/shared): the error issue names the file and says _extends must stay within the owner; only the customer's file was read", async () => {
    const w = withFiles(HOSTILE[0]!);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => c.includes("/contents/"))).toEqual([CONFIG_GET]);
    const [created] = bodies(w.gh, "POST", `${REPO_PATH}/issues`) as { body: string }[];
    expect(created!.body).toContain(
      '  - _extends, line 1: _extends must stay within the owner Codertocat: "evilcorp/shared:incident-sla.yml" names a repository of evilcorp, so nothing was read from it.',
    );
    expect(created!.body).toContain("Fix `.github/incident-sla.yml` on the **default branch**");
    // The engineer the other owner's file lists never became trusted: nothing was merged, no clock ran.
    expect(w.gh.commentsOn(1)).toEqual([]);
  });

  it("a problem in the extended file: the issue says to fix that file too", async () => {
    const w = withFiles(HOSTILE.find((c) => c.name === "an invalid field in the extended file")!);
    await w.issueEvent("opened", { sender: CUSTOMER });
    const [created] = bodies(w.gh, "POST", `${REPO_PATH}/issues`) as { body: string }[];
    expect(created!.body).toContain(`  - in ${OWNER}/.github:.github/incident-sla.yml, calendar.hours, line 3: `);
    expect(created!.body).toContain(`Fix \`.github/incident-sla.yml\` or the file it extends (\`${OWNER}/.github:.github/incident-sla.yml\`) on the **default branch**`);
  });

  it.each([
    ["a push", () => ({ name: "push", p: pushPayload() })],
    ["installation", () => ({ name: "installation", p: payload("installation", "created") })],
  ])("_extends naming another owner, seen by %s: the error issue is opened, nothing read from the other owner", async (_what, delivery) => {
    const w = withFiles(HOSTILE[0]!);
    const { name, p } = delivery();
    await expect(w.receive(name, p)).resolves.toBeUndefined();
    expect(errorIssues(w)).toHaveLength(1);
    expect(foreignReads(w)).toEqual([]);
  });

  it("an _extends cycle: fixed by a push, the error issue is closed and the incident is handled", async () => {
    const cycle = HOSTILE.find((c) => c.name.startsWith("an _extends cycle"))!;
    const w = withFiles(cycle);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(errorIssues(w).map((i) => i.state)).toEqual(["open"]);
    w.gh.files.set(`${OWNER}/shared:incident-sla.yml`, "language: en\n");
    await w.receive("push", pushPayload());
    expect(errorIssues(w).map((i) => i.state)).toEqual(["closed"]);
    await w.issueEvent("edited", { sender: CUSTOMER });
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });
});

describe("accepted configurations are handled as before", () => {
  it.each(ACCEPTED.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const w = withFiles(c);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(errorIssues(w)).toEqual([]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });
});

function pushPayload(): Record<string, any> {
  const p = payload("push", undefined, 4);
  p.ref = "refs/heads/master";
  p.commits = [{ ...p.commits[0], added: [], modified: [".github/incident-sla.yml"], removed: [] }];
  return p;
}
