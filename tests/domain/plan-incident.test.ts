// planIncident: what an incident needs on GitHub (labels to add and remove,
// comments to post once, keep up to date or delete), decided from the config,
// the issue, its timeline and `now` (README, Using it). Texts are checked
// word for word in both languages where the policy makes the app speak.
//
// Times: Monday 2 March 2026 is a working day in the ru calendar; Moscow is
// UTC+3 all year, so 10:00 MSK is 07:00Z and working hours 09:00–18:00 MSK
// are 06:00–15:00Z. Monday 9 March 2026 is a holiday (8 March is a Sunday).
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config/parse-config.js";
import type { Config, ConfigInput } from "../../src/config/schema.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { type CommentAction, inWorkingHours, planIncident } from "../../src/domain/plans/plan-incident.js";
import { BOT, CUSTOMER, ENGINEER, closed, comment, issue, labeled, loadForm, unlabeled } from "../fixtures/incident-builders.js";
import { type Answers, COMPLETE, type Lang, formBody } from "../fixtures/app/forms.js";

const WAITING = "state: waiting for customer";
const NEEDS = "needs: diagnostics";
const PAUSED = "sla: paused";
const AT_RISK = "sla: at risk";
const BREACHED = "sla: breached";
const EXPIRED = "support: expired";

const CONTACTS = { companyPhone: "+7 495 100-00-00", onDutyPhone: "+7 900 200-00-00", renewal: "sales@vendor.example" };

function cfg(language: Lang, extra: ConfigInput = {}): Config {
  return parseConfig({
    language,
    contacts: CONTACTS,
    ...extra,
    team: { engineers: [ENGINEER], orgMembersAreEngineers: false, ...extra.team },
  });
}

const MON_0955 = "2026-03-02T06:55:00Z";
const MON_10 = "2026-03-02T07:00:00Z";
const MON_22 = "2026-03-02T19:00:00Z";

interface Input {
  config: Config;
  body?: string;
  answers?: Answers;
  lang?: Lang;
  labels?: string[];
  timeline?: unknown[];
  createdAt?: string;
  now?: string;
  author?: string;
  association?: string;
  state?: "open" | "closed";
  closedAt?: string;
}

function plan(i: Input) {
  const body = i.body ?? formBody(i.lang ?? i.config.language, i.answers ?? COMPLETE);
  return planIncident({
    config: i.config,
    issue: issue({
      createdAt: i.createdAt ?? MON_0955,
      body,
      labels: i.labels ?? [],
      author: i.author ?? CUSTOMER,
      ...(i.association ? { association: i.association } : {}),
      state: i.state ?? "open",
      closedAt: i.closedAt ?? null,
    }),
    timeline: i.timeline ?? [],
    now: i.now ?? MON_10,
  });
}

/** The text a reader sees: a hidden marker line in front, if any, is not part of it. */
const visible = (body: string) => body.replace(/^<!-- incident-sla:[^>]*-->\n/, "");
const commentOf = (actions: CommentAction[], key: string) => actions.find((a) => a.key === key);
const textOf = (actions: CommentAction[], key: string) => {
  const a = commentOf(actions, key);
  return a && a.mode !== "delete" ? visible(a.body) : undefined;
};
const keys = (actions: CommentAction[]) => actions.map((a) => `${a.mode}:${a.key}`);
const statusText = (actions: CommentAction[]) => textOf(actions, "status")!;

