// Reading files and standard input for the command line. A file that cannot
// be read is a usage error (the caller named the wrong path); a file whose
// content is not what was expected is an input error.
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { wordsFor } from "../words/index.js";
import type { CliWords } from "./cli-language.js";
import { InputError, UsageError } from "./usage-error.js";

const ENGLISH = wordsFor("en").cli;

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

export async function readTextFile(path: string, what: string, words: CliWords): Promise<string> {
  try {
    return stripBom(await readFile(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const { reasons } = words;
    const reason =
      code === "ENOENT" ? reasons.noSuchFile : code === "EISDIR" ? reasons.isDirectory : code === "EACCES" ? reasons.permissionDenied : (error as Error).message;
    throw new UsageError(words.cannotRead(what, path, reason));
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
export function parseJsonSequence(text: string, source: string, words: CliWords = ENGLISH): unknown[] {
  if (text.trim() === "") throw new InputError(words.json.empty(source));
  try {
    return [JSON.parse(text)];
  } catch (error) {
    const pieces = splitTopLevel(text);
    if (pieces.length < 2) throw new InputError(words.json.invalid(source, (error as Error).message));
    return pieces.map((piece, i) => {
      try {
        return JSON.parse(piece) as unknown;
      } catch (inner) {
        throw new InputError(words.json.valueInvalid(source, i + 1, (inner as Error).message));
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
export function timelineFromValues(values: unknown[], source: string, words: CliWords = ENGLISH): unknown[] {
  const events: unknown[] = [];
  values.forEach((value, i) => {
    if (!Array.isArray(value)) {
      throw new InputError(words.json.notAnArray(source, values.length > 1 ? i + 1 : null));
    }
    events.push(...(value as unknown[]));
  });
  return flattenPages(events, source, words);
}

/** An array of pages (arrays) becomes one array of events; a mix of pages and events is an error. */
export function flattenPages(events: unknown[], source: string, words: CliWords): unknown[] {
  const pages = events.filter(Array.isArray).length;
  if (pages === 0) return events;
  if (pages < events.length) throw new InputError(words.json.mixesPages(source));
  return (events as unknown[][]).flat();
}
