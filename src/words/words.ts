// The shape of every text a person reads: one structure per language (en.ts,
// ru.ts, with the command line's texts in cli-en.ts, cli-ru.ts). A third
// language is one new file that satisfies `Words` (and its cli file), its name
// in LANGUAGES and one line in index.ts. Sections are named for where the text is
// read (status comment, reminders, board, report…); each module that renders
// text takes the reader's `Words` and never spells a sentence itself. Words
// files hold data and small template functions, no logic.
//
// One kind of text stays outside, on purpose: the issue forms' field labels
// and options (domain/forms/form-fields.ts), which are also what the parser matches
// and what the generated forms in .github/ISSUE_TEMPLATE are built from, so
// they stay beside the field ids they name (a third language adds its labels
// there).
import type { DiagnosticField, TargetName } from "../config/schema.js";

export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Whether a text (a command's --lang, say) names a language the words speak. */
export const isLanguage = (text: unknown): text is Language => (LANGUAGES as readonly unknown[]).includes(text);

export interface Words {
  language: Language;
  /** The SLA board issue (app/board.ts, domain/plans/board.ts). */
  board: BoardWords;
  /** The `incident-sla` check run on a pull request that changes a configuration (app/config-check.ts, domain/clock/config-impact.ts). */
  checkRun: CheckRunWords;
  /** Units of the one duration formatter (domain/texts/duration-words.ts). */
  durations: DurationWords;
  /** Dates as the language writes them. */
  dates: DateWords;
  /** A share with one decimal, from "85.7": "85.7%" / "85,7 %". */
  percent: (oneDecimal: string) => string;
  /** The contract's targets, as every text names them. */
  targets: Record<TargetName, string>;
  /** The repeating reply target: support answers each customer comment (domain/clock/reply.ts). */
  reply: ReplyWords;
  /** A target's state, as every text names it. */
  statuses: { running: string; paused: string; met: string; breached: string; cancelled: string };
  /** The comment asking for the preliminary diagnostics (domain/texts/texts.ts). */
  diagnostics: DiagnosticsWords;
  /** The comment on a severity the form claimed and the policy corrects. */
  severityCorrection: SeverityCorrectionWords;
  /**
   * The phone instructions: templates with {severity}, {hours}, {zone},
   * {companyPhone}, {onDutyPhone}, {email}, the placeholders a contract's own
   * texts (config `texts`) may use too.
   */
  phone: { workingHours: string; outsideHours: string; askForNumbers: string; alreadyCalled: string };
  /** The comment on an incident outside the support period. */
  coverage: CoverageWords;
  /** Labels only support may set, taken off again. */
  refusals: RefusalWords;
  /** The status comment's note on a label that left the repository. */
  goneLabel: GoneLabelWords;
  /** Reminders before a deadline and the escalation at a breach (domain/plans/plan-reminders.ts). */
  reminders: ReminderWords;
  /** The status comment (domain/texts/status-comment.ts). */
  statusComment: StatusCommentWords;
  /** An evaluation's warnings, one entry per code (domain/clock/warnings.ts). */
  warnings: WarningWords;
  /** An incident's explanation (domain/texts/render-explanation.ts, the explain command). */
  explanation: ExplanationWords;
  /** The service report; its targets and states are `targets` and `statuses`. */
  report: ReportWords;
  /** The descriptions of the app's labels (github/labels.ts). */
  labels: LabelWords;
  /** The issue about an invalid configuration (github/config-error-issue.ts), shown in every language. */
  configError: ConfigErrorWords;
  /** The issue that says why organisation issue fields cannot be kept (github/issue-fields-issue.ts). */
  issueFields: IssueFieldsWords;
  /**
   * The command line's messages and help (src/cli), in the language of
   * `--language` or INCIDENT_SLA_LANGUAGE. Machine outputs (evaluate's JSON
   * lines, CSV and JSON reports, the JSON lines of sweep and report --post)
   * stay in English whatever it is.
   */
  cli: CliWords;
}

interface ReplyWords {
  /** The target's name in reminders and escalations. */
  name: string;
  /** The status comment's line while a customer waits for an answer. */
  waiting: (since: string, due: string) => string;
}

interface DurationWords {
  /** "2 days", "1 рабочий день": `working` on a business clock. */
  days: (n: number, working: boolean) => string;
  hours: (n: number) => string;
  minutes: (n: number) => string;
  /** What a working day is, after a target counted in working days: "(9 h each)". */
  dayLength: (hours: string) => string;
}

interface DateWords {
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

interface DiagnosticsWords {
  title: string;
  intro: string;
  /** What each missing field should say, after its heading. */
  hints: Record<DiagnosticField, string>;
  /** The clock waits for the diagnostics. */
  paused: string;
  /** The clock keeps running. */
  running: string;
  goesAway: string;
}

interface SeverityCorrectionWords {
  title: (level: number, claimed: number | null) => string;
  intro: string;
  reasons: { "test-environment": string; "not-all-users": string; "few-users": string; "workaround-available": string };
  ifWrong: string;
}

interface CoverageWords {
  title: string;
  ended: (until: string) => string;
  starts: (from: string) => string;
  noDeadlines: string;
  renewWith: (contact: string) => string;
  renewAsk: string;
}

interface RefusalWords {
  /** A repeated attempt: the explanation is edited, never posted again. */
  attempts: (n: number, at: string) => string;
  pause: (by: string, label: string) => string;
  stateLabel: (by: string, label: string) => string;
}

interface GoneLabelWords {
  head: (label: string) => string;
  severity: (level: number, label: string) => string;
  severityDefault: (level: number) => string;
  waiting: string;
  state: string;
}

interface ReminderWords {
  /** `people`: the mentions and a space, or nothing. */
  approaching: (target: string, people: string, percent: number, due: string, left: string) => string;
  breached: (target: string, people: string, due: string) => string;
}

interface StatusCommentWords {
  title: string;
  /** The severity line: `why` is one of the two below, `clock` one of the clocks. */
  severity: (level: number, why: string, clock: string) => string;
  severityByLabel: (label: string) => string;
  severityDefault: string;
  clockBusiness: (hours: string, calendar: string) => string;
  clock24x7: string;
  startRegistered: (at: string, channel: string, by: string) => string;
  startUnofficial: (at: string, channel: string) => string;
  startOpened: (at: string) => string;
  outsideSupport: string;
  /** The deadline table's columns: deadline, target, due, status. */
  columns: readonly [string, string, string, string];
  /** A target's cell in the status column; `title` is its state's name (Words.statuses). */
  state: {
    met: (title: string, at: string) => string;
    metLate: (at: string, overdue: string) => string;
    breached: (title: string) => string;
    paused: (title: string, left: string) => string;
    cancelled: (title: string) => string;
    running: (title: string) => string;
  };
  /** After a span under a working day on a business clock: " of working time". */
  ofWorkingTime: string;
  /** The line that changes with every write; `target` is the target's name. */
  live: {
    left: (target: string, span: string) => string;
    overdue: (target: string, span: string) => string;
    pausedDue: (target: string, at: string) => string;
    /** In brackets at the line's end: "(as of …)". */
    asOf: (at: string) => string;
  };
  pauses: string;
  pauseRunning: string;
  pauseUntil: (at: string, why: string) => string;
  pauseEnded: { "label-removed": (by: string) => string; "customer-comment": (by: string) => string; closed: string };
  resumed: (at: string) => string;
  severityChanged: (label: string, added: boolean, login: string, at: string) => string;
  footer: (zone: string, at: string) => string;
}

/** Organisation issue fields the app cannot keep true (README, Managers' views): one issue per repository. */
export interface IssueFieldsWords {
  title: string;
  intro: string;
  /** What each configured field is for: `issueFields.nextDue`, `.status`, `.severity`. */
  roles: { nextDue: string; status: string; severity: string };
  missingField: (field: string, role: string) => string;
  /** `kind` and `expected`: GitHub's data types (date, single_select…). */
  wrongType: (field: string, role: string, kind: string, expected: string) => string;
  missingOption: (field: string, option: string) => string;
  /** GitHub answered 403 or 404 (or refused a value, 422) while `doing`. */
  refused: (status: number, doing: "list-fields" | "read-values" | "write-values", message: string) => string;
  /** How to fix it, and that the issue closes itself. */
  fix: string;
  /** The comment closing the issue once every field works. */
  resolved: string;
  /** The comment closing the issue once the configuration names no fields. */
  unconfigured: string;
}

interface WarningWords {
  "calendar-guessed": (year: number) => string;
  /** `text` is the person's answer, already quoted. */
  "received-at-unreadable": (text: string) => string;
  "received-at-not-earlier": (text: string) => string;
  "registration-by-customer": (author: string) => string;
  "closed-without-event": string;
  /** `headings`: the form's headings, quoted and listed (`quoteHeading`, `and`); `many`: more than one. */
  "form-heading-repeated": (headings: string, many: boolean) => string;
  "form-heading-inside-answer": (heading: string, within: string) => string;
  /** A form heading quoted as the language quotes: "Channel" / «Канал». */
  quoteHeading: (heading: string) => string;
  /** Before the last of a list of headings. */
  and: string;
}

export interface ExplanationWords {
  incident: string;
  start: string;
  severity: string;
  clock: string;
  coverage: string;
  targets: string;
  noTargets: (level: number) => string;
  pauses: string;
  pausedTotal: string;
  closedPeriods: string;
  ignoredPauses: string;
  warnings: string;
  asOf: string;
  workingTime: string;
  due: string;
  lessThanMinute: string;
  /** How an issue was closed. */
  reason: { completed: string; not_planned: string; duplicate: string };
  /** Monday first. */
  weekdays: readonly string[];
  created: (author: string) => string;
  createdWithChannel: (author: string, channel: string) => string;
  registered: (channel: string, by: string, created: string) => string;
  unofficial: (channel: string, by: string) => string;
  severityLabel: (level: number, label: string) => string;
  severityDefault: (level: number) => string;
  clock24x7: string;
  clockBusiness: (days: string, hours: string, calendar: string, zone: string) => string;
  presetRu: string;
  presetNone: string;
  extraHolidays: (n: number) => string;
  extraWorkingDates: (n: number) => string;
  expired: (date: string, until: string) => string;
  notStarted: (date: string, from: string) => string;
  met: (at: string, by: string, how: string) => string;
  metByLabel: (label: string) => string;
  metByClose: string;
  onTime: string;
  late: (span: string) => string;
  running: (left: string) => string;
  paused: (left: string) => string;
  breached: (span: string) => string;
  cancelled: (reason: string) => string;
  left: (span: string, business: boolean) => string;
  pauseStarted: (by: string, label: string) => string;
  pauseEnded: { "label-removed": (by: string) => string; "customer-comment": (by: string) => string; closed: (by: string) => string };
  stillRunning: string;
  stillClosed: string;
  untilNow: string;
  closedBy: (by: string, reason: string) => string;
  reopenedBy: (by: string) => string;
  ignoredBy: (by: string) => string;
}

/** The service report (src/report, the monthly report issue). */
export interface ReportWords {
  title: string;
  period: string;
  asOf: string;
  summary: string;
  noCustomers: string;
  customer: string;
  repository: string;
  incidents: string;
  metOnTime: string;
  breached: string;
  compliance: string;
  outsideSupport: string;
  atRiskNow: string;
  timezone: string;
  supportPeriod: string;
  supportOpen: string;
  supportEnds: (days: number) => string;
  supportEnded: (days: number) => string;
  supportEndsOnPeriodEnd: string;
  endingContracts: string;
  deadlines: string;
  deadline: string;
  requestTypeHeader: string;
  severity: string;
  severityN: (level: number) => string;
  contract: string;
  pending: string;
  cancelled: string;
  metLate: string;
  median: string;
  p90: string;
  timeToMeetNote: string;
  noDeadlines: string;
  /** The reply target's section (only when a severity configures `reply`); its heading is `reply.name`. */
  replyWaits: string;
  answeredInTime: string;
  replyNote: string;
  noReplyWaits: string;
  complianceChart: string;
  breachesChart: string;
  breachesAxis: string;
  week: string;
  breachList: string;
  noBreaches: string;
  incident: string;
  due: string;
  metAt: string;
  notMet: string;
  overdueBy: string;
  waiting: string;
  pausedIncidents: string;
  total: string;
  all: string;
  requestTypes: string;
  requestType: Record<string, string>;
  count: string;
  startedAt: string;
  coverage: { active: string; expired: string; "not-started": string };
  noneOutside: string;
  atRisk: string;
  noneAtRisk: string;
  used: (percent: string) => string;
  left: (span: string) => string;
  overdue: (span: string) => string;
  errors: (n: number) => string;
  definitions: string;
  continued: (part: number, parts: number) => string;
  /** The CSV columns' headings. */
  csv: Record<CsvColumn, string>;
  yes: string;
  no: string;
}

export type CsvColumn =
  | "repository"
  | "customer"
  | "number"
  | "title"
  | "url"
  | "requestType"
  | "severity"
  | "clock"
  | "coverage"
  | "startedAt"
  | "open"
  | "pausedMinutes"
  | "target"
  | "contract"
  | "status"
  | "breached"
  | "dueAt"
  | "metAt"
  | "timeToMeetMinutes"
  | "overdueMinutes"
  | "leftMinutes"
  | "timezone"
  /** Only when a severity configures `reply`: one row per wait. */
  | "waitStartedAt"
  | "replyMinutes";

interface LabelWords {
  severity: (level: number) => string;
  accepted: string;
  waiting: string;
  workaround: string;
  resolved: string;
  paused: string;
  atRisk: string;
  breached: string;
  expired: string;
  needsDiagnostics: string;
}

interface ConfigErrorWords {
  intro: string;
  /** `where`: the file, or the file and those it extends (`extended`). */
  fix: (where: string, file: string) => string;
  extended: (file: string, others: string) => string;
  validAgain: string;
}

/** The check run on a pull request changing a configuration (README, "The check on pull requests"). */
export interface CheckRunWords {
  titles: {
    invalid: (problems: number) => string;
    moved: (incidents: number) => string;
    unchanged: string;
    added: string;
    removed: string;
  };
  /** The first lines of every summary: what was read and that nothing was run. */
  readOnly: (head: string) => string;
  /** Before the list of problems: the same messages as `incident-sla check-config`. */
  invalidIntro: string;
  /** A problem in a file this pull request does not change (a customer's file merged over new defaults). */
  inOtherFile: (file: string) => string;
  /** An annotation's title. */
  annotationTitle: string;
  moreProblems: (n: number) => string;
  /** The defaults of an organisation: which repositories extend them. */
  extendedBy: (n: number, repos: string) => string;
  noDependants: string;
  /** The impact table's heading and columns. */
  impactIntro: (incidents: number, repos: number) => string;
  noImpact: (incidents: number) => string;
  columns: { repository: string; incident: string; change: string; before: string; after: string };
  /** What changed; a target is named by the shared `targets` words, its state by `statuses`. */
  fields: { severity: string; coverage: string; status: string; due: (target: string) => string; targetStatus: (target: string) => string };
  coverage: Record<"active" | "expired" | "not-started", string>;
  /** An incident's one-word status (domain/clock/incident-status.ts). */
  incidentStatuses: Record<"breached" | "at-risk" | "paused" | "running" | "met" | "not-covered", string>;
  none: string;
  /** Times are in each contract's zone. */
  zones: (zones: string) => string;
  moreRows: (n: number) => string;
  /** Bounded reading: what was not read, counted. */
  incidentsNotRead: (repo: string, read: number) => string;
  reposNotRead: (n: number) => string;
  /** A repository whose configuration with this change cannot be read (not this file's fault). */
  repoInvalidBefore: (repo: string) => string;
  addedText: string;
  removedText: (incidents: number) => string;
}

/** What a file read by the command line is, in "cannot read {what} {path}". */
type CliFile = "configuration" | "input" | "issue" | "timeline";

/** The commands of the command line, each with its help. */
type CliCommand = "evaluate" | "explain" | "check-config" | "sweep" | "report";

interface CliWords {
  /** `--help` and `help CMD`: the overview and each command's usage, options, examples and exit codes. */
  help: { main: string; commands: Record<CliCommand, string> };
  /** After a usage error: where to look, `hint` is "incident-sla evaluate --help". */
  usageHint: (hint: string) => string;
  unexpectedError: (message: string) => string;
  stackHint: string;
  /** `name` comes quoted. */
  unknownCommand: (name: string) => string;
  unknownOption: (option: string) => string;
  needsValue: (option: string) => string;
  needsValueDash: (option: string) => string;
  takesNoValue: (option: string) => string;
  /** `--language` (or INCIDENT_SLA_LANGUAGE, `source`) names no language; `got` comes quoted. */
  languageExpected: (source: string, choices: readonly string[], got: string) => string;
  /** An option that takes one of a few words: "--format expects markdown, csv or json, got …". */
  expectsOneOf: (option: string, choices: readonly string[], got: string) => string;
  /** explain's own wording of the same, for --lang. */
  expectedOneOf: (option: string, choices: readonly string[], got: string) => string;
  repoExpected: (got: string) => string;
  ownerExpected: (got: string) => string;
  shardExpected: (got: string) => string;
  maxWaitExpected: (got: string) => string;
  /** A time that is not one; `zone` is where a time without an offset is read, null for UTC. */
  nowExpected: (zone: string | null, got: string) => string;
  configRequired: string;
  /** An `_extends` of --config that could not be followed from here (evaluate, explain, report). */
  extendsNotFollowed: (file: string, note: string) => string;
  /** A positional argument where none goes; `got` comes quoted. */
  unexpectedArgument: (got: string) => string;
  unexpectedArgumentStdin: (got: string) => string;
  files: Record<CliFile, string>;
  cannotRead: (what: string, path: string, reason: string) => string;
  reasons: { noSuchFile: string; isDirectory: string; permissionDenied: string; missingOrUnreadable: string; notAFile: string; notRegular: string; unreadable: string };
  /** Reading JSON (read-input.ts, incident-input.ts). */
  json: {
    empty: (source: string) => string;
    invalid: (source: string | null, message: string) => string;
    valueInvalid: (source: string, index: number, message: string) => string;
    notAnArray: (source: string, index: number | null) => string;
    mixesPages: (source: string) => string;
    /** The incident was not an object; `got` is its JSON, null for an array. */
    notAnObject: (shape: string, got: string | null) => string;
    unknownKeys: (keys: readonly string[], shape: string) => string;
    missingIssue: (shape: string) => string;
    missingTimeline: (shape: string) => string;
    oneIncident: (source: string, values: number) => string;
    oneIssue: (source: string) => string;
    couldNotEvaluate: (message: string) => string;
  };
  evaluate: {
    failed: (failed: number, incidents: number) => string;
    debugLine: (line: number, stack: string) => string;
  };
  explain: {
    atMostOneInput: (n: number) => string;
    inputOrFiles: string;
    filesTogether: string;
  };
  checkConfig: {
    fileExpected: string;
    valid: (file: string) => string;
    mergedOver: (files: readonly string[]) => string;
    notChecked: (file: string, note: string) => string;
    /** The one-line summary of a valid configuration; `severities` are "1 (24x7, accept 30m)" each. */
    summary: (s: { zone: string; language: string; calendar: string; severities: readonly string[]; defaultSeverity: number }) => string;
    unknownRepository: (file: string, repo: string) => string;
    noCheckout: (repo: string, path: string) => string;
  };
  github: {
    shardWithToken: string;
    botRequired: string;
    noCredentials: string;
    notInstalled: string;
  };
  sweep: {
    summary: (s: { repositories: number; failed: number; incidents: number; reads: number; writes: number; deferred: number; dryRun: boolean }) => string;
  };
  report: {
    inputNeedsConfig: string;
    inputOneRepo: string;
    ownNow: (lines: number, at: string) => string;
    inputErrors: (lines: number) => string;
    summaryNeedsPost: string;
    fromAndTo: string;
    fromToRequired: string;
    postWithInput: string;
    configWithInput: string;
    notSeenCount: (n: number) => string;
    notSeen: (repo: string) => string;
    failed: string;
    noReportRepository: (owner: string) => string;
    summary: (s: { customers: number; failed: number; unconfigured: number; incidents: number; requests: number; notEvaluated: number }) => string;
  };
}
