// Reading the fields of an issue-form body. GitHub renders each field as a
// "### Label" heading followed by the answer, or "_No response_". Bodies come
// from people and the API, so the parser only treats a heading as a field
// when it is one of the known labels, never inside a code fence, and copes
// with CRLF line ends. A "###" line inside a free-text answer stays part of
// it; after a one-line answer (a dropdown, an input) it starts a field the app
// does not read.
//
// Linear time (README, Security: issue forms are read one answer per field). A body is up to 65,536 characters a customer wrote,
// parsed on every event and every sweep on the one thread that serves every
// customer; a backtracking heading pattern here once held that thread for
// seconds on a single line ("### Notes", 2,500 spaces, "x"). So this module
// runs no regular expression on body text: lines, fences, headings and
// answers are read by plain scanning that looks at each character a bounded
// number of times, and choosing among repeated headings (below) is a dynamic
// programme with 2·(fields + 1) states per heading line.
// tests/domain/issue-form-hostile.test.ts holds both to that: the source of
// the form modules has no regular expression at all, and adversarial bodies of
// 65,536 characters parse within a generous ceiling.
//
// One answer per field (P11). GitHub renders every field of a form
// exactly once, in the form's order: `fields` must be given in that order
// (FORM_FIELDS is). Text pasted into an answer may contain another field's
// heading ("### Channel", "### Received at"); it must not set that field. So
// when a known heading appears more than once, the parser takes the
// occurrences that fit the form's structure: as many fields as possible in the
// form's order; a copy must sit inside a free-text answer (nothing else can
// hold a line break); and among equally good readings the later occurrence,
// because pasted text sits in an answer ahead of the field's real place. A
// known heading that appears once, out of order, is read as its field (people
// edit bodies and the API needs no form), unless it sits inside a free-text
// answer with more of the form after it: then it is text of that answer. The
// caller is told which fields were repeated and which were read as text, so it
// can say so.
import type { FormField } from "./form-fields.js";
import { isSpaceCode } from "./is-space-code.js";

const HASH = 0x23;
const BACKTICK = 0x60;
const TILDE = 0x7e;
const LF = 0x0a;
const CR = 0x0d;
const NO_RESPONSE = "_No response_";

/** What `.` in a regular expression does not match. */
const isLineEnd = (c: number) => c === LF || c === CR || c === 0x2028 || c === 0x2029;

/**
 * Code points that show nothing, as inclusive ranges: Unicode format
 * characters (Cf: zero-width space, joiners, word joiner, BOM, bidi controls,
 * tags) and default-ignorable code points (Hangul fillers, variation
 * selectors), from the Unicode 17 data of Node 20 (a test compares this
 * table with the runtime's own), plus U+2800 BRAILLE PATTERN BLANK.
 */
const INVISIBLE: readonly (readonly [number, number])[] = [
  [0xad, 0xad],
  [0x34f, 0x34f],
  [0x600, 0x605],
  [0x61c, 0x61c],
  [0x6dd, 0x6dd],
  [0x70f, 0x70f],
  [0x890, 0x891],
  [0x8e2, 0x8e2],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x2800, 0x2800],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfffb],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x13430, 0x1343f],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];

export function isInvisibleCode(c: number): boolean {
  if (c < 0xad) return false;
  for (const [from, to] of INVISIBLE) {
    if (c < from) return false;
    if (c <= to) return true;
  }
  return false;
}

const isBlankCode = (c: number) => isSpaceCode(c) || isInvisibleCode(c);