describe("severity from the form (P8, issue 3 item 4)", () => {
  it.each<[Lang, Answers, number, string[]]>([
    ["en", COMPLETE, 3, []],
    ["ru", COMPLETE, 3, []],
    ["en", { ...COMPLETE, severity: "1", environment: "PROD", affectedShare: "all", workaroundAvailable: "no" }, 1, []],
    ["ru", { ...COMPLETE, severity: "2", environment: "PROD", affectedShare: "over10", workaroundAvailable: "no" }, 2, []],
    ["en", { ...COMPLETE, severity: "1", environment: "TEST", affectedShare: "all" }, 3, ["test-environment"]],
    ["ru", { ...COMPLETE, severity: "2", environment: "PROD", affectedShare: "upTo10", workaroundAvailable: "no" }, 3, ["few-users"]],
    ["en", { ...COMPLETE, severity: "2", environment: "PROD", affectedShare: "over10", workaroundAvailable: "yes" }, 3, ["workaround-available"]],
    ["ru", { ...COMPLETE, severity: "1", environment: "PROD", affectedShare: "over10", workaroundAvailable: "no" }, 2, ["not-all-users"]],
  ])("%s form %j → severity %i", (lang, answers, level, reasons) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), answers });
    expect(p.addLabels).toContain(`severity: ${level}`);
    expect(p.addLabels.filter((l) => l.startsWith("severity:"))).toEqual([`severity: ${level}`]);
    expect(explanation.severity).toEqual({ level, label: `severity: ${level}` });
    expect(commentOf(p.comments, "severity-correction")?.mode).toBe(reasons.length ? "once" : undefined);
  });

  it("a body without the form: the default severity, no correction", () => {
    const { plan: p } = plan({ config: cfg("en", { defaultSeverity: 2 }), body: "Login is broken for everyone" });
    expect(p.addLabels).toContain("severity: 2");
    expect(commentOf(p.comments, "severity-correction")).toBeUndefined();
  });

  it.each<[Lang, Answers, string]>([
    [
      "en",
      { ...COMPLETE, severity: "1", environment: "TEST", affectedShare: "all" },
      "### Severity set to 3 instead of 1\nUnder the support policy:\n- the problem is in a TEST environment, which is always level 3\n\nIf this is wrong, correct the form or tell us here: a support engineer can change the level.",
    ],
    [
      "ru",
      { ...COMPLETE, severity: "1", environment: "TEST", affectedShare: "all" },
      "### Уровень критичности: 3 вместо 1\nПо правилам поддержки:\n- проблема в среде TEST, а это всегда уровень 3\n\nЕсли это не так, поправьте форму или напишите нам: инженер поддержки может изменить уровень.",
    ],
    [
      "en",
      { ...COMPLETE, severity: "1", environment: "PROD", affectedShare: "upTo10", workaroundAvailable: "no" },
      "### Severity set to 3 instead of 1\nUnder the support policy:\n- level 1 means the service is unavailable to everyone, and the form says only part of the users are affected\n- level 2 needs more than 10% of users affected\n\nIf this is wrong, correct the form or tell us here: a support engineer can change the level.",
    ],
    [
      "ru",
      { ...COMPLETE, severity: "2", environment: "PROD", affectedShare: "upTo10", workaroundAvailable: "yes" },
      "### Уровень критичности: 3 вместо 2\nПо правилам поддержки:\n- для уровня 2 должно быть затронуто более 10% пользователей\n- уровень 2 ставится, только если нет обходного решения\n\nЕсли это не так, поправьте форму или напишите нам: инженер поддержки может изменить уровень.",
    ],
    [
      "en",
      { ...COMPLETE, severity: "1", environment: "PROD", affectedShare: "over10", workaroundAvailable: "no" },
      "### Severity set to 2 instead of 1\nUnder the support policy:\n- level 1 means the service is unavailable to everyone, and the form says only part of the users are affected\n\nIf this is wrong, correct the form or tell us here: a support engineer can change the level.",
    ],
  ])("the correction is explained once, in %s", (lang, answers, text) => {
    const { plan: p } = plan({ config: cfg(lang), answers });
    expect(commentOf(p.comments, "severity-correction")?.mode).toBe("once");
    expect(textOf(p.comments, "severity-correction")).toBe(text);
  });

  const claimsOne = { ...COMPLETE, severity: "1", environment: "PROD", affectedShare: "all", workaroundAvailable: "no" };

  it("a severity label on the issue stands: no label from the form, no correction", () => {
    const { plan: p, explanation } = plan({
      config: cfg("en"),
      answers: { ...claimsOne, environment: "TEST" },
      labels: ["severity: 2"],
      timeline: [labeled("2026-03-02T06:56:00Z", ENGINEER, "severity: 2")],
    });
    expect(p.addLabels.filter((l) => l.startsWith("severity:"))).toEqual([]);
    expect(commentOf(p.comments, "severity-correction")).toBeUndefined();
    expect(explanation.severity.level).toBe(2);
  });

  it("a severity label that existed and was removed by an engineer is not put back from the form", () => {
    const { plan: p, explanation } = plan({
      config: cfg("en"),
      answers: claimsOne,
      timeline: [labeled("2026-03-02T06:56:00Z", BOT, "severity: 1"), unlabeled("2026-03-02T06:58:00Z", ENGINEER, "severity: 1")],
    });
    expect(p.addLabels.filter((l) => l.startsWith("severity:"))).toEqual([]);
    expect(explanation.severity).toEqual({ level: 3, label: null });
  });

  it.each<[Lang, "labeled" | "unlabeled", string]>([
    [
      "en",
      "labeled",
      '⚠️ The severity label "severity: 1" was added by @cust-bob (customer side) at 2026-03-02 09:58 UTC+3. It is applied; a support engineer may change it.',
    ],
    ["ru", "labeled", "⚠️ Метку уровня «severity: 1» поставил @cust-bob (сторона клиента) 2026-03-02 09:58 UTC+3. Уровень учтён; инженер поддержки может его изменить."],
    [
      "en",
      "unlabeled",
      '⚠️ The severity label "severity: 1" was removed by @cust-bob (customer side) at 2026-03-02 09:58 UTC+3. It is applied; a support engineer may change it.',
    ],
    ["ru", "unlabeled", "⚠️ Метку уровня «severity: 1» снял @cust-bob (сторона клиента) 2026-03-02 09:58 UTC+3. Уровень учтён; инженер поддержки может его изменить."],
  ])("a customer-side severity change is kept and noted in the status comment (%s, %s)", (lang, kind, note) => {
    const timeline =
      kind === "labeled"
        ? [labeled("2026-03-02T06:56:00Z", BOT, "severity: 3"), labeled("2026-03-02T06:58:00Z", CUSTOMER, "severity: 1")]
        : [labeled("2026-03-02T06:56:00Z", ENGINEER, "severity: 1"), unlabeled("2026-03-02T06:58:00Z", CUSTOMER, "severity: 1")];
    const labels = kind === "labeled" ? ["severity: 3", "severity: 1"] : [];
    const { plan: p, explanation } = plan({ config: cfg(lang), labels, timeline });
    expect(p.addLabels.filter((l) => l.startsWith("severity:"))).toEqual([]);
    expect(p.removeLabels.filter((l) => l.startsWith("severity:"))).toEqual([]);
    expect(explanation.severity.level).toBe(kind === "labeled" ? 1 : 3);
    expect(statusText(p.comments).split("\n")).toContain(note);
  });

  it("a later change by a support engineer is authoritative: no note", () => {
    const { plan: p, explanation } = plan({
      config: cfg("en"),
      labels: ["severity: 2"],
      timeline: [
        labeled("2026-03-02T06:56:00Z", CUSTOMER, "severity: 1"),
        unlabeled("2026-03-02T06:58:00Z", ENGINEER, "severity: 1"),
        labeled("2026-03-02T06:58:00Z", ENGINEER, "severity: 2"),
      ],
    });
    expect(explanation.severity.level).toBe(2);
    expect(statusText(p.comments)).not.toContain("⚠️");
  });
});

