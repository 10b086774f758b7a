// `incident-sla evaluate` (DESIGN §5): JSON Lines in, one JSON line out per
// incident, in order. A line that cannot be evaluated becomes an error line
// and the others still come out: one bad export never hides the rest.
import { messageOf } from "../github/types.js";
import { createInterface } from "node:readline";
import { evaluate } from "../domain/clock/evaluate.js";
import { IncidentInputError } from "../domain/clock/timeline.js";
import { type CommandContext, write } from "./cli-io.js";
import { incidentInput } from "./incident-input.js";
import { configOptions, loadConfig } from "./load-config.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { parseNow } from "./parse-now.js";
import { InputError, UsageError } from "./usage-error.js";
import { wordsFor } from "../words/index.js";

/** The output's error lines are machine output: English whatever the command line's language. */
const MACHINE = wordsFor("en").cli;

const OPTIONS = {
  config: { type: "string" },
  "extends-root": { type: "string" },
  now: { type: "string" },
  bot: { type: "string" },
} as const;

export async function evaluateCommand(args: string[], { io, now: clock, words }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, words);
  if (positionals.length > 0) throw new UsageError(words.unexpectedArgumentStdin(JSON.stringify(positionals[0])));
  if (!values.config) throw new UsageError(words.configRequired);
  const config = await loadConfig(values.config, words, configOptions(values["extends-root"], io, "evaluate"));
  const zone = config.timezone;
  let defaultNow: number | null = null;
  if (values.now !== undefined) {
    const parsed = parseNow(values.now, zone, words);
    if (typeof parsed !== "number") throw new UsageError(`--now: ${parsed.error}`);
    defaultNow = parsed;
  }
  // The clock is read once, so every incident of a run is evaluated at the same instant.
  const fallbackNow = () => (defaultNow ??= clock());

  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let failed = 0;
  let incidents = 0;
  for await (const raw of lines) {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    incidents++;
    let out: unknown;
    try {
      out = evaluateLine(text, zone, fallbackNow, (input) => evaluate({ config, ...input, ...(values.bot ? { bot: values.bot } : {}) }));
    } catch (error) {
      failed++;
      out = { error: lineErrorMessage(error), line: lineNumber };
      if (io.env.DEBUG && isUnexpected(error) && error instanceof Error) await write(io.stderr, `${words.evaluate.debugLine(lineNumber, error.stack ?? "")}\n`);
    }
    await write(io.stdout, `${JSON.stringify(out)}\n`);
  }
  if (failed > 0) {
    await write(io.stderr, `incident-sla evaluate: ${words.evaluate.failed(failed, incidents)}\n`);
    return 1;
  }
  return 0;
}

function evaluateLine<T>(
  text: string,
  zone: string,
  fallbackNow: () => number,
  run: (input: { issue: unknown; timeline: unknown; now: number }) => T,
): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(MACHINE.json.invalid(null, (error as Error).message));
  }
  const input = incidentInput(value, zone, MACHINE);
  return run({ issue: input.issue, timeline: input.timeline, now: input.now ?? fallbackNow() });
}

const isUnexpected = (error: unknown) => !(error instanceof InputError || error instanceof IncidentInputError);

function lineErrorMessage(error: unknown): string {
  const message = messageOf(error);
  // Anything but bad input is a bug or an impossible calendar: say so, without a stack (DEBUG prints it on stderr).
  return isUnexpected(error) ? MACHINE.json.couldNotEvaluate(message) : message;
}
