// An incident's explanation as plain text in the contract's language (DESIGN
// §1.3: every decision is explainable). Pure: the instants in the Explanation
// are shown in the contract's zone through luxon, never the host's. The text
// is plain lines and "- " lists so that it reads the same in a terminal and
// inside a GitHub comment (Markdown), with no terminal colours.
import { TARGET_TITLES } from "./texts.js";
import { calendarOf } from "./calendar.js";
import { type DayUnit, WALL_DAY, durationWords, targetHasDays, targetWords } from "./duration-words.js";
import type { ClosedPeriod, Explanation, Pause, TargetDetail } from "./evaluate.js";
import type { CloseReason } from "./timeline.js";
import { renderWarning } from "./warnings.js";
import { formatLocal, isoFromEpochDay, localEpochDay } from "../units/local-time.js";
import type { Language } from "../words/index.js";

const MINUTE = 60_000;

interface Words {
  incident: string;
  start: string;
  severity: string;
  clock: string;
  coverage: string;
  targets: string;
  noTargets: (level: number) => string;
  pauses: string;
  pausedTotal: string;
  closedPeriods: string;
  ignoredPauses: string;
  warnings: string;
  asOf: string;
  workingTime: string;
  due: string;
  lessThanMinute: string;
  reason: Record<CloseReason, string>;
  weekdays: readonly string[];
  created: (author: string) => string;
  createdWithChannel: (author: string, channel: string) => string;
  registered: (channel: string, by: string, created: string) => string;
  unofficial: (channel: string, by: string) => string;
  severityLabel: (level: number, label: string) => string;
  severityDefault: (level: number) => string;
  clock24x7: string;
  clockBusiness: (days: string, hours: string, calendar: string, zone: string) => string;
  presetRu: string;
  presetNone: string;
  extraHolidays: (n: number) => string;
  extraWorkingDates: (n: number) => string;
  expired: (date: string, until: string) => string;
  notStarted: (date: string, from: string) => string;
  met: (at: string, by: string, how: string) => string;
  metByLabel: (label: string) => string;
  metByClose: string;
  onTime: string;
  late: (span: string) => string;
  running: (left: string) => string;
  paused: (left: string) => string;
  breached: (span: string) => string;
  cancelled: (reason: string) => string;
  left: (span: string, business: boolean) => string;
  pauseStarted: (by: string, label: string) => string;
  pauseEnded: Record<NonNullable<Pause["endReason"]>, (by: string) => string>;
  stillRunning: string;
  stillClosed: string;
  untilNow: string;
  closedBy: (by: string, reason: string) => string;
  reopenedBy: (by: string) => string;
  ignoredBy: (by: string) => string;
}