describe("preliminary diagnostics (P4–P6, issue 3 item 3)", () => {
  const EN_MISSING_VERSION_AND_STEPS = [
    "### Preliminary diagnostics are incomplete",
    "Before contacting support, the customer's engineers do some preliminary diagnostics. Please edit the issue's description and add:",
    "- **Product version**: the product version",
    "- **Steps to reproduce**: a scenario that reproduces the problem",
    "",
    "The clock keeps running meanwhile: if you cannot solve the problem yourselves, send what you have collected so far.",
    "This comment goes away when everything is there.",
  ].join("\n");
  const RU_MISSING_LOGS_AND_DB = [
    "### Не хватает предварительной диагностики",
    "Перед обращением в поддержку нужно выполнить предварительную диагностику. Пожалуйста, дополните описание issue (кнопка «Edit»), указав:",
    "- **Журналы (логи)**: подготовленные и просмотренные журналы или удалённый доступ для поддержки",
    "- **Собственная база инцидентов**: что вы проверили свою базу инцидентов на похожие проблемы и прежние решения",
    "",
    "Отсчёт сроков при этом не останавливается: если решить проблему самостоятельно не удаётся, присылайте то, что уже собрано.",
    "Этот комментарий исчезнет, когда всё будет заполнено.",
  ].join("\n");

  it.each<[Lang, Answers, string]>([
    ["en", { ...COMPLETE, productVersion: null, reproduction: null }, EN_MISSING_VERSION_AND_STEPS],
    ["ru", { ...COMPLETE, logs: null, incidentDbChecked: false }, RU_MISSING_LOGS_AND_DB],
  ])("missing items (%s): the label and one comment listing exactly them", (lang, answers, text) => {
    const { plan: p } = plan({ config: cfg(lang), answers });
    expect(p.addLabels).toEqual(["severity: 3", NEEDS]);
    expect(commentOf(p.comments, "diagnostics")?.mode).toBe("upsert");
    expect(textOf(p.comments, "diagnostics")).toBe(text);
  });

  it.each<[Lang, keyof Answers, string]>([
    ["en", "productVersion", "Product version"],
    ["en", "reproduction", "Steps to reproduce"],
    ["en", "logs", "Logs"],
    ["en", "infrastructureChecks", "Infrastructure checked"],
    ["en", "incidentDbChecked", "Own incident database"],
    ["ru", "productVersion", "Версия продукта"],
    ["ru", "reproduction", "Сценарий воспроизведения"],
    ["ru", "logs", "Журналы (логи)"],
    ["ru", "infrastructureChecks", "Проверенная инфраструктура"],
    ["ru", "incidentDbChecked", "Собственная база инцидентов"],
  ])("%s, only %s missing: the comment lists that one item", (lang, field, heading) => {
    const empty = field === "infrastructureChecks" ? [] : field === "incidentDbChecked" ? false : null;
    const { plan: p } = plan({ config: cfg(lang), answers: { ...COMPLETE, [field]: empty } });
    const items = textOf(p.comments, "diagnostics")!.split("\n").filter((l) => l.startsWith("- **"));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatch(new RegExp(`^- \\*\\*${heading.replace(/[()]/g, "\\$&")}\\*\\*: `));
  });

  it("logs are not required when remote access was given (P6)", () => {
    const { plan: p } = plan({ config: cfg("en"), answers: { ...COMPLETE, logs: null, remoteAccess: "given" } });
    expect(p.addLabels).not.toContain(NEEDS);
    expect(commentOf(p.comments, "diagnostics")).toEqual({ mode: "delete", key: "diagnostics" });
  });

  it("a body created through the API without the form owes all five items", () => {
    const { plan: p } = plan({ config: cfg("en"), body: "SSO is down" });
    expect(textOf(p.comments, "diagnostics")!.split("\n").filter((l) => l.startsWith("- **"))).toHaveLength(5);
  });

  it("only the configured items are required", () => {
    const { plan: p } = plan({ config: cfg("en", { diagnostics: { required: ["productVersion"] } }), body: "SSO is down" });
    expect(textOf(p.comments, "diagnostics")!.split("\n").filter((l) => l.startsWith("- **"))).toEqual(["- **Product version**: the product version"]);
  });

  it("complete: the label is removed and the comment deleted", () => {
    const { plan: p } = plan({ config: cfg("en"), labels: ["severity: 3", NEEDS], timeline: [labeled(MON_0955, BOT, "severity: 3"), labeled(MON_0955, BOT, NEEDS)] });
    expect(p.removeLabels).toEqual([NEEDS]);
    expect(p.addLabels).toEqual([]);
    expect(commentOf(p.comments, "diagnostics")).toEqual({ mode: "delete", key: "diagnostics" });
  });

  it.each<Lang>(["en", "ru"])("a consultation request owes nothing (P2, %s)", (lang) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), body: loadForm("../app/request-ru-configuration-consultation.md") });
    expect(p.addLabels).toEqual(["severity: 3"]);
    expect(keys(p.comments)).toEqual(["delete:diagnostics", "upsert:status"]);
    expect(explanation.severity.level).toBe(3);
  });

  it("a closed incident is not asked for diagnostics", () => {
    const { plan: p } = plan({
      config: cfg("en"),
      answers: { ...COMPLETE, logs: null },
      labels: ["severity: 3"],
      timeline: [labeled(MON_0955, BOT, "severity: 3"), closed("2026-03-02T06:57:00Z", CUSTOMER)],
      state: "closed",
      closedAt: "2026-03-02T06:57:00Z",
    });
    expect(p.addLabels).toEqual([]);
    expect(commentOf(p.comments, "diagnostics")).toBeUndefined();
  });

  it("an outage report is never held back (P5): level 1 is not paused even when other levels are", () => {
    const { plan: p, explanation } = plan({
      config: cfg("en", { diagnostics: { pauseUntilComplete: [2, 3] } }),
      answers: { ...COMPLETE, severity: "1", affectedShare: "all", workaroundAvailable: "no", logs: null },
    });
    expect(p.addLabels).toEqual(["severity: 1", NEEDS]);
    expect(explanation.evaluation.paused).toBe(false);
    expect(textOf(p.comments, "diagnostics")).toContain("The clock keeps running meanwhile");
  });

  it("the configuration refuses pausing level 1 for diagnostics (P5)", () => {
    expect(() => parseConfig({ diagnostics: { pauseUntilComplete: [1, 3] } })).toThrow(ConfigError);
    expect(() => parseConfig({ diagnostics: { pauseUntilComplete: [1, 3] } })).toThrow(
      "diagnostics.pauseUntilComplete.0: level 1 is an outage and is never held back by missing diagnostics; remove it",
    );
  });

  describe("pauseUntilComplete: the app pauses level 3 with the waiting label (P7)", () => {
    const config = cfg("en", { diagnostics: { pauseUntilComplete: [3] } });
    const ruConfig = cfg("ru", { diagnostics: { pauseUntilComplete: [3] } });
    const missingLogs = { ...COMPLETE, logs: null };
    const botPaused = [labeled(MON_0955, BOT, "severity: 3"), labeled(MON_0955, BOT, NEEDS), labeled(MON_0955, BOT, WAITING), labeled(MON_0955, BOT, PAUSED)];

    it("on open: waiting label and the managers' paused label, the comment says the clock waits", () => {
      const { plan: p, explanation } = plan({ config, answers: missingLogs });
      expect(p.addLabels).toEqual(["severity: 3", NEEDS, WAITING, PAUSED]);
      expect(p.decisions).toContain("paused until diagnostics are complete");
      expect(explanation.evaluation.paused).toBe(true);
      expect(textOf(p.comments, "diagnostics")!.split("\n").slice(-2)).toEqual([
        "Until then the clock is paused: support is waiting for this from you. A reply in a comment resumes it too.",
        "This comment goes away when everything is there.",
      ]);
      expect(statusText(p.comments)).toContain("- 2026-03-02 10:00 UTC+3, @incident-sla[bot]: running now");
    });

    it("ru wording of the paused diagnostics comment", () => {
      const { plan: p } = plan({ config: ruConfig, answers: missingLogs });
      expect(textOf(p.comments, "diagnostics")!.split("\n").at(-2)).toBe("До тех пор отсчёт сроков приостановлен: поддержка ждёт от вас этих сведений. Ответ в комментарии тоже возобновит отсчёт.");
    });

    it("while the app's pause runs and diagnostics are still missing: nothing changes", () => {
      const { plan: p, explanation } = plan({ config, answers: missingLogs, labels: ["severity: 3", NEEDS, WAITING, PAUSED], timeline: botPaused, now: "2026-03-02T09:00:00Z" });
      expect(p.addLabels).toEqual([]);
      expect(p.removeLabels).toEqual([]);
      expect(explanation.evaluation.paused).toBe(true);
    });

    it("completed by an edit: the app removes its waiting label, the status says the clock resumed", () => {
      const { plan: p, explanation } = plan({ config, labels: ["severity: 3", NEEDS, WAITING, PAUSED], timeline: botPaused, now: "2026-03-02T09:00:00Z" });
      expect(p.removeLabels).toEqual([NEEDS, WAITING, PAUSED]);
      expect(p.decisions).toContain("diagnostics complete: the app's pause ends");
      expect(explanation.evaluation.paused).toBe(false);
      expect(statusText(p.comments)).toContain("The clock resumed at 2026-03-02 12:00 UTC+3.");
      expect(commentOf(p.comments, "diagnostics")).toEqual({ mode: "delete", key: "diagnostics" });
    });

    it("a customer's reply ends the app's pause; the app does not pause again (once per incident)", () => {
      const timeline = [...botPaused, comment("2026-03-02T08:00:00Z", CUSTOMER)];
      const { plan: p, explanation } = plan({ config, answers: missingLogs, labels: ["severity: 3", NEEDS, WAITING, PAUSED], timeline, now: "2026-03-02T09:00:00Z" });
      expect(p.removeLabels).toEqual([WAITING, PAUSED]);
      expect(p.addLabels).toEqual([]);
      expect(explanation.evaluation.paused).toBe(false);
      expect(textOf(p.comments, "diagnostics")).toContain("The clock keeps running meanwhile");
      // After the app removed its label, still nothing is re-added.
      const after = plan({
        config,
        answers: missingLogs,
        labels: ["severity: 3", NEEDS],
        timeline: [...timeline, unlabeled("2026-03-02T08:00:05Z", BOT, WAITING), unlabeled("2026-03-02T08:00:05Z", BOT, PAUSED)],
        now: "2026-03-02T09:30:00Z",
      });
      expect(after.plan.addLabels).toEqual([]);
      expect(after.plan.removeLabels).toEqual([]);
    });

    it("a level not listed is not paused", () => {
      const { plan: p } = plan({ config, answers: { ...missingLogs, severity: "2", affectedShare: "over10", workaroundAvailable: "no" } });
      expect(p.addLabels).toEqual(["severity: 2", NEEDS]);
    });
  });
});

