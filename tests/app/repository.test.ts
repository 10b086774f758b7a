// Repository-level behaviour: no configuration (not a customer repository),
// an invalid configuration (one "configuration error" issue, updated, never
// duplicated, closed by the push that fixes it; README, Configuration), and label
// creation on installation (README, Installing the app).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadForm } from "../fixtures/incident-builders.js";
import { BOT, OWNER, REPO, payload } from "./harness.js";
import { CUSTOMER, ISSUE, REPO_PATH, bodies, calls, contract, tally } from "./scenarios.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

const CONFIG_GET = `GET ${REPO_PATH}/contents/.github/incident-sla.yml`;
const ORG_CONFIG_GET = `GET /repos/${OWNER}/.github/contents/.github/incident-sla.yml`;
const LIST_ERROR_ISSUES = `GET ${REPO_PATH}/issues`;

function repoWithIssue(yaml: string | null) {
  const w = new World("2026-03-02T07:00:00Z");
  w.gh.setConfig(yaml);
  w.gh.openIssue({ author: CUSTOMER, body: loadForm("incident-en-complete-level3.md") });
  w.at("2026-03-02T07:01:00Z");
  return w;
}

function pushPayload(w: World, files: { added?: string[]; modified?: string[]; removed?: string[] }, ref = "refs/heads/master") {
  const p = payload("push", undefined, 4);
  p.ref = ref;
  p.commits = [{ ...p.commits[0], added: files.added ?? [], modified: files.modified ?? [], removed: files.removed ?? [] }];
  p.repository.owner.type = w.ownerType;
  return p;
}

const errorBody = (message: string) =>
  [
    "<!-- incident-sla:config-error -->",
    "incident-sla cannot run the SLA clocks of this repository, because its configuration is invalid. Until it is fixed, incidents here get no status, labels or reminders.",
    "",
    "incident-sla не может вести сроки по обращениям этого репозитория: его конфигурация содержит ошибки. Пока они не исправлены, обращения здесь не получают комментария о сроках, меток и напоминаний.",
    "",
    "```text",
    message,
    "```",
    "",
    "Fix `.github/incident-sla.yml` on the **default branch** (the app reads the configuration only from there). This issue closes itself once the configuration is valid. Check a file locally with `npx incident-sla check-config .github/incident-sla.yml`.",
    "",
    "Исправьте `.github/incident-sla.yml` в **основной ветке** (приложение читает конфигурацию только оттуда). Эта задача закроется сама, когда конфигурация станет верной. Проверить файл локально: `npx incident-sla check-config .github/incident-sla.yml`.",
  ].join("\n");

/** The word the app says when it closes the error issue, in every language. */
const VALID_AGAIN = "The configuration is valid again: incident-sla is back at work here.\n\nКонфигурация снова верна: incident-sla снова ведёт сроки в этом репозитории.";

const LANGUAGE_ERROR = 'Invalid configuration in .github/incident-sla.yml:\n  - language, line 1: expected one of "ru", "en"';

describe("no configuration: not a customer repository", () => {
  it.each(["opened", "edited", "labeled", "closed"])("issues.%s: the repository's own file is looked for, nothing else is read and nothing is written", async (action) => {
    const w = repoWithIssue(null);
    await w.issueEvent(action, { sender: CUSTOMER, label: "bug" });
    expect(calls(w.gh)).toEqual([CONFIG_GET]);
  });

  it("issue_comment.created: nothing is written either", async () => {
    const w = repoWithIssue(null);
    await w.commentEvent(w.gh.comment(1, CUSTOMER, "Any news?"));
    expect(tally(w.gh)).toEqual({ requests: 1, reads: 1, writes: 0 });
  });

  // The organisation's .github repository file is a default for `_extends`, not a contract: without its
  // own file a repository is not a customer's, so the organisation's file is not even read.
  it("the organisation's .github repository file alone does not make a customer repository: not read, nothing written", async () => {
    const w = repoWithIssue(null);
    w.gh.setConfig(contract("en"), `${OWNER}/.github`);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([CONFIG_GET]);
    expect(w.gh.issue(1).labels).toEqual([]);
    expect(w.gh.commentsOn(1)).toEqual([]);
  });

  it("the organisation's .github repository file alone: installation creates no labels", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("en"), `${OWNER}/.github`);
    await w.receive("installation", payload("installation", "created"));
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES]);
  });

  it("an invalid organisation-wide file alone is not reported either (no error issue)", async () => {
    const w = repoWithIssue(null);
    w.gh.setConfig("language: fr\n", `${OWNER}/.github`);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([CONFIG_GET]);
  });

  it("_extends: the organisation-wide default is merged under the repository's own keys", async () => {
    const w = repoWithIssue("_extends: .github\nlanguage: ru\n");
    w.gh.setConfig("language: en\ntimezone: Asia/Kolkata\ncalendar:\n  preset: none\n", `${OWNER}/.github`);
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).slice(0, 2)).toEqual([CONFIG_GET, ORG_CONFIG_GET]);
    const status = w.gh.commentsOn(1)[0]!.body;
    expect(status).toContain("### Сроки по обращению");
    expect(status).toContain("Время указано в часовом поясе Asia/Kolkata.");
  });
});

