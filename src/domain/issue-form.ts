// Reading the fields of an issue-form body. GitHub renders each field as a
// "### Label" heading followed by the answer, or "_No response_". Bodies come
// from people and the API, so the parser only treats a heading as a field
// when it is one of the known labels, never inside a code fence, and copes
// with CRLF line ends. A "###" line inside a free-text answer stays part of
// it; after a one-line answer (a dropdown, an input) it starts a field the app
// does not read.
import type { FormField } from "./form-fields.js";

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}###\s+(.*?)\s*#*\s*$/;

const normal = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

function cleanValue(lines: string[]): string | null {
  let text = lines.join("\n").trim();
  if (text === "" || text === "_No response_") return null;
  // A single fenced block (a textarea with `render:`) is its content.
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text);
  if (fenced) text = (fenced[2] ?? "").trim();
  return text === "" ? null : text;
}

/**
 * The answers to the given fields: a field's id maps to its text, or null
 * when the body has the heading but no answer. Fields whose heading does not
 * appear are absent from the result.
 */
export function parseIssueForm<F extends FormField>(body: string, fields: readonly F[]): Map<F["id"], string | null> {
  const byHeading = new Map<string, F>();
  for (const field of fields) {
    byHeading.set(normal(field.en), field);
    byHeading.set(normal(field.ru), field);
  }
  const result = new Map<F["id"], string | null>();
  let current: F | null = null;
  let lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (current && !result.has(current.id)) result.set(current.id, cleanValue(lines));
  };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
    } else if (fenceMark) {
      fence = fenceMark;
    } else {
      const heading = HEADING.exec(line)?.[1];
      const field = heading !== undefined ? byHeading.get(normal(heading)) : undefined;
      if (field) {
        flush();
        current = field;
        lines = [];
        continue;
      }
      if (heading !== undefined && current && !current.multiline) {
        // A field the app does not read: it ends the current answer.
        flush();
        current = null;
        continue;
      }
    }
    if (current) lines.push(line);
  }
  flush();
  return result;
}