describe("coverage (P1, issue 3 item 5)", () => {
  const missingAndLevel1 = { ...COMPLETE, severity: "1", affectedShare: "all", workaroundAvailable: "no", logs: null };

  it.each<[Lang, ConfigInput["contract"], string]>([
    [
      "en",
      { supportUntil: "2026-02-28" },
      "### Outside the support period\nThe support period ended on 2026-02-28. The request is registered, but no deadlines run for it.\nTo renew support, contact sales@vendor.example.",
    ],
    [
      "ru",
      { supportUntil: "2026-02-28" },
      "### Обращение вне срока поддержки\nСрок технической поддержки закончился 2026-02-28. Обращение зарегистрировано, но сроки по нему не отсчитываются.\nПо вопросам продления поддержки обращайтесь: sales@vendor.example.",
    ],
    [
      "en",
      { supportFrom: "2026-04-01" },
      "### Outside the support period\nThe support period starts on 2026-04-01. The request is registered, but no deadlines run for it.\nTo renew support, contact sales@vendor.example.",
    ],
    [
      "ru",
      { supportFrom: "2026-04-01" },
      "### Обращение вне срока поддержки\nСрок технической поддержки начинается 2026-04-01. Обращение зарегистрировано, но сроки по нему не отсчитываются.\nПо вопросам продления поддержки обращайтесь: sales@vendor.example.",
    ],
  ])("%s %j: support: expired, one comment naming the contact, no phone, no diagnostics, no targets", (lang, contract, text) => {
    const { plan: p, explanation } = plan({ config: cfg(lang, { contract }), answers: missingAndLevel1 });
    expect(p.addLabels).toEqual(["severity: 1", EXPIRED]);
    expect(keys(p.comments)).toEqual(["once:coverage", "upsert:status"]);
    expect(textOf(p.comments, "coverage")).toBe(text);
    expect(explanation.evaluation.targets).toEqual({});
    expect(explanation.evaluation.coverage).toBe(contract?.supportUntil ? "expired" : "not-started");
    expect(statusText(p.comments)).toContain(lang === "en" ? "**Outside the support period**: no deadlines run." : "**Вне срока поддержки**: сроки не отсчитываются.");
  });

  it("the last day of the period is still covered (inclusive, in the contract's zone)", () => {
    // 2026-02-28 23:30 MSK is 20:30Z: still the 28th in Moscow.
    const { plan: p, explanation } = plan({ config: cfg("en", { contract: { supportUntil: "2026-02-28" } }), createdAt: "2026-02-28T20:30:00Z", now: "2026-02-28T20:31:00Z" });
    expect(explanation.evaluation.coverage).toBe("active");
    expect(p.addLabels).not.toContain(EXPIRED);
  });

  it.each<[string, ConfigInput, string]>([
    ["the e-mail when there is no renewal contact", { contacts: { email: "support@vendor.example" } }, "To renew support, contact support@vendor.example."],
    ["the account manager when there is no contact at all", { contacts: {} }, "To renew support, contact your account manager."],
  ])("names %s", (_name, extra, line) => {
    const { plan: p } = plan({ config: cfg("en", { ...extra, contract: { supportUntil: "2026-02-28" } }) });
    expect(textOf(p.comments, "coverage")!.split("\n").at(-1)).toBe(line);
  });

  it("a contract's own text with placeholders", () => {
    const config = cfg("ru", {
      contract: { supportFrom: "2025-03-01", supportUntil: "2026-02-28" },
      texts: { outsideSupportPeriod: "Поддержка действовала с {supportFrom} по {supportUntil}. Продление: {renewal}." },
    });
    expect(textOf(plan({ config }).plan.comments, "coverage")).toBe("Поддержка действовала с 2025-03-01 по 2026-02-28. Продление: sales@vendor.example.");
  });

  it("inside the period a stale support: expired label is removed", () => {
    const { plan: p } = plan({ config: cfg("en"), labels: ["severity: 3", EXPIRED], timeline: [labeled(MON_0955, BOT, "severity: 3")] });
    expect(p.removeLabels).toEqual([EXPIRED]);
  });
});

