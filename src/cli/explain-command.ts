// `incident-sla explain`: one incident, in words (or as the §5 object with
// --json). The incident comes from one JSON file or stdin, or from the two
// files `gh api` writes for an issue and its timeline.
import { explainIncident } from "../domain/clock/evaluate.js";
import { renderExplanation } from "../domain/texts/render-explanation.js";
import { type CommandContext, write } from "./cli-io.js";
import type { CliWords } from "./cli-language.js";
import { incidentInput } from "./incident-input.js";
import { configOptions, loadConfig } from "./load-config.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { parseNow } from "./parse-now.js";
import { parseJsonSequence, readAll, readTextFile, timelineFromValues } from "./read-input.js";
import { InputError, UsageError } from "./usage-error.js";
import { LANGUAGES, isLanguage } from "../words/index.js";

const OPTIONS = {
  config: { type: "string" },
  "extends-root": { type: "string" },
  now: { type: "string" },
  bot: { type: "string" },
  json: { type: "boolean" },
  lang: { type: "string" },
  issue: { type: "string" },
  timeline: { type: "string" },
} as const;

export async function explainCommand(args: string[], { io, now: clock, words }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, words);
  if (!values.config) throw new UsageError(words.configRequired);
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    throw new UsageError(words.expectedOneOf("--lang", LANGUAGES, JSON.stringify(values.lang)));
  }
  if (positionals.length > 1) throw new UsageError(words.explain.atMostOneInput(positionals.length));
  const separate = values.issue !== undefined || values.timeline !== undefined;
  if (separate && positionals.length > 0) throw new UsageError(words.explain.inputOrFiles);
  if (separate && (values.issue === undefined || values.timeline === undefined)) {
    throw new UsageError(words.explain.filesTogether);
  }

  const config = await loadConfig(values.config, words, configOptions(values["extends-root"], io, "explain"));
  const zone = config.timezone;
  let optionNow: number | null = null;
  if (values.now !== undefined) {
    const parsed = parseNow(values.now, zone, words);
    if (typeof parsed !== "number") throw new UsageError(`--now: ${parsed.error}`);
    optionNow = parsed;
  }

  let issue: unknown;
  let timeline: unknown;
  let inputNow: number | null = null;
  if (values.issue !== undefined && values.timeline !== undefined) {
    const issueText = await readTextFile(values.issue, words.files.issue, words);
    const timelineText = await readTextFile(values.timeline, words.files.timeline, words);
    issue = issueFromValues(parseJsonSequence(issueText, values.issue, words), values.issue, words);
    timeline = timelineFromValues(parseJsonSequence(timelineText, values.timeline, words), values.timeline, words);
  } else {
    const path = positionals[0];
    const fromStdin = path === undefined || path === "-";
    const source = fromStdin ? "stdin" : path;
    const text = fromStdin ? await readAll(io.stdin) : await readTextFile(path, words.files.input, words);
    const parsed = parseJsonSequence(text, source, words);
    if (parsed.length !== 1) throw new InputError(words.json.oneIncident(source, parsed.length));
    try {
      ({ issue, timeline, now: inputNow } = incidentInput(parsed[0], zone, words));
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
function issueFromValues(values: unknown[], source: string, words: CliWords): unknown {
  const [first] = values;
  if (values.length === 1 && Array.isArray(first) && first.length === 1) return first[0];
  if (values.length === 1 && typeof first === "object" && first !== null && !Array.isArray(first)) return first;
  throw new InputError(words.json.oneIssue(source));
}
