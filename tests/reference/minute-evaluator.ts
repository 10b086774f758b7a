// A deliberately naive second implementation of DESIGN §4/§5, used only as an
// oracle by the property tests. It shares nothing with src/domain except the
// Config type: it re-reads the REST objects itself, replays the timeline
// itself, knows the 2026 Russian production calendar by heart (calendar-ru.md)
// and counts time by stepping one minute at a time from t0. It is slow on
// purpose: every line should be checkable by reading DESIGN §4 next to it.
//
// Limits, so that minutes are exact (the generator in tests/support keeps to them):
// - t0, every event time and `now` lie on whole UTC minutes;
// - with preset `ru`, only dates in 2026 are known (other years throw);
// - a minute counts on a business clock when its local wall-clock time lies in
//   [open, close) of its local date. Where an opening or closing time falls
//   inside a daylight-saving gap or overlap this literal reading and the
//   engine's UTC windows can differ, so the generator keeps such edges out of
//   the night hours where zones change offset.
import { DateTime, IANAZone } from "luxon";
import type { Config } from "../../src/config/schema.js";

const MINUTE = 60_000;
/** How far the reference steps before deciding something is wrong. */
const MAX_STEPS = 120 * 24 * 60;

type Target = "accept" | "workaround" | "resolve";
const TARGETS: Target[] = ["accept", "workaround", "resolve"];
const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

// calendar-ru.md, 2026 (decree No. 1466): every date that is not worked,
// whatever its weekday (art. 112 holidays, including the ones on weekends,
// and the days off the decree moved), and the shortened pre-holiday days.
const RU_2026_OFF = new Set([
  "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08",
  "2026-01-09", "2026-02-23", "2026-03-08", "2026-03-09", "2026-05-01", "2026-05-09", "2026-05-11", "2026-06-12",
  "2026-11-04", "2026-12-31",
]);
const RU_2026_SHORTENED = new Set(["2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03"]);

/** targets.reply (README, How the clock works: the reply paragraph). */
export interface ReferenceReply {
  status: "running" | "paused" | "met" | "breached" | "cancelled";
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  waits: number;
  breaches: number;
}

export interface ReferenceTarget {
  status: "running" | "paused" | "met" | "breached" | "cancelled";
  dueAt: string;
  metAt: string | null;
  breached: boolean;
}

/** The §5 object without `warnings` (the reference does not word warnings). */
export interface ReferenceEvaluation {
  number: number;
  coverage: "active" | "expired" | "not-started";
  severity: number;
  clock: "24x7" | "business";
  startedAt: string;
  paused: boolean;
  pausedMinutes: number;
  targets: Partial<Record<Target, ReferenceTarget>> & { reply?: ReferenceReply };
}

export interface ReferenceInput {
  config: Config;
  issue: any;
  timeline: any[];
  now: string;
  bot?: string;
}

interface Event {
  kind: "labeled" | "unlabeled" | "commented" | "closed" | "reopened";
  at: number;
  login: string | null;
  association: string | null;
  label: string;
  completed: boolean;
  reason: string;
}

const lower = (text: string) => text.toLowerCase();
const iso = (ms: number) => new Date(ms).toISOString();

function wholeMinute(ms: number, what: string): number {
  if (!Number.isFinite(ms) || ms % MINUTE !== 0) throw new Error(`reference: ${what} must lie on a whole minute, got ${iso(ms)}`);
  return ms;
}

function hhmm(text: string): number {
  return Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
}

function range(text: string): { open: number; close: number } {
  return { open: hhmm(text.slice(0, 5)), close: hhmm(text.slice(6, 11)) };
}

