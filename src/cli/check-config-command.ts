// `incident-sla check-config FILE...`: validates configuration files the way
// the app will read them, and says what is wrong with each.
import { ConfigError } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import { TARGET_NAMES } from "../config/schema.js";
import { type CommandContext, write } from "./cli-io.js";
import { loadConfig } from "./load-config.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { UsageError } from "./usage-error.js";

export async function checkConfigCommand(args: string[], { io }: CommandContext): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length === 0) throw new UsageError("expected a configuration FILE to check");
  let exitCode = 0;
  for (const file of positionals) {
    try {
      const config = await loadConfig(file);
      await write(io.stdout, `${file}: valid\n  ${summary(config)}\n`);
      if (config._extends) {
        await write(io.stdout, `  note: _extends ${JSON.stringify(config._extends)} was not followed; the app merges it when it reads this file\n`);
      }
    } catch (error) {
      if (error instanceof ConfigError) {
        await write(io.stderr, `${error.message}\n`);
        exitCode = Math.max(exitCode, 1);
      } else if (error instanceof UsageError && positionals.length > 1) {
        // With several files, one that is missing does not stop the others from being checked.
        await write(io.stderr, `incident-sla check-config: ${error.message}\n`);
        exitCode = 2;
      } else throw error;
    }
  }
  return exitCode;
}

/** One line: zone, language, calendar and the severities' targets. */
function summary(config: Config): string {
  const severities = Object.entries(config.severities)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([level, s]) => {
      const targets = TARGET_NAMES.filter((t) => s[t] !== undefined).map((t) => `${t} ${s[t]}`);
      return `${level} (${[s.clock, ...targets].join(", ")})`;
    });
  const calendar = `calendar ${config.calendar.preset} ${config.calendar.hours} ${config.calendar.workingDays.join(",")}`;
  return `zone ${config.timezone}, language ${config.language}, ${calendar}, severities ${severities.join("; ")}, default ${config.defaultSeverity}`;
}