/** The text without leading and trailing whitespace or invisible characters. */
export function trimBlank(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end) {
    const c = text.codePointAt(start)!;
    if (!isBlankCode(c)) break;
    start += c > 0xffff ? 2 : 1;
  }
  while (end > start) {
    let c = text.charCodeAt(end - 1);
    let width = 1;
    if (c >= 0xdc00 && c <= 0xdfff && end - 2 >= start) {
      const high = text.charCodeAt(end - 2);
      if (high >= 0xd800 && high <= 0xdbff) {
        c = (high - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (!isBlankCode(c)) break;
    end -= width;
  }
  return text.slice(start, end);
}

/** An answer that says nothing: empty, only whitespace and invisible characters, or GitHub's "_No response_" (also wrapped in them). */
export function isBlankAnswer(text: string | null | undefined): boolean {
  if (!text) return true;
  const visible = trimBlank(text);
  return visible === "" || visible === NO_RESPONSE;
}

/** Trimmed, every run of whitespace one space, lower case: how headings and options are compared. */
export function normalText(text: string): string {
  const parts: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isSpaceCode(text.charCodeAt(i))) i++;
    if (i > start) parts.push(text.slice(start, i));
  }
  return parts.join(" ").toLowerCase();
}

/** The lines of a body; CRLF, CR and LF all end a line. */
export function splitLines(body: string): string[] {
  // Without a CR, the runtime's own split on a plain string is the same, and faster.
  if (!body.includes("\r")) return body.split("\n");
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c !== LF && c !== CR) continue;
    lines.push(body.slice(start, i));
    if (c === CR && body.charCodeAt(i + 1) === LF) i++;
    start = i + 1;
  }
  lines.push(body.slice(start));
  return lines;
}

/** How many whitespace characters a line starts with. */
function indent(line: string): number {
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  return i;
}

/**
 * The text of a level-3 heading line: at most three spaces, "###", at least
 * one space, the text, then optional closing #'s and spaces. Undefined when
 * the line is not one ("#### x", "###x", four spaces of indent).
 */
export function headingText(line: string): string | undefined {
  let i = indent(line);
  if (i > 3 || line.charCodeAt(i) !== HASH || line.charCodeAt(i + 1) !== HASH || line.charCodeAt(i + 2) !== HASH) return undefined;
  i += 3;
  if (i >= line.length || !isSpaceCode(line.charCodeAt(i))) return undefined;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  let end = line.length;
  while (end > i && isSpaceCode(line.charCodeAt(end - 1))) end--;
  while (end > i && line.charCodeAt(end - 1) === HASH) end--;
  while (end > i && isSpaceCode(line.charCodeAt(end - 1))) end--;
  // A separator inside the text makes it no heading (the parser always read it so).
  for (let j = i; j < end; j++) if (isLineEnd(line.charCodeAt(j))) return undefined;
  return line.slice(i, end);
}

/** The run of three or more backticks or tildes a line starts with (after at most three spaces): a code fence. */
export function fenceMark(line: string): string | undefined {
  const i = indent(line);
  if (i > 3) return undefined;
  const c = line.charCodeAt(i);
  if (c !== BACKTICK && c !== TILDE) return undefined;
  let j = i;
  while (j < line.length && line.charCodeAt(j) === c) j++;
  return j - i >= 3 ? line.slice(i, j) : undefined;
}

/**
 * A whole answer that is one fenced block (a textarea with `render:`) is the
 * block's content. `text` is trimmed. The opening run (three or more of one
 * character) and its info string end at the first line break; the answer must
 * end with a run of the same character, as long as the opening one or, failing
 * that, shorter down to three; the content stops before a line break ahead of
 * that closing run.
 */
function unfenced(text: string): string | null {
  const c = text.charCodeAt(0);
  if (c !== BACKTICK && c !== TILDE) return null;
  let open = 0;
  while (open < text.length && text.charCodeAt(open) === c) open++;
  const firstBreak = text.indexOf("\n");
  if (open < 3 || firstBreak < 0) return null;
  const from = firstBreak + 1;
  const n = text.length;
  let close = 0;
  while (close < n && text.charCodeAt(n - 1 - close) === c) close++;
  for (let run = Math.min(open, close); run >= 3; run--) {
    if (n - run - 1 >= from && text.charCodeAt(n - run - 1) === LF) return text.slice(from, n - run - 1);
    if (n - run >= from) return text.slice(from, n - run);
  }
  return null;
}

/** An answer's text, or null for no answer: nothing visible, "_No response_", or a code block holding either. */
function cleanValue(lines: readonly string[]): string | null {
  let text = trimBlank(lines.join("\n"));
  if (text === "" || text === NO_RESPONSE) return null;
  const content = unfenced(text);
  if (content !== null) text = trimBlank(content);
  return text === "" || text === NO_RESPONSE ? null : text;
}

