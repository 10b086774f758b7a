// Generates the issue forms in .github/ISSUE_TEMPLATE/ from the field list
// the parser reads (src/domain/forms/form-fields.ts), in English and Russian, so a
// heading or option can never differ between a form and the app: `npm run
// forms`. tests/forms/forms.test.ts fails when the committed files are stale.
//
// Three forms per language: the incident form customers use for something
// broken (P4, P8, P10), a request form for the other request types of P2
// (consultations, updates, patches, on-site visits P13), and a registration
// form for support engineers entering a request that came another way (P11).
import { writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stringify } from "yaml";
import { FORM_FIELDS, REQUEST_TYPES, type FormField, type Option } from "../src/domain/forms/form-fields.js";

export type Lang = "en" | "ru";
type Text = Record<Lang, string>;

interface FieldUse {
  field: FormField;
  type: "dropdown" | "input" | "textarea" | "checkboxes";
  /** Only what is not preliminary diagnostics: missing diagnostics never block a report (P5). */
  required?: boolean;
  /** Overrides the field's own options (the request form leaves out "incident"). */
  options?: readonly Option[];
  /** Used when the field has no help text of its own in FORM_FIELDS. */
  description?: Text;
  placeholder?: Text;
  /** textarea only: the answer is put in a code block of this language. */
  render?: string;
  /** dropdown only: the option chosen when the form opens. */
  defaultIndex?: number;
}

interface FormSpec {
  /** File name without the language and extension. */
  file: string;
  name: Text;
  description: Text;
  title: Text;
  intro: Text;
  fields: FieldUse[];
}

const F = FORM_FIELDS;

// Descriptions of fields whose meaning the form should explain but whose
// FORM_FIELDS entry has no help text (help texts there are shared with the app).
const D = {
  requestKind: {
    en: "What you need from support. For something broken, use the incident form instead.",
    ru: "Что вам нужно от поддержки. Если что-то не работает, воспользуйтесь формой инцидента.",
  },
  requestTypeRegistered: {
    en: "Choose the incident type for something broken; other types have no outage clock.",
    ru: "Для неработающего выберите инцидент; у остальных типов нет часов инцидента.",
  },
  environment: {
    en: "A request about a TEST environment is always level 3.",
    ru: "Обращение по среде TEST всегда имеет уровень 3.",
  },
  affectedShare: {
    en: "Level 2 means more than 10% of users are affected.",
    ru: "Уровень 2 — затронуто более 10% пользователей.",
  },
  workaroundAvailable: {
    en: "Level 2 means there is no workaround.",
    ru: "Уровень 2 — обходного решения нет.",
  },
  productVersion: {
    en: "The exact version of the product, as the server reports it.",
    ru: "Точная версия продукта, как её показывает сервер.",
  },
  requestVersion: {
    en: "The version you run now, if the request concerns an installation.",
    ru: "Версия, которая у вас сейчас установлена, если обращение её касается.",
  },
  description: {
    en: "What is broken, since when, and who is affected.",
    ru: "Что не работает, с какого времени и кого это затрагивает.",
  },
  requestDescription: {
    en: "What you need, and for an on-site visit or a call the dates that suit you.",
    ru: "Что вам нужно, а для выезда или созвона — удобные даты.",
  },
  registeredDescription: {
    en: "The request as the customer put it, with their name and contact.",
    ru: "Обращение так, как его изложил заказчик, с его именем и контактом.",
  },
  reproduction: {
    en: "The steps that make the problem happen.",
    ru: "Шаги, при которых возникает проблема.",
  },
  incidentDbChecked: {
    en: "Similar problems, and solutions support gave you earlier.",
    ru: "Похожие проблемы и решения, которые поддержка давала раньше.",
  },
  remoteAccess: {
    en: "With remote access support reads the logs and settings itself, and the logs above are not needed.",
    ru: "При удалённом доступе поддержка сама читает журналы и настройки, и журналы выше не нужны.",
  },
  phoneCall: {
    en: "Levels 1 and 2 are reported in writing and by phone. Leave it unticked for level 3.",
    ru: "Об уровнях 1 и 2 сообщают письменно и по телефону. Для уровня 3 оставьте пустым.",
  },
  channel: {
    en: "GitHub, Email and Phone are official channels. For any other channel the clock starts when you register the request.",
    ru: "GitHub, электронная почта и телефон — официальные каналы. Для любого другого канала часы идут с момента регистрации.",
  },
} satisfies Record<string, Text>;