describe("phone duplicate for levels 1–2 (P10, issue 3 item 6)", () => {
  const level1 = { ...COMPLETE, severity: "1", affectedShare: "all", workaroundAvailable: "no" };
  const EN_WORKING =
    "### Please also call us\nThis is a level 1 request: it must also be reported by phone. It is working hours now (09:00-18:00, Europe/Moscow): please call the company phone +7 495 100-00-00.";
  const EN_ON_DUTY =
    "### Please also call us\nThis is a level 1 request: it must also be reported by phone. It is outside working hours now: please call the on-duty engineers at +7 900 200-00-00.";
  // Said whenever the configuration has no number for the moment, so it names no time of day.
  const EN_ASK =
    "### Please also call us\nThis is a level 1 request: it must also be reported by phone. Please call the support engineers on duty. If you do not have their numbers, ask for them in a comment here.";
  const RU_WORKING =
    "### Пожалуйста, позвоните нам\nЭто обращение уровня 1: его нужно продублировать звонком. Сейчас рабочее время (09:00-18:00, Europe/Moscow): позвоните по телефону компании +7 495 100-00-00.";
  const RU_ON_DUTY =
    "### Пожалуйста, позвоните нам\nЭто обращение уровня 1: его нужно продублировать звонком. Сейчас нерабочее время: позвоните дежурным инженерам по телефону +7 900 200-00-00.";
  const RU_ASK =
    "### Пожалуйста, позвоните нам\nЭто обращение уровня 1: его нужно продублировать звонком. Позвоните дежурным инженерам поддержки. Если у вас нет их номеров, запросите их в комментарии здесь.";
  const noOnDuty = { contacts: { companyPhone: CONTACTS.companyPhone } };
  const noCompanyPhone = { contacts: { onDutyPhone: CONTACTS.onDutyPhone } };
  const noNumbers = { contacts: { renewal: CONTACTS.renewal } };
  // In working hours without a company phone the on-duty line fills {companyPhone}.
  const EN_WORKING_ON_DUTY = EN_WORKING.replace(CONTACTS.companyPhone, CONTACTS.onDutyPhone);
  const RU_WORKING_ON_DUTY = RU_WORKING.replace(CONTACTS.companyPhone, CONTACTS.onDutyPhone);

  it.each<[string, Lang, string, ConfigInput, string]>([
    ["Monday 10:00 MSK", "en", MON_10, {}, EN_WORKING],
    ["Monday 10:00 MSK", "ru", MON_10, {}, RU_WORKING],
    ["Monday 09:00 MSK exactly (the window opens)", "en", "2026-03-02T06:00:00Z", {}, EN_WORKING],
    ["Monday 18:00 MSK exactly (the window is closed)", "en", "2026-03-02T15:00:00Z", {}, EN_ON_DUTY],
    ["Monday 22:00 MSK", "en", MON_22, {}, EN_ON_DUTY],
    ["Monday 22:00 MSK", "ru", MON_22, {}, RU_ON_DUTY],
    ["Monday 22:00 MSK, no on-duty line", "en", MON_22, noOnDuty, EN_ASK],
    ["Monday 22:00 MSK, no on-duty line", "ru", MON_22, noOnDuty, RU_ASK],
    ["Monday 10:00 MSK, no company phone", "en", MON_10, noCompanyPhone, EN_WORKING_ON_DUTY],
    ["Monday 10:00 MSK, no company phone", "ru", MON_10, noCompanyPhone, RU_WORKING_ON_DUTY],
    ["Monday 10:00 MSK, no number at all", "en", MON_10, noNumbers, EN_ASK],
    ["Monday 10:00 MSK, no number at all", "ru", MON_10, noNumbers, RU_ASK],
    ["Monday 22:00 MSK, no number at all", "en", MON_22, noNumbers, EN_ASK],
    ["Saturday 12:00 MSK, no on-duty line", "ru", "2026-03-07T09:00:00Z", noOnDuty, RU_ASK],
    ["Monday 9 March 12:00 MSK, a holiday", "ru", "2026-03-09T09:00:00Z", {}, RU_ON_DUTY],
    ["Saturday 12:00 MSK", "en", "2026-03-07T09:00:00Z", {}, EN_ON_DUTY],
  ])("%s (%s): one comment with the instructions for that moment", (_when, lang, now, extra, text) => {
    const { plan: p } = plan({ config: cfg(lang, extra), answers: level1, createdAt: now, now });
    expect(commentOf(p.comments, "phone")?.mode).toBe("once");
    expect(textOf(p.comments, "phone")).toBe(text);
  });

  it("level 2 is asked too; level 3 is not", () => {
    const level2 = { ...COMPLETE, severity: "2", affectedShare: "over10", workaroundAvailable: "no" };
    expect(textOf(plan({ config: cfg("en"), answers: level2 }).plan.comments, "phone")).toContain("This is a level 2 request");
    expect(commentOf(plan({ config: cfg("en"), answers: COMPLETE }).plan.comments, "phone")).toBeUndefined();
  });

  it("a level-1 claim corrected to 3 gets no phone comment", () => {
    expect(commentOf(plan({ config: cfg("en"), answers: { ...level1, environment: "TEST" } }).plan.comments, "phone")).toBeUndefined();
  });

  it.each<[Lang, string]>([
    ["en", `${EN_WORKING}\n\nThe form says you have already called: thank you.`],
    ["ru", `${RU_WORKING}\n\nВы отметили в форме, что уже позвонили: спасибо.`],
  ])("the form says the call was made (%s): instructions kept, thanks added", (lang, text) => {
    expect(textOf(plan({ config: cfg(lang), answers: { ...level1, phoneCall: true } }).plan.comments, "phone")).toBe(text);
  });

  const ALL = { companyPhone: "8 800 000-00-00", onDutyPhone: "+7 999 111-22-33", email: "help@vendor.example" };
  it.each<[string, string, ConfigInput["contacts"], string, string]>([
    ["phoneWorkingHours", MON_10, ALL, "Звоните {companyPhone} ({hours}, {zone}), уровень {severity}; почта {email}", "Звоните 8 800 000-00-00 (09:00-18:00, Europe/Moscow), уровень 1; почта help@vendor.example"],
    // Without a company phone {companyPhone} is the on-duty line, so a contract's own text still names a number.
    ["phoneWorkingHours", MON_10, { onDutyPhone: ALL.onDutyPhone }, "Звоните {companyPhone}, уровень {severity}", "Звоните +7 999 111-22-33, уровень 1"],
    ["phoneOutsideHours", MON_22, ALL, "Дежурный: {onDutyPhone}, уровень {severity}", "Дежурный: +7 999 111-22-33, уровень 1"],
    ["phoneAskForNumbers", MON_22, { companyPhone: ALL.companyPhone, email: ALL.email }, "Попросите номера дежурных, уровень {severity}", "Попросите номера дежурных, уровень 1"],
    ["phoneAskForNumbers", MON_10, { email: ALL.email }, "Попросите номера дежурных, уровень {severity}", "Попросите номера дежурных, уровень 1"],
  ])("texts.%s from the configuration, with placeholders (now %s, contacts %j)", (key, now, contacts, template, expected) => {
    const config = cfg("ru", { contacts, texts: { [key]: template } });
    expect(textOf(plan({ config, answers: level1, createdAt: now, now }).plan.comments, "phone")).toBe(expected);
  });

  it("a request an engineer registered from a phone call is not asked to call again (P10, P11)", () => {
    const { plan: p, explanation } = plan({ config: cfg("en"), body: loadForm("form-registration-by-phone.md"), author: ENGINEER, createdAt: "2026-03-02T05:30:00Z", now: "2026-03-02T05:31:00Z" });
    expect(explanation.start.reason).toBe("registered");
    expect(explanation.severity.level).toBe(1);
    expect(commentOf(p.comments, "phone")).toBeUndefined();
  });

  // The channel, not whether "Received at" moved t0, says the request came by phone.
  const registration = (lang: Lang, channel: string, receivedAt: string | null) => formBody(lang, { ...level1, channel, receivedAt });
  it.each<[string, Lang, string, string | null]>([
    ["en, Phone, without 'Received at'", "en", "phone", null],
    ["en, Phone, 'Received at' later than the issue (ignored, P11)", "en", "phone", "2026-03-02 11:00"],
  ])("a phone registration is not asked to call either (P10): %s", (_name, lang, channel, receivedAt) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), body: registration(lang, channel, receivedAt), author: ENGINEER });
    expect(explanation.start.reason).toBe("created");
    expect(explanation.severity.level).toBe(1);
    expect(commentOf(p.comments, "phone")).toBeUndefined();
  });

  // Regression: a channel check with an ASCII-only word boundary missed the Cyrillic "Телефон", so an
  // engineer registering a phone call in Russian got the customer asked to call again.
  it.each<[string, string | null]>([
    ["with an earlier 'Когда получено'", "2026-03-02 09:30"],
    ["without 'Когда получено'", null],
  ])("a ru phone registration (Канал: Телефон) is not asked to call (P10): %s", (_name, receivedAt) => {
    const { plan: p, explanation } = plan({ config: cfg("ru"), body: registration("ru", "phone", receivedAt), author: ENGINEER });
    expect(explanation.start.channel).toBe("Телефон");
    expect(explanation.severity.level).toBe(1);
    expect(commentOf(p.comments, "phone")).toBeUndefined();
  });

  it.each<[string, string, string]>([
    ["a registration by e-mail (P10: a level 1–2 request that did not come by phone still needs the call)", ENGINEER, "email"],
    ["a customer's form that claims the phone channel (only an engineer registers, P11)", CUSTOMER, "phone"],
  ])("%s is asked to call", (_name, author, channel) => {
    const { plan: p } = plan({ config: cfg("en"), body: registration("en", channel, "2026-03-02 09:30"), author });
    expect(textOf(p.comments, "phone")).toBe(EN_WORKING);
  });

  it("in working hours without a company phone the comment names the on-duty line and does not claim it is outside working hours", () => {
    const { plan: p } = plan({ config: cfg("en", { contacts: { onDutyPhone: CONTACTS.onDutyPhone } }), answers: level1 });
    expect(textOf(p.comments, "phone")).not.toContain("outside working hours");
    expect(textOf(p.comments, "phone")).toContain(CONTACTS.onDutyPhone);
  });

  it("a closed incident gets no phone comment", () => {
    const { plan: p } = plan({ config: cfg("en"), answers: level1, labels: ["severity: 1"], timeline: [labeled(MON_0955, BOT, "severity: 1"), closed("2026-03-02T06:58:00Z", CUSTOMER)], state: "closed", closedAt: "2026-03-02T06:58:00Z" });
    expect(commentOf(p.comments, "phone")).toBeUndefined();
  });

  it.each([
    ["2026-03-02T05:59:00Z", false],
    ["2026-03-02T06:00:00Z", true],
    ["2026-03-02T14:59:00Z", true],
    ["2026-03-02T15:00:00Z", false],
    ["2026-03-09T09:00:00Z", false],
    ["2026-03-07T09:00:00Z", false],
  ])("inWorkingHours(%s) = %s (P12, P14)", (now, expected) => {
    expect(inWorkingHours(cfg("en"), Date.parse(now))).toBe(expected);
  });
});

