// The contract's configuration from a file (YAML or JSON), merged over the
// files its `_extends` names, found in checkouts of the owner's repositories
// as `check-config` finds them (local-config-source.ts): beside the repository
// holding FILE, or under --extends-root DIR. A missing or unreadable file is a
// usage error; an invalid one (or one it extends) throws the ConfigError that
// names the file, the field, the line and the fix. An `_extends` that cannot
// be followed from here is said on stderr, never passed over in silence: the
// file is then used with the defaults under it.
import { resolveConfig } from "../config/resolve-config.js";
import type { Config } from "../config/schema.js";
import { type CliIo, write } from "./cli-io.js";
import type { CliWords } from "./cli-language.js";
import { localConfigSource } from "./local-config-source.js";
import { readTextFile } from "./read-input.js";
import { UsageError } from "./usage-error.js";

export interface LoadConfigOptions {
  /** --extends-root: where the owner's repositories are checked out. */
  extendsRoot?: string;
  /** Says what could not be followed (the command's stderr). */
  warn: (message: string) => Promise<void>;
}

/** The options of a command with --config: its --extends-root, and its stderr for what was not followed. */
export function configOptions(extendsRoot: string | undefined, io: Pick<CliIo, "stderr">, command: string): LoadConfigOptions {
  return { ...(extendsRoot !== undefined ? { extendsRoot } : {}), warn: (message) => write(io.stderr, `incident-sla ${command}: ${message}\n`) };
}

export async function loadConfig(path: string, words: CliWords, options: LoadConfigOptions): Promise<Config> {
  // The file itself is read as every input file is, so that its errors stay usage errors.
  const text = await readTextFile(path, words.files.configuration, words);
  const source = localConfigSource({ file: path, words, ...(options.extendsRoot !== undefined ? { extendsRoot: options.extendsRoot } : {}) });
  const resolved = await resolveConfig(
    { ...source, read: (location) => (location === source.start ? Promise.resolve({ kind: "text" as const, text }) : source.read(location)) },
    source.start,
    { file: path },
  );
  if (resolved.kind === "invalid") throw resolved.error;
  // Not reached: the file's own text was read above.
  if (resolved.kind === "missing") throw new UsageError(words.cannotRead(words.files.configuration, path, words.reasons.noSuchFile));
  for (const note of resolved.notes) await options.warn(words.extendsNotFollowed(path, note));
  return resolved.config;
}
