// Incident events through probot.receive with real webhook payloads
// (@octokit/webhooks-examples) and captured issue-form bodies; GitHub is the
// in-memory fake behind nock, and every test asserts the exact requests (in
// order) and the exact bodies the app sent (README, Using it).
//
// Monday 2 March 2026 is a working day; Moscow is UTC+3, so 10:00 MSK is 07:00Z.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appForm } from "../fixtures/app/forms.js";
import { loadForm } from "../fixtures/incident-builders.js";
import { BOT } from "./harness.js";
import {
  CUSTOMER,
  ENGINEER,
  ISSUE,
  MEMBER,
  NEEDS,
  PAUSED,
  REPO_PATH,
  WAITING,
  bodies,
  calls,
  contract,
  installLabels,
  tally,
  visible,
  withoutFingerprint,
} from "./scenarios.js";
import { World, setUpNetwork, tearDownNetwork } from "./world.js";

beforeEach(setUpNetwork);
afterEach(tearDownNetwork);

/** A configured customer repository (labels created at installation) with issue #1 opened at `openedAt`. */
function customerRepo(language: "en" | "ru", body: string, openedAt = "2026-03-02T07:00:00Z", extra = "") {
  const w = new World(openedAt);
  const yaml = contract(language, extra);
  w.gh.setConfig(yaml);
  installLabels(w.gh, yaml);
  w.gh.openIssue({ author: CUSTOMER, body });
  return w;
}

const READ_INCIDENT = [`GET ${REPO_PATH}/contents/.github/incident-sla.yml`, `GET ${ISSUE}`, `GET ${ISSUE}/timeline`];