/** Working hours of one local date (YYYY-MM-DD, weekday 1 = Monday), or null when it is not worked (DESIGN §4, in order). */
function hoursOfDate(config: Config, day: string, weekday: number): { open: number; close: number } | null {
  const cal = config.calendar;
  const custom = cal.workingDates[day];
  if (custom !== undefined) return range(custom);
  if (cal.holidays.includes(day)) return null;
  const weekdayWorks = (cal.workingDays as string[]).includes(WEEKDAY_NAMES[weekday - 1]!);
  const standard = range(cal.hours);
  if (cal.preset === "ru") {
    if (!day.startsWith("2026-")) throw new Error(`reference: the ru calendar is only known for 2026, asked for ${day}`);
    if (RU_2026_OFF.has(day)) return null;
    // A shortened date is one hour shorter only if the contract works that weekday at all.
    if (RU_2026_SHORTENED.has(day)) return weekdayWorks ? { open: standard.open, close: standard.close - 60 } : null;
  }
  return weekdayWorks ? standard : null;
}

function formField(body: string, heading: string): string | null {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const at = lines.findIndex((line) => line.trim().toLowerCase() === `### ${heading.toLowerCase()}`);
  if (at < 0) return null;
  const answer: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.startsWith("### ")) break;
    answer.push(line);
  }
  const text = answer.join("\n").trim();
  return text === "" || text === "_No response_" ? null : text;
}

