// The examples of the command line's help: commands, the same in every
// language (the help texts around them: cli-en.ts, cli-ru.ts).
export const CLI_EXAMPLES = {
  evaluate: `  incident-sla evaluate --config .github/incident-sla.yml < incidents.jsonl
  jq -c -n --slurpfile i issue.json --slurpfile t timeline.json \\
      '{issue: $i[0], timeline: ($t | add), now: "2026-03-02T12:00:00Z"}' \\
    | incident-sla evaluate --config incident-sla.yml`,
  explain: `  gh api repos/acme/support/issues/12 > issue.json
  gh api --paginate repos/acme/support/issues/12/timeline > timeline.json
  incident-sla explain --config .github/incident-sla.yml --issue issue.json --timeline timeline.json
  incident-sla explain --config incident-sla.yml --lang en --now 2026-03-10T12:00:00Z incident.json
  incident-sla explain --config incident-sla.yml --json < incident.json`,
  checkConfig: `  incident-sla check-config .github/incident-sla.yml
  incident-sla check-config --owner acme .github/incident-sla.yml
  incident-sla check-config --owner acme --extends-root ~/src/acme customers/*/incident-sla.yml`,
};