describe("pauses (P7, DESIGN §8, issue 3 item 7)", () => {
  const base = ["severity: 3"];
  const opened = [labeled(MON_0955, BOT, "severity: 3")];

  it.each<[Lang, string]>([
    ["en", '@cust-bob, only support engineers set the "state: waiting for customer" label: it pauses the clock while support waits for the customer. The label was removed.'],
    ["ru", "@cust-bob, метку «state: waiting for customer» ставят только инженеры поддержки: она приостанавливает отсчёт сроков, пока поддержка ждёт ответа клиента. Метка снята."],
  ])("a waiting label by the customer side is removed with one refusal per issue, kept up to date (%s)", (lang, text) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), labels: [...base, WAITING], timeline: [...opened, labeled("2026-03-02T06:58:00Z", CUSTOMER, WAITING)] });
    expect(p.removeLabels).toEqual([WAITING]);
    expect(p.addLabels).toEqual([]);
    const key = "pause-refused";
    expect(commentOf(p.comments, key)?.mode).toBe("upsert");
    expect(textOf(p.comments, key)).toBe(text);
    expect(explanation.evaluation.paused).toBe(false);
  });

  it.each<[Lang, string]>([
    ["en", "Attempts so far: 2, the last at 2026-03-02 09:59 UTC+3."],
    ["ru", "Всего попыток: 2, последняя — 2026-03-02 09:59 UTC+3."],
  ])("a second attempt by the customer updates the same refusal with the count, not a new comment (issue 11, %s)", (lang, line) => {
    const { plan: p } = plan({
      config: cfg(lang),
      labels: [...base, WAITING],
      timeline: [...opened, labeled("2026-03-02T06:57:00Z", CUSTOMER, WAITING), unlabeled("2026-03-02T06:57:02Z", BOT, WAITING), labeled("2026-03-02T06:59:00Z", CUSTOMER, WAITING)],
    });
    expect(keys(p.comments).filter((k) => k.includes("refused"))).toEqual(["upsert:pause-refused"]);
    expect(textOf(p.comments, "pause-refused")!.split("\n").at(-1)).toBe(line);
    expect(p.removeLabels).toEqual([WAITING]);
  });

  it("a refused waiting label already taken off says nothing more (a duplicate delivery writes nothing)", () => {
    const { plan: p } = plan({
      config: cfg("en"),
      labels: base,
      timeline: [...opened, labeled("2026-03-02T06:57:00Z", CUSTOMER, WAITING), unlabeled("2026-03-02T06:57:02Z", BOT, WAITING)],
    });
    expect(keys(p.comments).filter((k) => k.includes("refused"))).toEqual([]);
    expect(p.removeLabels).toEqual([]);
  });

  it("a waiting label by a support engineer pauses: kept, sla: paused added", () => {
    const { plan: p, explanation } = plan({ config: cfg("en"), labels: [...base, WAITING], timeline: [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, WAITING)] });
    expect(p.removeLabels).toEqual([]);
    expect(p.addLabels).toEqual([PAUSED]);
    expect(explanation.evaluation.paused).toBe(true);
    expect(keys(p.comments)).toEqual(["delete:diagnostics", "upsert:status"]);
    expect(statusText(p.comments)).toContain("- 2026-03-02 09:58 UTC+3, @eng-anna: running now");
  });

  it.each<[Lang, string]>([
    ["en", "The clock resumed at 2026-03-02 10:30 UTC+3."],
    ["ru", "Отсчёт возобновлён 2026-03-02 10:30 UTC+3."],
  ])("a customer comment while paused: waiting and sla: paused removed, the status says when it resumed (%s)", (lang, line) => {
    const timeline = [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, WAITING), labeled("2026-03-02T06:58:01Z", BOT, PAUSED), comment("2026-03-02T07:30:00Z", CUSTOMER)];
    const { plan: p, explanation } = plan({ config: cfg(lang), labels: [...base, WAITING, PAUSED], timeline, now: "2026-03-02T07:30:05Z" });
    expect(p.removeLabels).toEqual([WAITING, PAUSED]);
    expect(p.comments.filter((c) => c.key.startsWith("pause-refused"))).toEqual([]);
    expect(explanation.evaluation.paused).toBe(false);
    expect(statusText(p.comments).split("\n")).toContain(line);
  });

  it("an engineer's comment while paused changes nothing", () => {
    const timeline = [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, WAITING), labeled("2026-03-02T06:58:01Z", BOT, PAUSED), comment("2026-03-02T07:30:00Z", ENGINEER)];
    const { plan: p, explanation } = plan({ config: cfg("en"), labels: [...base, WAITING, PAUSED], timeline, now: "2026-03-02T07:30:05Z" });
    expect(p.addLabels).toEqual([]);
    expect(p.removeLabels).toEqual([]);
    expect(explanation.evaluation.paused).toBe(true);
  });

  it("an organisation member (author_association MEMBER) is a support engineer when orgMembersAreEngineers", () => {
    const config = cfg("en", { team: { orgMembersAreEngineers: true } });
    const timeline = [...opened, comment("2026-03-02T06:57:00Z", "org-olga", "MEMBER"), labeled("2026-03-02T06:58:00Z", "org-olga", WAITING)];
    const { plan: p, explanation } = plan({ config, labels: [...base, WAITING], timeline });
    expect(explanation.evaluation.paused).toBe(true);
    expect(p.removeLabels).toEqual([]);
  });
});

