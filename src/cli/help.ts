// The help texts of the incident-sla command. Each command's text has its
// usage, options, examples and exit codes, so `--help` is the reference. No
// policy codes here: the report's contents follow the policy's rules on
// requests by type (P2) and support periods ending (P1).

const COMMANDS = ["evaluate", "explain", "check-config", "sweep", "report"] as const;
export type CommandName = (typeof COMMANDS)[number];

const EXIT_CODES = `Exit codes:
  0  success
  1  input that could not be evaluated, or an invalid configuration
  2  usage error: unknown command or option, missing argument, a file that cannot be read`;

export const MAIN_HELP = `usage: incident-sla <command> [options]

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

Times are shown in the contract's time zone (config \`timezone\`); the host's
time zone never matters.

${EXIT_CODES}
`;

export const HELP: Record<CommandName, string> = {
  report: `usage: incident-sla report --from YYYY-MM-DD --to YYYY-MM-DD [--repo OWNER/NAME]... [options]
       incident-sla report --from DATE --to DATE --input FILE.jsonl --config FILE [options]
       incident-sla report --post [--from DATE --to DATE] [--repo OWNER/NAME]... [--output summary]

The compliance report for managers: per customer (repository), severity and
deadline, how many incidents, how many deadlines were met on time and which
were breached (with links and by how much), median and 90th percentile of the
time to accept, work around and resolve, time paused waiting for the customer,
requests by type, incidents outside the support period, support periods
ending within 60 days of --to, and open incidents at risk now.

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
  --config FILE      the contract's configuration, for --input
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
  --config FILE  the contract's configuration (YAML or JSON), required
  --now ISO      evaluate as of this time (default: the current time); a line's
                 own "now" wins. Without an offset, the time is read in the
                 contract's zone ("2026-03-02 12:00" or "2026-03-02T12:00").
  --bot LOGIN    the app's bot login, trusted like an engineer (default incident-sla[bot])
  -h, --help     show this help

Examples:
  incident-sla evaluate --config .github/incident-sla.yml < incidents.jsonl
  jq -c -n --slurpfile i issue.json --slurpfile t timeline.json \\
      '{issue: $i[0], timeline: ($t | add), now: "2026-03-02T12:00:00Z"}' \\
    | incident-sla evaluate --config incident-sla.yml

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
  --config FILE     the contract's configuration (YAML or JSON), required
  --issue FILE      the issue, as gh api repos/OWNER/REPO/issues/N prints it
  --timeline FILE   its timeline, as gh api --paginate repos/OWNER/REPO/issues/N/timeline
                    prints it (several arrays one after another), with --slurp
                    (an array of arrays), or a plain array
  --now ISO         explain as of this time (default: the current time); the
                    input's own "now" wins. Without an offset: the contract's zone.
  --bot LOGIN       the app's bot login, trusted like an engineer (default incident-sla[bot])
  --json            print the evaluation object (as evaluate does) instead of text
  --lang ru|en      language of the text (default: the config's language)
  -h, --help        show this help

Examples:
  gh api repos/acme/support/issues/12 > issue.json
  gh api --paginate repos/acme/support/issues/12/timeline > timeline.json
  incident-sla explain --config .github/incident-sla.yml --issue issue.json --timeline timeline.json
  incident-sla explain --config incident-sla.yml --lang en --now 2026-03-10T12:00:00Z incident.json
  incident-sla explain --config incident-sla.yml --json < incident.json

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
  -h, --help          show this help

Examples:
  incident-sla check-config .github/incident-sla.yml
  incident-sla check-config --owner acme .github/incident-sla.yml
  incident-sla check-config --owner acme --extends-root ~/src/acme customers/*/incident-sla.yml

${EXIT_CODES}
`,
};

export const isCommand = (name: string): name is CommandName => (COMMANDS as readonly string[]).includes(name);
