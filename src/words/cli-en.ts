// The command line's texts in English (the `cli` section of en.ts; the shape:
// CliWords in words.ts).
import { CLI_EXAMPLES } from "./cli-examples.js";
import type { Words } from "./words.js";

/** "a", "a or b", "a, b or c". */
const or = (choices: readonly string[]) => (choices.length < 2 ? choices.join("") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`);

const EXIT_CODES = `Exit codes:
  0  success
  1  input that could not be evaluated, or an invalid configuration
  2  usage error: unknown command or option, missing argument, a file that cannot be read`;

/** The help texts: each command's usage, options, examples and exit codes. No policy codes here. */
const help: Words["cli"]["help"] = {
  main: `usage: incident-sla <command> [options]

Support-contract SLA clocks for GitHub issues, computed from an issue and its
timeline (see the README, "How the clock works").

Commands:
  evaluate      evaluate incidents read as JSON Lines on stdin, one JSON line out per incident
  explain       explain one incident: start, severity, deadlines, pauses, closed periods
  check-config  validate a configuration file (.github/incident-sla.yml)
  sweep         re-evaluate open incidents on GitHub: reminders, escalation, labels
  report        compliance report over a period: per customer, severity and deadline
  help [CMD]    show this help, or a command's help

Options:
  -h, --help    show help (also: incident-sla CMD --help)
  --version     print the version
  --language ru|en
                language of these messages and help, on every command (default:
                INCIDENT_SLA_LANGUAGE, else en; the host's LANG is never read)

Times are shown in the contract's time zone (config \`timezone\`); the host's
time zone never matters. Machine outputs (evaluate's JSON lines, CSV and JSON
reports, the JSON lines of sweep and report --post) are the same whatever
--language says; the language of a report or an explanation is their own
--lang, else the configuration's \`language\`.

${EXIT_CODES}
`,
  commands: {
    report: `usage: incident-sla report --from YYYY-MM-DD --to YYYY-MM-DD [--repo OWNER/NAME]... [options]
       incident-sla report --from DATE --to DATE --input FILE.jsonl --config FILE [options]
       incident-sla report --post [--from DATE --to DATE] [--repo OWNER/NAME]... [--output summary]

The compliance report for managers: per customer (repository), severity and
deadline, how many incidents, how many deadlines were met on time and which
were breached (with links and by how much), median and 90th percentile of the
time to accept, work around and resolve, time paused waiting for the customer,
requests by type, incidents outside the support period, support periods
ending within 60 days of --to, and open incidents at risk now. Severities
that set 'reply' add the reply to the customer: waits answered in time out of
waits counted, median and 90th percentile of the reply time.

An incident belongs to the period when its clock started (t0) on one of the
dates --from..--to (inclusive) in its contract's time zone. Every incident is
evaluated at one time (--now), exactly as 'evaluate' does, so the report
agrees with the incidents' status comments. Medians and 90th percentiles are
by nearest rank: the time at rank ⌈p·n/100⌉ of the n sorted times.

Sources:
  GitHub      each repository's configuration from its default branch, issues and
              timelines in batches through GraphQL (100 issues a request).
              Credentials as for 'sweep': APP_ID and PRIVATE_KEY (every repository of
              every installation, or only the --repo ones), or GITHUB_TOKEN with --repo;
              GHE_HOST/GHE_PROTOCOL, GITHUB_API_URL, GITHUB_GRAPHQL_URL.
  --input     offline: JSON Lines in the 'evaluate' input format, one incident a
              line ("-" for stdin), with --config FILE, the repository's contract.

Options:
  --from DATE        first day of the period (YYYY-MM-DD, inclusive)
  --to DATE          last day of the period (inclusive)
  --repo OWNER/NAME  a repository to report on (repeatable); offline: its name in the report
  --input FILE       JSON Lines export (offline), with --config FILE
  --config FILE      the contract's configuration, for --input; its _extends is
                     followed as check-config follows it
  --extends-root DIR where the owner's repositories are checked out, instead of ".."
  --format FORMAT    markdown (default: tables and Mermaid charts for GitHub), csv (one
                     row per incident and deadline, RFC 4180) or json
  --lang ru|en       language of dates, durations and words (default: the configuration's
                     language; from GitHub, English when the repositories' languages differ)
  --now ISO          evaluate as of this time (default: now); without an offset: the
                     contract's zone offline, UTC from GitHub
  --bot LOGIN        the app's bot login, trusted like an engineer (default: the app's bot
                     with app credentials, github-actions[bot] in Actions, else incident-sla[bot])
  --post             post the report as an issue into the repository named by report.repository
                     in the organisation's defaults (OWNER/.github, .github/incident-sla.yml), once
                     per period; without --from/--to: the previous month. Never into a customer's
                     repository. Prints one JSON line per organisation.
  --output summary   with --post: one JSON line of totals instead ({"organisations":3,
                     "created":1,"exists":1,"skipped":1,…}), for logs that others can
                     read: no organisation or repository is named, no log lines are
                     written whatever LOG_LEVEL says, the exit code is the same
  --language ru|en   language of this command's messages and help (not the report's: --lang)
  -h, --help         show this help

Examples:
  incident-sla report --from 2026-03-01 --to 2026-03-31 --repo acme/support > march.md
  incident-sla report --from 2026-03-01 --to 2026-03-31 --format csv --lang ru   # every installation
  incident-sla report --from 2026-03-01 --to 2026-03-31 --input acme.jsonl --config incident-sla.yml
  incident-sla report --post                                # last month, from a CronJob or Actions
  incident-sla report --post --output summary               # the same, for a shared Actions log

Exit codes:
  0  the report was written (or posted, or already there)
  1  some repository could not be read, some incident could not be evaluated (listed in the
     report), or a post was refused or failed
  2  usage error: unknown option, missing --from/--to, no credentials, a file that cannot be read
`,
    sweep: `usage: incident-sla sweep [--repo OWNER/NAME]... [--shard I/N] [--dry-run] [--bot LOGIN] [--max-wait SECONDS]
                          [--output lines|summary]

Re-evaluates every open incident and acts: reminders before deadlines,
escalation at a breach, the status comment and the managers' labels. The same
sweep the app runs every SWEEP_INTERVAL seconds; run this one from a scheduled
GitHub Actions workflow or a Kubernetes CronJob when you do not run a server,
or beside it (markers keep every comment single).

Credentials (environment):
  APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH   the app's: every installation (or --shard)
  GHE_HOST, GHE_PROTOCOL                    GitHub Enterprise Server, as Probot reads them
  GITHUB_TOKEN with --repo                  a token (e.g. Actions' own) for the named repositories
  GITHUB_API_URL, GITHUB_GRAPHQL_URL        API addresses, as GitHub Actions sets them

Options:
  --repo OWNER/NAME   a repository to sweep (repeatable); with app credentials, only these
  --shard I/N         only installations whose id mod N is I-1 (run N processes, I = 1..N)
  --dry-run           print each incident's pending writes as JSON lines; write nothing
  --bot LOGIN         the login the token writes as (default with GITHUB_TOKEN in Actions:
                      github-actions[bot]; with app credentials: the app's bot)
  --max-wait SECONDS  longest rate-limit wait to sit out within the sweep (default 60);
                      longer waits leave the rest for the next sweep
  --output lines      one JSON line per repository on stdout (the default)
  --output summary    only the totals, for logs that others can read (a shared
                      Actions log): no repository or organisation is named, no log
                      lines are written whatever LOG_LEVEL says, the exit code is the same
  --language ru|en    language of the messages on stderr; the JSON lines do not change

Output: one JSON line per repository on stdout
  {"repo":"acme/support","ok":true,"config":"valid","incidents":42,"reads":1,
   "extraPages":0,"writes":3,"deferred":0,"changed":2}
and a summary on stderr. With --output summary, one line of totals on stdout
  {"repositories":12,"failed":0,"incidents":42,"reads":14,"writes":3,"deferred":0,"dryRun":false}
and the same summary on stderr.

Exit codes:
  0  every repository was swept (writes left for the next sweep by GitHub's
     limits still count as swept)
  1  at least one repository could not be swept (the others were)
  2  usage error: unknown option, no credentials
`,
    evaluate: `usage: incident-sla evaluate --config FILE [--now ISO] [--bot LOGIN] < incidents.jsonl

Reads JSON Lines on stdin, one incident a line:
  {"issue": <GET /repos/O/R/issues/N>, "timeline": [<GET …/issues/N/timeline>], "now"?: "ISO 8601"}
and writes one JSON line per non-empty input line, in order:
  {"number": 12, "coverage": "active", "severity": 1, "clock": "24x7", "startedAt": "…",
   "paused": false, "pausedMinutes": 95, "warnings": [],
   "targets": {"accept": {"status": "met", "dueAt": "…", "metAt": "…", "breached": false}, …}}
A line that cannot be evaluated yields {"error": "…", "line": N} (N counts every
input line from 1, blank ones included); the other lines still come out and the
exit code is 1. Blank lines are skipped. Input is processed line by line.

Options:
  --config FILE  the contract's configuration (YAML or JSON), required; its
                 _extends is followed into checkouts beside FILE's repository,
                 as check-config follows it (what cannot be is said on stderr)
  --extends-root DIR
                 where the owner's repositories are checked out, instead of ".."
  --now ISO      evaluate as of this time (default: the current time); a line's
                 own "now" wins. Without an offset, the time is read in the
                 contract's zone ("2026-03-02 12:00" or "2026-03-02T12:00").
  --bot LOGIN    the app's bot login, trusted like an engineer (default incident-sla[bot])
  --language ru|en
                 language of the messages on stderr; the JSON lines do not change
  -h, --help     show this help

Examples:
${CLI_EXAMPLES.evaluate}

${EXIT_CODES}
`,
    explain: `usage: incident-sla explain --config FILE [--now ISO] [--bot LOGIN] [--json] [--lang ru|en] [INPUT]
       incident-sla explain --config FILE --issue FILE --timeline FILE [options]

Explains one incident in words: when its clock started and why, its severity
and clock, every deadline with its due time in the contract's local time, its
status and the time left or overdue, every pause (who started and ended it),
every closed period, ignored waiting labels, and warnings.

INPUT is a file (stdin when absent or "-") holding one incident:
  {"issue": …, "timeline": […], "now"?: "ISO 8601"}
or give the outputs of gh api separately with --issue and --timeline.

Options:
  --config FILE     the contract's configuration (YAML or JSON), required; its
                    _extends is followed as check-config follows it
  --extends-root DIR
                    where the owner's repositories are checked out, instead of ".."
  --issue FILE      the issue, as gh api repos/OWNER/REPO/issues/N prints it
  --timeline FILE   its timeline, as gh api --paginate repos/OWNER/REPO/issues/N/timeline
                    prints it (several arrays one after another), with --slurp
                    (an array of arrays), or a plain array
  --now ISO         explain as of this time (default: the current time); the
                    input's own "now" wins. Without an offset: the contract's zone.
  --bot LOGIN       the app's bot login, trusted like an engineer (default incident-sla[bot])
  --json            print the evaluation object (as evaluate does) instead of text
  --lang ru|en      language of the text (default: the config's language)
  --language ru|en  language of the command's messages and help (not the text's: --lang)
  -h, --help        show this help

Examples:
${CLI_EXAMPLES.explain}

${EXIT_CODES}
`,
    "check-config": `usage: incident-sla check-config [--owner OWNER] [--extends-root DIR] FILE...

Validates configuration files (.github/incident-sla.yml; YAML or JSON) by the
same rules and limits the app reads them with (at most 64 KiB, 32 levels of
nesting, 100 alias expansions), and prints "FILE: valid" with a one-line
summary, or what is wrong: the file, the field, the line and what would be
valid. The app reads the configuration from the repository's default branch
only, so check the file that is merged there.

_extends is followed into local checkouts of the owner's repositories, looked
for beside the repository that holds FILE (the nearest directory above FILE
with .git, else the parent of its .github directory): ".github" is
../.github/.github/incident-sla.yml, "repo:path" is ../repo/path; or under
--extends-root DIR instead of "..". The merged result is checked, as the app
merges it. A checkout without the named file is an error, as on GitHub.
Without a checkout of that repository, _extends is not followed here: FILE is
checked alone, with the defaults standing in for the keys it inherits, and
stderr says what was not checked.

_extends may only name a repository of FILE's own owner. "owner/repo" naming
another owner than --owner is refused, as the app refuses it; without --owner
the owner written is taken as FILE's, and stderr says it was not checked.

Options:
  --owner OWNER       the user or organisation that owns FILE's repository
  --extends-root DIR  the directory holding checkouts of the owner's
                      repositories, one per repository (default: the one
                      holding FILE's repository)
  --language ru|en    language of what the command prints
  -h, --help          show this help

Examples:
${CLI_EXAMPLES.checkConfig}

${EXIT_CODES}
`,
  },
};

export const enCli: Words["cli"] = {
  help,
  usageHint: (hint) => `Run '${hint}' for usage.`,
  unexpectedError: (message) => `unexpected error: ${message}`,
  stackHint: "(set DEBUG=1 to see the stack trace)",
  unknownCommand: (name) => `unknown command ${name}`,
  unknownOption: (option) => `unknown option ${option}`,
  needsValue: (option) => `option ${option} needs a value`,
  needsValueDash: (option) => `option ${option} needs a value (to give one that starts with "-", write ${option}=VALUE)`,
  takesNoValue: (option) => `option ${option} takes no value`,
  languageExpected: (source, choices, got) => `${source} expects ${or(choices)}, got ${got}`,
  expectsOneOf: (option, choices, got) => `${option} expects ${or(choices)}, got ${got}`,
  expectedOneOf: (option, choices, got) => `${option}: expected ${or(choices)}, got ${got}`,
  repoExpected: (got) => `--repo expects owner/name, got ${got}`,
  ownerExpected: (got) => `--owner expects a GitHub owner (user or organisation), got ${got}`,
  shardExpected: (got) => `--shard expects i/N with 1 ≤ i ≤ N, e.g. 1/3; got ${got}`,
  maxWaitExpected: (got) => `--max-wait expects seconds, got ${got}`,
  nowExpected: (zone, got) =>
    `expected an ISO 8601 time such as "2026-03-02T09:00:00Z" (without an offset it is read ${zone === null ? "as UTC" : `in the contract's zone, ${zone}`}), got ${got}`,
  configRequired: "--config FILE is required",
  extendsNotFollowed: (file, note) => `${file}: _extends not followed: ${note}; this file is used with the defaults under it`,
  unexpectedArgument: (got) => `unexpected argument ${got}`,
  unexpectedArgumentStdin: (got) => `unexpected argument ${got}: incidents are read from stdin`,
  files: { configuration: "configuration file", input: "input file", issue: "issue file", timeline: "timeline file" },
  cannotRead: (what, path, reason) => `cannot read ${what} ${path}: ${reason}`,
  reasons: {
    noSuchFile: "no such file",
    isDirectory: "it is a directory",
    permissionDenied: "permission denied",
    missingOrUnreadable: "no such file or not readable",
    notAFile: "is a directory, not a file",
    notRegular: "is not a regular file",
    unreadable: "cannot be read (permission denied)",
  },
  json: {
    empty: (source) => `${source}: empty, expected JSON`,
    invalid: (source, message) => `${source === null ? "" : `${source}: `}not valid JSON: ${message}`,
    valueInvalid: (source, index, message) => `${source}: JSON value ${index} is not valid: ${message}`,
    notAnArray: (source, index) =>
      `${source}: ${index === null ? "the JSON value" : `JSON value ${index}`} is not an array: expected the events gh api --paginate repos/OWNER/REPO/issues/N/timeline prints`,
    mixesPages: (source) => `${source}: mixes arrays (pages) and events; expected one or the other`,
    notAnObject: (shape, got) => `expected an object ${shape}, got ${got ?? "an array"}`,
    unknownKeys: (keys, shape) => `unknown ${keys.length === 1 ? "key" : "keys"} ${keys.map((k) => JSON.stringify(k)).join(", ")}: expected ${shape}`,
    missingIssue: (shape) => `missing "issue" (the object gh api repos/OWNER/REPO/issues/N prints): expected ${shape}`,
    missingTimeline: (shape) => `missing "timeline" (the events gh api --paginate repos/OWNER/REPO/issues/N/timeline prints): expected ${shape}`,
    oneIncident: (source, values) => `${source}: expected one incident, got ${values} JSON values (use evaluate for many)`,
    oneIssue: (source) => `${source}: expected one issue object, as gh api repos/OWNER/REPO/issues/N prints it`,
    couldNotEvaluate: (message) => `could not evaluate: ${message}`,
  },
  evaluate: {
    failed: (failed, incidents) => `${failed} of ${incidents} incidents could not be evaluated (see the "error" lines)`,
    debugLine: (line, stack) => `line ${line}: ${stack}`,
  },
  explain: {
    atMostOneInput: (n) => `expected at most one INPUT, got ${n}`,
    inputOrFiles: "give either INPUT or --issue and --timeline, not both",
    filesTogether: "--issue and --timeline go together: give both files",
  },
  checkConfig: {
    fileExpected: "expected a configuration FILE to check",
    valid: (file) => `${file}: valid`,
    mergedOver: (files) => `merged over ${files.join(", then ")}`,
    notChecked: (file, note) => `${file}: not checked: ${note}`,
    summary: (s) => `zone ${s.zone}, language ${s.language}, calendar ${s.calendar}, severities ${s.severities.join("; ")}, default ${s.defaultSeverity}`,
    unknownRepository: (file, repo) => `the repository holding ${file} is not known (no .git above it), so ${repo} could not be looked for beside it; give --extends-root DIR`,
    noCheckout: (repo, path) => `no checkout of ${repo} at ${path}; give --extends-root DIR for where the owner's repositories are checked out`,
  },
  github: {
    shardWithToken: "--shard splits an app's installations; with GITHUB_TOKEN name the repositories with --repo",
    botRequired: "with GITHUB_TOKEN, say which login the token writes as: --bot LOGIN (in GitHub Actions the default is github-actions[bot])",
    noCredentials: "no credentials: set APP_ID and PRIVATE_KEY (the app's), or GITHUB_TOKEN with --repo owner/name",
    notInstalled: "the app is not installed on this repository (or it does not exist)",
  },
  sweep: {
    summary: (s) =>
      `swept ${s.repositories} repositories (${s.failed} failed): ${s.incidents} open incidents, ${s.reads} reads, ${s.writes} writes, ${s.deferred} deferred${s.dryRun ? " (dry run: nothing written)" : ""}`,
  },
  report: {
    inputNeedsConfig: "--input needs --config FILE (the contract of the exported repository)",
    inputOneRepo: "--input holds one repository's incidents: give at most one --repo (its name in the report)",
    ownNow: (lines, at) => `${lines} input lines carry their own "now"; the report evaluates every incident at one time, ${at}`,
    inputErrors: (lines) => `${lines} input lines could not be evaluated (listed in the report, not counted)`,
    summaryNeedsPost: "--output summary goes with --post (a report itself names every customer)",
    fromAndTo: "give both --from and --to (inclusive dates, YYYY-MM-DD)",
    fromToRequired: "--from and --to are required (inclusive dates in each contract's zone, YYYY-MM-DD)",
    postWithInput: "--post reads the repositories from GitHub and writes there; it cannot be used with --input",
    configWithInput: "--config goes with --input; from GitHub each repository's own configuration is read from its default branch",
    notSeenCount: (n) => `${n} of the --repo repositories are not among those the app's installations can see`,
    notSeen: (repo) => `${repo}: not among the repositories the app's installations can see`,
    failed: "failed",
    noReportRepository: (owner) => `no report.repository in the organisation's defaults (${owner}/.github, .github/incident-sla.yml)`,
    summary: (s) =>
      `reported ${s.customers} customer ${s.customers === 1 ? "repository" : "repositories"} (${s.failed} failed, ${s.unconfigured} without a configuration): ${s.incidents} incidents in the period, ${s.requests} GraphQL requests${s.notEvaluated > 0 ? `, ${s.notEvaluated} incidents not evaluated` : ""}`,
  },
};
