// The SLA board (README, The SLA board) as text: every open incident of an
// organisation's customer repositories, grouped by where it stands (breached,
// at risk, running, paused, met but still open, not covered), most urgent
// first, as one GitHub issue body with a Mermaid gantt of the next 7 days'
// deadlines. Pure: the sweep's explanations in, Markdown out; app/board.ts
// finds the issue and writes it.
//
// A steady sweep must not edit the board (README, Reminders, escalation and the
// sweep: a sweep with nothing new writes nothing), so nothing on it moves with
// the clock minute by minute:
//   - due times are instants in the contract's zone, fixed while a clock runs;
//   - time left and overdue are coarse steps (< 1 h, < 4 h, < 1 day, < 3 days,
//     < 7 days, ≥ 7 days): a row changes at most five times on its way to its
//     due time and five after it, besides real changes;
//   - a paused incident shows no due time (its due time moves with `now` while
//     the customer is waited for, P7) but the counted time left, which stands
//     still while paused; the paused group is ordered by it;
//   - the gantt's window ends at a local midnight (the board's zone), so
//     deadlines enter it once a day, not minute by minute;
//   - the "as of" time is outside the content: the issue shows when the content
//     last changed, and the marker's fingerprint is the content's.
// Customer-controlled text (the contract's customer name) is neutralised like
// report titles; assignees are shown as code, never as @-mentions (an edit
// would notify them again and again).
import type { TargetName } from "../../config/schema.js";
import { inlineText } from "../texts/inline-text.js";
import { formatLocal, instantAt, localEpochDay } from "../../units/local-time.js";
import type { Language, Words } from "../../words/words.js";
import { WALL_DAY, durationWords } from "../texts/duration-words.js";
import type { Explanation } from "../clock/evaluate.js";
import { type IncidentStatus, incidentStatus, nextDue } from "../clock/incident-status.js";
import { fingerprint, marker } from "../texts/markers.js";

/** GitHub's limit for an issue body (characters). */
export const BOARD_LIMIT = 65_536;
/** The groups, most urgent first: the order of the board and of what a full board leaves out. */
const BOARD_GROUPS: readonly IncidentStatus[] = ["breached", "at-risk", "running", "paused", "met", "not-covered"];
/** Steps of the coarse scale of time left and overdue, in minutes. */
const STEPS = [60, 240, 1440, 4320, 10_080];
/** The most deadlines the gantt draws (a chart of hundreds is unreadable); the rest are in the tables. */
const GANTT_MAX = 40;
/** Room kept for the marker, the "as of" line and the line counting what was left out. */
const HEAD_ROOM = 1_000;
const MINUTE = 60_000;

/** One open incident as the board shows it: what the sweep decided, without its timeline. */
export interface BoardIncident {
  /** owner/name */
  repository: string;
  /** contract.customer, else the repository. */
  customer: string;
  number: number;
  url: string | null;
  severity: number;
  status: IncidentStatus;
  /** The contract's zone: due times are shown in it. */
  zone: string;
  /** The earliest deadline still owed (nextDue): a contract target or the customer's open wait ("reply"). */
  next: { target: TargetName | "reply"; due: number } | null;
  /** Counted time left of that target or wait (what a paused incident shows). */
  leftMs: number;
  assignees: string[];
}

/** The board's row of an incident the sweep evaluated. */
export function boardIncident(repository: string, x: Explanation, assignees: readonly string[]): BoardIncident {
  const next = nextDue(x);
  const target = next?.target === "reply" ? x.reply?.open : next ? x.targets.find((t) => t.name === next.target) : undefined;
  return {
    repository,
    customer: x.config.contract.customer ?? repository,
    number: x.issue.number,
    url: x.issue.url,
    severity: x.severity.level,
    status: incidentStatus(x),
    zone: x.config.timezone,
    next: next ? { target: next.target, due: next.due } : null,
    leftMs: target?.leftMs ?? 0,
    assignees: [...assignees].sort(),
  };
}

export interface BoardInput {
  incidents: readonly BoardIncident[];
  now: number;
  /** The board's own zone (the organisation's defaults): the gantt and the "as of" time. */
  zone: string;
  language: Language;
  words: Words;
  /** Repositories the sweep could not read (their incidents are missing). */
  notRead?: readonly string[];
  /** The body's limit; GitHub's unless a test says otherwise. */
  limit?: number;
}