describe("managers' labels true to the evaluation (issue 3 item 8)", () => {
  // Level 1: accept 30m, workaround 4h, resolve 3d on a 24x7 clock, from 10:00 MSK.
  const sev1 = ["severity: 1"];
  const t1 = [labeled(MON_10, ENGINEER, "severity: 1")];
  const at = (minutes: number) => new Date(Date.parse(MON_10) + minutes * 60_000).toISOString();
  const managers = (labels: string[]) => labels.filter((l) => l.startsWith("sla:"));

  it.each<[string, number, ConfigInput, string[]]>([
    ["22 of 30 minutes used (73%)", 22, {}, []],
    ["23 of 30 minutes used (77% ≥ 75%)", 23, {}, [AT_RISK]],
    ["15 of 30 minutes with atRiskShare 0.5", 15, { reminders: { atRiskShare: 0.5 } }, [AT_RISK]],
    ["14 of 30 minutes with atRiskShare 0.5", 14, { reminders: { atRiskShare: 0.5 } }, []],
    ["31 minutes: acceptance breached (not 'at risk' any more)", 31, {}, [BREACHED]],
  ])("%s", (_name, minutes, extra, expected) => {
    const { plan: p } = plan({ config: cfg("en", extra), labels: sev1, timeline: t1, createdAt: MON_10, now: at(minutes) });
    expect(managers(p.addLabels)).toEqual(expected);
  });

  it("acceptance met late keeps sla: breached; at risk goes when nothing running is close", () => {
    const timeline = [...t1, labeled(at(40), ENGINEER, "state: accepted")];
    const { plan: p, explanation } = plan({ config: cfg("en"), labels: [...sev1, "state: accepted", AT_RISK, BREACHED], timeline, createdAt: MON_10, now: at(50) });
    expect(explanation.evaluation.targets.accept).toMatchObject({ status: "met", breached: true });
    expect(p.addLabels).toEqual([]);
    expect(p.removeLabels).toEqual([AT_RISK]);
  });

  it("labels that are no longer true are removed", () => {
    const { plan: p } = plan({ config: cfg("en"), labels: [...sev1, AT_RISK, BREACHED, PAUSED], timeline: t1, createdAt: MON_10, now: at(5) });
    expect(p.removeLabels).toEqual([PAUSED, AT_RISK, BREACHED]);
  });

  it("a paused target is not 'at risk' even past the share", () => {
    const timeline = [...t1, labeled(at(25), ENGINEER, WAITING)];
    const { plan: p } = plan({ config: cfg("en"), labels: [...sev1, WAITING], timeline, createdAt: MON_10, now: at(40) });
    expect(managers(p.addLabels)).toEqual([PAUSED]);
  });

  it("outside the support period nothing is paused, at risk or breached", () => {
    const timeline = [...t1, labeled(at(1), ENGINEER, WAITING)];
    const { plan: p } = plan({ config: cfg("en", { contract: { supportUntil: "2026-02-01" } }), labels: [...sev1, WAITING], timeline, createdAt: MON_10, now: at(600) });
    expect(managers(p.addLabels)).toEqual([]);
  });
});

describe("the status comment's fingerprint (written only when something changed, issue 3 item 8)", () => {
  const sev1 = ["severity: 1"];
  const t1 = [labeled(MON_10, ENGINEER, "severity: 1")];
  const at = (minutes: number) => new Date(Date.parse(MON_10) + minutes * 60_000).toISOString();
  const status = (now: string, timeline: unknown[] = t1, labels = sev1) => {
    const a = commentOf(plan({ config: cfg("en"), labels, timeline, createdAt: MON_10, now }).plan.comments, "status");
    if (a?.mode !== "upsert") throw new Error("no status comment");
    return a;
  };

  it("stable when only time passes: same fingerprint, fresher body", () => {
    const early = status(at(5));
    const later = status(at(25));
    expect(later.fingerprint).toBe(early.fingerprint);
    expect(later.body).not.toBe(early.body);
    expect(later.body).toContain(`<!-- incident-sla:status fp=${early.fingerprint} -->`);
  });

  // A paused or cancelled target's due time moves with `now` (it assumes the clock resumes now): it is
  // shown outside the fingerprinted part, so an hour of pause alone does not rewrite the comment.
  it.each<[string, unknown[], string[]]>([
    ["paused by an engineer", [...t1, labeled(at(10), ENGINEER, WAITING)], [...sev1, WAITING]],
    ["closed as not planned", [...t1, closed(at(10), CUSTOMER, "not_planned")], sev1],
  ])("stable when only time passes while %s", (_name, timeline, labels) => {
    const closedIssue = timeline.some((e) => (e as { event: string }).event === "closed");
    const fp = (now: string) => {
      const a = commentOf(
        plan({ config: cfg("en"), labels, timeline, createdAt: MON_10, now, ...(closedIssue ? { state: "closed" as const, closedAt: at(10) } : {}) }).plan.comments,
        "status",
      );
      return a?.mode === "upsert" ? a.fingerprint : undefined;
    };
    expect(fp(at(20))).toBeDefined();
    expect(fp(at(20))).toBe(fp(at(25)));
    expect(fp(at(20))).toBe(fp(at(20 + 24 * 60)));
  });

  it.each<[string, () => ReturnType<typeof status>]>([
    ["a target becomes breached", () => status(at(31))],
    ["a pause starts", () => status(at(20), [...t1, labeled(at(10), ENGINEER, WAITING)], [...sev1, WAITING])],
    ["a target is met", () => status(at(20), [...t1, labeled(at(10), ENGINEER, "state: accepted")], [...sev1, "state: accepted"])],
    ["the severity changes", () => status(at(20), [...t1, labeled(at(10), ENGINEER, "severity: 2")], ["severity: 2"])],
  ])("changes when %s", (_name, changed) => {
    expect(changed().fingerprint).not.toBe(status(at(5)).fingerprint);
  });
});

describe("hidden markers (DESIGN §1.4, issue 3 item 12)", () => {
  // The marker is how a retry, a second delivery or the next event finds the comment again.
  it.each<[string, Input, string[]]>([
    [
      "a level-1 claim corrected to 2, a missing version",
      { config: cfg("en"), answers: { ...COMPLETE, severity: "1", affectedShare: "over10", workaroundAvailable: "no", productVersion: null } },
      ["severity-correction", "diagnostics", "phone", "status"],
    ],
    ["outside the support period (ru)", { config: cfg("ru", { contract: { supportUntil: "2026-02-28" } }) }, ["coverage", "status"]],
    [
      "a customer's waiting label",
      { config: cfg("en"), labels: ["severity: 3", WAITING], timeline: [labeled(MON_0955, BOT, "severity: 3"), labeled("2026-03-02T06:58:00Z", CUSTOMER, WAITING)] },
      ["pause-refused", "status"],
    ],
  ])("%s: every comment to post starts with the marker line of its key", (_name, input, expected) => {
    const posted = plan(input).plan.comments.filter((c) => c.mode !== "delete");
    expect(posted.map((c) => c.key)).toEqual(expected);
    for (const c of posted) {
      const line = c.key === "status" && c.mode === "upsert" ? `<!-- incident-sla:status fp=${c.fingerprint} -->` : `<!-- incident-sla:${c.key} -->`;
      expect(c.body.split("\n")[0]).toBe(line);
      expect(readMarker(c.body)?.key).toBe(c.key);
    }
  });
});

