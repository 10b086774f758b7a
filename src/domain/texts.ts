// The app's words, in the contract's language (ru or en). Numbers and
// contacts come from configuration only; a contract may replace the phone and
// support-period texts with its own (config `texts`).
import type { Config, DiagnosticField, TargetName } from "../config/schema.js";
import type { CorrectionReason, SeverityProposal } from "./classify-severity.js";
import type { Coverage, TargetStatus } from "./evaluate.js";
import { FORM_FIELDS } from "./form-fields.js";
import { formatLocal } from "../units/local-time.js";
import type { Language } from "../words/index.js";



export const TARGET_TITLES: Record<TargetName, Record<Language, string>> = {
  accept: { en: "Acceptance", ru: "Принятие в работу" },
  workaround: { en: "Workaround", ru: "Обходное решение" },
  resolve: { en: "Permanent solution", ru: "Постоянное решение" },
};

export const STATUS_TITLES: Record<TargetStatus, Record<Language, string>> = {
  running: { en: "running", ru: "идёт" },
  paused: { en: "paused", ru: "на паузе" },
  met: { en: "met", ru: "выполнено" },
  breached: { en: "breached", ru: "нарушено" },
  cancelled: { en: "cancelled", ru: "отменено" },
};

/** Fills {placeholders}; an unknown or missing value becomes an empty string. */
export function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

const DIAGNOSTIC_FIELD_ID: Record<DiagnosticField, keyof typeof FORM_FIELDS> = {
  productVersion: "productVersion",
  reproduction: "reproduction",
  logs: "logs",
  infrastructureChecks: "infrastructureChecks",
  incidentDbChecked: "incidentDbChecked",
};

const DIAGNOSTIC_HINTS: Record<DiagnosticField, Record<Language, string>> = {
  productVersion: { en: "the product version", ru: "версию продукта" },
  reproduction: { en: "a scenario that reproduces the problem", ru: "сценарий воспроизведения проблемы" },
  logs: {
    en: "the log files you prepared and looked through, or remote access for support",
    ru: "подготовленные и просмотренные журналы или удалённый доступ для поддержки",
  },
  infrastructureChecks: {
    en: "which infrastructure components you checked: DBMS, directory/LDAP, network and load balancers, DNS, certificates",
    ru: "какие компоненты инфраструктуры проверены: СУБД, каталог/LDAP, сеть и балансировщики, DNS, сертификаты",
  },
  incidentDbChecked: {
    en: "that you checked your own incident database for similar problems and earlier solutions",
    ru: "что вы проверили свою базу инцидентов на похожие проблемы и прежние решения",
  },
};

export function diagnosticsComment(missing: DiagnosticField[], lang: Language, paused: boolean): string {
  const items = missing.map((f) => `- **${FORM_FIELDS[DIAGNOSTIC_FIELD_ID[f]][lang]}**: ${DIAGNOSTIC_HINTS[f][lang]}`);
  if (lang === "ru") {
    return [
      "### Не хватает предварительной диагностики",
      "Перед обращением в поддержку нужно выполнить предварительную диагностику. Пожалуйста, дополните описание issue (кнопка «Edit»), указав:",
      ...items,
      "",
      paused
        ? "До тех пор отсчёт сроков приостановлен: поддержка ждёт от вас этих сведений. Ответ в комментарии тоже возобновит отсчёт."
        : "Отсчёт сроков при этом не останавливается: если решить проблему самостоятельно не удаётся, присылайте то, что уже собрано.",
      "Этот комментарий исчезнет, когда всё будет заполнено.",
    ].join("\n");
  }
  return [
    "### Preliminary diagnostics are incomplete",
    "Before contacting support, the customer's engineers do some preliminary diagnostics. Please edit the issue's description and add:",
    ...items,
    "",
    paused
      ? "Until then the clock is paused: support is waiting for this from you. A reply in a comment resumes it too."
      : "The clock keeps running meanwhile: if you cannot solve the problem yourselves, send what you have collected so far.",
    "This comment goes away when everything is there.",
  ].join("\n");
}

const CORRECTION_REASONS: Record<CorrectionReason, Record<Language, string>> = {
  "test-environment": { en: "the problem is in a TEST environment, which is always level 3", ru: "проблема в среде TEST, а это всегда уровень 3" },
  "not-all-users": {
    en: "level 1 means the service is unavailable to everyone, and the form says only part of the users are affected",
    ru: "уровень 1 означает полную недоступность, а по форме затронута только часть пользователей",
  },
  "few-users": { en: "level 2 needs more than 10% of users affected", ru: "для уровня 2 должно быть затронуто более 10% пользователей" },
  "workaround-available": { en: "level 2 applies only when there is no workaround", ru: "уровень 2 ставится, только если нет обходного решения" },
};