function parseReceived(text: string, zone: string): number | null {
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(text)) {
    const local = DateTime.fromFormat(text, "yyyy-MM-dd HH:mm", { zone });
    return local.isValid ? local.toMillis() : null;
  }
  if (/Z$|[+-]\d{2}:\d{2}$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

function readEvents(timeline: any[]): Event[] {
  const events: Event[] = [];
  for (const raw of timeline) {
    if (!["labeled", "unlabeled", "commented", "closed", "reopened"].includes(raw.event)) continue;
    const who = raw.event === "commented" ? (raw.user ?? raw.actor) : raw.actor;
    events.push({
      kind: raw.event,
      at: wholeMinute(Date.parse(raw.created_at), "an event"),
      login: who?.login ? lower(who.login) : null,
      association: raw.event === "commented" ? (raw.author_association ?? null) : null,
      label: raw.label?.name ?? "",
      completed: raw.state_reason !== "not_planned" && raw.state_reason !== "duplicate",
      reason: raw.state_reason ?? "completed",
    });
  }
  // Stable: events of the same minute keep GitHub's order.
  return events.sort((a, b) => a.at - b.at);
}

export function referenceEvaluate(input: ReferenceInput): ReferenceEvaluation {
  const { config, issue } = input;
  const zone = config.timezone;
  const now = wholeMinute(Date.parse(input.now), "now");
  const createdAt = wholeMinute(Date.parse(issue.created_at), "created_at");
  // Events after `now` have not happened yet, for every purpose.
  const events = readEvents(input.timeline).filter((e) => e.at <= now);

  // Trusted actors: engineers, the bot, and organisation members seen on the issue or a comment.
  const trusted = new Set([...config.team.engineers, input.bot ?? "incident-sla[bot]"].map(lower));
  if (config.team.orgMembersAreEngineers) {
    const member = (association: string | null) => association === "MEMBER" || association === "OWNER";
    if (issue.user?.login && member(issue.author_association)) trusted.add(lower(issue.user.login));
    for (const e of events) if (e.kind === "commented" && e.login && member(e.association)) trusted.add(e.login);
  }
  const isTrusted = (login: string | null) => login !== null && trusted.has(login);

  // t0 (P11): an engineer registering a request that came through an official channel earlier.
  let t0 = createdAt;
  const body: string = issue.body ?? "";
  const channel = formField(body, "Channel");
  const received = formField(body, "Received at");
  const author = issue.user?.login ? lower(issue.user.login) : null;
  if (channel && received && isTrusted(author)) {
    const name = lower(channel.split(" (")[0]!.trim());
    const at = ["github", "email", "e-mail", "phone"].includes(name) ? parseReceived(received, zone) : null;
    if (at !== null && at <= createdAt) t0 = wholeMinute(at, "Received at");
  }

  // Severity: the most severe configured level whose label the issue carries.
  const issueLabels = (issue.labels as { name: string }[]).map((l) => lower(l.name));
  const levels = Object.keys(config.severities).map(Number).sort((a, b) => a - b);
  const severity =
    levels.find((level) => issueLabels.includes(lower(config.labels.severity[String(level)] ?? `severity: ${level}`))) ??
    config.defaultSeverity;
  const sev = config.severities[String(severity)]!;

  // Replay the timeline: pauses (P7), closed periods, when each target was met.
  const L = config.labels;
  const is = (label: string, name: string) => lower(label) === lower(name);
  const pauses: { start: number; end: number | null }[] = [];
  const closes: { start: number; end: number | null }[] = [];
  let pauseRunning = false;
  let closedNow = false;
  let lastCloseCompleted = true;
  const met: Partial<Record<Target, number>> = {};
  const meet = (target: Target, at: number) => {
    if (met[target] === undefined) met[target] = at;
  };
  const endPause = (at: number) => {
    if (pauseRunning) pauses[pauses.length - 1]!.end = at;
    pauseRunning = false;
  };
  for (const e of events) {
    if (e.kind === "labeled" && isTrusted(e.login)) {
      if (is(e.label, L.waiting) && !pauseRunning) {
        pauses.push({ start: e.at, end: null });
        pauseRunning = true;
      }
      if ([L.accepted, L.waiting, L.workaround, L.resolved].some((name) => is(e.label, name))) meet("accept", e.at);
      if (is(e.label, L.workaround) || is(e.label, L.resolved)) meet("workaround", e.at);
      if (is(e.label, L.resolved)) meet("resolve", e.at);
    } else if (e.kind === "unlabeled" && is(e.label, L.waiting)) {
      endPause(e.at);
    } else if (e.kind === "commented" && !isTrusted(e.login)) {
      endPause(e.at);
    } else if (e.kind === "closed") {
      endPause(e.at);
      if (!closedNow) closes.push({ start: e.at, end: null });
      closedNow = true;
      lastCloseCompleted = e.completed;
      meet("accept", e.at);
      if (e.completed) {
        meet("workaround", e.at);
        meet("resolve", e.at);
      }
    } else if (e.kind === "reopened" && closedNow) {
      closes[closes.length - 1]!.end = e.at;
      closedNow = false;
    }
  }

  const inside = (list: { start: number; end: number | null }[], minute: number, horizon: number) =>
    list.some((p) => p.start <= minute && minute < Math.min(p.end ?? horizon, horizon));

  const startDate = DateTime.fromMillis(t0, { zone }).toISODate()!;
  const { supportFrom, supportUntil } = config.contract;
  const coverage =
    supportUntil && startDate > supportUntil ? "expired" : supportFrom && startDate < supportFrom ? "not-started" : "active";

  let pausedMinutes = 0;
  for (let m = t0; m < now; m += MINUTE) if (inside(pauses, m, now)) pausedMinutes++;

  // A minute's local wall-clock reading: shift the instant by the zone's
  // offset at that instant and read the UTC fields.
  // Asking the zone costs microseconds, so the offset is asked once per UTC
  // hour when it is the same at both ends of that hour (no zone changes its
  // offset twice within an hour), and per minute otherwise.
  const ianaZone = IANAZone.create(zone);
  const hourOffsets = new Map<number, number | null>();
  const offsetAt = (minute: number): number => {
    const hour = minute - (minute % 3_600_000);
    if (!hourOffsets.has(hour)) {
      const first = ianaZone.offset(hour);
      hourOffsets.set(hour, first === ianaZone.offset(hour + 59 * MINUTE) ? first : null);
    }
    return hourOffsets.get(hour) ?? ianaZone.offset(minute);
  };
  const counted = new Map<number, boolean>();
  const hoursByDate = new Map<string, { open: number; close: number } | null>();
  const clockCounts = (minute: number): boolean => {
    if (sev.clock === "24x7") return true;
    let result = counted.get(minute);
    if (result === undefined) {
      const local = new Date(minute + offsetAt(minute) * MINUTE);
      const day = local.toISOString().slice(0, 10);
      if (!hoursByDate.has(day)) hoursByDate.set(day, hoursOfDate(config, day, local.getUTCDay() || 7));
      const hours = hoursByDate.get(day)!;
      const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
      result = hours !== null && hours.open <= minuteOfDay && minuteOfDay < hours.close;
      counted.set(minute, result);
    }
    return result;
  };
  const standard = range(config.calendar.hours);
  const dayMinutes = sev.clock === "24x7" ? 24 * 60 : standard.close - standard.open;

  const targets: ReferenceEvaluation["targets"] = {};
  if (coverage === "active") {
    for (const target of TARGETS) {
      const text = sev[target];
      if (text === undefined) continue;
      const parts = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text)!;
      const amount = Number(parts[1] ?? 0) * dayMinutes + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
      const metAt = met[target];
      // Nothing pauses after the horizon: metAt for a met target, now otherwise.
      const horizon = metAt ?? now;
      let used = 0;
      let minute = t0;
      for (let steps = 0; ; steps++, minute += MINUTE) {
        if (steps > MAX_STEPS) throw new Error(`reference: ${target} not due within ${MAX_STEPS} minutes`);
        if (clockCounts(minute) && !inside(pauses, minute, horizon) && !inside(closes, minute, horizon)) used++;
        if (used === amount) break;
      }
      const due = minute + MINUTE;
      const breached = horizon > due;
      let status: ReferenceTarget["status"];
      if (metAt !== undefined) status = "met";
      else if (closedNow && !lastCloseCompleted) status = "cancelled";
      else if (breached) status = "breached";
      else if (pauseRunning) status = "paused";
      else status = "running";
      targets[target] = { status, dueAt: iso(due), metAt: metAt === undefined ? null : iso(metAt), breached };
    }
  }

  // The reply target: waits, each counted minute by minute like the targets above.
  if (coverage === "active" && sev.reply !== undefined) {
    const parts = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(sev.reply)!;
    const amount = Number(parts[1] ?? 0) * dayMinutes + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
    const app = lower(input.bot ?? "incident-sla[bot]");
    // A wait: opened by a customer comment on an open issue when none is open.
    const waits: { start: number; end: number | null; answered: boolean }[] = [];
    let waiting: (typeof waits)[number] | null = null;
    let isClosed = false;
    for (const e of events) {
      if (e.kind === "commented" && e.login !== app) {
        if (!isTrusted(e.login)) {
          if (waiting === null && !isClosed) {
            waiting = { start: e.at, end: null, answered: false };
            waits.push(waiting);
          }
        } else if (waiting !== null) {
          waiting.end = e.at;
          waiting.answered = true;
          waiting = null;
        }
      } else if (e.kind === "closed") {
        isClosed = true;
        if (waiting !== null) {
          waiting.end = e.at;
          waiting.answered = e.completed;
          waiting = null;
        }
      } else if (e.kind === "reopened") isClosed = false;
    }
    let breaches = 0;
    let last: { due: number; end: number | null; answered: boolean; breached: boolean } | null = null;
    for (const w of waits) {
      const horizon = w.end ?? now;
      let used = 0;
      let minute = w.start;
      for (let steps = 0; ; steps++, minute += MINUTE) {
        if (steps > MAX_STEPS) throw new Error(`reference: reply not due within ${MAX_STEPS} minutes`);
        if (clockCounts(minute) && !inside(pauses, minute, horizon) && !inside(closes, minute, horizon)) used++;
        if (used === amount) break;
      }
      const due = minute + MINUTE;
      const breached = horizon > due;
      if (breached) breaches++;
      last = { due, end: w.end, answered: w.answered, breached };
    }
    let status: ReferenceReply["status"];
    if (last !== null && last.end === null) status = last.breached ? "breached" : pauseRunning ? "paused" : "running";
    else status = last !== null && !last.answered ? "cancelled" : "met";
    targets.reply = {
      status,
      dueAt: last === null ? null : iso(last.due),
      metAt: last !== null && last.end !== null && last.answered ? iso(last.end) : null,
      breached: breaches > 0,
      waits: waits.length,
      breaches,
    };
  }

  return {
    number: issue.number,
    coverage,
    severity,
    clock: sev.clock,
    startedAt: iso(t0),
    paused: pauseRunning,
    pausedMinutes,
    targets,
  };
}