describe("issues.opened", () => {
  it("a complete form (en, level 3): severity label and the status comment, nothing else", async () => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });

    expect(calls(w.gh)).toEqual([
      ...READ_INCIDENT,
      `GET ${REPO_PATH}/labels`,
      `POST ${ISSUE}/labels`,
      `POST ${ISSUE}/comments`,
      `GET ${ISSUE}/comments`,
    ]);
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: ["severity: 3"] }]);
    // Level 3, working hours: acceptance 8h from Mon 10:00 → 18:00; resolution 90 working hours
    // → Tue 17 March 10:00 (Mon 9 March is a holiday). One minute of each is used.
    expect(bodies(w.gh, "POST", `${ISSUE}/comments`).map((b: any) => withoutFingerprint(b.body))).toEqual([
      [
        "<!-- incident-sla:status fp=… -->",
        "### SLA status",
        '**Severity 3** (label "severity: 3"); clock: working hours (09:00-18:00, ru calendar).',
        "Clock started: 2026-03-02 10:00 UTC+3, when the issue was opened.",
        "",
        "| Deadline | Target | Due | Status |",
        "|---|---|---|---|",
        "| Acceptance | 8 h | 2026-03-02 18:00 UTC+3 | ▶️ running |",
        "| Permanent solution | 10 working days (9 h each) | 2026-03-17 10:00 UTC+3 | ▶️ running |",
        "",
        "Acceptance: left 7 h 59 min of working time; Permanent solution: left 9 working days 8 h 59 min (as of 2026-03-02 10:01 UTC+3).",
        "",
        "<sub>Times are in Europe/Moscow. Updated 2026-03-02 10:01 UTC+3.</sub>",
      ].join("\n"),
    ]);
    expect(w.gh.apiRequests().find((r) => r.path === `${ISSUE}/comments` && r.method === "GET")?.query).toEqual({ since: "2026-03-02T06:51:00.000Z", per_page: "100" });
    expect(w.gh.apiRequests().every((r) => r.auth === "token test-token")).toBe(true);
    expect(w.gh.unhandled).toEqual([]);
  });

  it.each<["en" | "ru", string, string[], string]>([
    [
      "ru",
      "incident-ru-missing-logs-and-db-check.md",
      ["severity: 3", NEEDS],
      [
        "### Не хватает предварительной диагностики",
        "Перед обращением в поддержку нужно выполнить предварительную диагностику. Пожалуйста, дополните описание issue (кнопка «Edit»), указав:",
        "- **Журналы (логи)**: подготовленные и просмотренные журналы или удалённый доступ для поддержки",
        "- **Собственная база инцидентов**: что вы проверили свою базу инцидентов на похожие проблемы и прежние решения",
        "",
        "Отсчёт сроков при этом не останавливается: если решить проблему самостоятельно не удаётся, присылайте то, что уже собрано.",
        "Этот комментарий исчезнет, когда всё будет заполнено.",
      ].join("\n"),
    ],
    [
      "en",
      "incident-en-missing-version-and-steps.md",
      ["severity: 3", NEEDS],
      [
        "### Preliminary diagnostics are incomplete",
        "Before contacting support, the customer's engineers do some preliminary diagnostics. Please edit the issue's description and add:",
        "- **Product version**: the product version",
        "- **Steps to reproduce**: a scenario that reproduces the problem",
        "",
        "The clock keeps running meanwhile: if you cannot solve the problem yourselves, send what you have collected so far.",
        "This comment goes away when everything is there.",
      ].join("\n"),
    ],
  ])("missing diagnostics (%s, %s): the label and one comment listing exactly the missing items", async (lang, form, labels, text) => {
    const w = customerRepo(lang, appForm(form));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });

    expect(calls(w.gh)).toEqual([
      ...READ_INCIDENT,
      `GET ${REPO_PATH}/labels`,
      `POST ${ISSUE}/labels`,
      `POST ${ISSUE}/comments`,
      `GET ${ISSUE}/comments`,
      `POST ${ISSUE}/comments`,
      `GET ${ISSUE}/comments`,
    ]);
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels }]);
    const [diagnostics, status] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(visible(diagnostics!.body)).toBe(text);
    expect(status!.body).toContain(lang === "ru" ? "### Сроки по обращению" : "### SLA status");
    expect(w.gh.issue(1).labels).toEqual(labels);
  });

  it("a TEST environment claiming level 1 (en): set to 3 with the explanation, no phone comment", async () => {
    const w = customerRepo("en", appForm("incident-en-test-env-claims-level1.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });

    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `GET ${REPO_PATH}/labels`, `POST ${ISSUE}/labels`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`]);
    // Logs are missing but remote access was given (P6): diagnostics are complete.
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: ["severity: 3"] }]);
    const [correction, status] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(visible(correction!.body)).toBe(
      "### Severity set to 3 instead of 1\nUnder the support policy:\n- the problem is in a TEST environment, which is always level 3\n\nIf this is wrong, correct the form or tell us here: a support engineer can change the level.",
    );
    expect(status!.body).toContain('**Severity 3** (label "severity: 3")');
  });

  it("level 1 at night (ru, 22:00 MSK): severity 1, the on-duty phone from the configuration, the 24×7 status", async () => {
    const w = customerRepo("ru", appForm("incident-ru-level1-outage.md"), "2026-03-02T19:00:00Z");
    await w.at("2026-03-02T19:02:00Z").issueEvent("opened", { sender: CUSTOMER });

    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `GET ${REPO_PATH}/labels`, `POST ${ISSUE}/labels`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`]);
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: ["severity: 1"] }]);
    const [phone, status] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(visible(phone!.body)).toBe(
      "### Пожалуйста, позвоните нам\nЭто обращение уровня 1: его нужно продублировать звонком. Сейчас нерабочее время: позвоните дежурным инженерам по телефону +7 900 200-00-00.",
    );
    // 24×7 from 22:00: acceptance 30m → 22:30, workaround 4h → 02:00, resolution 3d → Thu 5 March 22:00.
    expect(withoutFingerprint(status!.body)).toBe(
      [
        "<!-- incident-sla:status fp=… -->",
        "### Сроки по обращению",
        "**Уровень 1** (метка «severity: 1»); отсчёт: круглосуточно (24×7).",
        "Начало отсчёта: 2026-03-02 22:00 UTC+3, когда открыт issue.",
        "",
        "| Срок | Норматив | До | Состояние |",
        "|---|---|---|---|",
        "| Принятие в работу | 30 мин | 2026-03-02 22:30 UTC+3 | ▶️ идёт |",
        "| Обходное решение | 4 ч | 2026-03-03 02:00 UTC+3 | ▶️ идёт |",
        "| Постоянное решение | 3 дня | 2026-03-05 22:00 UTC+3 | ▶️ идёт |",
        "",
        "Принятие в работу: осталось 28 мин; Обходное решение: осталось 3 ч 58 мин; Постоянное решение: осталось 2 дня 23 ч 58 мин (на 2026-03-02 22:02 UTC+3).",
        "",
        "<sub>Время указано в часовом поясе Europe/Moscow. Обновлено 2026-03-02 22:02 UTC+3.</sub>",
      ].join("\n"),
    );
  });

  it("level 1 in working hours (en): the company phone", async () => {
    const w = customerRepo("en", appForm("incident-ru-level1-outage.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const [phone] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(visible(phone!.body)).toBe(
      "### Please also call us\nThis is a level 1 request: it must also be reported by phone. It is working hours now (09:00-18:00, Europe/Moscow): please call the company phone +7 495 100-00-00.",
    );
  });

  it.each<[string, string[], string]>([
    ["without a company phone", ["companyPhone"], "It is working hours now (09:00-18:00, Europe/Moscow): please call the company phone +7 900 200-00-00."],
    ["without any number", ["companyPhone", "onDutyPhone"], "Please call the support engineers on duty. If you do not have their numbers, ask for them in a comment here."],
  ])("level 1 in working hours (en) %s: the comment never says it is outside working hours (P10)", async (_name, dropped, tail) => {
    const w = customerRepo("en", appForm("incident-ru-level1-outage.md"));
    w.gh.setConfig(contract("en").split("\n").filter((l) => !dropped.some((key) => l.startsWith(`  ${key}:`))).join("\n"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const [phone] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(phone!.body).toBe(`<!-- incident-sla:phone -->\n### Please also call us\nThis is a level 1 request: it must also be reported by phone. ${tail}`);
  });

  it("outside the support period (P1): support: expired and one comment naming the renewal contact; no clock", async () => {
    const w = customerRepo("en", appForm("incident-ru-level1-outage.md"), "2026-03-02T07:00:00Z", "contract:\n  supportUntil: 2026-02-28");
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: ["severity: 1", "support: expired"] }]);
    const [coverage, status] = bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[];
    expect(visible(coverage!.body)).toBe(
      "### Outside the support period\nThe support period ended on 2026-02-28. The request is registered, but no deadlines run for it.\nTo renew support, contact sales@vendor.example.",
    );
    expect(status!.body).toContain("**Outside the support period**: no deadlines run.");
    expect(status!.body).not.toContain("| Deadline |");
  });

  it("a pull request is not an incident: read, then left alone", async () => {
    const w = customerRepo("en", "Fix typo");
    const issue = w.gh.issue(1);
    const original = w.gh.issueJson.bind(w.gh);
    w.gh.issueJson = (i) => ({ ...original(i), ...(i === issue ? { pull_request: { url: `https://api.github.com${REPO_PATH}/pulls/1` } } : {}) });
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual(READ_INCIDENT);
  });
});

