// `incident-sla explain`: one incident, in words (or as the §5 object with
// --json). The incident comes from one JSON file or stdin, or from the two
// files `gh api` writes for an issue and its timeline.
import { explainIncident } from "../domain/clock/evaluate.js";
import { renderExplanation } from "../domain/texts/render-explanation.js";
import { type CommandContext, write } from "./cli-io.js";
import { incidentInput } from "./incident-input.js";
import { loadConfig } from "./load-config.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { parseNow } from "./parse-now.js";
import { parseJsonSequence, readAll, readTextFile, timelineFromValues } from "./read-input.js";
import { InputError, UsageError } from "./usage-error.js";
import { LANGUAGES, isLanguage } from "../words/index.js";

const OPTIONS = {
  config: { type: "string" },
  now: { type: "string" },
  bot: { type: "string" },
  json: { type: "boolean" },
  lang: { type: "string" },
  issue: { type: "string" },
  timeline: { type: "string" },
} as const;

export async function explainCommand(args: string[], { io, now: clock }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (!values.config) throw new UsageError("--config FILE is required");
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    throw new UsageError(`--lang: expected ${LANGUAGES.join(" or ")}, got ${JSON.stringify(values.lang)}`);
  }
  if (positionals.length > 1) throw new UsageError(`expected at most one INPUT, got ${positionals.length}`);
  const separate = values.issue !== undefined || values.timeline !== undefined;
  if (separate && positionals.length > 0) throw new UsageError("give either INPUT or --issue and --timeline, not both");
  if (separate && (values.issue === undefined || values.timeline === undefined)) {
    throw new UsageError("--issue and --timeline go together: give both files");
  }

  const config = await loadConfig(values.config);
  const zone = config.timezone;
  let optionNow: number | null = null;
  if (values.now !== undefined) {
    const parsed = parseNow(values.now, zone);
    if (typeof parsed !== "number") throw new UsageError(`--now: ${parsed.error}`);
    optionNow = parsed;
  }

  let issue: unknown;
  let timeline: unknown;
  let inputNow: number | null = null;
  if (values.issue !== undefined && values.timeline !== undefined) {
    const issueText = await readTextFile(values.issue, "issue file");
    const timelineText = await readTextFile(values.timeline, "timeline file");
    issue = issueFromValues(parseJsonSequence(issueText, values.issue), values.issue);
    timeline = timelineFromValues(parseJsonSequence(timelineText, values.timeline), values.timeline);
  } else {
    const path = positionals[0];
    const fromStdin = path === undefined || path === "-";
    const source = fromStdin ? "stdin" : path;
    const text = fromStdin ? await readAll(io.stdin) : await readTextFile(path, "input file");
    const parsed = parseJsonSequence(text, source);
    if (parsed.length !== 1) throw new InputError(`${source}: expected one incident, got ${parsed.length} JSON values (use evaluate for many)`);
    try {
      ({ issue, timeline, now: inputNow } = incidentInput(parsed[0], zone));
    } catch (error) {
      if (error instanceof InputError) throw new InputError(`${source}: ${error.message}`);
      throw error;
    }
  }

  const explanation = explainIncident({
    config,
    issue,
    timeline,
    now: inputNow ?? optionNow ?? clock(),
    ...(values.bot ? { bot: values.bot } : {}),
  });
  const text = values.json
    ? `${JSON.stringify(explanation.evaluation, null, 2)}\n`
    : renderExplanation(explanation, isLanguage(values.lang) ? values.lang : config.language);
  await write(io.stdout, text);
  return 0;
}

/** The issue object; `gh api --paginate --slurp` wraps it in an array of one. */
function issueFromValues(values: unknown[], source: string): unknown {
  const [first] = values;
  if (values.length === 1 && Array.isArray(first) && first.length === 1) return first[0];
  if (values.length === 1 && typeof first === "object" && first !== null && !Array.isArray(first)) return first;
  throw new InputError(`${source}: expected one issue object, as gh api repos/OWNER/REPO/issues/N prints it`);
}
