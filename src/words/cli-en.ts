// The command line's texts in English (the `cli` section of en.ts; the shape:
// CliWords in words.ts).
import type { Words } from "./words.js";

/** "a", "a or b", "a, b or c". */
const or = (choices: readonly string[]) => (choices.length < 2 ? choices.join("") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`);

export const enCli: Words["cli"] = {
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