describe("issues.edited", () => {
  it("completing the diagnostics removes needs: diagnostics and deletes the diagnostics comment; the status comment is not rewritten", async () => {
    const w = customerRepo("ru", appForm("incident-ru-missing-logs-and-db-check.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const [diagnostics, status] = w.gh.commentsOn(1);
    w.at("2026-03-02T07:20:00Z").gh.edit(1, appForm("incident-ru-complete-logs-and-db-check.md"));
    w.gh.clearRequests();

    await w.at("2026-03-02T07:20:30Z").issueEvent("edited", { sender: CUSTOMER });

    // The diagnostics comment is found by its marker (the timeline read), so no comment list is needed.
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `DELETE ${ISSUE}/labels/${NEEDS}`, `DELETE ${REPO_PATH}/issues/comments/${diagnostics!.id}`]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
    expect(w.gh.commentsOn(1).map((c) => c.id)).toEqual([status!.id]);
    expect(w.gh.commentsOn(1)[0]!.body.split("\n")[1]).toBe("### Сроки по обращению");
  });

  it("diagnostics still missing after an edit: the comment is edited to list what is left, not posted again", async () => {
    const w = customerRepo("en", appForm("incident-en-missing-version-and-steps.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const [diagnostics] = w.gh.commentsOn(1);
    // The customer adds the product version only.
    w.at("2026-03-02T07:20:00Z").gh.edit(1, loadForm("incident-en-complete-level3.md").replace(/### Steps to reproduce\n\n[^#]*/, "### Steps to reproduce\n\n_No response_\n\n"));
    w.gh.clearRequests();

    await w.at("2026-03-02T07:20:30Z").issueEvent("edited", { sender: CUSTOMER });

    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `PATCH ${REPO_PATH}/issues/comments/${diagnostics!.id}`]);
    const [patch] = bodies(w.gh, "PATCH", `${REPO_PATH}/issues/comments/${diagnostics!.id}`) as { body: string }[];
    expect(patch!.body.split("\n").filter((l) => l.startsWith("- **"))).toEqual(["- **Steps to reproduce**: a scenario that reproduces the problem"]);
    expect(patch!.body.split("\n")[0]).toBe("<!-- incident-sla:diagnostics -->");
  });
});

describe("pauseUntilComplete (issue 3 item 3): the app pauses level 3 until the diagnostics are complete", () => {
  it("opened: waiting label added by the app; its own labeled events are ignored; completed by an edit: removed, clock resumes", async () => {
    const w = customerRepo("en", appForm("incident-en-missing-version-and-steps.md"), "2026-03-02T07:00:00Z", "diagnostics:\n  pauseUntilComplete: [3]");
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: ["severity: 3", NEEDS, WAITING, PAUSED] }]);
    const [diagnostics, status] = w.gh.commentsOn(1);
    expect(diagnostics!.body.split("\n").at(-2)).toBe("Until then the clock is paused: support is waiting for this from you. A reply in a comment resumes it too.");
    expect(status!.body).toContain("- 2026-03-02 10:01 UTC+3, @incident-sla[bot]: running now");
    expect(w.gh.issue(1).events.filter((e) => e.event === "labeled").map((e) => e.actor.login)).toEqual([BOT, BOT, BOT, BOT]);

    w.gh.clearRequests();
    await w.issueEvent("labeled", { sender: BOT, label: WAITING });
    expect(w.gh.requests).toEqual([]);

    w.at("2026-03-02T08:00:00Z").gh.edit(1, loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T08:00:30Z").issueEvent("edited", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => !c.startsWith("GET ") && !c.includes("/issues/comments/"))).toEqual([
      `DELETE ${ISSUE}/labels/${NEEDS}`,
      `DELETE ${ISSUE}/labels/${WAITING}`,
      `DELETE ${ISSUE}/labels/${PAUSED}`,
    ]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
    expect(w.gh.comments.get(status!.id)!.body.split("\n")).toContain("The clock resumed at 2026-03-02 11:00 UTC+3.");
  });
});