export function severityCorrectionComment(p: SeverityProposal, lang: Language): string {
  const reasons = p.reasons.map((r) => `- ${CORRECTION_REASONS[r][lang]}`);
  return lang === "ru"
    ? [`### Уровень критичности: ${p.level} вместо ${p.claimed}`, "По правилам поддержки:", ...reasons, "", "Если это не так, поправьте форму или напишите нам: инженер поддержки может изменить уровень."].join("\n")
    : [`### Severity set to ${p.level} instead of ${p.claimed}`, "Under the support policy:", ...reasons, "", "If this is wrong, correct the form or tell us here: a support engineer can change the level."].join("\n");
}

const DEFAULT_PHONE: Record<"workingHours" | "outsideHours" | "askForNumbers", Record<Language, string>> = {
  workingHours: {
    en: "### Please also call us\nThis is a level {severity} request: it must also be reported by phone. It is working hours now ({hours}, {zone}): please call the company phone {companyPhone}.",
    ru: "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Сейчас рабочее время ({hours}, {zone}): позвоните по телефону компании {companyPhone}.",
  },
  outsideHours: {
    en: "### Please also call us\nThis is a level {severity} request: it must also be reported by phone. It is outside working hours now: please call the on-duty engineers at {onDutyPhone}.",
    ru: "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Сейчас нерабочее время: позвоните дежурным инженерам по телефону {onDutyPhone}.",
  },
  askForNumbers: {
    en: "### Please also call us\nThis is a level {severity} request: it must also be reported by phone. Please call the support engineers on duty. If you do not have their numbers, ask for them in a comment here.",
    ru: "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Позвоните дежурным инженерам поддержки. Если у вас нет их номеров, запросите их в комментарии здесь.",
  },
};

export function phoneComment(
  config: Config,
  severity: number,
  moment: "workingHours" | "outsideHours",
  alreadyCalled: boolean,
): string {
  const lang = config.language;
  const { contacts, texts } = config;
  // In working hours the company phone, or failing that the on-duty line; outside them the
  // on-duty line; without any number, ask for them (P10). Never claim the wrong time of day.
  const workingPhone = contacts.companyPhone ?? contacts.onDutyPhone;
  const kind = moment === "workingHours" ? (workingPhone ? "workingHours" : "askForNumbers") : contacts.onDutyPhone ? "outsideHours" : "askForNumbers";
  const custom = { workingHours: texts.phoneWorkingHours, outsideHours: texts.phoneOutsideHours, askForNumbers: texts.phoneAskForNumbers }[kind];
  const text = fill(custom ?? DEFAULT_PHONE[kind][lang], {
    severity,
    companyPhone: workingPhone,
    onDutyPhone: contacts.onDutyPhone,
    email: contacts.email,
    hours: config.calendar.hours,
    zone: config.timezone,
  });
  if (!alreadyCalled) return text;
  return `${text}\n\n${lang === "ru" ? "Вы отметили в форме, что уже позвонили: спасибо." : "The form says you have already called: thank you."}`;
}

export function coverageComment(config: Config, coverage: Exclude<Coverage, "active">): string {
  const lang = config.language;
  const { supportFrom, supportUntil } = config.contract;
  const renewal = config.contacts.renewal ?? config.contacts.email;
  if (config.texts.outsideSupportPeriod) {
    return fill(config.texts.outsideSupportPeriod, { supportFrom, supportUntil, renewal });
  }
  if (lang === "ru") {
    const when = coverage === "expired" ? `Срок технической поддержки закончился ${supportUntil}.` : `Срок технической поддержки начинается ${supportFrom}.`;
    return [
      "### Обращение вне срока поддержки",
      `${when} Обращение зарегистрировано, но сроки по нему не отсчитываются.`,
      renewal ? `По вопросам продления поддержки обращайтесь: ${renewal}.` : "По вопросам продления поддержки обратитесь к вашему менеджеру.",
    ].join("\n");
  }
  const when = coverage === "expired" ? `The support period ended on ${supportUntil}.` : `The support period starts on ${supportFrom}.`;
  return [
    "### Outside the support period",
    `${when} The request is registered, but no deadlines run for it.`,
    renewal ? `To renew support, contact ${renewal}.` : "To renew support, contact your account manager.",
  ].join("\n");
}

/** A refused label, counted over the issue: how many attempts so far and the last one. */
export interface Refusal {
  /** The label of the last attempt. */
  label: string;
  /** Who made the last attempt, as GitHub spells the login. */
  by: string;
  at: number;
  attempts: number;
}

