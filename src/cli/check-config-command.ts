// `incident-sla check-config FILE...`: validates configuration files through
// the same resolveConfig the app reads them with (same limits, same
// `_extends` rules), following `_extends` into local checkouts where it can,
// and says what is wrong with each.
import { resolveConfig } from "../config/resolve-config.js";
import type { Config } from "../config/schema.js";
import { TARGET_NAMES } from "../config/schema.js";
import { type CommandContext, write } from "./cli-io.js";
import { localConfigSource } from "./local-config-source.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { UsageError } from "./usage-error.js";

export async function checkConfigCommand(args: string[], { io }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { owner: { type: "string" }, "extends-root": { type: "string" } });
  if (positionals.length === 0) throw new UsageError("expected a configuration FILE to check");
  if (values.owner !== undefined && !/^[A-Za-z0-9-]{1,39}$/.test(values.owner)) throw new UsageError(`--owner expects a GitHub owner (user or organisation), got ${JSON.stringify(values.owner)}`);
  let exitCode = 0;
  for (const file of positionals) {
    const source = localConfigSource({ file, ...(values.owner !== undefined ? { owner: values.owner } : {}), ...(values["extends-root"] !== undefined ? { extendsRoot: values["extends-root"] } : {}) });
    const resolved = await resolveConfig(source, source.start, { file });
    if (resolved.kind === "missing") {
      const error = new UsageError(`cannot read configuration file ${file}: no such file`);
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
    const merged = resolved.files.length > 1 ? `\n  merged over ${resolved.files.slice(1).join(", then ")}` : "";
    await write(io.stdout, `${file}: valid\n  ${summary(resolved.config)}${merged}\n`);
    for (const note of resolved.notes) await write(io.stderr, `${file}: not checked: ${note}\n`);
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