describe("pauses (P7)", () => {
  async function opened(language: "en" | "ru" = "en") {
    const w = customerRepo(language, loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    w.gh.clearRequests();
    return w;
  }

  it.each<["en" | "ru", string]>([
    ["en", '@cust-bob, only support engineers set the "state: waiting for customer" label: it pauses the clock while support waits for the customer. The label was removed.'],
    ["ru", "@cust-bob, метку «state: waiting for customer» ставят только инженеры поддержки: она приостанавливает отсчёт сроков, пока поддержка ждёт ответа клиента. Метка снята."],
  ])("the waiting label added by the customer side is removed with one explanation (%s)", async (lang, text) => {
    const w = await opened(lang);
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, CUSTOMER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: CUSTOMER, label: WAITING });

    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `DELETE ${ISSUE}/labels/${WAITING}`, `POST ${ISSUE}/comments`, `GET ${ISSUE}/comments`]);
    expect((bodies(w.gh, "POST", `${ISSUE}/comments`) as { body: string }[]).map((b) => visible(b.body))).toEqual([text]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);

    // The same delivery again: the label is gone, nothing more is said.
    w.gh.clearRequests();
    await w.issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
    expect(tally(w.gh)).toEqual({ requests: 3, reads: 3, writes: 0 });
  });

  it("the waiting label added by a support engineer pauses: sla: paused added and the status edited, nothing else", async () => {
    const w = await opened();
    const status = w.gh.commentsOn(1)[0]!;
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, ENGINEER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: ENGINEER, label: WAITING });

    // The label list was read at 10:01; 29 minutes later the 10-minute cache has expired.
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `GET ${REPO_PATH}/labels`, `POST ${ISSUE}/labels`, `PATCH ${REPO_PATH}/issues/comments/${status.id}`]);
    expect(bodies(w.gh, "POST", `${ISSUE}/labels`)).toEqual([{ labels: [PAUSED] }]);
    const [patch] = bodies(w.gh, "PATCH", `${REPO_PATH}/issues/comments/${status.id}`) as { body: string }[];
    // The waiting label is a state label: acceptance is met at 10:30 (P9).
    expect(withoutFingerprint(patch!.body)).toBe(
      [
        "<!-- incident-sla:status fp=… -->",
        "### SLA status",
        '**Severity 3** (label "severity: 3"); clock: working hours (09:00-18:00, ru calendar).',
        "Clock started: 2026-03-02 10:00 UTC+3, when the issue was opened.",
        "",
        "| Deadline | Target | Due | Status |",
        "|---|---|---|---|",
        "| Acceptance | 8 h | 2026-03-02 18:00 UTC+3 | ✅ met 2026-03-02 10:30 UTC+3 |",
        "| Permanent solution | 10 working days (9 h each) | — | ⏸️ paused, 9 working days 8 h 30 min left |",
        "",
        "**Pauses (waiting for the customer):**",
        "- 2026-03-02 10:30 UTC+3, @eng-anna: running now",
        "",
        // 30 minutes of 90 working hours used: resumed at 10:30 it would end Tue 17 March 10:00.
        "Permanent solution: if the clock resumed now, due 2026-03-17 10:00 UTC+3 (as of 2026-03-02 10:30 UTC+3).",
        "",
        "<sub>Times are in Europe/Moscow. Updated 2026-03-02 10:30 UTC+3.</sub>",
        // The app's edits within the hour, so the write cap counts them in any process (README, Security: replies are bounded).
        "<!-- incident-sla-edits: 2026-03-02T07:30:02Z -->",
      ].join("\n"),
    );
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", WAITING, PAUSED]);
  });

  it("a customer comment while paused removes the waiting label; the status says when the clock resumed", async () => {
    const w = await opened();
    const status = w.gh.commentsOn(1)[0]!;
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, ENGINEER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: ENGINEER, label: WAITING });
    w.gh.clearRequests();

    const reply = w.at("2026-03-02T08:00:00Z").gh.comment(1, CUSTOMER, "Logs attached, see above.");
    await w.at("2026-03-02T08:00:03Z").commentEvent(reply);

    expect(calls(w.gh)).toEqual([
      ...READ_INCIDENT,
      `DELETE ${ISSUE}/labels/${WAITING}`,
      `DELETE ${ISSUE}/labels/${PAUSED}`,
      `PATCH ${REPO_PATH}/issues/comments/${status.id}`,
    ]);
    const [patch] = bodies(w.gh, "PATCH", `${REPO_PATH}/issues/comments/${status.id}`) as { body: string }[];
    const lines = patch!.body.split("\n");
    expect(lines).toContain("- 2026-03-02 10:30 UTC+3, @eng-anna: until 2026-03-02 11:00 UTC+3 (reply from @cust-bob)");
    expect(lines).toContain("The clock resumed at 2026-03-02 11:00 UTC+3.");
    // 30 minutes paused: resolution due 30 minutes later.
    expect(lines).toContain("| Permanent solution | 10 working days (9 h each) | 2026-03-17 10:30 UTC+3 | ▶️ running |");
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });

  it("a support engineer's comment while paused: the pause goes on and nothing is written (only time passed)", async () => {
    const w = await opened();
    w.at("2026-03-02T07:30:00Z").gh.label(1, WAITING, ENGINEER);
    await w.at("2026-03-02T07:30:02Z").issueEvent("labeled", { sender: ENGINEER, label: WAITING });
    const before = w.gh.commentsOn(1)[0]!.body;
    w.gh.clearRequests();
    const question = w.at("2026-03-02T08:00:00Z").gh.comment(1, ENGINEER, "Could you also send the LDAP config?");
    await w.at("2026-03-02T08:00:03Z").commentEvent(question);
    expect(calls(w.gh)).toEqual(READ_INCIDENT);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", WAITING, PAUSED]);
    expect(w.gh.commentsOn(1)[0]!.body).toBe(before);
    expect(before).toContain("- 2026-03-02 10:30 UTC+3, @eng-anna: running now");
  });
});

