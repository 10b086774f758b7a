// The incident-sla command: picks the subcommand, turns its outcome into an
// exit code (0 success; 1 input that could not be evaluated or an invalid
// configuration; 2 usage error) and keeps stack traces out of users' way.
// This is the only place the real clock is read.
import { messageOf } from "../github/types.js";
import { readFileSync } from "node:fs";
import { ConfigError } from "../config/parse-config.js";
import { IncidentInputError } from "../domain/clock/timeline.js";
import { checkConfigCommand } from "./check-config-command.js";
import { type CliIo, type CommandContext, write } from "./cli-io.js";
import { type CliWords, cliLanguage } from "./cli-language.js";
import { evaluateCommand } from "./evaluate-command.js";
import { explainCommand } from "./explain-command.js";
import { type CommandName, isCommand } from "./help.js";
import { reportCommand } from "./report-command.js";
import { sweepCommand } from "./sweep-command.js";
import { InputError, UsageError } from "./usage-error.js";
import { wordsFor } from "../words/index.js";

export type { CliIo } from "./cli-io.js";

const COMMAND_RUNNERS: Record<CommandName, (args: string[], context: CommandContext) => Promise<number>> = {
  evaluate: evaluateCommand,
  explain: explainCommand,
  "check-config": checkConfigCommand,
  sweep: sweepCommand,
  report: reportCommand,
};

const isHelpFlag = (arg: string) => arg === "--help" || arg === "-h";

/** Help is asked for when --help or -h comes before a "--" that ends the options. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some(isHelpFlag);
}

function version(): string {
  // package.json sits two levels above both src/cli and dist/cli.
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  // Stream errors surface through write(); a listener keeps an unwatched one from crashing the process.
  const ignore = () => {};
  io.stdout.on("error", ignore);
  io.stderr.on("error", ignore);
  try {
    return await run(argv, io);
  } finally {
    io.stdout.off("error", ignore);
    io.stderr.off("error", ignore);
  }
}

async function run(all: string[], io: CliIo): Promise<number> {
  const { language, argv, problem, again } = cliLanguage(all, io.env);
  const words = wordsFor(language).cli;
  const [command, ...args] = argv;
  const context: CommandContext = { io, now: io.now ?? (() => Date.now()), words };
  try {
    if (problem) throw problem;
    if (command === undefined) {
      await write(io.stderr, words.help.main);
      return 2;
    }
    if (isHelpFlag(command)) {
      await write(io.stdout, words.help.main);
      return 0;
    }
    if (command === "--version") {
      await write(io.stdout, `${version()}\n`);
      return 0;
    }
    if (command === "help") {
      const topic = args[0];
      if (topic === undefined) {
        await write(io.stdout, words.help.main);
        return 0;
      }
      if (!isCommand(topic)) throw new UsageError(words.unknownCommand(JSON.stringify(topic)));
      await write(io.stdout, words.help.commands[topic]);
      return 0;
    }
    if (!isCommand(command)) {
      throw new UsageError(command.startsWith("-") ? words.unknownOption(command) : words.unknownCommand(JSON.stringify(command)));
    }
    if (wantsHelp(args)) {
      await write(io.stdout, words.help.commands[command]);
      return 0;
    }
    return await COMMAND_RUNNERS[command](args, context);
  } catch (error) {
    return reportError(error, command !== undefined && isCommand(command) ? command : undefined, io, words, again);
  }
}

async function reportError(error: unknown, command: CommandName | undefined, io: CliIo, words: CliWords, again: string): Promise<number> {
  // The reader of stdout went away (`incident-sla evaluate … | head -1`): it has what it wanted.
  if ((error as NodeJS.ErrnoException | null)?.code === "EPIPE") return 0;
  const prefix = command ? `incident-sla ${command}` : "incident-sla";
  if (error instanceof UsageError) {
    const hint = `${command ? `incident-sla ${command}` : "incident-sla"} --help${again}`;
    await write(io.stderr, `${prefix}: ${error.message}\n${words.usageHint(hint)}\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    // The message already names the file, each field, its line and the fix.
    await write(io.stderr, `${error.message}\n`);
    return 1;
  }
  if (error instanceof InputError || error instanceof IncidentInputError) {
    await write(io.stderr, `${prefix}: ${error.message}\n`);
    return 1;
  }
  const message = messageOf(error);
  const stack = io.env.DEBUG && error instanceof Error && error.stack ? error.stack : words.stackHint;
  await write(io.stderr, `${prefix}: ${words.unexpectedError(message)}\n${stack}\n`);
  return 1;
}