describe("an invalid configuration (issue 3 item 11)", () => {
  it("an incident event opens the error issue once, leaves the incident alone, and says the same thing only once", async () => {
    const w = repoWithIssue("language: fr\n");
    await w.issueEvent("opened", { sender: CUSTOMER });
    // After creating it, the list is read again for a twin another replica may have opened.
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, `POST ${REPO_PATH}/issues`, LIST_ERROR_ISSUES]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/issues`)).toEqual([{ title: "incident-sla: configuration error", body: errorBody(LANGUAGE_ERROR) }]);
    expect(w.gh.issue(1).labels).toEqual([]);
    expect(w.gh.commentsOn(1)).toEqual([]);

    // The app's own "opened" event for its issue, then more incident events: no duplicate.
    w.gh.clearRequests();
    await w.issueEvent("opened", { sender: BOT, number: 2 });
    await w.issueEvent("edited", { sender: CUSTOMER });
    await w.commentEvent(w.gh.comment(1, CUSTOMER, "Any news?"));
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, CONFIG_GET, LIST_ERROR_ISSUES]);
    expect([...w.gh.issues.values()].filter((i) => i.user.login === BOT)).toHaveLength(1);
  });

  // An incident event knows its issue number; none of it may reach the repository-level requests.
  it("the error issue is listed (before and after creating it) and created with the repository's parameters only", async () => {
    const w = repoWithIssue("language: fr\n");
    await w.issueEvent("opened", { sender: CUSTOMER });
    const lists = w.gh.apiRequests().filter((r) => r.method === "GET" && r.path === `${REPO_PATH}/issues`);
    expect(lists.map((r) => r.query)).toEqual([
      { state: "open", creator: BOT, per_page: "100" },
      { state: "open", creator: BOT, per_page: "100" },
    ]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/issues`)).toEqual([{ title: "incident-sla: configuration error", body: errorBody(LANGUAGE_ERROR) }]);
  });

  it("a different error updates the issue's body", async () => {
    const w = repoWithIssue("language: fr\n");
    await w.issueEvent("opened", { sender: CUSTOMER });
    w.gh.setConfig("language: fr\nlables: {}\n");
    w.gh.clearRequests();
    await w.issueEvent("edited", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, `PATCH ${REPO_PATH}/issues/2`]);
    expect(bodies(w.gh, "PATCH", `${REPO_PATH}/issues/2`)).toEqual([
      { body: errorBody(`${LANGUAGE_ERROR}\n  - lables, line 2: unknown key "lables": did you mean "labels"?`) },
    ]);
  });

  it("a YAML syntax error is reported with its line", async () => {
    const w = repoWithIssue("language: en\nteam: [unclosed\n");
    await w.issueEvent("opened", { sender: CUSTOMER });
    const [created] = bodies(w.gh, "POST", `${REPO_PATH}/issues`) as { body: string }[];
    expect(created!.body).toMatch(/- \(file\), line \d+: YAML syntax error: /);
  });

  it("a push that fixes the configuration closes the issue with a comment and creates the labels", async () => {
    const w = repoWithIssue("language: fr\n");
    await w.issueEvent("opened", { sender: CUSTOMER });
    w.gh.setConfig(contract("en"));
    w.gh.clearRequests();
    await w.receive("push", pushPayload(w, { modified: [".github/incident-sla.yml"] }));

    expect(calls(w.gh).slice(0, 5)).toEqual([
      CONFIG_GET,
      LIST_ERROR_ISSUES,
      `POST ${REPO_PATH}/issues/2/comments`,
      `PATCH ${REPO_PATH}/issues/2`,
      `GET ${REPO_PATH}/labels`,
    ]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/issues/2/comments`)).toEqual([{ body: VALID_AGAIN }]);
    expect(bodies(w.gh, "PATCH", `${REPO_PATH}/issues/2`)).toEqual([{ state: "closed", state_reason: "completed" }]);
    expect(w.gh.issue(2).state).toBe("closed");
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toHaveLength(12);

    // The next incident event is handled normally and opens no new error issue.
    w.gh.clearRequests();
    await w.issueEvent("edited", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => c === `POST ${REPO_PATH}/issues`)).toEqual([]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });

  it("a push breaking the configuration opens the issue without waiting for an incident event", async () => {
    const w = repoWithIssue(contract("en"));
    w.gh.setConfig("language: fr\n");
    await w.receive("push", pushPayload(w, { added: [".github/incident-sla.yml"] }));
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, `POST ${REPO_PATH}/issues`, LIST_ERROR_ISSUES]);
  });

  it.each<[string, () => Parameters<typeof pushPayload>[1], string | undefined]>([
    ["a push that does not touch the configuration", () => ({ modified: ["README.md"] }), undefined],
    ["a push to another branch", () => ({ modified: [".github/incident-sla.yml"] }), "refs/heads/feature"],
    ["a tag push", () => ({ modified: [".github/incident-sla.yml"] }), "refs/tags/v1"],
  ])("%s: no request", async (_name, files, ref) => {
    const w = repoWithIssue("language: fr\n");
    await w.receive("push", pushPayload(w, files(), ref));
    expect(w.gh.requests).toEqual([]);
  });

  // Reporting is serialised per repository, so the second event finds the issue the first one opened.
  it("events of two issues (and a push) arriving together open one error issue, not two", async () => {
    const w = repoWithIssue("language: fr\n");
    w.gh.openIssue({ number: 3, author: CUSTOMER, body: "Another problem" });
    await Promise.all([
      w.issueEvent("opened", { sender: CUSTOMER, number: 1 }),
      w.issueEvent("opened", { sender: CUSTOMER, number: 3 }),
      w.receive("push", pushPayload(w, { modified: [".github/incident-sla.yml"] })),
    ]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/issues`)).toHaveLength(1);
    expect([...w.gh.issues.values()].filter((i) => i.user.login === BOT).map((i) => i.state)).toEqual(["open"]);
  });

  it.each<[string, "before" | "after", number, number]>([
    ["just after ours: the replica's (newer) is closed as a duplicate", "after", 2, 3],
    ["just before ours: ours is the newer and is closed as a duplicate", "before", 2, 3],
  ])("a twin error issue opened by another replica %s", async (_name, when, kept, closedTwin) => {
    const w = repoWithIssue("language: fr\n");
    const twin = () => w.gh.openIssue({ number: Math.max(...w.gh.issues.keys()) + 1, author: BOT, association: "NONE", body: errorBody(LANGUAGE_ERROR), title: "incident-sla: configuration error" });
    if (when === "after") w.gh.afterIssueCreated = twin;
    else w.gh.beforeIssueCreated = twin;
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, `POST ${REPO_PATH}/issues`, LIST_ERROR_ISSUES, `PATCH ${REPO_PATH}/issues/${closedTwin}`]);
    expect(bodies(w.gh, "PATCH", `${REPO_PATH}/issues/${closedTwin}`)).toEqual([{ state: "closed", state_reason: "duplicate" }]);
    expect(w.gh.issue(kept).state).toBe("open");
    expect(w.gh.issue(closedTwin)).toMatchObject({ state: "closed", state_reason: "duplicate" });
  });

  it("a push that fixes the configuration closes every open error issue (twins left by an earlier race)", async () => {
    const w = repoWithIssue(contract("en"));
    for (const number of [2, 3]) w.gh.openIssue({ number, author: BOT, association: "NONE", body: errorBody(LANGUAGE_ERROR), title: "incident-sla: configuration error" });
    // An issue of the app's without the marker is not an error issue.
    w.gh.openIssue({ number: 4, author: BOT, association: "NONE", body: "something else", title: "other" });
    await w.receive("push", pushPayload(w, { modified: [".github/incident-sla.yml"] }));
    expect(calls(w.gh).slice(0, 6)).toEqual([
      CONFIG_GET,
      LIST_ERROR_ISSUES,
      `POST ${REPO_PATH}/issues/2/comments`,
      `PATCH ${REPO_PATH}/issues/2`,
      `POST ${REPO_PATH}/issues/3/comments`,
      `PATCH ${REPO_PATH}/issues/3`,
    ]);
    expect([2, 3, 4].map((n) => w.gh.issue(n).state)).toEqual(["closed", "closed", "open"]);
  });
});

