// The report as GitHub Markdown: a summary table over customers, then one
// section per customer with its deadlines table, Mermaid charts (compliance
// per severity, breaches per ISO week), the reply target's figures (only when
// a severity sets `reply`), the breaches with links and by how much, waiting
// for the customer, request types, incidents outside the support period and
// open incidents at risk now. Local times are in the customer's zone, named at
// the top of its section.
//
// Text that comes from customers (issue titles) is neutralised: it cannot
// break a table, start HTML, or @-mention anyone when the report is posted.
import type { Breach, CustomerReport, IncidentRow, Report, SeverityFigures, TargetFigures } from "./build-report.js";
import { type Language, formatDate, formatDuration, formatLocalDateTime, formatPercent, percentValue } from "./format.js";
import { type ReportWords, wordsFor } from "./words.js";
import { type DayUnit, WALL_DAY, targetWords } from "../domain/texts/duration-words.js";
import { inlineText } from "../domain/texts/inline-text.js";

function incidentLink(row: { number: number; url: string | null; title: string }): string {
  const ref = row.url ? `[#${row.number}](${row.url})` : `#${row.number}`;
  return row.title ? `${ref} ${inlineText(row.title)}` : ref;
}

const table = (head: string[], align: ("l" | "r")[], rows: string[][]): string =>
  [`| ${head.join(" | ")} |`, `|${align.map((a) => (a === "r" ? "--:" : "---")).join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");

const quoted = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** A Mermaid bar chart (xychart-beta), which GitHub draws in place. */
function barChart(title: string, labels: string[], values: number[], yTitle: string, yMax: number): string {
  return [
    "```mermaid",
    "xychart-beta",
    `    title ${quoted(title)}`,
    `    x-axis [${labels.map(quoted).join(", ")}]`,
    `    y-axis ${quoted(yTitle)} 0 --> ${yMax}`,
    `    bar [${values.join(", ")}]`,
    "```",
  ].join("\n");
}

function supportText(c: CustomerReport, w: ReportWords, language: Language): string {
  const { from, until, daysAfterPeriod, endingSoon } = c.support;
  const range = from || until ? `${from ? formatDate(from, language) : "…"} – ${until ? formatDate(until, language) : "…"}` : w.supportOpen;
  if (!endingSoon || daysAfterPeriod === null) return range;
  const note = daysAfterPeriod > 0 ? w.supportEnds(daysAfterPeriod) : daysAfterPeriod < 0 ? w.supportEnded(-daysAfterPeriod) : w.supportEndsOnPeriodEnd;
  return `${range}, **${note}**`;
}

function breachedCell(t: { breached: number; metLate: number }, w: ReportWords): string {
  return t.metLate > 0 ? `${t.breached} (${t.metLate} ${w.metLate})` : String(t.breached);
}

/** A contract target ("30m", "10d") in the reader's words, its days working days on a business clock. */
function contractWords(contract: string, clock: "24x7" | "business", c: CustomerReport, language: Language): string {
  const day: DayUnit = clock === "business" ? { minutes: c.workingDayMinutes, working: true } : WALL_DAY;
  return targetWords(contract, language, day);
}

function deadlineRows(s: SeverityFigures, c: CustomerReport, w: ReportWords, language: Language): string[][] {
  // Counted time on a business clock is working time: shown in hours, never in 24-hour days.
  const days = s.clock === "24x7";
  const time = (ms: number | null) => (ms === null ? "—" : formatDuration(ms, language, days));
  return s.targets.map((t: TargetFigures) => [
    `${w.severityN(s.severity)} (${s.clock})`,
    w.target[t.target],
    contractWords(t.contract, s.clock, c, language),
    String(t.incidents),
    String(t.metOnTime),
    breachedCell(t, w),
    String(t.pending),
    String(t.cancelled),
    formatPercent(t.compliance, language),
    time(t.timeToMeet.medianMs),
    time(t.timeToMeet.p90Ms),
  ]);
}

