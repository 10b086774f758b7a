// One file's text within limits a hostile file cannot get around (README,
// Configuration): size, nesting depth (bounded before the YAML parser runs), alias
// expansion, duplicate keys, and a top level that must be a mapping.
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config/config-error.js";
import { CONFIG_LIMITS, lineTooDeep, parseConfigDocument } from "../../src/config/parse-config-document.js";
import { ALIAS_BOMB, DEEP_BLOCK, DEEP_FLOW, OVERSIZED } from "../fixtures/hostile-configs.js";

const FILE = ".github/incident-sla.yml";

function problemsOf(text: string): ConfigError["problems"] {
  try {
    parseConfigDocument(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(FILE);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError, but the text was accepted");
}

describe("parseConfigDocument: hostile files are refused with the file and the line", () => {
  it.each<[string, string, { message: RegExp; line?: number }]>([
    ["an oversized file (65 KiB of comments)", OVERSIZED, { message: /^the file is 66 KiB; a configuration may be at most 64 KiB$/ }],
    ["an alias bomb", ALIAS_BOMB, { message: /^too many aliases: at most 100 expansions/ }],
    // Without the depth bound the YAML parser runs this process out of memory (64 KiB of brackets).
    ["deep nesting: 60,000 unclosed brackets", DEEP_FLOW, { message: /^nested more than 32 levels deep$/, line: 2 }],
    ["deep nesting: 64 KiB of unclosed brackets", `a: ${"[".repeat(CONFIG_LIMITS.bytes - 4)}`, { message: /^nested more than 32 levels deep$/, line: 1 }],
    ["deep nesting: 20,000 block levels on one line", DEEP_BLOCK, { message: /^nested more than 32 levels deep$/, line: 1 }],
    ["deep nesting: mappings by indentation", Array.from({ length: 40 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), { message: /^nested more than 32 levels deep$/, line: 32 }],
    ["deep nesting: closed brackets", `a: ${"[".repeat(40)}${"]".repeat(40)}\n`, { message: /^nested more than 32 levels deep$/, line: 1 }],
    ["a YAML list instead of a mapping", "- timezone: Europe/Moscow\n", { message: /^the file is a list; expected a mapping/, line: 1 }],
    ["a scalar file", "just some words\n", { message: /^the file is a single value \(string\); expected a mapping/, line: 1 }],
    ["a number as the whole file", "42\n", { message: /^the file is a single value \(number\)/, line: 1 }],
  ])("%s", (_name, text, expected) => {
    const [first, ...rest] = problemsOf(text);
    expect(rest).toEqual([]);
    expect(first!.message).toMatch(expected.message);
    expect(first!.line).toBe(expected.line);
  });

  it("brackets inside quoted text and comments are not nesting", () => {
    const text = [`customer: "${"[".repeat(100)}"`, `# ${"{".repeat(100)}`, "texts:", `  phone: '${"[".repeat(100)}'`, "notes: |", `  ${"[".repeat(100)}`, ""].join("\n");
    expect(lineTooDeep(text, CONFIG_LIMITS.depth)).toBeUndefined();
  });

  it("a block scalar's indented lines do not reset the nesting count", () => {
    const deep = Array.from({ length: 20 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
    const text = `${deep}\n${" ".repeat(20)}text: |\n${" ".repeat(22)}body\n${" ".repeat(20)}list: ${"[".repeat(20)}`;
    expect(lineTooDeep(text, CONFIG_LIMITS.depth)).toBe(23);
  });

  it("a real contract is far from every limit", () => {
    const contract = [
      "timezone: Europe/Moscow",
      "language: ru",
      "calendar:",
      "  preset: ru",
      "  holidays: [2026-03-10, 2026-03-11]",
      "  workingDates: { 2026-11-01: '10:00-15:00' }",
      "severities:",
      "  1: { clock: 24x7, accept: 30m, workaround: 4h, resolve: 3d }",
      "  2:",
      "    clock: 24x7",
      "    accept: 1h",
      "labels:",
      "  severity: { 1: 'severity: 1' }",
      "",
    ].join("\n");
    expect(parseConfigDocument(contract, FILE).data).toMatchObject({ timezone: "Europe/Moscow", severities: { 1: { clock: "24x7" }, 2: { accept: "1h" } } });
  });

  it("an alias or two, as people use them, is fine", () => {
    const text = "severities:\n  1: &fast { clock: 24x7, accept: 30m }\n  2: *fast\n";
    expect(parseConfigDocument(text, FILE).data).toEqual({ severities: { 1: { clock: "24x7", accept: "30m" }, 2: { clock: "24x7", accept: "30m" } } });
  });

  it("duplicate keys are found at any depth, each on its second line", () => {
    const problems = problemsOf(["calendar:", "  preset: ru", "  preset: none", "language: ru", "language: en", ""].join("\n"));
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'YAML syntax error: Map keys must be unique ("preset" appears twice)'],
      [5, 'YAML syntax error: Map keys must be unique ("language" appears twice)'],
    ]);
  });

  it("an empty file and a file of comments are an empty mapping", () => {
    expect(parseConfigDocument("", FILE).data).toEqual({});
    expect(parseConfigDocument("# nothing yet\n", FILE).data).toEqual({});
  });

  it("exactly at the size limit is still read", () => {
    const text = `language: en\n${"#".repeat(CONFIG_LIMITS.bytes - 14)}\n`;
    expect(Buffer.byteLength(text)).toBe(CONFIG_LIMITS.bytes);
    expect(parseConfigDocument(text, FILE).data).toEqual({ language: "en" });
  });
});
