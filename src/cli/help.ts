// The commands of incident-sla. Their help texts (usage, options, examples
// and exit codes, so `--help` is the reference) are in src/words, `cli.help`,
// one per language. No policy codes there: the report's contents follow the
// policy's rules on requests by type (P2) and support periods ending (P1).
import { wordsFor } from "../words/index.js";

const COMMANDS = ["evaluate", "explain", "check-config", "sweep", "report"] as const;
export type CommandName = (typeof COMMANDS)[number];

/** The English help, as the deploy files' tests and the docs read it; the command prints its language's (words.help). */
export const MAIN_HELP = wordsFor("en").cli.help.main;
export const HELP: Record<CommandName, string> = wordsFor("en").cli.help.commands;

export const isCommand = (name: string): name is CommandName => (COMMANDS as readonly string[]).includes(name);
