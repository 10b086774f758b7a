// The text of one configuration file turned into plain data, within limits a
// hostile file cannot get around (README, Configuration): a size cap, a nesting depth
// bounded before the YAML parser sees the text (a deep unclosed `[[[[…` of
// 64 KiB runs the parser out of memory), a cap on alias expansion, and
// duplicate keys found in linear time (the parser's own check compares every
// pair of keys). Every refusal is a ConfigError naming the file and the line.
import { CST, type Document, LineCounter, Lexer, isMap, isScalar, parseDocument, visit } from "yaml";
import { ConfigError, type ConfigProblem } from "./config-error.js";

export const CONFIG_LIMITS = {
  /** Bytes of one file: about ten times the largest real contract. */
  bytes: 64 * 1024,
  /** Levels of nesting (a contract needs about five). */
  depth: 32,
  /** Alias expansion the YAML parser allows before it calls it an attack. */
  aliases: 100,
} as const;

export interface ConfigDocument {
  file: string;
  /** The file's mapping as plain data; an empty file is `{}`. */
  data: Record<string, unknown>;
  doc: Document;
  lines: LineCounter;
}

const KIB = 1024;
const kib = (bytes: number) => `${Math.ceil(bytes / KIB)} KiB`;

function problem(file: string, message: string, line?: number): ConfigError {
  return new ConfigError(file, [{ path: "", message, ...(line ? { line } : {}) }]);
}

/**
 * The first line at which the file nests deeper than `limit`, or undefined.
 * An upper bound read from the lexer's tokens (linear, no recursion): flow
 * brackets exactly, block levels as the indentation stack plus the `-`, `?`
 * and `:` indicators on the line. It may count a level twice, never misses one.
 */
export function lineTooDeep(text: string, limit: number): number | undefined {
  let line = 1;
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  let onLine = 0;
  let scalarSource = false;
  let blockScalar = false;
  const indents: number[] = [];
  for (const token of new Lexer().lex(text)) {
    // Markers the lexer adds: a scalar's source follows SCALAR; the others carry no text.
    if (token === CST.SCALAR) {
      scalarSource = true;
      continue;
    }
    if (token === CST.DOCUMENT || token === CST.FLOW_END || token === CST.BOM) continue;
    const type = scalarSource ? "scalar" : CST.tokenType(token);
    const blockContent = scalarSource && blockScalar;
    scalarSource = false;
    if (type === "block-scalar-header") blockScalar = true;
    else if (type === "scalar") blockScalar = false;

    if (type === "space") {
      if (lineStart) indent += token.length;
    } else if (type !== "newline" && type !== "comment" && !blockContent) {
      if (type === "doc-start" || type === "doc-end") indents.length = 0;
      else if (lineStart && flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        onLine = 0;
      }
      if (type === "flow-map-start" || type === "flow-seq-start") flow++;
      else if (type === "flow-map-end" || type === "flow-seq-end") flow = Math.max(0, flow - 1);
      else if (flow === 0 && (type === "seq-item-ind" || type === "explicit-key-ind" || type === "map-value-ind")) onLine++;
      lineStart = false;
      if (indents.length + onLine + flow > limit) return line;
    }
    for (let i = token.indexOf("\n"); i !== -1; i = token.indexOf("\n", i + 1)) line++;
    if (token.endsWith("\n")) {
      lineStart = true;
      indent = 0;
    }
  }
  return undefined;
}

/** Duplicate keys, each on the line of its second occurrence. */
function duplicateKeys(doc: Document, lines: LineCounter): ConfigProblem[] {
  const found: ConfigProblem[] = [];
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const offset = pair.key.range?.[0];
          found.push({ path: "", message: `YAML syntax error: Map keys must be unique (${JSON.stringify(key)} appears twice)`, ...(offset !== undefined ? { line: lines.linePos(offset).line } : {}) });
        }
        seen.add(key);
      }
    },
  });
  return found;
}

/**
 * Parses one configuration file's text (YAML; JSON is YAML too). Throws a
 * ConfigError for a file too large, nested too deep, with YAML errors, too
 * many aliases, or whose top level is not a mapping.
 */
export function parseConfigDocument(text: string, file: string): ConfigDocument {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > CONFIG_LIMITS.bytes) throw problem(file, `the file is ${kib(bytes)}; a configuration may be at most ${kib(CONFIG_LIMITS.bytes)}`);
  const deep = lineTooDeep(text, CONFIG_LIMITS.depth);
  if (deep !== undefined) throw problem(file, `nested more than ${CONFIG_LIMITS.depth} levels deep`, deep);

  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const errors: ConfigProblem[] = doc.errors.map((e) => ({
    path: "",
    message: `YAML syntax error: ${e.message.split("\n")[0]}`,
    line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line,
  }));
  errors.push(...duplicateKeys(doc, lines));
  if (errors.length > 0) throw new ConfigError(file, errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases });
  } catch (error) {
    // The parser refuses an alias expansion that grows too fast ("billion laughs").
    if (error instanceof ReferenceError) throw problem(file, `too many aliases: at most ${CONFIG_LIMITS.aliases} expansions of anchors are allowed`);
    throw error;
  }
  if (data === null || data === undefined) return { file, data: {}, doc, lines };
  if (typeof data !== "object" || Array.isArray(data)) {
    const what = Array.isArray(data) ? "a list" : `a single value (${typeof data})`;
    throw problem(file, `the file is ${what}; expected a mapping of keys such as timezone:, calendar:, severities:`, 1);
  }
  return { file, data: data as Record<string, unknown>, doc, lines };
}
