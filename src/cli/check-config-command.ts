// `incident-sla check-config FILE...`: validates configuration files through
// the same resolveConfig the app reads them with (same limits, same
// `_extends` rules), following `_extends` into local checkouts where it can,
// and says what is wrong with each.
import { resolveConfig } from "../config/resolve-config.js";
import type { Config } from "../config/schema.js";
import { TARGET_NAMES } from "../config/schema.js";
import { type CommandContext, write } from "./cli-io.js";
import type { CliWords } from "./cli-language.js";
import { localConfigSource } from "./local-config-source.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { UsageError } from "./usage-error.js";

export async function checkConfigCommand(args: string[], { io, words }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { owner: { type: "string" }, "extends-root": { type: "string" } }, words);
  if (positionals.length === 0) throw new UsageError(words.checkConfig.fileExpected);
  if (values.owner !== undefined && !/^[A-Za-z0-9-]{1,39}$/.test(values.owner)) throw new UsageError(words.ownerExpected(JSON.stringify(values.owner)));
  let exitCode = 0;
  for (const file of positionals) {
    const source = localConfigSource({ file, words, ...(values.owner !== undefined ? { owner: values.owner } : {}), ...(values["extends-root"] !== undefined ? { extendsRoot: values["extends-root"] } : {}) });
    const resolved = await resolveConfig(source, source.start, { file });
    if (resolved.kind === "missing") {
      const error = new UsageError(words.cannotRead(words.files.configuration, file, words.reasons.noSuchFile));
      // With several files, one that is missing does not stop the others from being checked.
      if (positionals.length === 1) throw error;
      await write(io.stderr, `incident-sla check-config: ${error.message}\n`);
      exitCode = 2;
      continue;
    }
    if (resolved.kind === "invalid") {
      await write(io.stderr, `${resolved.error.message}\n`);
      exitCode = Math.max(exitCode, 1);
      continue;
    }
    const merged = resolved.files.length > 1 ? `\n  ${words.checkConfig.mergedOver(resolved.files.slice(1))}` : "";
    await write(io.stdout, `${words.checkConfig.valid(file)}\n  ${summary(resolved.config, words)}${merged}\n`);
    for (const note of resolved.notes) await write(io.stderr, `${words.checkConfig.notChecked(file, note)}\n`);
  }
  return exitCode;
}

/** One line: zone, language, calendar and the severities' targets. */
function summary(config: Config, words: CliWords): string {
  const severities = Object.entries(config.severities)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([level, s]) => {
      const targets = TARGET_NAMES.filter((t) => s[t] !== undefined).map((t) => `${t} ${s[t]}`);
      return `${level} (${[s.clock, ...targets].join(", ")})`;
    });
  const calendar = `${config.calendar.preset} ${config.calendar.hours} ${config.calendar.workingDays.join(",")}`;
  return words.checkConfig.summary({ zone: config.timezone, language: config.language, calendar, severities, defaultSeverity: config.defaultSeverity });
}
