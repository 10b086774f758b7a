// The report as CSV for spreadsheets: one row per incident of the period and
// deadline (an incident without deadlines, e.g. outside the support period,
// gets one row with the deadline columns empty). RFC 4180: comma-separated,
// CRLF line ends, a field with a comma, a quote or a line break is quoted and
// its quotes doubled. Headers and words are in the report's language, local
// times in the customer's zone (a column names it), durations in whole
// minutes so that a spreadsheet can sum and sort them.
//
// When a severity of a reported configuration sets `reply`, two columns come
// after the others (when the customer wrote, the wall-clock reply time) and
// each wait of such an incident gets a row of its own after its deadlines;
// without `reply` anywhere the file is what it always was.
import type { CustomerReport, IncidentRow, Report, TargetRow } from "./build-report.js";
import { type Language, formatLocalDateTime } from "./format.js";
import { type ReplyRow, replyTimeMs, waitStatus } from "./reply-figures.js";
import { type CsvColumn, wordsFor } from "./words.js";
import type { Wait } from "../domain/clock/reply.js";

const COLUMNS: readonly CsvColumn[] = [
  "repository",
  "customer",
  "number",
  "title",
  "url",
  "requestType",
  "severity",
  "clock",
  "coverage",
  "startedAt",
  "open",
  "pausedMinutes",
  "target",
  "contract",
  "status",
  "breached",
  "dueAt",
  "metAt",
  "timeToMeetMinutes",
  "overdueMinutes",
  "leftMinutes",
  "timezone",
];

const REPLY_COLUMNS: readonly CsvColumn[] = [...COLUMNS, "waitStartedAt", "replyMinutes"];

/** One RFC 4180 field. */
export function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text from outside (issue titles) that a spreadsheet would run as a formula is kept as text. */
const asText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const minutes = (ms: number | null) => (ms === null ? null : Math.floor(ms / 60_000));

function rows(c: CustomerReport, r: IncidentRow, language: Language, columns: readonly CsvColumn[]): (string | number | null)[][] {
  const w = wordsFor(language);
  const at = (ms: number | null) => (ms === null ? null : formatLocalDateTime(ms, c.timezone, language));
  const incident: Partial<Record<CsvColumn, string | number | null>> = {
    repository: c.repository,
    customer: c.customer,
    number: r.number,
    title: asText(r.title),
    url: r.url,
    requestType: w.requestType[r.requestType] ?? r.requestType,
    severity: r.severity,
    clock: r.clock,
    coverage: w.coverage[r.coverage],
    startedAt: at(r.startedAt),
    open: r.open ? w.yes : w.no,
    pausedMinutes: r.evaluation.pausedMinutes,
    timezone: c.timezone,
  };
  const target = (t: TargetRow): Partial<Record<CsvColumn, string | number | null>> => ({
    target: w.target[t.name],
    contract: t.contract,
    status: w.status[t.status],
    breached: t.breached ? w.yes : w.no,
    dueAt: at(t.dueAt),
    metAt: at(t.metAt),
    timeToMeetMinutes: minutes(t.timeToMeetMs),
    overdueMinutes: minutes(t.overdueMs),
    leftMinutes: t.status === "running" || t.status === "paused" ? minutes(t.leftMs) : null,
  });
  const wait = (x: Wait, row: ReplyRow): Partial<Record<CsvColumn, string | number | null>> => {
    const status = waitStatus(x, row);
    return {
      target: w.replyTarget,
      contract: row.contract,
      status: w.status[status],
      breached: x.breached ? w.yes : w.no,
      dueAt: at(x.due),
      metAt: status === "met" ? at(x.end!.at) : null,
      timeToMeetMinutes: status === "met" ? minutes(x.countedMs) : null,
      overdueMinutes: minutes(x.overdueMs),
      leftMinutes: status === "running" || status === "paused" ? minutes(x.leftMs) : null,
      waitStartedAt: at(x.start),
      replyMinutes: minutes(replyTimeMs(x)),
    };
  };
  const lines = [...r.targets.map((t) => ({ ...incident, ...target(t) })), ...(r.reply?.waits ?? []).map((x) => ({ ...incident, ...wait(x, r.reply!) }))];
  if (lines.length === 0) lines.push(incident);
  return lines.map((line) => columns.map((col) => line[col] ?? null));
}

export function renderCsv(report: Report, language: Language): string {
  const w = wordsFor(language);
  const columns = report.customers.some((c) => c.severities.some((s) => s.reply)) ? REPLY_COLUMNS : COLUMNS;
  const lines = [columns.map((col) => csvField(w.csv[col]))];
  for (const c of report.customers) for (const r of c.incidentList) for (const row of rows(c, r, language, columns)) lines.push(row.map(csvField));
  return lines.map((l) => `${l.join(",")}\r\n`).join("");
}
