// The command line's own language, for its messages and help: `--language
// ru|en` (anywhere before a "--" that ends the options, on every command),
// else INCIDENT_SLA_LANGUAGE, else English. The host's LANG and LC_* are
// never read, so the same command says the same thing on every machine. It
// is not the language of a report or an explanation (their --lang, or the
// configuration's `language`), and machine outputs never change with it.
import { LANGUAGES, type Language, type Words, isLanguage, wordsFor } from "../words/index.js";
import { UsageError } from "./usage-error.js";

export type CliWords = Words["cli"];

const OPTION = "--language";
const VARIABLE = "INCIDENT_SLA_LANGUAGE";

interface CliLanguage {
  language: Language;
  /** The arguments without --language and its value. */
  argv: string[];
  /** A --language or INCIDENT_SLA_LANGUAGE that names no language, said in `language`. */
  problem: UsageError | null;
  /** What a hint to run the help again must add to say it in the same language: " --language ru", or nothing. */
  again: string;
}

export function cliLanguage(argv: string[], env: NodeJS.ProcessEnv): CliLanguage {
  const end = argv.indexOf("--");
  const options = end < 0 ? argv : argv.slice(0, end);
  const rest: string[] = [];
  let given: string | undefined;
  let missingValue = false;
  for (let i = 0; i < options.length; i++) {
    const arg = options[i]!;
    if (arg === OPTION) {
      const value = options[i + 1];
      if (value === undefined || value.startsWith("-")) missingValue = true;
      else {
        given = value;
        i++;
      }
    } else if (arg.startsWith(`${OPTION}=`)) given = arg.slice(OPTION.length + 1);
    else rest.push(arg);
  }
  const fromEnv = env[VARIABLE] || undefined;
  // The option wins over the variable, even over one that names no language.
  const choice = given ?? fromEnv;
  const language: Language = isLanguage(given) ? given : isLanguage(fromEnv) ? fromEnv : "en";
  const words = wordsFor(language).cli;
  const problem = missingValue
    ? new UsageError(words.needsValue(OPTION))
    : choice !== undefined && !isLanguage(choice)
      ? new UsageError(words.languageExpected(given !== undefined ? OPTION : VARIABLE, LANGUAGES, JSON.stringify(choice)))
      : null;
  const withoutOption: Language = isLanguage(fromEnv) ? fromEnv : "en";
  const again = language === withoutOption ? "" : ` ${OPTION} ${language}`;
  return { language, argv: end < 0 ? rest : [...rest, ...argv.slice(end)], problem, again };
}