export interface RenderedBoard {
  title: string;
  /** Everything but the marker and the "as of" line: what decides whether the issue is edited. */
  content: string;
  /** Fingerprint of the title and the content, carried in the marker. */
  fingerprint: string;
  shown: number;
  /** Incidents left out to stay within the limit. */
  omitted: number;
}

const byRepoAndNumber = (a: BoardIncident, b: BoardIncident) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : a.number - b.number);

/** The board's order within a group: next due time first (paused: counted time left), then repository and number. */
function compareRows(group: IncidentStatus): (a: BoardIncident, b: BoardIncident) => number {
  if (group === "paused") return (a, b) => a.leftMs - b.leftMs || byRepoAndNumber(a, b);
  if (group === "met" || group === "not-covered") return byRepoAndNumber;
  return (a, b) => (a.next?.due ?? Number.POSITIVE_INFINITY) - (b.next?.due ?? Number.POSITIVE_INFINITY) || byRepoAndNumber(a, b);
}

/** The incidents in board order: by group, then within the group (see compareRows). */
function boardOrder(incidents: readonly BoardIncident[]): Map<IncidentStatus, BoardIncident[]> {
  const groups = new Map<IncidentStatus, BoardIncident[]>(BOARD_GROUPS.map((g) => [g, []]));
  for (const i of incidents) groups.get(i.status)!.push(i);
  for (const [group, rows] of groups) rows.sort(compareRows(group));
  return groups;
}

/** A span on the coarse scale: "< 4 h", "≥ 7 days". */
export function coarseSpan(ms: number, language: Language, words: Words): string {
  const minutes = ms / MINUTE;
  for (const step of STEPS) if (minutes < step) return words.board.under(durationWords(step, language, WALL_DAY));
  return words.board.atLeast(durationWords(STEPS.at(-1)!, language, WALL_DAY));
}

function leftCell(i: BoardIncident, input: BoardInput): string {
  const w = input.words.board;
  if (!i.next) return w.none;
  if (i.status === "paused") return w.pausedLeft(durationWords(Math.floor(i.leftMs / MINUTE), input.language));
  if (i.next.due <= input.now) return w.overdue(coarseSpan(input.now - i.next.due, input.language, input.words));
  return coarseSpan(i.next.due - input.now, input.language, input.words);
}

/** A next deadline's name: a contract target's, or the reply target's for a customer's open wait. */
const targetWords = (target: TargetName | "reply", words: Words) => (target === "reply" ? words.reply.name : words.targets[target]);

function row(i: BoardIncident, input: BoardInput): string {
  const w = input.words.board;
  const ref = `${i.repository}#${i.number}`;
  const cells = [
    inlineText(i.customer),
    i.url ? `[${ref}](${i.url})` : ref,
    String(i.severity),
    i.next ? targetWords(i.next.target, input.words) : w.none,
    i.next && i.status !== "paused" ? formatLocal(i.next.due, i.zone, { date: input.words.dates.date }) : w.none,
    leftCell(i, input),
    i.assignees.length > 0 ? i.assignees.map((a) => `\`${a.replace(/`/g, "")}\``).join(", ") : w.none,
  ];
  return `| ${cells.join(" | ")} |`;
}

function tableHead(words: Words): string {
  const c = words.board.columns;
  return `| ${[c.customer, c.incident, c.severity, c.target, c.due, c.left, c.assignees].join(" | ")} |\n|---|---|--:|---|---|---|---|`;
}

/** Text safe as a Mermaid task name: letters, digits and a few marks. */
const ganttName = (text: string) => text.replace(/[^\p{L}\p{N} ._/-]+/gu, " ").trim();

