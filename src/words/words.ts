// The shape of every text a person reads: one structure per language (en.ts,
// ru.ts). A third language is one new file that satisfies `Words` and one line
// in index.ts. Sections are named for where the text is read (status comment,
// reminders, board, report, CLI…); each module that renders text takes the
// reader's `Words` and never spells a sentence itself.
export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Words {
  language: Language;
  /** The SLA board issue (app/board.ts, domain/board.ts). */
  board: BoardWords;
  /** Units of the one duration formatter (domain/duration-words.ts). */
  durations: DurationWords;
  /** Dates as the language writes them. */
  dates: DateWords;
}

export interface DurationWords {
  /** "2 days", "1 рабочий день": `working` on a business clock. */
  days: (n: number, working: boolean) => string;
  hours: (n: number) => string;
  minutes: (n: number) => string;
  /** What a working day is, after a target counted in working days: "(9 h each)". */
  dayLength: (hours: string) => string;
}

export interface DateWords {
  /** A calendar date from "YYYY-MM-DD": "2026-03-10" / "10.03.2026". */
  date: (iso: string) => string;
}

/** The SLA board (README, The SLA board): one issue for managers, every open incident of the organisation. */
export interface BoardWords {
  title: string;
  /** When its content last changed (the board is edited only then). */
  asOf: (time: string) => string;
  summary: (open: number) => string;
  /** Group headings, most urgent first. */
  groups: Record<"breached" | "at-risk" | "running" | "paused" | "met" | "not-covered", string>;
  columns: { customer: string; incident: string; severity: string; target: string; due: string; left: string; assignees: string };
  /** A span below a step of the board's coarse scale ("< 4 h"), and beyond its last step. */
  under: (span: string) => string;
  atLeast: (span: string) => string;
  overdue: (span: string) => string;
  /** A paused incident: its clock does not run, so the time left is exact. */
  pausedLeft: (span: string) => string;
  none: string;
  noIncidents: string;
  /** Rows left out to stay within GitHub's body limit, counted by group. */
  more: (n: number, groups: string) => string;
  /** Repositories the sweep could not read: their incidents are missing from the board. */
  notRead: (repos: string) => string;
  gantt: { heading: (zone: string) => string; axisFormat: string; more: (n: number) => string; none: string };
}
