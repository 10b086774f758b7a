// The report as JSON for programs: the same figures as the Markdown, instants
// as ISO 8601 UTC, durations in milliseconds, shares as numbers from 0 to 1,
// and every incident of the period with the exact `evaluate` object (DESIGN
// §5) that its figures come from. The reply target's fields (a severity's
// `reply`, an incident's `reply`) are there only when the configuration sets
// `reply`: without it the JSON is what it always was.
import type { Breach, CustomerReport, IncidentRow, PauseFigures, Report } from "./build-report.js";
import { type ReplyRow, replyTimeMs, waitStatus } from "./reply-figures.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const pauses = (p: PauseFigures) => ({ pausedIncidents: p.incidents, totalMs: p.totalMs, medianMs: p.medianMs });

/** An incident's waits for a reply, each with the figures the severity's `reply` counts. */
const reply = (row: ReplyRow) => ({
  contract: row.contract,
  amountMs: row.amountMs,
  waits: row.waits.map((w) => ({
    startedAt: iso(w.start),
    endedAt: iso(w.end?.at ?? null),
    endedBy: w.end?.how ?? null,
    status: waitStatus(w, row),
    breached: w.breached,
    dueAt: iso(w.due),
    countedMs: w.countedMs,
    replyMs: replyTimeMs(w),
    overdueMs: w.overdueMs,
    leftMs: w.leftMs,
  })),
});

function incident(r: IncidentRow) {
  return {
    number: r.number,
    title: r.title,
    url: r.url,
    requestType: r.requestType,
    startedAt: iso(r.startedAt),
    open: r.open,
    pausedMs: r.pausedMs,
    atRisk: r.atRisk.map((t) => ({ target: t.name, status: t.status, usedShare: t.usedShare, dueAt: iso(t.dueAt), leftMs: t.leftMs, overdueMs: t.overdueMs })),
    targets: Object.fromEntries(
      r.targets.map((t) => [t.name, { contract: t.contract, amountMs: t.amountMs, usedMs: t.usedMs, timeToMeetMs: t.timeToMeetMs, overdueMs: t.overdueMs, leftMs: t.leftMs }]),
    ),
    evaluation: r.evaluation,
    ...(r.reply ? { reply: reply(r.reply) } : {}),
  };
}

const breach = (b: Breach) => ({ ...b, dueAt: iso(b.dueAt), metAt: iso(b.metAt) });

function customer(c: CustomerReport) {
  return {
    repository: c.repository,
    customer: c.customer,
    timezone: c.timezone,
    periodStart: iso(c.bounds.start),
    periodEnd: iso(c.bounds.end),
    support: c.support,
    incidents: c.incidents,
    metOnTime: c.metOnTime,
    breached: c.breached,
    compliance: c.compliance,
    paused: pauses(c.paused),
    severities: c.severities.map((s) => ({ ...s, paused: pauses(s.paused) })),
    requestsByType: Object.fromEntries(c.requestsByType.map((t) => [t.type, t.count])),
    outsideSupport: c.outsideSupport.map((r) => ({ number: r.number, title: r.title, url: r.url, coverage: r.coverage, startedAt: iso(r.startedAt) })),
    breaches: c.breaches.map(breach),
    breachesPerWeek: c.breachesPerWeek,
    atRisk: c.atRisk.map(incident),
    incidentList: c.incidentList.map(incident),
    errors: c.errors,
  };
}

export function reportJson(report: Report) {
  return { period: report.period, now: iso(report.now), customers: report.customers.map(customer) };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(reportJson(report), null, 2)}\n`;
}
