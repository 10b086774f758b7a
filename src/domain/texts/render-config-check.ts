// The `incident-sla` check run's title, summary and conclusion (README, "The check on pull requests"), in the contract's language.
// Pure: the handler gathers the facts, this renders them.
import type { TargetName } from "../../config/schema.js";
import { formatLocal } from "../../units/local-time.js";
import type { Words } from "../../words/index.js";
import type { ImpactChange } from "../clock/config-impact.js";

export interface ImpactRow {
  repo: string;
  number: number;
  title: string;
  url: string;
  changes: ImpactChange[];
}

export interface RepoRead {
  repo: string;
  /** Open incidents compared. */
  read: number;
  /** More open incidents exist than were read (the check's bound). */
  truncated: boolean;
  /** Its configuration before the change is invalid: nothing compared. */
  invalidBefore?: boolean;
}

export interface CheckReport {
  /** The head commit read. */
  head: string;
  outcome: "invalid" | "added" | "removed" | "compared";
  /** Invalid: each refused configuration's message (ConfigError's, as check-config prints it). */
  errors: string[];
  /** Invalid: how many problems in all (the title counts them). */
  problemCount: number;
  /** Organisation defaults: the repositories that extend them (undefined: a customer's own file). */
  dependants?: string[];
  repos: RepoRead[];
  rows: ImpactRow[];
  /** Repositories past the check's bound, not read. */
  reposNotRead: number;
  /** Removed: open incidents of the repository. */
  openIncidents?: number;
  /** The conclusion when deadlines move: `configCheck.whenDeadlinesMove` of the BASE configuration (the head cannot choose its own verdict). */
  whenDeadlinesMove: "neutral" | "success" | "failure";
}

export interface RenderedCheck {
  conclusion: "failure" | "success" | "neutral";
  title: string;
  summary: string;
}

/** Rows shown in the summary; the rest are counted. */
const SHOWN_ROWS = 50;

/** A fence no backtick run in `text` can close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** Text inside a table cell: no pipe or line break escapes it. */
const cell = (text: string) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

function sides(change: ImpactChange, w: Words): { what: string; before: string; after: string } {
  const c = w.checkRun;
  const target = (t: TargetName) => w.targets[t];
  switch (change.kind) {
    case "severity":
      return { what: c.fields.severity, before: String(change.before), after: String(change.after) };
    case "coverage":
      return { what: c.fields.coverage, before: c.coverage[change.before], after: c.coverage[change.after] };
    case "status":
      return { what: c.fields.status, before: c.incidentStatuses[change.before], after: c.incidentStatuses[change.after] };
    case "due": {
      const at = (ms: number | null, zone: string) => (ms === null ? c.none : formatLocal(ms, zone, { date: w.dates.date }));
      return { what: c.fields.due(target(change.target)), before: at(change.before, change.beforeZone), after: at(change.after, change.afterZone) };
    }
    case "targetStatus":
      return {
        what: c.fields.targetStatus(target(change.target)),
        before: change.before === null ? c.none : w.statuses[change.before],
        after: change.after === null ? c.none : w.statuses[change.after],
      };
  }
}

function impactTable(report: CheckReport, w: Words): string[] {
  const c = w.checkRun;
  const lines = [`| ${c.columns.repository} | ${c.columns.incident} | ${c.columns.change} | ${c.columns.before} | ${c.columns.after} |`, "|---|---|---|---|---|"];
  let shown = 0;
  let left = 0;
  for (const row of report.rows) {
    for (const change of row.changes) {
      if (shown >= SHOWN_ROWS) {
        left++;
        continue;
      }
      const s = sides(change, w);
      lines.push(`| ${cell(row.repo)} | [#${row.number}](${row.url}) ${cell(row.title)} | ${cell(s.what)} | ${cell(s.before)} | ${cell(s.after)} |`);
      shown++;
    }
  }
  if (left > 0) lines.push("", c.moreRows(left));
  return lines;
}

export function renderConfigCheck(report: CheckReport, w: Words, zones: string[]): RenderedCheck {
  const c = w.checkRun;
  const parts: string[] = [c.readOnly(report.head)];
  if (report.dependants !== undefined) parts.push(report.dependants.length > 0 ? c.extendedBy(report.dependants.length, report.dependants.join(", ")) : c.noDependants);

  if (report.outcome === "invalid") {
    parts.push(c.invalidIntro, ...report.errors.map(fenced));
    return { conclusion: "failure", title: c.titles.invalid(report.problemCount), summary: parts.join("\n\n") };
  }
  if (report.outcome === "added") {
    parts.push(c.addedText);
    return { conclusion: "success", title: c.titles.added, summary: parts.join("\n\n") };
  }
  if (report.outcome === "removed") {
    parts.push(c.removedText(report.openIncidents ?? 0));
    return { conclusion: (report.openIncidents ?? 0) > 0 ? "neutral" : "success", title: c.titles.removed, summary: parts.join("\n\n") };
  }

  const read = report.repos.reduce((n, r) => n + r.read, 0);
  const moved = report.rows.filter((r) => r.changes.length > 0);
  if (moved.length > 0) {
    parts.push(c.impactIntro(read, report.repos.length), impactTable(report, w).join("\n"), c.zones([...new Set(zones)].join(", ")));
  } else parts.push(c.noImpact(read));
  for (const r of report.repos) {
    if (r.invalidBefore) parts.push(c.repoInvalidBefore(r.repo));
    if (r.truncated) parts.push(c.incidentsNotRead(r.repo, r.read));
  }
  if (report.reposNotRead > 0) parts.push(c.reposNotRead(report.reposNotRead));
  return moved.length > 0
    ? { conclusion: report.whenDeadlinesMove, title: c.titles.moved(moved.length), summary: parts.join("\n\n") }
    : { conclusion: "success", title: c.titles.unchanged, summary: parts.join("\n\n") };
}
