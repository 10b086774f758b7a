// One repository's configuration: its own file, merged over the files it
// `_extends` (DESIGN §3), with every mistake turned into one ConfigError that
// names the file and the problem. The same function serves the app (files
// read from GitHub) and `check-config` (files read from checkouts), so both
// refuse exactly the same things. Trust stays inside the owner (README, Configuration):
// `_extends` naming another owner is refused before anything is read.
import { ConfigError, type ConfigProblem } from "./config-error.js";
import { parseExtendsTarget } from "./extends-target.js";
import { CONFIG_PATH, validateDocuments } from "./parse-config.js";
import { CONFIG_LIMITS, type ConfigDocument, parseConfigDocument } from "./parse-config-document.js";
import type { Config } from "./schema.js";

/** Files a configuration may extend, one after the other (the plugin followed any number). */
const MAX_EXTENDED_FILES = 3;

/** What reading one file gave; `reason` reads after the file's name ("is a directory, not a file"). */
export type SourceRead = { kind: "text"; text: string } | { kind: "missing" } | { kind: "unreadable"; reason: string };

/** Where the files are: GitHub for the app, the local disk for check-config. */
export interface ConfigSource<L> {
  /** The owner of the first file, when known; `_extends` may not leave it. */
  owner: string | undefined;
  /** The file's name in messages. */
  name(location: L): string;
  /** Equal keys are the same file (a cycle). */
  key(location: L): string;
  read(location: L): Promise<SourceRead>;
  /** The file `_extends` names (repository of the same owner, path in it), or why it cannot be read from here. */
  follow(from: L, target: { repo: string; path: string }): { location: L } | { unchecked: string };
}

export type ResolvedConfig =
  | { kind: "missing" }
  | {
      kind: "valid";
      config: Config;
      /** The files read, the repository's own first. */
      files: string[];
      /** What could not be checked from here (check-config without a checkout). */
      notes: string[];
    }
  | { kind: "invalid"; error: ConfigError };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const KIB = 1024;

/** A file of `size` bytes is refused before it is read whole. */
export function tooLarge(size: number): SourceRead | undefined {
  if (size <= CONFIG_LIMITS.bytes) return undefined;
  return { kind: "unreadable", reason: `is ${Math.ceil(size / KIB)} KiB; a configuration may be at most ${CONFIG_LIMITS.bytes / KIB} KiB` };
}

/** A file's bytes as text: within the size limit and UTF-8 (a byte order mark is dropped). */
export function configText(bytes: Uint8Array): SourceRead {
  const large = tooLarge(bytes.length);
  if (large) return large;
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch (error) {
    if (error instanceof TypeError) return { kind: "unreadable", reason: "is not UTF-8 text" };
    throw error;
  }
}

/** The line of the top-level `_extends` key in a document. */
function extendsLine(d: ConfigDocument): number | undefined {
  const contents = d.doc.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
  const pair = contents?.items?.find((p) => p.key?.value === "_extends");
  const offset = pair?.key?.range?.[0];
  return offset === undefined ? undefined : d.lines.linePos(offset).line;
}

/**
 * Reads `start` and the files it extends, validates the merged result.
 * Throws only what the source throws (a GitHub outage): every mistake in the
 * files is an `invalid` result.
 */
export async function resolveConfig<L>(source: ConfigSource<L>, start: L, options: { file?: string } = {}): Promise<ResolvedConfig> {
  const ownName = options.file ?? source.name(start);
  const first = await source.read(start);
  // Only a repository with its own file is a customer's.
  if (first.kind === "missing") return { kind: "missing" };
  const invalid = (problems: ConfigProblem[]): ResolvedConfig => ({ kind: "invalid", error: new ConfigError(ownName, problems) });
  if (first.kind === "unreadable") return invalid([{ path: "", message: `this path ${first.reason}` }]);

  let own: ConfigDocument;
  try {
    own = parseConfigDocument(first.text, ownName);
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", error };
    throw error;
  }
  const documents: [ConfigDocument, ...ConfigDocument[]] = [own];
  const notes: string[] = [];
  const seen = new Set([source.key(start)]);
  const chain = [ownName];
  let location = start;

  for (let current = documents[0]; current.data._extends !== undefined; current = documents[documents.length - 1]!) {
    // A problem of this `_extends`, placed at its line (in the file that has it, when not the first).
    const here = (message: string): ConfigProblem => {
      const line = extendsLine(current);
      return { path: "_extends", message, ...(line ? { line } : {}), ...(current !== documents[0] ? { file: current.file } : {}) };
    };
    const target = parseExtendsTarget(current.data._extends);
    if ("problem" in target) return invalid([here(target.problem)]);
    if (target.owner !== undefined && source.owner !== undefined && !same(target.owner, source.owner)) {
      return invalid([here(`_extends must stay within the owner ${source.owner}: ${JSON.stringify(current.data._extends)} names a repository of ${target.owner}, so nothing was read from it. Name a repository of ${source.owner}, such as ".github" or "repo:path".`)]);
    }
    if (target.owner !== undefined && source.owner === undefined) {
      notes.push(`_extends ${JSON.stringify(current.data._extends)} names the owner ${target.owner}; whether that is this file's owner was not checked`);
    }
    if (documents.length > MAX_EXTENDED_FILES) {
      return invalid([here(`too many files extend each other (${[...chain, "…"].join(" → ")}); at most ${MAX_EXTENDED_FILES} may be extended`)]);
    }
    const next = source.follow(location, { repo: target.repo, path: target.path ?? CONFIG_PATH });
    if ("unchecked" in next) {
      notes.push(next.unchecked);
      break;
    }
    const nextName = source.name(next.location);
    if (seen.has(source.key(next.location))) {
      return invalid([here(`${JSON.stringify(current.data._extends)} leads back to ${nextName}: the files extend each other in a circle (${[...chain, nextName].join(" → ")})`)]);
    }
    seen.add(source.key(next.location));
    chain.push(nextName);
    const read = await source.read(next.location);
    if (read.kind === "missing") {
      return invalid([here(`${nextName}, which this file extends, does not exist on the default branch of that repository (or the app cannot see that repository: is it included in the app's installation?)`)]);
    }
    if (read.kind === "unreadable") return invalid([here(`${nextName}, which this file extends, ${read.reason}`)]);
    try {
      documents.push(parseConfigDocument(read.text, nextName));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return invalid(error.problems.map((p) => ({ ...p, file: nextName })));
    }
    location = next.location;
  }

  try {
    return { kind: "valid", config: validateDocuments(documents), files: chain, notes };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", error };
    throw error;
  }
}