/** A heading line outside code fences: its line and the index of its field in `fields` (-1: not a known field). */
interface HeadingLine {
  line: number;
  field: number;
}

function headingLines(lines: readonly string[], byHeading: ReadonlyMap<string, number>): HeadingLine[] {
  const found: HeadingLine[] = [];
  let fence: string | null = null;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const mark = fenceMark(line);
    if (fence) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = null;
    } else if (mark) {
      fence = mark;
    } else {
      const text = headingText(line);
      if (text !== undefined) found.push({ line: n, field: byHeading.get(normalText(text)) ?? -1 });
    }
  }
  return found;
}

/**
 * Which heading lines are the form's own fields: a longest chain of known
 * headings in the form's order (each field at most once); then the fewest
 * copies that could not be text (a copy needs a free-text answer, or a heading
 * the caller does not know, above it); then the latest occurrences. Viterbi
 * over the known headings; the state after one is (the form position of the
 * last field taken, whether an unknown heading came since). `known` lists the
 * known headings' indices in `headings`.
 */
function chooseFields(headings: readonly HeadingLine[], known: readonly number[], multiline: readonly boolean[]): boolean[] {
  const states = 2 * (multiline.length + 1);
  let covered = new Float64Array(states).fill(-1);
  let strays = new Float64Array(states);
  let lateness = new Float64Array(states);
  let nextCovered = new Float64Array(states);
  let nextStrays = new Float64Array(states);
  let nextLateness = new Float64Array(states);
  // For every known heading and state: the state before it, times two, plus one when the heading was taken as its field.
  const size = known.length * states;
  const back = states * 2 <= 256 ? new Uint8Array(size) : new Uint32Array(size);
  covered[0] = 0;

  const better = (c: number, s: number, l: number, to: number) =>
    c > nextCovered[to]! || (c === nextCovered[to]! && (s < nextStrays[to]! || (s === nextStrays[to]! && l > nextLateness[to]!)));
  const offer = (k: number, to: number, from: number, c: number, s: number, l: number, taken: number) => {
    if (!better(c, s, l, to)) return;
    nextCovered[to] = c;
    nextStrays[to] = s;
    nextLateness[to] = l;
    back[k * states + to] = from * 2 + taken;
  };

  for (let k = 0; k < known.length; k++) {
    const h = known[k]!;
    // An unknown heading since the previous known one: whatever was taken last, one came since.
    const unknownBetween = h - (k > 0 ? known[k - 1]! : -1) > 1;
    const fieldRank = headings[h]!.field + 1;
    nextCovered.fill(-1);
    for (let from = 0; from < states; from++) {
      const c = covered[from]!;
      if (c < 0) continue;
      const rank = from >> 1;
      const at = unknownBetween ? from | 1 : from;
      if (fieldRank > rank) offer(k, fieldRank * 2, from, c + 1, strays[from]!, lateness[from]! + h, 1);
      const canHoldText = (at & 1) === 1 || (rank > 0 && multiline[rank - 1]!);
      offer(k, at, from, c, strays[from]! + (canHoldText ? 0 : 1), lateness[from]!, 0);
    }
    [covered, nextCovered] = [nextCovered, covered];
    [strays, nextStrays] = [nextStrays, strays];
    [lateness, nextLateness] = [nextLateness, lateness];
  }

  let best = 0;
  for (let s = 1; s < states; s++) {
    const c = covered[s]!;
    const b = covered[best]!;
    if (c > b || (c === b && (strays[s]! < strays[best]! || (strays[s] === strays[best] && lateness[s]! > lateness[best]!)))) best = s;
  }
  const taken: boolean[] = headings.map(() => false);
  for (let k = known.length - 1, s = best; k >= 0; k--) {
    const step = back[k * states + s]!;
    taken[known[k]!] = (step & 1) === 1;
    s = step >>> 1;
  }
  return taken;
}