const P = {
  productVersion: { en: "5.2.1", ru: "5.2.1" },
  receivedAt: { en: "2026-03-02 09:30", ru: "2026-03-02 09:30" },
} satisfies Record<string, Text>;

/** The fields of an incident's classification (P8), shared by the incident and registration forms. */
const classification = (required: boolean): FieldUse[] => [
  { field: F.severity, type: "dropdown", required },
  { field: F.environment, type: "dropdown", required, description: D.environment },
  { field: F.affectedShare, type: "dropdown", description: D.affectedShare },
  { field: F.workaroundAvailable, type: "dropdown", description: D.workaroundAvailable },
];

/** Preliminary diagnostics (P4, P6): never required by the form; the app checks them (P5). */
const diagnostics: FieldUse[] = [
  { field: F.reproduction, type: "textarea", description: D.reproduction, placeholder: { en: "1. …\n2. …\n3. …", ru: "1. …\n2. …\n3. …" } },
  { field: F.logs, type: "textarea", render: "shell" },
  { field: F.infrastructureChecks, type: "checkboxes" },
  { field: F.incidentDbChecked, type: "checkboxes", description: D.incidentDbChecked },
  { field: F.remoteAccess, type: "dropdown", description: D.remoteAccess },
];

export const FORM_SPECS: readonly FormSpec[] = [
  {
    file: "incident",
    name: { en: "Incident: something is broken", ru: "Инцидент: что-то не работает" },
    description: {
      en: "Report an outage or a fault. Do the preliminary diagnostics first; the severity follows the support policy; levels 1–2 also by phone.",
      ru: "Сообщить о сбое или ошибке. Сначала проведите предварительную диагностику; уровень критичности — по правилам поддержки; об уровнях 1–2 также по телефону.",
    },
    title: { en: "[Incident]: ", ru: "[Инцидент]: " },
    intro: {
      en: [
        "This form is for incidents: something in the identity provider is broken. For consultations, updates, patches and on-site visits use the request form.",
        "",
        "**Before you submit**, do the preliminary diagnostics: look through the logs, check the infrastructure the product depends on, describe how to reproduce the problem, check your own incident database, and note the product version. If you could not finish, submit anyway with what you have: missing diagnostics never hold up an outage report, and support will ask for the rest.",
        "",
        "**Severity** sets the deadlines. The app sets the severity label from your answers below and lowers a claim they contradict: a TEST environment, for one, is always level 3.",
        "",
        "**Levels 1 and 2 must also be reported by phone**: during working hours to the company phone, otherwise to the on-duty engineers. After you submit, the app's comment on the issue says which number to call.",
      ].join("\n"),
      ru: [
        "Эта форма — для инцидентов: что-то в сервисе аутентификации не работает. Для консультаций, обновлений, патчей и выездов воспользуйтесь формой обращения.",
        "",
        "**Перед отправкой** проведите предварительную диагностику: просмотрите журналы, проверьте инфраструктуру, от которой зависит продукт, опишите сценарий воспроизведения, проверьте свою базу инцидентов и укажите версию продукта. Если не успели всё, отправляйте с тем, что есть: неполная диагностика никогда не задерживает сообщение о сбое, остальное поддержка уточнит.",
        "",
        "**Уровень критичности** определяет сроки. Приложение ставит метку уровня по вашим ответам ниже и понижает заявленный уровень, если ответы ему противоречат: например, среда TEST — всегда уровень 3.",
        "",
        "**Об уровнях 1 и 2 нужно также сообщить по телефону**: в рабочее время — на телефон компании, в остальное время — дежурным инженерам. После отправки приложение напишет в комментарии, куда звонить.",
      ].join("\n"),
    },
    fields: [
      ...classification(true),
      { field: F.productVersion, type: "input", required: true, description: D.productVersion, placeholder: P.productVersion },
      { field: F.description, type: "textarea", required: true, description: D.description },
      ...diagnostics,
      { field: F.phoneCall, type: "checkboxes", description: D.phoneCall },
    ],
  },
  {
    file: "request",
    name: { en: "Request: consultation, update, patch or visit", ru: "Обращение: консультация, обновление, патч или выезд" },
    description: {
      en: "Consultations on configuration or on connecting an application, new versions and updates, patches, on-site visits. Not for outages.",
      ru: "Консультации по настройке и подключению приложений, новые версии и обновления, патчи, выезд специалиста. Не для сбоев.",
    },
    title: { en: "[Request]: ", ru: "[Обращение]: " },
    intro: {
      en: [
        "This form is for everything support covers except incidents. If something is broken, use the incident form: only incidents run outage deadlines.",
        "",
        "Consultations are given during working hours, in writing or by a call scheduled in advance. On-site visits, where your contract includes them, are planned within working hours.",
      ].join("\n"),
      ru: [
        "Эта форма — для всего, что покрывает поддержка, кроме инцидентов. Если что-то не работает, воспользуйтесь формой инцидента: сроки устранения сбоя действуют только для инцидентов.",
        "",
        "Консультации даются в рабочее время, письменно или на заранее назначенном созвоне. Выезд специалиста, если он предусмотрен договором, планируется в рабочее время.",
      ].join("\n"),
    },
    fields: [
      {
        field: F.requestType,
        type: "dropdown",
        required: true,
        options: REQUEST_TYPES.filter((o) => o.value !== "incident"),
        description: D.requestKind,
        // A type is always chosen: an answer left empty would read as an
        // incident (isIncident) and ask for diagnostics a request does not owe.
        defaultIndex: 0,
      },
      { field: F.productVersion, type: "input", description: D.requestVersion, placeholder: P.productVersion },
      { field: F.description, type: "textarea", required: true, description: D.requestDescription },
    ],
  },
  {
    file: "registration",
    name: {
      en: "Registration: a request received another way (support engineers)",
      ru: "Регистрация: обращение, поступившее другим путём (для инженеров поддержки)",
    },
    description: {
      en: "For support engineers: enter a request that arrived by e-mail, by phone or another way, with when it was received.",
      ru: "Для инженеров поддержки: зарегистрировать обращение, поступившее по почте, по телефону или иначе, с временем поступления.",
    },
    title: { en: "[Registered]: ", ru: "[Зарегистрировано]: " },
    intro: {
      en: [
        "**For support engineers only**. The app reads *Channel* and *Received at*, at the end of the form, only when a support engineer opens the issue.",
        "",
        "- Official channels (GitHub, Email, Phone): the clock starts at *Received at*, when that is earlier than this issue.",
        "- Any other way (an engineer's personal e-mail, a messenger): the clock starts now, when you register it.",
        "",
        "Copy whatever preliminary diagnostics the customer already gave; the app asks them for the rest. A level 1–2 request that did not come by phone still needs the customer's call.",
      ].join("\n"),
      ru: [
        "**Только для инженеров поддержки**. Приложение учитывает *Канал* и *Когда получено* (в конце формы), только если задачу открыл инженер поддержки.",
        "",
        "- Официальные каналы (GitHub, электронная почта, телефон): часы идут с момента *Когда получено*, если он раньше создания этой задачи.",
        "- Любой другой путь (личная почта инженера, мессенджер): часы идут с момента регистрации, то есть с сейчас.",
        "",
        "Перенесите сюда предварительную диагностику, которую заказчик уже прислал; остальное приложение запросит у него. Если обращение уровня 1–2 поступило не по телефону, заказчику всё равно нужно позвонить.",
      ].join("\n"),
    },
    fields: [
      { field: F.requestType, type: "dropdown", required: true, description: D.requestTypeRegistered },
      ...classification(false),
      { field: F.productVersion, type: "input", description: D.productVersion, placeholder: P.productVersion },
      { field: F.description, type: "textarea", required: true, description: D.registeredDescription },
      ...diagnostics,
      // Last in the body: the start of the clock (evaluate.ts) reads these two
      // headings on their own, and an answer followed by other sections would
      // take them in and become unreadable.
      { field: F.channel, type: "dropdown", required: true, description: D.channel },
      { field: F.receivedAt, type: "input", required: true, placeholder: P.receivedAt },
    ],
  },
];

