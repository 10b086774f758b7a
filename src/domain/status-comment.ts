// The status comment: one per incident, edited in place, in the contract's
// language. It shows what the clock knows (severity and why, start and why,
// each deadline in local time with the zone, status, pauses). Parts that
// change with every minute (time left while running) are "volatile": they are
// refreshed whenever the comment is written, but a change in them alone is
// not a reason to write (DESIGN §1.4: no write when nothing changed).
import type { Explanation, TargetDetail } from "./evaluate.js";
import { calendarOf } from "./calendar.js";
import { type DayUnit, WALL_DAY, durationWords, targetWords } from "./duration-words.js";
import { formatLocal } from "../units/local-time.js";
import { fingerprint, marker, readMarker } from "./markers.js";
import { type GoneLabel, STATUS_TITLES, TARGET_TITLES, goneLabelNote } from "./texts.js";
import type { Language } from "../words/index.js";
import { renderWarning } from "./warnings.js";
import { withoutEditLog } from "./write-cap.js";

export const STATUS_KEY = "status";

export interface StatusNote {
  /** A customer-side severity change (P8), kept but noted. */
  severityChangedBy?: { login: string; at: number; label: string; added: boolean };
  /** Labels the timeline says the issue has, gone because they left the repository (issue 11). */
  labelsGone?: GoneLabel[];
}

export interface StatusComment {
  body: string;
  fingerprint: string;
}

const MINUTE = 60_000;

export function renderStatusComment(x: Explanation, note: StatusNote = {}): StatusComment {
  const lang: Language = x.config.language;
  const ru = lang === "ru";
  const zone = x.config.timezone;
  const at = (ms: number) => formatLocal(ms, zone);
  const business = x.severityConfig.clock === "business";
  // Clock time uses the clock's day (a working day on a business clock); wall time uses 24 h.
  const day: DayUnit = business ? { minutes: calendarOf(x.config).dayMinutes, working: true } : WALL_DAY;
  const span = (ms: number) => durationWords(ms / MINUTE, lang, day);
  const wall = (ms: number) => durationWords(ms / MINUTE, lang, WALL_DAY);
  // Under a working day, say that the hours left are working hours; a span in working days says so itself.
  const ofWorkingTime = (ms: number) => (business && Math.round(ms / MINUTE) < day.minutes ? (ru ? " рабочего времени" : " of working time") : "");
  const material: string[] = [];
  const volatile: string[] = [];

  const severityWhy = x.severity.label
    ? ru
      ? `метка «${x.severity.label}»`
      : `label "${x.severity.label}"`
    : ru
      ? "по умолчанию: метки уровня нет"
      : "the default: no severity label";
  const clock = business
    ? ru
      ? `рабочее время (${x.config.calendar.hours}, календарь ${x.config.calendar.preset})`
      : `working hours (${x.config.calendar.hours}, ${x.config.calendar.preset} calendar)`
    : ru
      ? "круглосуточно (24×7)"
      : "around the clock (24×7)";
  material.push(ru ? `### Сроки по обращению` : `### SLA status`);
  material.push(
    ru ? `**Уровень ${x.severity.level}** (${severityWhy}); отсчёт: ${clock}.` : `**Severity ${x.severity.level}** (${severityWhy}); clock: ${clock}.`,
  );
  material.push(startLine(x, at, ru));

  if (x.evaluation.coverage !== "active") {
    material.push(
      ru
        ? "**Вне срока поддержки**: сроки не отсчитываются."
        : "**Outside the support period**: no deadlines run.",
    );
  } else if (x.targets.length > 0) {
    material.push("", ru ? "| Срок | Норматив | До | Состояние |" : "| Deadline | Target | Due | Status |", "|---|---|---|---|");
    for (const t of x.targets) {
      // While a clock stands still its due time moves with `now`: shown below, not in the table.
      const due = t.status === "paused" || t.status === "cancelled" ? "—" : at(t.due);
      material.push(`| ${TARGET_TITLES[t.name][lang]} | ${targetWords(t.target, lang, day)} | ${due} | ${targetState(t, lang, at, span, wall)} |`);
    }
    const live = x.targets.flatMap((t) => {
      const title = TARGET_TITLES[t.name][lang];
      switch (t.status) {
        case "running":
          return [`${title}: ${ru ? "осталось" : "left"} ${span(t.leftMs)}${ofWorkingTime(t.leftMs)}`];
        case "breached":
          return [`${title}: ${ru ? "просрочено на" : "overdue by"} ${wall(t.overdueMs)}`];
        case "paused":
          return [`${title}: ${ru ? "если отсчёт возобновится сейчас, срок" : "if the clock resumed now, due"} ${at(t.due)}`];
        default:
          return [];
      }
    });
    if (live.length > 0) volatile.push("", `${live.join("; ")}${ru ? ` (на ${at(x.now)}).` : ` (as of ${at(x.now)}).`}`);
  }

  const pauses = x.pauses.map((p) => {
    const end =
      p.end === null
        ? ru
          ? "идёт сейчас"
          : "running now"
        : `${ru ? "до" : "until"} ${at(p.end)} (${endWhy(p.endReason, p.endedBy, ru)})`;
    return `- ${at(p.start)}, @${p.startedBy}: ${end}`;
  });
  if (pauses.length > 0) material.push("", ru ? "**Паузы (ожидание ответа клиента):**" : "**Pauses (waiting for the customer):**", ...pauses);
  const last = x.pauses.at(-1);
  if (last && last.end !== null && !x.evaluation.paused) {
    material.push(ru ? `Отсчёт возобновлён ${at(last.end)}.` : `The clock resumed at ${at(last.end)}.`);
  }
  if (note.severityChangedBy) {
    const c = note.severityChangedBy;
    material.push(
      "",
      ru
        ? `⚠️ Метку уровня «${c.label}» ${c.added ? "поставил" : "снял"} @${c.login} (сторона клиента) ${at(c.at)}. Уровень учтён; инженер поддержки может его изменить.`
        : `⚠️ The severity label "${c.label}" was ${c.added ? "added" : "removed"} by @${c.login} (customer side) at ${at(c.at)}. It is applied; a support engineer may change it.`,
    );
  }
  for (const gone of note.labelsGone ?? []) material.push("", `⚠️ ${goneLabelNote(lang, gone, x.severity)}`);
  for (const w of x.warnings) material.push("", `⚠️ ${renderWarning(w, lang)}`);
  const fp = fingerprint(material.join("\n"));
  const footer = ru
    ? `<sub>Время указано в часовом поясе ${zone}. Обновлено ${at(x.now)}.</sub>`
    : `<sub>Times are in ${zone}. Updated ${at(x.now)}.</sub>`;
  const body = [marker(STATUS_KEY, fp), ...material, ...volatile, "", footer].join("\n");
  return { body, fingerprint: fp };
}