interface IssueFormReading<Id extends string> {
  /** A field's id maps to its text, or null when its heading is there with no answer; fields without their heading are absent. */
  answers: Map<Id, string | null>;
  /** Fields whose heading appears more than once outside code fences: the one in the form's place was read. */
  repeated: Id[];
  /** Fields whose only headings sit inside another field's free-text answer (`within`): read as text of that answer, not as the field. */
  enclosed: { field: Id; within: Id }[];
}

interface FieldLookup {
  /** A heading's normal text to the index of its field. */
  byHeading: ReadonlyMap<string, number>;
  multiline: readonly boolean[];
}
/** Per list of fields (callers keep theirs in a constant, never changed): the headings are normalised once, not on every body. */
const lookups = new WeakMap<readonly FormField[], FieldLookup>();

function lookupOf(fields: readonly FormField[]): FieldLookup {
  const known = lookups.get(fields);
  if (known) return known;
  const byHeading = new Map<string, number>();
  fields.forEach((field, i) => {
    byHeading.set(normalText(field.en), i);
    byHeading.set(normalText(field.ru), i);
  });
  const lookup = { byHeading, multiline: fields.map((f) => f.multiline === true) };
  lookups.set(fields, lookup);
  return lookup;
}

/** The answers to the given fields (in their form's order), and what in the body was ambiguous. */
export function readIssueForm<F extends FormField>(body: string, fields: readonly F[]): IssueFormReading<F["id"]> {
  const { byHeading, multiline } = lookupOf(fields);
  const lines = splitLines(body);
  const headings = headingLines(lines, byHeading);
  const known = headings.flatMap((heading, h) => (heading.field >= 0 ? [h] : []));
  const real = chooseFields(headings, known, multiline);

  // Known headings the chain left out. One outside any free-text answer (at
  // the top, after a one-line answer) is still its field, read where it is.
  const occurrences = new Map<number, number[]>();
  headings.forEach((heading, h) => {
    if (heading.field < 0) return;
    const list = occurrences.get(heading.field);
    if (list) list.push(h);
    else occurrences.set(heading.field, [h]);
  });
  const prevReal: number[] = [];
  for (let h = 0, last = -1; h < headings.length; h++) {
    prevReal.push(last);
    if (real[h]) last = h;
  }
  const nextReal: number[] = new Array<number>(headings.length);
  for (let h = headings.length - 1, next = -1; h >= 0; h--) {
    nextReal[h] = next;
    if (real[h]) next = h;
  }
  const enclosed: IssueFormReading<F["id"]>["enclosed"] = [];
  const repeated: F["id"][] = [];
  const inChain = new Set(headings.filter((_, h) => real[h]).map((heading) => heading.field));
  for (const [field, at] of [...occurrences].sort((a, b) => a[0] - b[0])) {
    if (at.length > 1) repeated.push(fields[field]!.id);
    if (inChain.has(field)) continue;
    const within = (h: number) => {
      const p = prevReal[h]!;
      return p >= 0 && multiline[headings[p]!.field]! && nextReal[h]! >= 0 ? headings[p]!.field : -1;
    };
    const free = at.filter((h) => within(h) < 0);
    if (free.length > 0) real[free.at(-1)!] = true;
    else enclosed.push({ field: fields[field]!.id, within: fields[within(at[0]!)]!.id });
  }

  const answers = new Map<F["id"], string | null>();
  headings.forEach((heading, h) => {
    if (!real[h]) return;
    const field = fields[heading.field]!;
    // A free-text answer runs to the next field; a one-line answer ends at any heading.
    let end = h + 1;
    while (end < headings.length && !(real[end] || !field.multiline)) end++;
    const stop = end < headings.length ? headings[end]!.line : lines.length;
    answers.set(field.id, cleanValue(lines.slice(heading.line + 1, stop)));
  });
  return { answers, repeated, enclosed };
}

/**
 * The answers to the given fields: a field's id maps to its text, or null
 * when the body has the heading but no answer. Fields whose heading does not
 * appear are absent from the result.
 */
export function parseIssueForm<F extends FormField>(body: string, fields: readonly F[]): Map<F["id"], string | null> {
  return readIssueForm(body, fields).answers;
}