/** The gantt of the deadlines due from now to the end of the 7th local day ahead (the board's zone). */
function gantt(groups: Map<IncidentStatus, BoardIncident[]>, input: BoardInput): string {
  const w = input.words.board.gantt;
  const end = instantAt(localEpochDay(input.now, input.zone) + 8, 0, input.zone);
  const due = [...groups]
    .filter(([group]) => group !== "paused")
    .flatMap(([group, rows]) => rows.filter((r) => r.next && r.next.due > input.now && r.next.due < end).map((r) => ({ group, r })));
  const lines = [`### ${w.heading(input.zone)}`, ""];
  if (due.length === 0) return [...lines, w.none].join("\n");
  due.sort((a, b) => a.r.next!.due - b.r.next!.due || byRepoAndNumber(a.r, b.r));
  const drawn = due.slice(0, GANTT_MAX);
  lines.push("```mermaid", "gantt", "    dateFormat YYYY-MM-DD HH:mm", `    axisFormat ${w.axisFormat}`);
  for (const group of BOARD_GROUPS) {
    const mine = drawn.filter((d) => d.group === group);
    if (mine.length === 0) continue;
    lines.push(`    section ${ganttName(input.words.board.groups[group])}`);
    for (const { r } of mine) {
      const at = formatLocal(r.next!.due, input.zone, { offset: "none" });
      const name = ganttName(`${r.repository} ${r.number} S${r.severity} ${targetWords(r.next!.target, input.words)}`);
      lines.push(`    ${name} : milestone, d${drawn.findIndex((d) => d.r === r) + 1}, ${at}, 0m`);
    }
  }
  lines.push("```");
  if (due.length > drawn.length) lines.push("", w.more(due.length - drawn.length));
  return lines.join("\n");
}

/**
 * The board's title and content. Rows go in board order until the body would
 * pass the limit; the rest are counted by group in a closing line.
 */
export function renderBoard(input: BoardInput): RenderedBoard {
  const w = input.words.board;
  const limit = (input.limit ?? BOARD_LIMIT) - HEAD_ROOM;
  const groups = boardOrder(input.incidents);
  const counts = BOARD_GROUPS.map((g) => [g, groups.get(g)!.length] as const).filter(([, n]) => n > 0);
  const parts: string[] = [`**${w.summary(input.incidents.length)}**${counts.map(([g, n]) => ` · ${w.groups[g]}: ${n}`).join("")}`];
  if (input.notRead && input.notRead.length > 0) parts.push(w.notRead([...input.notRead].sort().join(", ")));
  if (input.incidents.length === 0) parts.push(w.noIncidents);
  else parts.push(gantt(groups, input));
  let size = parts.reduce((n, p) => n + p.length + 2, 0);
  let shown = 0;
  const left = new Map<IncidentStatus, number>();
  let full = false;
  for (const group of BOARD_GROUPS) {
    const rows = groups.get(group)!;
    if (rows.length === 0) continue;
    const lines: string[] = [];
    let taken = 0;
    if (!full) {
      const head = `### ${w.groups[group]} (${rows.length})\n\n${tableHead(input.words)}`;
      let groupSize = head.length + 2;
      for (const r of rows) {
        const line = row(r, input);
        if (size + groupSize + line.length + 1 > limit) {
          full = true;
          break;
        }
        lines.push(line);
        groupSize += line.length + 1;
        taken++;
      }
      if (taken > 0) {
        parts.push(`${head}\n${lines.join("\n")}`);
        size += groupSize;
      }
    }
    shown += taken;
    if (taken < rows.length) left.set(group, rows.length - taken);
  }
  const omitted = input.incidents.length - shown;
  if (omitted > 0) parts.push(w.more(omitted, [...left].map(([g, n]) => `${w.groups[g]}: ${n}`).join(", ")));
  const content = `${parts.join("\n\n")}\n`;
  return { title: w.title, content, fingerprint: fingerprint(`${w.title}\n${content}`), shown, omitted };
}

/** The board issue's marker key: one board per organisation. */
export const boardKey = (owner: string) => `board:${owner.toLowerCase()}`;

/** The issue body: the marker with the content's fingerprint, the "as of" line, the content. */
export function boardBody(owner: string, board: RenderedBoard, asOf: number, input: Pick<BoardInput, "zone" | "words">): string {
  return `${marker(boardKey(owner), board.fingerprint)}\n${input.words.board.asOf(formatLocal(asOf, input.zone, { date: input.words.dates.date }))}\n\n${board.content}`;
}