/**
 * Whether a status comment on GitHub still says what the app wrote: the part
 * its fingerprint covers must hash to that fingerprint. The lines after it
 * (time left, "updated at") change with every write and are only checked for
 * their shape. Someone else's edit is put back at the next event (issue 11).
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

function startLine(x: Explanation, at: (ms: number) => string, ru: boolean): string {
  const s = x.start;
  if (s.reason === "registered") {
    return ru
      ? `Начало отсчёта: ${at(s.at)}: обращение получено по каналу «${s.channel}», зарегистрировал @${s.registeredBy}.`
      : `Clock started: ${at(s.at)}: the request came through ${s.channel} and was registered by @${s.registeredBy}.`;
  }
  if (s.reason === "unofficial-channel") {
    return ru
      ? `Начало отсчёта: ${at(s.at)}: момент регистрации, так как канал «${s.channel}» неофициальный.`
      : `Clock started: ${at(s.at)}: when it was registered, because "${s.channel}" is not an official channel.`;
  }
  return ru ? `Начало отсчёта: ${at(s.at)}, когда открыт issue.` : `Clock started: ${at(s.at)}, when the issue was opened.`;
}

function endWhy(reason: string | null, by: string | null, ru: boolean): string {
  switch (reason) {
    case "label-removed":
      return ru ? `метку снял @${by}` : `label removed by @${by}`;
    case "customer-comment":
      return ru ? `ответ клиента @${by}` : `reply from @${by}`;
    case "closed":
      return ru ? "issue закрыт" : "issue closed";
    default:
      return "";
  }
}

function targetState(
  t: TargetDetail,
  lang: Language,
  at: (ms: number) => string,
  span: (ms: number) => string,
  wall: (ms: number) => string,
): string {
  const ru = lang === "ru";
  const title = STATUS_TITLES[t.status][lang];
  switch (t.status) {
    case "met":
      return t.breached
        ? ru
          ? `⚠️ выполнено с опозданием ${at(t.met!.at)} (на ${wall(t.overdueMs)})`
          : `⚠️ met late at ${at(t.met!.at)} (by ${wall(t.overdueMs)})`
        : `✅ ${title} ${at(t.met!.at)}`;
    case "breached":
      return ru ? `🔴 ${title}: срок истёк` : `🔴 ${title}: overdue`;
    case "paused":
      return ru ? `⏸️ ${title}, осталось ${span(t.leftMs)}` : `⏸️ ${title}, ${span(t.leftMs)} left`;
    case "cancelled":
      return ru ? `➖ ${title} (закрыт как не запланированный)` : `➖ ${title} (closed as not planned)`;
    case "running":
      return `▶️ ${title}`;
  }
}
