// Every text a person reads lives in src/words, one file per language: no
// other module spells a Russian sentence (form field labels, which the issue
// forms are generated from, and the production calendar's data are the two
// places allowed), and every language has every section.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGES, wordsFor } from "../../src/words/index.js";

const SRC = join(import.meta.dirname, "../../src");
const ALLOWED = new Set(["words/en.ts", "words/ru.ts", "words/cli-ru.ts", "domain/forms/form-fields.ts", "domain/clock/calendar-ru.ts"]);
const CYRILLIC = /[А-Яа-яЁё]/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** A line's code, without a trailing or whole-line comment (enough for this tree's style). */
function code(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("/*")) return "";
  const comment = line.indexOf(" // ");
  return comment >= 0 ? line.slice(0, comment) : line;
}

describe("one text layer", () => {
  it("no module outside src/words spells Russian text (comments aside)", () => {
    const found = files(SRC)
      .map((f) => relative(SRC, f).split("\\").join("/"))
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) =>
        readFileSync(join(SRC, f), "utf8")
          .split("\n")
          .flatMap((line, i) => (CYRILLIC.test(code(line)) ? [`${f}:${i + 1}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it("every language has the same sections as English", () => {
    const sections = Object.keys(wordsFor("en")).sort();
    for (const lang of LANGUAGES) expect(Object.keys(wordsFor(lang)).sort()).toEqual(sections);
  });

  it("every language has every text of every section, nested ones too", () => {
    const keys = (value: unknown, at = ""): string[] =>
      value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => keys(v, `${at}.${k}`)) : [at];
    const english = keys(wordsFor("en")).sort();
    for (const lang of LANGUAGES) expect(keys(wordsFor(lang)).sort()).toEqual(english);
  });
});
