// The command line's texts live in src/words (the `cli` section): no module
// of src/cli spells a sentence of its own (that every language has every text
// is one-place.test.ts's).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "../../src/cli");

/**
 * The literal text of a file's strings: quoted strings and the fixed parts of
 * template literals (their \${…} read as code again), comments and the
 * module names of imports left out. Regular expressions are not strings.
 */
function literals(code: string): string[] {
  const found: string[] = [];
  const skipImport = (i: number) => (/^(import|export)\b[^;]*\bfrom\s*["'][^"']*["'];?/.exec(code.slice(i))?.[0].length ?? 0);
  /** Reads code from i until an unmatched "}" (inside a template) or the end; returns where it stopped. */
  const readCode = (start: number, inTemplate: boolean): number => {
    let depth = 0;
    for (let i = start; i < code.length; i++) {
      const c = code[i]!;
      const lineStart = i === 0 || code[i - 1] === "\n";
      if (lineStart && skipImport(i) > 0) i += skipImport(i) - 1;
      else if (c === "/" && code[i + 1] === "/") i = code.indexOf("\n", i) < 0 ? code.length : code.indexOf("\n", i);
      else if (c === "/" && code[i + 1] === "*") i = code.indexOf("*/", i + 2) + 1;
      else if (c === "/" && /(^|[(,=:[!&|?{};]|\breturn)\s*$/.test(code.slice(Math.max(0, i - 12), i))) {
        // A regular expression: skip to its closing slash, minding escapes and classes.
        let inClass = false;
        let j = i + 1;
        for (; j < code.length && (inClass || code[j] !== "/"); j++) {
          if (code[j] === "\\") j++;
          else if (code[j] === "[") inClass = true;
          else if (code[j] === "]") inClass = false;
        }
        i = j;
      }
      else if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < code.length && code[j] !== c) j += code[j] === "\\" ? 2 : 1;
        found.push(code.slice(i + 1, j));
        i = j;
      } else if (c === "`") {
        let j = i + 1;
        let text = "";
        while (j < code.length && code[j] !== "`") {
          if (code[j] === "\\") {
            text += code.slice(j, j + 2);
            j += 2;
          } else if (code[j] === "$" && code[j + 1] === "{") {
            found.push(text);
            text = "";
            j = readCode(j + 2, true) + 1;
          } else text += code[j++];
        }
        found.push(text);
        i = j;
      } else if (c === "{") depth++;
      else if (c === "}") {
        if (depth === 0 && inTemplate) return i;
        depth--;
      }
    }
    return code.length;
  };
  readCode(0, false);
  return found;
}

/** Three words in a row, as a sentence has them (option names, paths and identifiers are not words). */
const SENTENCE = /(?:^|[\s("])[A-Za-z][A-Za-z']*(?:[ ,:;]+[A-Za-z][A-Za-z']*){2,}(?=$|[\s.,:;)"])/;

describe("the command line's texts", () => {
  it("no file of src/cli holds a string of three words or more", () => {
    const found = readdirSync(CLI)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => literals(readFileSync(join(CLI, f), "utf8")).filter((s) => SENTENCE.test(s)).map((s) => `${f}: ${s}`));
    expect(found).toEqual([]);
  });

  it("the rule sees a sentence in a string, and not a comment, an import or an option", () => {
    const sentences = (code: string) => literals(code).filter((s) => SENTENCE.test(s));
    expect(sentences('throw new UsageError("--config FILE is required");')).toEqual(["--config FILE is required"]);
    expect(sentences("write(io.stderr, `${prefix}: an unexpected error: ${message}`);")).toEqual([": an unexpected error: "]);
    expect(sentences('x ? " (dry run: nothing written)" : ""; `a ${y ? `${z} very long text` : ""}`;')).toEqual([" (dry run: nothing written)", " very long text"]);
    expect(sentences("const m = /'([^']+)' (a b c)/.exec(message);")).toEqual([]);
    expect(sentences('// "a comment of many words"\nimport { x } from "./some where else.js";\nparse(args, { "max-wait": { type: "string" } });')).toEqual([]);
  });
});