describe("issues.closed and issues.reopened", () => {
  it("closed as not planned cancels the targets; reopened runs them again, later by the closed time", async () => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const status = w.gh.commentsOn(1)[0]!;
    w.gh.clearRequests();

    w.at("2026-03-02T08:00:00Z").gh.close(1, CUSTOMER, "not_planned");
    await w.at("2026-03-02T08:00:02Z").issueEvent("closed", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `PATCH ${REPO_PATH}/issues/comments/${status.id}`]);
    const [closedBody] = bodies(w.gh, "PATCH", `${REPO_PATH}/issues/comments/${status.id}`) as { body: string }[];
    expect(closedBody!.body.split("\n")).toContain("| Permanent solution | 10 working days (9 h each) | — | ➖ cancelled (closed as not planned) |");
    // The close met acceptance (P9: the first close meets it).
    expect(closedBody!.body.split("\n")).toContain("| Acceptance | 8 h | 2026-03-02 18:00 UTC+3 | ✅ met 2026-03-02 11:00 UTC+3 |");

    // While it stays closed, another event writes nothing: the cancelled targets show no moving due time.
    w.gh.clearRequests();
    await w.at("2026-03-02T08:40:00Z").commentEvent(w.gh.comment(1, CUSTOMER, "Sorry, wrong repository"));
    expect(calls(w.gh)).toEqual(READ_INCIDENT);

    w.gh.clearRequests();
    w.at("2026-03-02T09:00:00Z").gh.reopen(1, CUSTOMER);
    await w.at("2026-03-02T09:00:02Z").issueEvent("reopened", { sender: CUSTOMER });
    expect(calls(w.gh)).toEqual([...READ_INCIDENT, `PATCH ${REPO_PATH}/issues/comments/${status.id}`]);
    const [reopenedBody] = bodies(w.gh, "PATCH", `${REPO_PATH}/issues/comments/${status.id}`) as { body: string }[];
    // Closed 11:00–12:00 counted nothing: resolution one hour later.
    expect(reopenedBody!.body.split("\n")).toContain("| Permanent solution | 10 working days (9 h each) | 2026-03-17 11:00 UTC+3 | ▶️ running |");
  });

  it("closed as completed meets every target", async () => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    const status = w.gh.commentsOn(1)[0]!;
    w.at("2026-03-02T08:00:00Z").gh.close(1, ENGINEER, "completed");
    await w.at("2026-03-02T08:00:02Z").issueEvent("closed", { sender: ENGINEER });
    expect(w.gh.comments.get(status.id)!.body.split("\n")).toContain("| Permanent solution | 10 working days (9 h each) | 2026-03-17 10:00 UTC+3 | ✅ met 2026-03-02 11:00 UTC+3 |");
  });
});

