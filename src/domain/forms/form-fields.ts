// The issue-form fields the app reads, with their headings and options in
// both languages. GitHub renders an issue form as "### <label>" sections;
// these labels are what the parser looks for, and the forms in
// .github/ISSUE_TEMPLATE/ are generated from this file (npm run forms), so
// the forms and the parser cannot drift apart.
//
// The order of FORM_FIELDS is the order of every form: each form asks a
// subsequence of these fields, in this order (tests/forms checks the forms,
// tests/domain/issue-form-hostile.test.ts the order). The parser relies on it
// to tell a field's own heading from a copy pasted into an answer (P11; README,
// Security: who can do what).
import { isSpaceCode } from "./is-space-code.js";

export interface Option {
  /** The value the app works with. */
  value: string;
  en: string;
  ru: string;
}

export interface FormField {
  id: string;
  en: string;
  ru: string;
  /** Help text shown under the label in the form. */
  help?: { en: string; ru: string };
  options?: readonly Option[];
  /**
   * A free-text area: a "###" line in it is part of the answer. In any other
   * field an unknown heading ends the answer (a form may have fields the app
   * does not read).
   */
  multiline?: boolean;
}

const opt = (value: string, en: string, ru: string): Option => ({ value, en, ru });

export const REQUEST_TYPES = [
  opt("incident", "Incident (something is broken)", "Инцидент (что-то не работает)"),
  opt("configuration", "Configuration consultation", "Консультация по настройке"),
  opt("connection", "Connecting an application", "Подключение приложения"),
  opt("update", "New version or update", "Новая версия или обновление"),
  opt("patch", "Patch", "Патч"),
  opt("onsite", "On-site visit", "Выезд специалиста"),
] as const;

export const FORM_FIELDS = {
  requestType: {
    id: "requestType",
    en: "Request type",
    ru: "Тип обращения",
    options: REQUEST_TYPES,
  },
  severity: {
    id: "severity",
    en: "Severity",
    ru: "Уровень критичности",
    help: {
      en: "Level 1: authentication is completely unavailable in PROD. Level 2: unavailable in PROD to more than 10% of users with no workaround. Level 3: everything else, including any TEST environment.",
      ru: "Уровень 1: аутентификация полностью недоступна в PROD. Уровень 2: недоступна в PROD более чем для 10% пользователей и нет обходного решения. Уровень 3: всё остальное, включая любую среду TEST.",
    },
    options: [
      opt("1", "1: service completely unavailable (PROD)", "1: сервис полностью недоступен (PROD)"),
      opt("2", "2: service partially unavailable (PROD)", "2: сервис частично недоступен (PROD)"),
      opt("3", "3: other", "3: прочее"),
    ],
  },
  environment: {
    id: "environment",
    en: "Environment",
    ru: "Среда",
    options: [opt("PROD", "PROD", "PROD"), opt("TEST", "TEST", "TEST")],
  },
  affectedShare: {
    id: "affectedShare",
    en: "Share of users affected",
    ru: "Доля затронутых пользователей",
    options: [
      opt("all", "All users", "Все пользователи"),
      opt("over10", "More than 10%", "Более 10%"),
      opt("upTo10", "10% or fewer", "10% или меньше"),
      opt("unknown", "Unknown", "Неизвестно"),
    ],
  },
  workaroundAvailable: {
    id: "workaroundAvailable",
    en: "Workaround available",
    ru: "Есть обходное решение",
    options: [opt("yes", "Yes", "Да"), opt("no", "No", "Нет")],
  },
  productVersion: { id: "productVersion", en: "Product version", ru: "Версия продукта" },
  description: { id: "description", en: "Description", ru: "Описание", multiline: true },
  reproduction: { id: "reproduction", en: "Steps to reproduce", ru: "Сценарий воспроизведения", multiline: true },
  logs: {
    id: "logs",
    multiline: true,
    en: "Logs",
    ru: "Журналы (логи)",
    help: {
      en: "The relevant log excerpts, already looked through. Not needed when support has remote access.",
      ru: "Фрагменты журналов, уже просмотренные вами. Не нужны, если у поддержки есть удалённый доступ.",
    },
  },
  infrastructureChecks: {
    id: "infrastructureChecks",
    en: "Infrastructure checked",
    ru: "Проверенная инфраструктура",
    help: { en: "Tick what you checked.", ru: "Отметьте, что проверили." },
    options: [
      opt("dbms", "DBMS", "СУБД"),
      opt("directory", "Directory / LDAP", "Каталог / LDAP"),
      opt("network", "Network and load balancers", "Сеть и балансировщики"),
      opt("dns", "DNS", "DNS"),
      opt("certificates", "Certificates", "Сертификаты"),
    ],
  },
  incidentDbChecked: {
    id: "incidentDbChecked",
    en: "Own incident database",
    ru: "Собственная база инцидентов",
    options: [
      opt(
        "checked",
        "We checked our incident database for similar problems and earlier solutions",
        "Мы проверили свою базу инцидентов на похожие проблемы и прежние решения",
      ),
    ],
  },
  remoteAccess: {
    id: "remoteAccess",
    en: "Remote access for support",
    ru: "Удалённый доступ для поддержки",
    options: [opt("given", "Given", "Предоставлен"), opt("not-given", "Not given", "Не предоставлен")],
  },
  phoneCall: {
    id: "phoneCall",
    en: "Phone call",
    ru: "Звонок",
    options: [
      opt("made", "Levels 1–2: we have also reported this by phone", "Уровни 1–2: мы также сообщили об этом по телефону"),
    ],
  },
  channel: {
    id: "channel",
    en: "Channel",
    ru: "Канал",
    options: [
      opt("github", "GitHub", "GitHub"),
      opt("email", "Email", "Электронная почта"),
      opt("phone", "Phone", "Телефон"),
      opt("other", "Other (personal e-mail, messenger)", "Другое (личная почта, мессенджер)"),
    ],
  },
  receivedAt: {
    id: "receivedAt",
    en: "Received at",
    ru: "Когда получено",
    help: {
      en: "When the request arrived, as YYYY-MM-DD HH:MM in the contract's time zone.",
      ru: "Когда поступило обращение: ГГГГ-ММ-ДД ЧЧ:ММ в часовом поясе договора.",
    },
  },
} as const satisfies Record<string, FormField>;

export type FormFieldId = keyof typeof FORM_FIELDS;

/** Channel values that are official (P10, P11), in either language, compared case-insensitively. */
const OFFICIAL_CHANNELS: Readonly<Record<string, "github" | "email" | "phone">> = {
  github: "github",
  email: "email",
  "e-mail": "email",
  "электронная почта": "email",
  phone: "phone",
  телефон: "phone",
};

/**
 * The official channel (P10, P11) a "Channel" answer names, if any; a hint
 * after the name is allowed: "Email (support@…)", "Phone — the duty line". The
 * name ends at the first space followed by "(", "—" or "-" (scanned, not
 * matched with a pattern: the answer is text a person typed; README, Security).
 */
export function officialChannel(answer: string | null | undefined): "github" | "email" | "phone" | undefined {
  if (!answer) return undefined;
  let end = 0;
  while (end + 1 < answer.length && !(isSpaceCode(answer.charCodeAt(end)) && "(—-".includes(answer[end + 1]!))) end++;
  const name = end + 1 < answer.length ? answer.slice(0, end) : answer;
  return OFFICIAL_CHANNELS[name.trim().toLowerCase()];
}