/** The reply target's figures per severity; null when no severity of the customer's configuration sets `reply`. */
function replySection(c: CustomerReport, w: ReportWords, language: Language): string | null {
  if (!c.severities.some((s) => s.reply)) return null;
  const out = [`### ${w.replyTarget}`, ""];
  // As in the deadlines table: levels without covered incidents in the period stay out.
  const rows = c.severities
    .filter((s) => s.reply && s.incidents > s.outsideSupport)
    .map((s) => {
      const r = s.reply!;
      // Reply times are wall-clock time, so 24-hour days whatever the clock.
      const time = (ms: number | null) => (ms === null ? "—" : formatDuration(ms, language, true));
      return [
        `${w.severityN(s.severity)} (${s.clock})`,
        contractWords(r.contract, s.clock, c, language),
        String(r.waits),
        String(r.answeredInTime),
        String(r.breached),
        String(r.pending),
        String(r.cancelled),
        formatPercent(r.compliance, language),
        time(r.medianMs),
        time(r.p90Ms),
      ];
    });
  if (rows.length === 0) out.push(w.noReplyWaits, "");
  else {
    out.push(
      table(
        [w.severity, w.contract, w.replyWaits, w.answeredInTime, w.breached, w.pending, w.cancelled, w.compliance, w.median, w.p90],
        ["l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
        rows,
      ),
      "",
      w.replyNote,
      "",
    );
  }
  return out.join("\n");
}

function breachRow(b: Breach, c: CustomerReport, w: ReportWords, language: Language): string[] {
  const at = (ms: number) => formatLocalDateTime(ms, c.timezone, language);
  return [
    incidentLink(b),
    String(b.severity),
    `${w.target[b.target]}, ${contractWords(b.contract, c.severities.find((s) => s.severity === b.severity)?.clock ?? "24x7", c, language)}`,
    at(b.dueAt),
    b.metAt === null ? w.notMet : at(b.metAt),
    formatDuration(b.overdueMs, language, true),
  ];
}

function atRiskItem(r: IncidentRow, c: CustomerReport, w: ReportWords, language: Language): string {
  const parts = r.atRisk.map((t) => {
    const due = `${w.due.toLowerCase()} ${formatLocalDateTime(t.dueAt, c.timezone, language)}`;
    const state =
      t.status === "breached"
        ? w.overdue(formatDuration(t.overdueMs, language, true))
        : `${w.used(formatPercent(t.usedShare, language))}, ${w.left(formatDuration(t.leftMs, language, r.clock === "24x7"))}`;
    return `${t.name === "reply" ? w.replyTarget : w.target[t.name]}: ${state}, ${due}`;
  });
  return `- ${incidentLink(r)} (${w.severityN(r.severity).toLowerCase()}): ${parts.join("; ")}`;
}

/** One customer's section. */
function customerSection(c: CustomerReport, language: Language): string {
  const w = wordsFor(language);
  const out: string[] = [];
  const title = c.customer === c.repository ? `\`${c.repository}\`` : `${inlineText(c.customer)} (\`${c.repository}\`)`;
  out.push(`## ${title}`, "");
  out.push(
    `${w.timezone}: ${c.timezone} · ${w.supportPeriod}: ${supportText(c, w, language)} · ${w.incidents}: ${c.incidents}`,
    "",
  );

  out.push(`### ${w.deadlines}`, "");
  // Levels without incidents in the period stay out of the table (the JSON has them, with zeros).
  const rows = c.severities.filter((s) => s.incidents > s.outsideSupport).flatMap((s) => deadlineRows(s, c, w, language));
  if (rows.length === 0) out.push(w.noDeadlines, "");
  else {
    out.push(
      table(
        [w.severity, w.deadline, w.contract, w.incidents, w.metOnTime, w.breached, w.pending, w.cancelled, w.compliance, w.median, w.p90],
        ["l", "l", "l", "r", "r", "r", "r", "r", "r", "r", "r"],
        rows,
      ),
      "",
      w.timeToMeetNote,
      "",
    );
    const decided = c.severities.filter((s) => s.compliance !== null);
    if (decided.length > 0) {
      out.push(barChart(w.complianceChart, decided.map((s) => w.severityN(s.severity)), decided.map((s) => percentValue(s.compliance)!), "%", 100), "");
    }
  }

  const reply = replySection(c, w, language);
  if (reply !== null) out.push(reply);

  out.push(`### ${w.breachList}`, "");
  if (c.breaches.length === 0) out.push(w.noBreaches, "");
  else {
    out.push(
      table([w.incident, w.severity, w.deadline, w.due, w.metAt, w.overdueBy], ["l", "r", "l", "l", "l", "r"], c.breaches.map((b) => breachRow(b, c, w, language))),
      "",
    );
    const counts = c.breachesPerWeek.map((x) => x.breaches);
    out.push(barChart(w.breachesChart, c.breachesPerWeek.map((x) => x.week), counts, w.breachesAxis, Math.max(1, ...counts)), "");
  }

  out.push(`### ${w.waiting}`, "");
  const pauseRow = (label: string, incidents: number, p: CustomerReport["paused"]) => [
    label,
    String(incidents),
    String(p.incidents),
    formatDuration(p.totalMs, language, true),
    p.medianMs === null ? "—" : formatDuration(p.medianMs, language, true),
  ];
  out.push(
    table(
      [w.severity, w.incidents, w.pausedIncidents, w.total, w.median],
      ["l", "r", "r", "r", "r"],
      [...c.severities.filter((s) => s.incidents > 0).map((s) => pauseRow(w.severityN(s.severity), s.incidents, s.paused)), pauseRow(`**${w.all}**`, c.incidents, c.paused)],
    ),
    "",
  );

  out.push(`### ${w.requestTypes}`, "");
  if (c.requestsByType.length === 0) out.push(w.noneOutside, "");
  else out.push(table([w.requestTypeHeader, w.count], ["l", "r"], c.requestsByType.map((t) => [w.requestType[t.type] ?? t.type, String(t.count)])), "");

  out.push(`### ${w.outsideSupport}`, "");
  if (c.outsideSupport.length === 0) out.push(w.noneOutside, "");
  else {
    for (const r of c.outsideSupport) {
      out.push(`- ${incidentLink(r)}: ${w.startedAt.toLowerCase()} ${formatLocalDateTime(r.startedAt, c.timezone, language)}, ${w.coverage[r.coverage]}`);
    }
    out.push("");
  }

  out.push(`### ${w.atRisk}`, "");
  if (c.atRisk.length === 0) out.push(w.noneAtRisk, "");
  else {
    for (const r of c.atRisk) out.push(atRiskItem(r, c, w, language));
    out.push("");
  }

  if (c.errors.length > 0) {
    out.push(w.errors(c.errors.length), "");
    for (const e of c.errors) out.push(`- ${e.number !== null ? `#${e.number}` : `line ${e.line ?? "?"}`}: ${inlineText(e.message)}`);
    out.push("");
  }
  return out.join("\n");
}

/** The report's head: title, period, as-of time, definitions, summary over customers and ending support periods. */
function reportHead(report: Report, language: Language): string {
  const w = wordsFor(language);
  const out: string[] = [];
  out.push(`# ${w.title}`, "");
  out.push(`**${w.period}:** ${formatDate(report.period.from, language)} – ${formatDate(report.period.to, language)} · **${w.asOf}:** ${formatLocalDateTime(report.now, "UTC", language)} UTC`, "");
  out.push(w.definitions, "");
  out.push(`## ${w.summary}`, "");
  if (report.customers.length === 0) {
    out.push(w.noCustomers, "");
    return out.join("\n");
  }
  const sum = (f: (c: CustomerReport) => number) => report.customers.reduce((n, c) => n + f(c), 0);
  const met = sum((c) => c.metOnTime);
  const breached = sum((c) => c.breached);
  const row = (name: string, repo: string, incidents: number, m: number, b: number, outside: number, risk: number) => [
    name,
    repo,
    String(incidents),
    String(m),
    String(b),
    formatPercent(m + b > 0 ? m / (m + b) : null, language),
    String(outside),
    String(risk),
  ];
  const rows = report.customers.map((c) => row(inlineText(c.customer), `\`${c.repository}\``, c.incidents, c.metOnTime, c.breached, c.outsideSupport.length, c.atRisk.length));
  if (report.customers.length > 1) {
    rows.push(row(`**${w.all}**`, "", sum((c) => c.incidents), met, breached, sum((c) => c.outsideSupport.length), sum((c) => c.atRisk.length)));
  }
  out.push(
    table([w.customer, w.repository, w.incidents, w.metOnTime, w.breached, w.compliance, w.outsideSupport, w.atRiskNow], ["l", "l", "r", "r", "r", "r", "r", "r"], rows),
    "",
  );
  const ending = report.customers.filter((c) => c.support.endingSoon);
  if (ending.length > 0) {
    out.push(`### ${w.endingContracts}`, "");
    for (const c of ending) out.push(`- ${inlineText(c.customer)} (\`${c.repository}\`): ${supportText(c, w, language)}`);
    out.push("");
  }
  return out.join("\n");
}

/** The report in pieces: the head, then one section per customer (the poster packs them into issue-sized parts). */
export function markdownSections(report: Report, language: Language): string[] {
  return [reportHead(report, language), ...report.customers.map((c) => customerSection(c, language))];
}

export function renderMarkdown(report: Report, language: Language): string {
  return `${markdownSections(report, language).join("\n").trimEnd()}\n`;
}
