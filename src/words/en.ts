// Every text a person reads, in English (the shape: words.ts).
import type { Words } from "./words.js";

export const en: Words = {
  language: "en",
  board: {
    title: "SLA board",
    asOf: (time) => `As of ${time}. The board is edited only when something on it changes; time left is shown in coarse steps.`,
    summary: (open) => `${open} open ${open === 1 ? "incident" : "incidents"}`,
    groups: { breached: "Breached", "at-risk": "At risk", running: "Running", paused: "Paused (waiting for the customer)", met: "Met, still open", "not-covered": "Not covered (outside the support period)" },
    columns: { customer: "Customer", incident: "Incident", severity: "Severity", target: "Next target", due: "Due (contract's time)", left: "Left", assignees: "Assignees" },
    under: (span) => `< ${span}`,
    atLeast: (span) => `≥ ${span}`,
    overdue: (span) => `overdue ${span}`,
    pausedLeft: (span) => `${span} left, clock stopped`,
    none: "—",
    noIncidents: "No open incidents.",
    more: (n, groups) => `${n} more ${n === 1 ? "incident is" : "incidents are"} not shown (${groups}): an issue holds at most 65,536 characters.`,
    notRead: (repos) => `Not read in this sweep, so their incidents are missing here: ${repos}.`,
    gantt: { heading: (zone) => `Deadlines of the next 7 days (${zone})`, axisFormat: "%m-%d", more: (n) => `${n} more deadlines of the next 7 days are in the tables only.`, none: "No deadlines in the next 7 days." },
  },
  durations: {
    days: (n, working) => `${n} ${working ? "working " : ""}${n === 1 ? "day" : "days"}`,
    hours: (n) => `${n} h`,
    minutes: (n) => `${n} min`,
    dayLength: (hours) => `(${hours} each)`,
  },
  dates: {
    date: (iso) => iso,
  },
};
