// node:util parseArgs with the command line's own wording for mistakes.
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CliWords } from "./cli-language.js";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

export function parseCommandArgs<O extends Options>(args: string[], options: O, words: CliWords): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const option = /'([^']+)'/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) throw new UsageError(words.unknownOption(option));
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) {
      const name = option.split(" ")[0]!;
      if (message.includes("argument missing")) throw new UsageError(words.needsValue(name));
      if (message.includes("ambiguous")) throw new UsageError(words.needsValueDash(name));
      if (/does not take an argument/.test(message)) throw new UsageError(words.takesNoValue(name));
    }
    if (code?.startsWith("ERR_PARSE_ARGS")) throw new UsageError(message.split("\n")[0]);
    throw error;
  }
}