const EN: Words = {
  incident: "Incident",
  start: "Start",
  severity: "Severity",
  clock: "Clock",
  coverage: "Coverage",
  targets: "Deadlines",
  noTargets: (level) => `Severity ${level} has no deadlines in the contract.`,
  pauses: "Pauses (waiting for the customer)",
  pausedTotal: "in total",
  closedPeriods: "Closed periods (time does not count)",
  ignoredPauses: "Waiting labels added by the customer side (ignored: only support can pause the clock)",
  warnings: "Warnings",
  asOf: "As of",
  workingTime: "working time",
  due: "due",
  lessThanMinute: "less than a minute",
  reason: { completed: "completed", not_planned: "not planned", duplicate: "duplicate" },
  weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
  created: (author) => `the issue was created (by ${author})`,
  createdWithChannel: (author, channel) => `the issue was created (by ${author}; channel: ${channel})`,
  registered: (channel, by, created) =>
    `the request was received through ${channel}; ${by} registered it on the customer's behalf at ${created}, so the clock starts when it was received`,
  unofficial: (channel, by) =>
    `the issue was created (by ${by}); the request came through "${channel}", which is not an official channel, so the clock starts when support registered it`,
  severityLabel: (level, label) => `${level} (label "${label}")`,
  severityDefault: (level) => `${level} (the default: the issue has no severity label)`,
  clock24x7: "24x7, every hour counts",
  clockBusiness: (days, hours, calendar, zone) => `business, working time only: ${days} ${hours}, ${calendar}, zone ${zone}`,
  presetRu: "Russian production calendar (ru)",
  presetNone: "no holiday calendar",
  extraHolidays: (n) => `${n} extra ${n === 1 ? "holiday" : "holidays"}`,
  extraWorkingDates: (n) => `${n} extra working ${n === 1 ? "date" : "dates"}`,
  expired: (date, until) => `expired: the incident started on ${date}, after the support period ended on ${until}; no deadline runs`,
  notStarted: (date, from) => `not started: the incident started on ${date}, before the support period starts on ${from}; no deadline runs`,
  met: (at, by, how) => `met at ${at} by ${by} (${how})`,
  metByLabel: (label) => `label "${label}"`,
  metByClose: "closed the issue",
  onTime: "on time",
  late: (span) => `late by ${span}`,
  running: (left) => `running, ${left}`,
  paused: (left) => `paused, ${left}; the due time assumes the pause ends now`,
  breached: (span) => `BREACHED, overdue by ${span}`,
  cancelled: (reason) => `cancelled: the issue is closed as ${reason}`,
  left: (span, business) => (business ? `${span} of working time left` : `${span} left`),
  pauseStarted: (by, label) => `started by ${by} (label "${label}")`,
  pauseEnded: {
    "label-removed": (by) => `ended when ${by} removed the label`,
    "customer-comment": (by) => `ended by a comment from ${by} (customer side)`,
    closed: (by) => `ended when ${by} closed the issue`,
  },
  stillRunning: "still running",
  stillClosed: "still closed",
  untilNow: "now",
  closedBy: (by, reason) => `closed by ${by} as ${reason}`,
  reopenedBy: (by) => `reopened by ${by}`,
  ignoredBy: (by) => `added by ${by}`,
};

const RU: Words = {
  incident: "Инцидент",
  start: "Начало отсчёта",
  severity: "Уровень критичности",
  clock: "Режим отсчёта",
  coverage: "Период поддержки",
  targets: "Сроки",
  noTargets: (level) => `Для уровня ${level} договор не устанавливает сроков.`,
  pauses: "Паузы (ожидание заказчика)",
  pausedTotal: "всего",
  closedPeriods: "Периоды, когда issue был закрыт (время не считается)",
  ignoredPauses: "Метки ожидания, поставленные стороной заказчика (проигнорированы: приостановить отсчёт может только поддержка)",
  warnings: "Предупреждения",
  asOf: "Состояние на",
  workingTime: "рабочего времени",
  due: "срок",
  lessThanMinute: "меньше минуты",
  reason: { completed: "выполненный", not_planned: "не планируемый", duplicate: "дубликат" },
  weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
  created: (author) => `создание issue (автор ${author})`,
  createdWithChannel: (author, channel) => `создание issue (автор ${author}; канал: ${channel})`,
  registered: (channel, by, created) =>
    `обращение получено через канал «${channel}»; ${by} зарегистрировал его от имени заказчика ${created}, поэтому отсчёт идёт от момента получения`,
  unofficial: (channel, by) =>
    `создание issue (автор ${by}); обращение пришло через «${channel}», это не официальный канал, поэтому отсчёт идёт от регистрации в поддержке`,
  severityLabel: (level, label) => `${level} (метка «${label}»)`,
  severityDefault: (level) => `${level} (по умолчанию: у issue нет метки уровня)`,
  clock24x7: "24x7, считается всё время",
  clockBusiness: (days, hours, calendar, zone) => `business, только рабочее время: ${days} ${hours}, ${calendar}, часовой пояс ${zone}`,
  presetRu: "производственный календарь РФ (ru)",
  presetNone: "без производственного календаря",
  extraHolidays: (n) => `дополнительных выходных дат: ${n}`,
  extraWorkingDates: (n) => `дополнительных рабочих дат: ${n}`,
  expired: (date, until) => `истёк: инцидент начался ${date}, после окончания поддержки ${until}; сроки не идут`,
  notStarted: (date, from) => `ещё не начался: инцидент начался ${date}, до начала поддержки ${from}; сроки не идут`,
  met: (at, by, how) => `выполнено ${at}: ${by}, ${how}`,
  metByLabel: (label) => `метка «${label}»`,
  metByClose: "закрыл issue",
  onTime: "в срок",
  late: (span) => `с опозданием на ${span}`,
  running: (left) => `идёт, ${left}`,
  paused: (left) => `на паузе, ${left}; срок указан в предположении, что пауза заканчивается сейчас`,
  breached: (span) => `НАРУШЕН, просрочено на ${span}`,
  cancelled: (reason) => `отменён: issue закрыт как ${reason}`,
  left: (span, business) => (business ? `осталось ${span} рабочего времени` : `осталось ${span}`),
  pauseStarted: (by, label) => `начал ${by} (метка «${label}»)`,
  pauseEnded: {
    "label-removed": (by) => `закончилась: ${by} снял метку`,
    "customer-comment": (by) => `закончилась комментарием ${by} (сторона заказчика)`,
    closed: (by) => `закончилась: ${by} закрыл issue`,
  },
  stillRunning: "продолжается",
  stillClosed: "всё ещё закрыт",
  untilNow: "сейчас",
  closedBy: (by, reason) => `закрыл ${by} как ${reason}`,
  reopenedBy: (by) => `переоткрыл ${by}`,
  ignoredBy: (by) => `поставил ${by}`,
};

