// The status comment: one per incident, edited in place, in the contract's
// language. It shows what the clock knows (severity and why, start and why,
// each deadline in local time with the zone, status, pauses). Parts that
// change with every minute (time left while running) are "volatile": they are
// refreshed whenever the comment is written, but a change in them alone is
// not a reason to write (DESIGN §1.4: no write when nothing changed).
import type { Explanation, TargetDetail } from "../clock/evaluate.js";
import { calendarOf } from "../clock/calendar.js";
import { type DayUnit, WALL_DAY, durationWords, targetWords } from "./duration-words.js";
import { formatLocal } from "../../units/local-time.js";
import { fingerprint, marker, readMarker } from "./markers.js";
import { type GoneLabel, goneLabelNote } from "./texts.js";
import { type Words, wordsFor } from "../../words/index.js";
import { renderWarning } from "../clock/warnings.js";
import { withoutEditLog } from "./edit-log.js";

export const STATUS_KEY = "status";

export interface StatusNote {
  /** A customer-side severity change (P8), kept but noted. */
  severityChangedBy?: { login: string; at: number; label: string; added: boolean };
  /** Labels the timeline says the issue has, gone because they left the repository (README, Security). */
  labelsGone?: GoneLabel[];
}

interface StatusComment {
  body: string;
  fingerprint: string;
}

const MINUTE = 60_000;

export function renderStatusComment(x: Explanation, note: StatusNote = {}): StatusComment {
  const lang = x.config.language;
  const words = wordsFor(lang);
  const w = words.statusComment;
  const zone = x.config.timezone;
  const at = (ms: number) => formatLocal(ms, zone);
  const business = x.severityConfig.clock === "business";
  // Clock time uses the clock's day (a working day on a business clock); wall time uses 24 h.
  const day: DayUnit = business ? { minutes: calendarOf(x.config).dayMinutes, working: true } : WALL_DAY;
  const span = (ms: number) => durationWords(ms / MINUTE, lang, day);
  const wall = (ms: number) => durationWords(ms / MINUTE, lang, WALL_DAY);
  // Under a working day, say that the hours left are working hours; a span in working days says so itself.
  const ofWorkingTime = (ms: number) => (business && Math.round(ms / MINUTE) < day.minutes ? w.ofWorkingTime : "");
  const material: string[] = [];
  const volatile: string[] = [];

  const severityWhy = x.severity.label ? w.severityByLabel(x.severity.label) : w.severityDefault;
  const clock = business ? w.clockBusiness(x.config.calendar.hours, x.config.calendar.preset) : w.clock24x7;
  material.push(w.title);
  material.push(w.severity(x.severity.level, severityWhy, clock));
  material.push(startLine(x, at, w));

  if (x.evaluation.coverage !== "active") {
    material.push(w.outsideSupport);
  } else if (x.targets.length > 0) {
    material.push("", `| ${w.columns.join(" | ")} |`, "|---|---|---|---|");
    for (const t of x.targets) {
      // While a clock stands still its due time moves with `now`: shown below, not in the table.
      const due = t.status === "paused" || t.status === "cancelled" ? "—" : at(t.due);
      material.push(`| ${words.targets[t.name]} | ${targetWords(t.target, lang, day)} | ${due} | ${targetState(t, words, at, span, wall)} |`);
    }
    const live = x.targets.flatMap((t) => {
      const title = words.targets[t.name];
      switch (t.status) {
        case "running":
          return [w.live.left(title, `${span(t.leftMs)}${ofWorkingTime(t.leftMs)}`)];
        case "breached":
          return [w.live.overdue(title, wall(t.overdueMs))];
        case "paused":
          return [w.live.pausedDue(title, at(t.due))];
        default:
          return [];
      }
    });
    if (live.length > 0) volatile.push("", `${live.join("; ")} ${w.live.asOf(at(x.now))}.`);
  }
  // A customer waiting for an answer (domain/clock/reply.ts). Not while paused: its due time would move with every sweep.
  const wait = x.reply?.open;
  if (x.evaluation.coverage === "active" && wait && x.reply?.status !== "paused") material.push("", words.reply.waiting(at(wait.start), at(wait.due)));

  const pauses = x.pauses.map((p) => {
    const end = p.end === null ? w.pauseRunning : w.pauseUntil(at(p.end), endWhy(p.endReason, p.endedBy, w));
    return `- ${at(p.start)}, @${p.startedBy}: ${end}`;
  });
  if (pauses.length > 0) material.push("", w.pauses, ...pauses);
  const last = x.pauses.at(-1);
  if (last && last.end !== null && !x.evaluation.paused) {
    material.push(w.resumed(at(last.end)));
  }
  if (note.severityChangedBy) {
    const c = note.severityChangedBy;
    material.push("", w.severityChanged(c.label, c.added, c.login, at(c.at)));
  }
  for (const gone of note.labelsGone ?? []) material.push("", `⚠️ ${goneLabelNote(lang, gone, x.severity)}`);
  for (const warning of x.warnings) material.push("", `⚠️ ${renderWarning(warning, lang)}`);
  const fp = fingerprint(material.join("\n"));
  const footer = w.footer(zone, at(x.now));
  const body = [marker(STATUS_KEY, fp), ...material, ...volatile, "", footer].join("\n");
  return { body, fingerprint: fp };
}

/**
 * Whether a status comment on GitHub still says what the app wrote: the part
 * its fingerprint covers must hash to that fingerprint. The lines after it
 * (time left, "updated at") change with every write and are only checked for
 * their shape. Someone else's edit is put back at the next event (DESIGN §8; README, Security).
 */
export function statusCommentIntact(body: string): boolean {
  const lines = withoutEditLog(body).split("\n");
  const fp = readMarker(lines[0])?.fingerprint;
  if (!fp || lines[0] !== marker(STATUS_KEY, fp)) return false;
  // [marker, ...material, ("", time left)?, "", footer]
  const footer = lines.at(-1) ?? "";
  if (!/^<sub>[^\n]*<\/sub>$/.test(footer) || lines.at(-2) !== "") return false;
  if (fingerprint(lines.slice(1, -2).join("\n")) === fp) return true;
  return lines.length >= 5 && lines.at(-4) === "" && /\)\.$/.test(lines.at(-3)!) && fingerprint(lines.slice(1, -4).join("\n")) === fp;
}

function startLine(x: Explanation, at: (ms: number) => string, w: Words["statusComment"]): string {
  const s = x.start;
  if (s.reason === "registered") return w.startRegistered(at(s.at), s.channel ?? "", s.registeredBy ?? "");
  if (s.reason === "unofficial-channel") return w.startUnofficial(at(s.at), s.channel ?? "");
  return w.startOpened(at(s.at));
}

function endWhy(reason: string | null, by: string | null, w: Words["statusComment"]): string {
  switch (reason) {
    case "label-removed":
    case "customer-comment":
      return w.pauseEnded[reason](by ?? "");
    case "closed":
      return w.pauseEnded.closed;
    default:
      return "";
  }
}

function targetState(
  t: TargetDetail,
  words: Words,
  at: (ms: number) => string,
  span: (ms: number) => string,
  wall: (ms: number) => string,
): string {
  const w = words.statusComment.state;
  const title = words.statuses[t.status];
  switch (t.status) {
    case "met":
      return t.breached ? w.metLate(at(t.met!.at), wall(t.overdueMs)) : w.met(title, at(t.met!.at));
    case "breached":
      return w.breached(title);
    case "paused":
      return w.paused(title, span(t.leftMs));
    case "cancelled":
      return w.cancelled(title);
    case "running":
      return w.running(title);
  }
}
