// Turning raw configuration (parsed YAML or JSON) into a Config, or an error
// that names the file, each field's path and what would be valid.
import { type Document, LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { z } from "zod";
import { type Config, configSchema } from "./schema.js";

export const CONFIG_PATH = ".github/incident-sla.yml";

export interface ConfigProblem {
  /** Dotted field path, e.g. "severities.1.accept"; "" for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
  }
}

function formatProblems(file: string, problems: ConfigProblem[]): string {
  const lines = problems.map((p) => {
    const where = [p.path || "(file)", p.line ? `line ${p.line}` : ""].filter(Boolean).join(", ");
    return `  - ${where}: ${p.message}`;
  });
  return `Invalid configuration in ${file}:\n${lines.join("\n")}`;
}

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

/** Problems for a zod error, located in the YAML document when one is given. */
function problemsOf(error: z.ZodError, doc?: Document, lines?: LineCounter): ConfigProblem[] {
  // One problem per unknown key, located at the key itself.
  const issues = error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: unknownKeyMessage(key, knownKeysAt(issue.path)) }))
      : [{ path: issue.path, message: describeIssue(issue) }],
  );
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const problem: ConfigProblem = { path: path.join("."), message: issue.message };
    if (doc && lines) {
      const offset = locate(doc, path);
      if (offset !== undefined) problem.line = lines.linePos(offset).line;
    }
    return problem;
  });
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

/** Parses the text of a configuration file (YAML; JSON is YAML too), with line numbers in errors. */
export function parseConfigText(text: string, file: string = CONFIG_PATH): Config {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => ({
        path: "",
        message: `YAML syntax error: ${e.message.split("\n")[0]}`,
        line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
      })),
    );
  }
  const raw: unknown = doc.toJS();
  if (raw !== null && raw !== undefined && (typeof raw !== "object" || Array.isArray(raw))) {
    throw new ConfigError(file, [{ path: "", message: "expected a mapping of keys such as timezone:, calendar:, severities:", line: 1 }]);
  }
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(file, problemsOf(result.error, doc, lines));
  return result.data;
}