/** Whole minutes (rounded down) in words, days of `day` first; a positive span under a minute says so. */
function span(ms: number, words: Words, language: Language, day?: DayUnit): string {
  if (ms > 0 && ms < MINUTE) return words.lessThanMinute;
  return durationWords(Math.floor(ms / MINUTE), language, day);
}

function describeStart(x: Explanation, w: Words, at: (ms: number) => string): string {
  const { start, issue } = x;
  let why: string;
  switch (start.reason) {
    case "registered":
      why = w.registered(start.channel ?? "", start.registeredBy ?? issue.author.display, at(start.createdAt));
      break;
    case "unofficial-channel":
      why = w.unofficial(start.channel ?? "", start.registeredBy ?? issue.author.display);
      break;
    case "created":
      why = start.channel ? w.createdWithChannel(issue.author.display, start.channel) : w.created(issue.author.display);
      break;
  }
  return `${at(start.at)}: ${why}`;
}

function describeClock(x: Explanation, w: Words): string {
  if (x.severityConfig.clock === "24x7") return w.clock24x7;
  const { calendar, timezone } = x.config;
  const order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const idx = calendar.workingDays.map((d) => order.indexOf(d)).sort((a, b) => a - b);
  // Consecutive weekdays read better as a range ("Mon–Fri").
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  const days = idx.map((i) => w.weekdays[i]!);
  const dayText = consecutive && days.length > 2 ? `${days[0]}–${days.at(-1)}` : days.join(", ");
  const parts = [calendar.preset === "ru" ? w.presetRu : w.presetNone];
  if (calendar.holidays.length > 0) parts.push(w.extraHolidays(calendar.holidays.length));
  const workingDates = Object.keys(calendar.workingDates).length;
  if (workingDates > 0) parts.push(w.extraWorkingDates(workingDates));
  return w.clockBusiness(dayText, calendar.hours.replace("-", "–"), parts.join(", "), timezone);
}

function describeTarget(t: TargetDetail, x: Explanation, w: Words, language: Language, at: (ms: number) => string): string {
  const business = x.severityConfig.clock === "business";
  const day: DayUnit = business ? { minutes: calendarOf(x.config).dayMinutes, working: true } : WALL_DAY;
  // A target in working days says how long one is; one in hours says they are working hours.
  const target = targetWords(t.target, language, day);
  const contract = business && !targetHasDays(t.target) ? `${target} ${w.workingTime}` : target;
  const head = `${TARGET_TITLES[t.name][language]} (${t.name}, ${contract}): ${w.due} ${at(t.due)}`;
  // Time left is clock time (business hours on a business clock, shown without
  // days so a "d" is never mistaken for 24 hours); overdue is wall-clock time.
  const left = w.left(span(t.leftMs, w, language, business ? undefined : WALL_DAY), business);
  const overdue = span(t.overdueMs, w, language, WALL_DAY);
  let state: string;
  switch (t.status) {
    case "met": {
      const met = t.met!;
      const how = met.how === "label" ? w.metByLabel(met.label ?? "") : w.metByClose;
      state = `${w.met(at(met.at), met.by, how)}, ${t.breached ? w.late(overdue) : w.onTime}`;
      break;
    }
    case "cancelled": {
      const open = x.closedPeriods.findLast((p) => p.end === null);
      state = w.cancelled(w.reason[open?.reason ?? "not_planned"]);
      break;
    }
    case "breached":
      state = w.breached(overdue);
      break;
    case "paused":
      state = w.paused(left);
      break;
    case "running":
      state = w.running(left);
      break;
  }
  return `- ${head}; ${state}.`;
}