describe("support's labels belong to support (DESIGN §8, issue 11 item 5)", () => {
  const base = ["severity: 3"];
  const opened = [labeled(MON_0955, BOT, "severity: 3")];

  it.each<[Lang, string]>([
    [
      "en",
      '@cust-bob, only support engineers set the "state: resolved" label: state labels record support\'s progress (acceptance, workaround, permanent solution), and the deadlines are measured by them. The label was removed.',
    ],
    [
      "ru",
      "@cust-bob, метку «state: resolved» ставят только инженеры поддержки: метки состояния отмечают ход работы поддержки (принятие в работу, обходное решение, постоянное решение), и по ним считаются сроки. Метка снята.",
    ],
  ])("customer adds state: resolved: removed with one explanation, nothing met (%s)", (lang, text) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), labels: [...base, "state: resolved"], timeline: [...opened, labeled("2026-03-02T06:58:00Z", CUSTOMER, "state: resolved")] });
    expect(p.removeLabels).toEqual(["state: resolved"]);
    expect(keys(p.comments).filter((k) => k.includes("refused"))).toEqual(["upsert:state-refused"]);
    expect(textOf(p.comments, "state-refused")).toBe(text);
    expect(explanation.evaluation.targets.resolve?.status).toBe("running");
  });

  it("customer adds state: accepted, then state: workaround: one explanation naming the last, with the count", () => {
    const timeline = [
      ...opened,
      labeled("2026-03-02T06:56:00Z", CUSTOMER, "state: accepted"),
      unlabeled("2026-03-02T06:56:02Z", BOT, "state: accepted"),
      labeled("2026-03-02T06:58:00Z", CUSTOMER, "state: workaround"),
    ];
    const { plan: p } = plan({ config: cfg("en"), labels: [...base, "state: workaround"], timeline });
    expect(p.removeLabels).toEqual(["state: workaround"]);
    expect(textOf(p.comments, "state-refused")!.split("\n")).toEqual([
      '@cust-bob, only support engineers set the "state: workaround" label: state labels record support\'s progress (acceptance, workaround, permanent solution), and the deadlines are measured by them. The label was removed.',
      "",
      "Attempts so far: 2, the last at 2026-03-02 09:58 UTC+3.",
    ]);
  });

  it("a state label a support engineer added stays, and so does one the customer re-added while it was on (GitHub records nothing)", () => {
    const { plan: p, explanation } = plan({ config: cfg("en"), labels: [...base, "state: accepted"], timeline: [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, "state: accepted")] });
    expect(p.removeLabels).toEqual([]);
    expect(keys(p.comments).filter((k) => k.includes("refused"))).toEqual([]);
    expect(explanation.evaluation.targets.accept?.status).toBe("met");
  });

  it("an organisation member is support: the member's state label stays (trust as evaluate decides)", () => {
    const config = cfg("en", { team: { orgMembersAreEngineers: true } });
    const timeline = [...opened, comment("2026-03-02T06:57:00Z", "org-olga", "MEMBER"), labeled("2026-03-02T06:58:00Z", "org-olga", "state: accepted")];
    const { plan: p } = plan({ config, labels: [...base, "state: accepted"], timeline });
    expect(p.removeLabels).toEqual([]);
  });

  it("a customer's state label on a closed issue is removed too", () => {
    const timeline = [...opened, closed("2026-03-02T06:57:00Z", ENGINEER), labeled("2026-03-02T06:58:00Z", CUSTOMER, "state: accepted")];
    const { plan: p } = plan({ config: cfg("en"), labels: [...base, "state: accepted"], timeline, state: "closed", closedAt: "2026-03-02T06:57:00Z" });
    expect(p.removeLabels).toEqual(["state: accepted"]);
  });

  it("a customer's severity label stays and is noted (DESIGN: kept and noted)", () => {
    const { plan: p } = plan({ config: cfg("en"), labels: ["severity: 1"], timeline: [...opened, unlabeled("2026-03-02T06:57:00Z", CUSTOMER, "severity: 3"), labeled("2026-03-02T06:58:00Z", CUSTOMER, "severity: 1")] });
    expect(p.removeLabels).toEqual([]);
    expect(statusText(p.comments)).toContain('The severity label "severity: 1" was added by @cust-bob (customer side)');
  });
});

describe("a label deleted from the repository (issue 11 item 5)", () => {
  const opened = [labeled(MON_0955, ENGINEER, "severity: 1")];

  it.each<[Lang, string]>([
    [
      "en",
      '⚠️ The label "severity: 1" is no longer in the repository (deleted or renamed), so GitHub took it off this issue. Until a severity label is set again, the incident counts as level 3, the default.',
    ],
    [
      "ru",
      "⚠️ Метки «severity: 1» больше нет в репозитории (её удалили или переименовали), поэтому GitHub снял её с этого issue. Пока метку уровня не поставят снова, обращение считается уровня 3 (уровень по умолчанию).",
    ],
  ])("a severity label added and never removed but not on the issue: the status says so (%s)", (lang, line) => {
    const { plan: p, explanation } = plan({ config: cfg(lang), labels: [], timeline: opened });
    expect(explanation.severity.level).toBe(3);
    expect(statusText(p.comments).split("\n")).toContain(line);
    expect(p.labelsGone).toEqual(["severity: 1"]);
    // Not proposed again from the form: the incident had a severity label (P8).
    expect(p.addLabels).toEqual([]);
  });

  it("a state label gone: what it recorded still counts", () => {
    const timeline = [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, "state: accepted")];
    const { plan: p, explanation } = plan({ config: cfg("en"), labels: ["severity: 1"], timeline });
    expect(explanation.evaluation.targets.accept?.status).toBe("met");
    expect(statusText(p.comments)).toContain('⚠️ The label "state: accepted" is no longer in the repository (deleted or renamed), so GitHub took it off this issue. What it recorded still counts;');
  });

  it("the waiting label gone while its pause runs: says how to end the pause", () => {
    const timeline = [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, WAITING)];
    const { plan: p } = plan({ config: cfg("en"), labels: ["severity: 1"], timeline });
    expect(statusText(p.comments)).toContain("The pause it started goes on until the customer replies or the issue is closed; to end it now, add the label again and remove it.");
  });

  it.each<[string, string[], unknown[], string]>([
    ["a label removed in the timeline", [], [...opened, unlabeled("2026-03-02T06:58:00Z", ENGINEER, "severity: 1")], MON_10],
    ["a label still on the issue", ["severity: 1"], opened, MON_10],
    // The issue is read just before its timeline: a label added in between is not "gone".
    ["a label added less than a minute ago", [], [labeled("2026-03-02T06:59:30Z", ENGINEER, "severity: 1")], MON_10],
    ["a label the app does not use", ["severity: 1"], [...opened, labeled("2026-03-02T06:58:00Z", ENGINEER, "bug")], MON_10],
  ])("nothing is noted for %s", (_name, labels, timeline, now) => {
    const { plan: p } = plan({ config: cfg("en"), labels, timeline, now });
    expect(p.labelsGone).toBeUndefined();
    expect(statusText(p.comments)).not.toContain("no longer in the repository");
  });
});