/** One body element of GitHub's form schema. */
function element(use: FieldUse, lang: Lang): Record<string, unknown> {
  const { field } = use;
  const attributes: Record<string, unknown> = { label: field[lang] };
  const description = field.help?.[lang] ?? use.description?.[lang];
  if (description) attributes.description = description;
  if (use.placeholder) attributes.placeholder = use.placeholder[lang];
  const options = use.options ?? field.options;
  if (use.type === "dropdown") {
    if (!options) throw new Error(`${field.id}: a dropdown needs options`);
    attributes.options = options.map((o) => o[lang]);
    if (use.defaultIndex !== undefined) attributes.default = use.defaultIndex;
  }
  if (use.type === "checkboxes") {
    if (!options) throw new Error(`${field.id}: checkboxes need options`);
    attributes.options = options.map((o) => ({ label: o[lang] }));
  }
  if (use.render) {
    if (use.type !== "textarea") throw new Error(`${field.id}: render is for textareas only`);
    attributes.render = use.render;
  }
  return { type: use.type, id: field.id, attributes, validations: { required: use.required ?? false } };
}

/** The issue form of one spec in one language, as the object its YAML holds. */
export function issueForm(spec: FormSpec, lang: Lang): Record<string, unknown> {
  return {
    name: spec.name[lang],
    description: spec.description[lang],
    title: spec.title[lang],
    body: [{ type: "markdown", attributes: { value: `${spec.intro[lang]}\n` } }, ...spec.fields.map((f) => element(f, lang))],
  };
}