function describePause(p: Pause, x: Explanation, w: Words, language: Language, at: (ms: number) => string): string {
  const end = p.end ?? x.now;
  const until = p.end === null ? `${w.untilNow} (${w.stillRunning})` : at(p.end);
  const started = w.pauseStarted(p.startedBy, x.config.labels.waiting);
  const ended = p.endReason && p.endedBy ? `, ${w.pauseEnded[p.endReason](p.endedBy)}` : "";
  return `- ${at(p.start)} – ${until}, ${span(end - p.start, w, language, WALL_DAY)}: ${started}${ended}.`;
}

function describeClosed(p: ClosedPeriod, x: Explanation, w: Words, language: Language, at: (ms: number) => string): string {
  const end = p.end ?? x.now;
  const until = p.end === null ? `${w.untilNow} (${w.stillClosed})` : at(p.end);
  const reopened = p.reopenedBy ? `, ${w.reopenedBy(p.reopenedBy)}` : "";
  return `- ${at(p.start)} – ${until}, ${span(end - p.start, w, language, WALL_DAY)}: ${w.closedBy(p.closedBy, w.reason[p.reason])}${reopened}.`;
}

/** The explanation of one incident as text in `language`. */
export function renderExplanation(x: Explanation, language: Language): string {
  const w = language === "ru" ? RU : EN;
  const zone = x.config.timezone;
  // Local time with its offset and zone, seconds only when there are any: "2026-03-10 17:00 (UTC+03:00, Europe/Moscow)".
  const at = (ms: number) => formatLocal(ms, zone, { offset: "zone", seconds: true });
  const ev = x.evaluation;
  const lines: string[] = [];

  const title = x.issue.title ? `: ${x.issue.title}` : "";
  lines.push(`${w.incident} #${x.issue.number}${title}`);
  if (x.issue.url) lines.push(x.issue.url);
  lines.push("");
  lines.push(`- ${w.start}: ${describeStart(x, w, at)}.`);
  lines.push(`- ${w.severity}: ${x.severity.label ? w.severityLabel(x.severity.level, x.severity.label) : w.severityDefault(x.severity.level)}.`);
  lines.push(`- ${w.clock}: ${describeClock(x, w)}.`);
  if (ev.coverage !== "active") {
    const date = isoFromEpochDay(localEpochDay(x.start.at, zone));
    const { supportFrom, supportUntil } = x.config.contract;
    const text = ev.coverage === "expired" ? w.expired(date, supportUntil ?? "") : w.notStarted(date, supportFrom ?? "");
    lines.push(`- ${w.coverage}: ${text}.`);
  }

  if (ev.coverage === "active") {
    lines.push("", `${w.targets}:`);
    if (x.targets.length === 0) lines.push(`- ${w.noTargets(x.severity.level)}`);
    for (const t of x.targets) lines.push(describeTarget(t, x, w, language, at));
  }

  if (x.pauses.length > 0) {
    lines.push("", `${w.pauses}, ${w.pausedTotal} ${span(ev.pausedMinutes * MINUTE, w, language, WALL_DAY)}:`);
    for (const p of x.pauses) lines.push(describePause(p, x, w, language, at));
  }
  if (x.closedPeriods.length > 0) {
    lines.push("", `${w.closedPeriods}:`);
    for (const p of x.closedPeriods) lines.push(describeClosed(p, x, w, language, at));
  }
  if (x.ignoredPauses.length > 0) {
    lines.push("", `${w.ignoredPauses}:`);
    for (const p of x.ignoredPauses) lines.push(`- ${at(p.at)}: ${w.ignoredBy(p.by)}.`);
  }
  if (x.warnings.length > 0) {
    lines.push("", `${w.warnings}:`);
    for (const warning of x.warnings) lines.push(`- ${renderWarning(warning, language)}`);
  }
  lines.push("", `${w.asOf} ${at(x.now)}.`);
  return `${lines.join("\n")}\n`;
}
