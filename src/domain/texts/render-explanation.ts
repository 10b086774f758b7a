// An incident's explanation as plain text in the contract's language (DESIGN
// §1.3: every decision is explainable), in the words' `explanation` section.
// Pure: the instants in the Explanation are shown in the contract's zone by
// the one local-time formatter, never the host's. The text
// is plain lines and "- " lists so that it reads the same in a terminal and
// inside a GitHub comment (Markdown), with no terminal colours.
import { calendarOf } from "../clock/calendar.js";
import { type DayUnit, WALL_DAY, durationWords, targetHasDays, targetWords } from "./duration-words.js";
import type { ClosedPeriod, Explanation, Pause, TargetDetail } from "../clock/evaluate.js";
import { renderWarning } from "../clock/warnings.js";
import { formatLocal, isoFromEpochDay, localEpochDay } from "../../units/local-time.js";
import { type Language, type Words, wordsFor } from "../../words/index.js";

type ExplanationWords = Words["explanation"];

const MINUTE = 60_000;

/** Whole minutes (rounded down) in words, days of `day` first; a positive span under a minute says so. */
function span(ms: number, words: ExplanationWords, language: Language, day?: DayUnit): string {
  if (ms > 0 && ms < MINUTE) return words.lessThanMinute;
  return durationWords(Math.floor(ms / MINUTE), language, day);
}

function describeStart(x: Explanation, w: ExplanationWords, at: (ms: number) => string): string {
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

function describeClock(x: Explanation, w: ExplanationWords): string {
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

function describeTarget(t: TargetDetail, x: Explanation, w: ExplanationWords, language: Language, at: (ms: number) => string): string {
  const business = x.severityConfig.clock === "business";
  const day: DayUnit = business ? { minutes: calendarOf(x.config).dayMinutes, working: true } : WALL_DAY;
  // A target in working days says how long one is; one in hours says they are working hours.
  const target = targetWords(t.target, language, day);
  const contract = business && !targetHasDays(t.target) ? `${target} ${w.workingTime}` : target;
  const head = `${wordsFor(language).targets[t.name]} (${t.name}, ${contract}): ${w.due} ${at(t.due)}`;
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

function describePause(p: Pause, x: Explanation, w: ExplanationWords, language: Language, at: (ms: number) => string): string {
  const end = p.end ?? x.now;
  const until = p.end === null ? `${w.untilNow} (${w.stillRunning})` : at(p.end);
  const started = w.pauseStarted(p.startedBy, x.config.labels.waiting);
  const ended = p.endReason && p.endedBy ? `, ${w.pauseEnded[p.endReason](p.endedBy)}` : "";
  return `- ${at(p.start)} – ${until}, ${span(end - p.start, w, language, WALL_DAY)}: ${started}${ended}.`;
}

function describeClosed(p: ClosedPeriod, x: Explanation, w: ExplanationWords, language: Language, at: (ms: number) => string): string {
  const end = p.end ?? x.now;
  const until = p.end === null ? `${w.untilNow} (${w.stillClosed})` : at(p.end);
  const reopened = p.reopenedBy ? `, ${w.reopenedBy(p.reopenedBy)}` : "";
  return `- ${at(p.start)} – ${until}, ${span(end - p.start, w, language, WALL_DAY)}: ${w.closedBy(p.closedBy, w.reason[p.reason])}${reopened}.`;
}

/** The explanation of one incident as text in `language`. */
export function renderExplanation(x: Explanation, language: Language): string {
  const w = wordsFor(language).explanation;
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
