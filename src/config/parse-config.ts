// Turning raw configuration (parsed YAML or JSON) into a Config, or an error
// that names the file, each field's path and what would be valid.
import { type Document, isMap, isScalar, isSeq } from "yaml";
import { z } from "zod";
import { ConfigError, type ConfigProblem, SHOWN_PROBLEMS } from "./config-error.js";
import { mergeConfigs } from "./merge-configs.js";
import { type ConfigDocument, parseConfigDocument } from "./parse-config-document.js";
import { type Config, configSchema } from "./schema.js";

export const CONFIG_PATH = ".github/incident-sla.yml";

export { ConfigError, type ConfigProblem };

/** Keys valid beside an unknown one, to suggest the nearest. */
function knownKeysAt(path: PropertyKey[]): string[] {
  type Node = { def?: { innerType?: Node; in?: Node; valueType?: Node }; shape?: Record<string, Node> } | undefined;
  // Unwrap defaults, optionals, pipes and refinements down to an object or record.
  const unwrap = (node: Node): Node => {
    for (let i = 0; i < 8 && node?.def; i++) {
      const next = node.def.innerType ?? node.def.in;
      if (!next) break;
      node = next;
    }
    return node;
  };
  let schema: Node = unwrap(configSchema as unknown as Node);
  for (const key of path.map(String)) {
    schema = unwrap(schema?.shape ? schema.shape[key] : schema?.def?.valueType);
  }
  return schema?.shape ? Object.keys(schema.shape) : [];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

function unknownKeyMessage(key: string, known: string[]): string {
  const near = known.filter((k) => distance(key, k) <= Math.max(2, Math.floor(k.length / 3))).sort((x, y) => distance(key, x) - distance(key, y));
  const hint = near[0] ? `did you mean "${near[0]}"?` : known.length ? `valid keys here: ${known.join(", ")}` : "";
  return `unknown key ${JSON.stringify(key)}${hint ? `: ${hint}` : ""}`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key") {
    // A record key that its key schema refused: that schema's message says what is valid.
    const inner = issue.issues[0];
    return `key ${JSON.stringify(issue.path.at(-1) ?? "")}: ${inner ? describeIssue(inner) : issue.message}`;
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
    return `expected ${issue.expected}`;
  }
  return issue.message;
}

type Ranged = { range?: [number, number, number] | null };

/**
 * Where a field is written: the key of the deepest part of `path` present in
 * the file (for a list item, the item), so an unknown key or a wrong mapping
 * points at its own line rather than at its contents.
 */
function locate(doc: Document, path: string[]): number | undefined {
  if (path.length === 0) return (doc.contents as Ranged | null)?.range?.[0] ?? undefined;
  // Walk down by key text: YAML keys such as `1:` are numbers, paths are strings.
  let node: unknown = doc.contents;
  let found: number | undefined;
  for (const name of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === name);
      if (!pair) break;
      found = ((pair.key ?? pair.value) as Ranged | null)?.range?.[0] ?? found;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(name)] as Ranged | undefined;
      if (!item) break;
      found = item.range?.[0] ?? found;
      node = item;
    } else break;
  }
  return found;
}

/** Where a problem's field is written: its file (when another than the error's) and line. */
type Locator = (path: string[]) => { line?: number; file?: string };

/** Problems for a zod error, each placed by `where` when one is given. */
function problemsOf(error: z.ZodError, where?: Locator): ConfigProblem[] {
  // One problem per unknown key, located at the key itself.
  // A "did you mean" for the keys a message shows; past those, the key alone.
  let shown = 0;
  const issues = error.issues.flatMap((issue) => {
    if (issue.code !== "unrecognized_keys") {
      shown++;
      return [{ path: issue.path, message: describeIssue(issue) }];
    }
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: shown++ < SHOWN_PROBLEMS ? unknownKeyMessage(key, knownKeysAt(issue.path)) : `unknown key ${JSON.stringify(key)}`,
    }));
  });
  return issues.map((issue, index) => {
    const path = issue.path.map(String);
    const problem: ConfigProblem = { path: path.join("."), message: issue.message };
    // Only the problems a message shows are located (each search walks the file's mappings).
    const found = index < SHOWN_PROBLEMS ? where?.(path) : undefined;
    if (found?.file) problem.file = found.file;
    if (found?.line !== undefined) problem.line = found.line;
    return problem;
  });
}

/** How many leading parts of `path` are present in `data`. */
function depthPresent(data: unknown, path: string[]): number {
  let node = data;
  let depth = 0;
  for (const name of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, name)) break;
    node = (node as Record<string, unknown>)[name];
    depth++;
  }
  return depth;
}

/**
 * Places a field of a merged configuration in the file that gave it: the one
 * that writes most of its path, the later file (the extending one) on a tie.
 */
function locatorOf(documents: [ConfigDocument, ...ConfigDocument[]]): Locator {
  return (path) => {
    let best: ConfigDocument = documents[0];
    let bestDepth = 0;
    for (const d of documents) {
      const depth = depthPresent(d.data, path);
      if (depth > bestDepth) {
        best = d;
        bestDepth = depth;
      }
    }
    const offset = locate(best.doc, path);
    return {
      ...(offset !== undefined ? { line: best.lines.linePos(offset).line } : {}),
      ...(best !== documents[0] ? { file: best.file } : {}),
    };
  };
}

/**
 * Validates raw configuration and applies defaults. Throws a ConfigError whose
 * message names the file, every wrong field and what would be valid.
 */
export function parseConfig(raw: unknown, file: string = CONFIG_PATH): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(file, problemsOf(result.error));
  return result.data;
}

/**
 * Validates a file merged with the files it extends (`documents[0]` is the
 * file itself, then what it extends, nearest first). Errors are named after
 * the first file; a problem written in another file says which, with its line.
 */
export function validateDocuments(documents: [ConfigDocument, ...ConfigDocument[]]): Config {
  const raw = documents.length === 1 ? documents[0].data : mergeConfigs([...documents].reverse().map((d) => d.data));
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(documents[0].file, problemsOf(result.error, locatorOf(documents)));
  return result.data;
}

/** Parses the text of one configuration file (YAML; JSON is YAML too), with line numbers in errors; `_extends` is not followed. */
export function parseConfigText(text: string, file: string = CONFIG_PATH): Config {
  return validateDocuments([parseConfigDocument(text, file)]);
}