/** The line a repeated refusal adds: the explanation is edited, never posted again (issue 11). */
function attemptsLine(config: Config, r: Refusal): string {
  if (r.attempts < 2) return "";
  const at = formatLocal(r.at, config.timezone);
  return config.language === "ru" ? `\n\nВсего попыток: ${r.attempts}, последняя — ${at}.` : `\n\nAttempts so far: ${r.attempts}, the last at ${at}.`;
}

export function pauseRefusedComment(config: Config, r: Refusal): string {
  const label = config.labels.waiting;
  const text =
    config.language === "ru"
      ? `@${r.by}, метку «${label}» ставят только инженеры поддержки: она приостанавливает отсчёт сроков, пока поддержка ждёт ответа клиента. Метка снята.`
      : `@${r.by}, only support engineers set the "${label}" label: it pauses the clock while support waits for the customer. The label was removed.`;
  return text + attemptsLine(config, r);
}

/** A state label (accepted, workaround, resolved) added by the customer side, removed (DESIGN §8). */
export function stateLabelRefusedComment(config: Config, r: Refusal): string {
  const text =
    config.language === "ru"
      ? `@${r.by}, метку «${r.label}» ставят только инженеры поддержки: метки состояния отмечают ход работы поддержки (принятие в работу, обходное решение, постоянное решение), и по ним считаются сроки. Метка снята.`
      : `@${r.by}, only support engineers set the "${r.label}" label: state labels record support's progress (acceptance, workaround, permanent solution), and the deadlines are measured by them. The label was removed.`;
  return text + attemptsLine(config, r);
}

/** A label the timeline says the issue has, gone because it left the repository (issue 11). */
export interface GoneLabel {
  label: string;
  kind: "severity" | "state" | "waiting";
}

/**
 * The status comment's note on a label that is no longer in the repository.
 * `severity` is the level the incident counts as now, and the label behind it (null: the default).
 */
export function goneLabelNote(lang: Language, gone: GoneLabel, severity: { level: number; label: string | null }): string {
  const ru = lang === "ru";
  const head = ru
    ? `Метки «${gone.label}» больше нет в репозитории (её удалили или переименовали), поэтому GitHub снял её с этого issue.`
    : `The label "${gone.label}" is no longer in the repository (deleted or renamed), so GitHub took it off this issue.`;
  switch (gone.kind) {
    case "severity":
      if (severity.label) {
        return ru ? `${head} Уровень теперь ${severity.level}, по метке «${severity.label}».` : `${head} The incident now counts as level ${severity.level}, by the label "${severity.label}".`;
      }
      return ru
        ? `${head} Пока метку уровня не поставят снова, обращение считается уровня ${severity.level} (уровень по умолчанию).`
        : `${head} Until a severity label is set again, the incident counts as level ${severity.level}, the default.`;
    case "waiting":
      return ru
        ? `${head} Пауза, которую она начала, продолжается, пока клиент не ответит или issue не закроют; чтобы завершить её сейчас, поставьте метку снова и снимите её.`
        : `${head} The pause it started goes on until the customer replies or the issue is closed; to end it now, add the label again and remove it.`;
    case "state":
      return ru
        ? `${head} То, что она отметила, по-прежнему учитывается; приложение создаёт метку в репозитории заново, инженер поддержки может поставить её снова.`
        : `${head} What it recorded still counts; the app creates the label in the repository again, and a support engineer may set it again.`;
  }
}

const mentionList = (who: string[]) => who.map((w) => `@${w}`).join(" ");

export function reminderComment(config: Config, target: TargetName, due: string, left: string, percent: number, who: string[]): string {
  const lang = config.language;
  const title = TARGET_TITLES[target][lang];
  const people = who.length ? `${mentionList(who)} ` : "";
  return lang === "ru"
    ? `### ⏰ Срок «${title}» приближается\n${people}Использовано ${percent}% времени: срок ${due}, осталось ${left}.`
    : `### ⏰ ${title} deadline approaching\n${people}${percent}% of the time is used: due ${due}, ${left} left.`;
}

export function escalationComment(config: Config, target: TargetName, due: string, who: string[]): string {
  const lang = config.language;
  const title = TARGET_TITLES[target][lang];
  const people = who.length ? `${mentionList(who)} ` : "";
  return lang === "ru"
    ? `### 🔴 Срок «${title}» нарушен\n${people}Срок истёк ${due}, а цель не достигнута; нарушение учитывается в отчёте о сроках.`
    : `### 🔴 ${title} deadline breached\n${people}It was due ${due} and has not been met; the breach is counted in the service report.`;
}