describe("support engineers from the organisation (issue 3 item 10)", () => {
  function orgRepo() {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    w.ownerType = "Organization";
    w.gh.orgMembers = [MEMBER, "org-petr"];
    return w;
  }

  it("a member's waiting label pauses; the member list is read once per 5 minutes per installation", async () => {
    const w = orgRepo();
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => c.startsWith("GET /orgs/"))).toEqual(["GET /orgs/Codertocat/members"]);
    expect(w.gh.apiRequests().find((r) => r.path === "/orgs/Codertocat/members")?.query).toEqual({ per_page: "100" });

    w.gh.clearRequests();
    w.at("2026-03-02T07:04:00Z").gh.label(1, WAITING, MEMBER);
    await w.at("2026-03-02T07:04:02Z").issueEvent("labeled", { sender: MEMBER, label: WAITING });
    expect(calls(w.gh).filter((c) => c.startsWith("GET /orgs/"))).toEqual([]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3", WAITING, PAUSED]);

    // Six minutes after the first read the cache has expired.
    w.gh.clearRequests();
    const reply = w.at("2026-03-02T07:07:00Z").gh.comment(1, CUSTOMER, "Here you are");
    await w.at("2026-03-02T07:07:01Z").commentEvent(reply);
    expect(calls(w.gh).filter((c) => c.startsWith("GET /orgs/"))).toEqual(["GET /orgs/Codertocat/members"]);
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });

  it("someone who is not a member is the customer side: the label is refused", async () => {
    const w = orgRepo();
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    w.at("2026-03-02T07:04:00Z").gh.label(1, WAITING, CUSTOMER);
    await w.at("2026-03-02T07:04:02Z").issueEvent("labeled", { sender: CUSTOMER, label: WAITING });
    expect(w.gh.issue(1).labels).toEqual(["severity: 3"]);
  });

  it("members are not looked up for a repository owned by a user", async () => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => c.startsWith("GET /orgs/"))).toEqual([]);
  });

  it("members are not looked up when orgMembersAreEngineers is off", async () => {
    const w = orgRepo();
    w.gh.setConfig(contract("en").replace("  engineers: [eng-anna]", "  engineers: [eng-anna]\n  orgMembersAreEngineers: false"));
    await w.at("2026-03-02T07:01:00Z").issueEvent("opened", { sender: CUSTOMER });
    expect(calls(w.gh).filter((c) => c.startsWith("GET /orgs/"))).toEqual([]);
  });
});

