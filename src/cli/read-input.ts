// Reading files and standard input for the command line. A file that cannot
// be read is a usage error (the caller named the wrong path); a file whose
// content is not what was expected is an input error.
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { InputError, UsageError } from "./usage-error.js";

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return stripBom(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`);
  }
}

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return stripBom(Buffer.concat(chunks).toString("utf8"));
}

/**
 * The JSON values in a text holding one or more of them one after another,
 * as `gh api --paginate` prints one array per page. Only arrays and objects
 * can follow each other; a single value of any kind is parsed as usual.
 */
export function parseJsonSequence(text: string, source: string): unknown[] {
  if (text.trim() === "") throw new InputError(`${source}: empty, expected JSON`);
  try {
    return [JSON.parse(text)];
  } catch (error) {
    const pieces = splitTopLevel(text);
    if (pieces.length < 2) throw new InputError(`${source}: not valid JSON: ${(error as Error).message}`);
    return pieces.map((piece, i) => {
      try {
        return JSON.parse(piece) as unknown;
      } catch (inner) {
        throw new InputError(`${source}: JSON value ${i + 1} is not valid: ${(inner as Error).message}`);
      }
    });
  }
}

/** Splits at the ends of top-level arrays and objects, minding strings; whatever is left over becomes its own piece to fail. */
function splitTopLevel(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let inString = false;
  let begin = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (depth === 0 && begin < 0 && !/\s/.test(c)) begin = i;
    if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        pieces.push(text.slice(begin, i + 1));
        begin = -1;
      }
    }
  }
  if (begin >= 0) pieces.push(text.slice(begin));
  return pieces;
}

/**
 * A timeline from what `gh api` prints: a plain array of events, several
 * arrays one after another (`--paginate`), or an array of arrays
 * (`--paginate --slurp`). Events are objects, so an array of arrays is never
 * a timeline itself and can be flattened without guessing.
 */
export function timelineFromValues(values: unknown[], source: string): unknown[] {
  const events: unknown[] = [];
  values.forEach((value, i) => {
    if (!Array.isArray(value)) {
      const where = values.length > 1 ? `JSON value ${i + 1}` : "the JSON value";
      throw new InputError(`${source}: ${where} is not an array: expected the events gh api --paginate repos/OWNER/REPO/issues/N/timeline prints`);
    }
    events.push(...(value as unknown[]));
  });
  return flattenPages(events, source);
}

/** An array of pages (arrays) becomes one array of events; a mix of pages and events is an error. */
export function flattenPages(events: unknown[], source: string): unknown[] {
  const pages = events.filter(Array.isArray).length;
  if (pages === 0) return events;
  if (pages < events.length) throw new InputError(`${source}: mixes arrays (pages) and events; expected one or the other`);
  return (events as unknown[][]).flat();
}
