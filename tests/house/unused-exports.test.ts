// Every value a module of src/ exports (a function, a constant, a class) is
// imported somewhere else: in src/, a test, a benchmark or a script. An export
// nothing imports is either dead code or should not be part of the module's
// face. Types are left out (a public function's parameter types are exported
// for its callers even when none names them). The library's entry point
// (src/index.ts) re-exports on purpose.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name.startsWith(".")) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? tsFiles(path) : e.name.endsWith(".ts") ? [path] : [];
  });
}

const EXPORTED_VALUE = /^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)/gm;

/** Names exported as values by `source`. */
function exportedValues(source: string): string[] {
  return [...source.matchAll(EXPORTED_VALUE)].map((m) => m[1]!);
}

/** The exports of `sources` (path → text) that no other file names as a whole word. */
function unusedExports(sources: ReadonlyMap<string, string>, of: (path: string) => boolean): string[] {
  const unused: string[] = [];
  for (const [path, text] of sources) {
    if (!of(path)) continue;
    for (const name of exportedValues(text)) {
      const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`);
      const elsewhere = [...sources].some(([other, t]) => other !== path && word.test(t));
      if (!elsewhere) unused.push(`${path}: ${name}`);
    }
  }
  return unused;
}

describe("exports", () => {
  it("the rule finds an export nothing else names, and not one that is imported", () => {
    const sources = new Map([
      ["src/a.ts", "export function used() {}\nexport const lonely = 1;\nexport type Shape = {};\n"],
      ["src/b.ts", 'import { used } from "./a.js";\nconst lonelyish = 2;\n'],
    ]);
    expect(unusedExports(sources, (p) => p.startsWith("src/"))).toEqual(["src/a.ts: lonely"]);
  });

  it("every value exported by a module of src/ is used by another file", () => {
    const sources = new Map<string, string>();
    for (const dir of ["src", "tests", "bench", "scripts"]) for (const file of tsFiles(join(ROOT, dir))) sources.set(relative(ROOT, file), readFileSync(file, "utf8"));
    expect(sources.size).toBeGreaterThan(100);
    expect(unusedExports(sources, (p) => p.startsWith("src/") && p !== "src/index.ts")).toEqual([]);
  });
});