describe("events the app leaves alone", () => {
  it.each(["opened", "edited", "labeled", "unlabeled", "closed", "reopened"])("issues.%s sent by the app itself: no request at all", async (action) => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    await w.at("2026-03-02T07:01:00Z").issueEvent(action, { sender: BOT, label: "severity: 3" });
    expect(w.gh.requests).toEqual([]);
  });

  it("issue_comment.created by the app itself: no request at all", async () => {
    const w = customerRepo("en", loadForm("incident-en-complete-level3.md"));
    const own = w.gh.comment(1, BOT, "<!-- incident-sla:status -->\n…", "NONE");
    await w.at("2026-03-02T07:01:00Z").commentEvent(own);
    expect(w.gh.requests).toEqual([]);
  });

  it("a comment on the app's own configuration-error issue: read, then left alone", async () => {
    const w = customerRepo("en", "");
    w.gh.issues.clear();
    w.gh.openIssue({ author: BOT, association: "NONE", body: "<!-- incident-sla:config-error -->\n…", title: "incident-sla: configuration error" });
    const remark = w.gh.comment(1, CUSTOMER, "We are on it");
    await w.at("2026-03-02T07:01:00Z").commentEvent(remark);
    expect(calls(w.gh)).toEqual(READ_INCIDENT);
  });
});