describe("installation: labels created with colours and descriptions (issue 3 item 9)", () => {
  const EN_LABELS = [
    { name: "severity: 1", color: "b60205", description: "Severity level 1" },
    { name: "severity: 2", color: "d93f0b", description: "Severity level 2" },
    { name: "severity: 3", color: "fbca04", description: "Severity level 3" },
    { name: "state: accepted", color: "0e8a16", description: "Accepted into work by support" },
    { name: "state: waiting for customer", color: "bfd4f2", description: "Support waits for the customer: the clock is paused" },
    { name: "state: workaround", color: "5319e7", description: "A workaround was given" },
    { name: "state: resolved", color: "0052cc", description: "A permanent solution was given" },
    { name: "sla: paused", color: "d4c5f9", description: "A clock is paused (set by incident-sla)" },
    { name: "sla: at risk", color: "fbca04", description: "A deadline is close (set by incident-sla)" },
    { name: "sla: breached", color: "b60205", description: "A deadline was missed (set by incident-sla)" },
    { name: "support: expired", color: "000000", description: "Outside the support period: no clock runs" },
    { name: "needs: diagnostics", color: "e99695", description: "Preliminary diagnostics are incomplete" },
  ];

  it("installation.created: the missing labels are created; existing ones (any case, any colour) are left as they are", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("en"));
    w.gh.addRepoLabel("Severity: 1", "123456", "our own description");
    w.gh.addRepoLabel("sla: paused", "ffffff", null);
    w.gh.addRepoLabel("bug", "d73a4a", "Something isn't working");
    await w.receive("installation", payload("installation", "created"));

    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES, `GET ${REPO_PATH}/labels`, ...Array(10).fill(`POST ${REPO_PATH}/labels`)]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toEqual(EN_LABELS.filter((l) => l.name !== "severity: 1" && l.name !== "sla: paused"));
    expect(w.gh.labels.get("severity: 1")).toMatchObject({ name: "Severity: 1", color: "123456", description: "our own description" });
    expect(w.gh.labels.get("sla: paused")).toMatchObject({ color: "ffffff", description: null });
    expect(w.gh.labels.get("bug")).toMatchObject({ color: "d73a4a" });
  });

  it("ru descriptions and the contract's own label names", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("ru", 'labels:\n  severity: { 1: "P1 авария" }\n  waiting: "ждём клиента"'));
    await w.receive("installation", payload("installation", "created"));
    const created = bodies(w.gh, "POST", `${REPO_PATH}/labels`) as { name: string; description: string }[];
    expect(created[0]).toEqual({ name: "P1 авария", color: "b60205", description: "Уровень критичности 1" });
    expect(created.find((l) => l.name === "ждём клиента")).toEqual({ name: "ждём клиента", color: "bfd4f2", description: "Поддержка ждёт ответа клиента: отсчёт на паузе" });
    expect(created.map((l) => l.name)).toHaveLength(12);
  });

  it("installation_repositories.added prepares the added repository", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("en"));
    const p = payload("installation_repositories", "added");
    p.repositories_added = [{ ...p.repositories_added[0], name: REPO, full_name: `${OWNER}/${REPO}` }];
    await w.receive("installation_repositories", p);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toHaveLength(12);
  });

  it("a repository without configuration gets no labels", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    await w.receive("installation", payload("installation", "created"));
    expect(calls(w.gh)).toEqual([CONFIG_GET, LIST_ERROR_ISSUES]);
  });

  it("a label the app needs later and nobody created is created on first use, with its colour", async () => {
    const w = repoWithIssue(contract("en"));
    await w.issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).slice(3, 6)).toEqual([`GET ${REPO_PATH}/labels`, `POST ${REPO_PATH}/labels`, `POST ${ISSUE}/labels`]);
    expect(bodies(w.gh, "POST", `${REPO_PATH}/labels`)).toEqual([{ name: "severity: 3", color: "fbca04", description: "Severity level 3" }]);
  });

  it("the app never renames or deletes a label", async () => {
    const w = new World("2026-03-02T07:00:00Z");
    w.gh.setConfig(contract("en"));
    w.gh.addRepoLabel("SLA: Breached", "000000", "managers' own");
    await w.receive("installation", payload("installation", "created"));
    expect(calls(w.gh).filter((c) => /^(PATCH|DELETE) .*\/labels/.test(c))).toEqual([]);
  });
});