const HEADER = "# Generated from src/domain/forms/form-fields.ts by scripts/generate-forms.ts (npm run forms): do not edit by hand.\n";

// GitHub reads these files as YAML 1.1, where a bare Yes, No or On is a
// boolean; writing them as 1.1 quotes every such string.
const toYaml = (value: unknown) => HEADER + stringify(value, { version: "1.1", lineWidth: 0 });

const CONFIG_YML = [
  HEADER.trimEnd(),
  "# Every request goes through a form, so the app can read it (P4, P8, P11).",
  "# No contact links here: phone numbers and addresses belong to each contract",
  "# (.github/incident-sla.yml), and the app posts them when they apply (P10).",
  "blank_issues_enabled: false",
  "",
].join("\n");

/** Every file of .github/ISSUE_TEMPLATE/, by name, as it should be committed. */
export function issueTemplateFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const spec of FORM_SPECS) for (const lang of ["en", "ru"] as const) files[`${spec.file}-${lang}.yml`] = toYaml(issueForm(spec, lang));
  files["config.yml"] = CONFIG_YML;
  return files;
}

export const TEMPLATE_DIR = ".github/ISSUE_TEMPLATE/";

// Written only when run as a script, so the test can import the generator.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = fileURLToPath(new URL(`../${TEMPLATE_DIR}`, import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(issueTemplateFiles())) writeFileSync(`${dir}${name}`, text);
  console.log(`${TEMPLATE_DIR} is up to date`);
}
