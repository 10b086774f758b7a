// What the command line and the configuration's editor hints say to a person
// names no policy codes (rule ids P1..P14 stay in code comments and tests).
import { describe, expect, it } from "vitest";
import { HELP, MAIN_HELP } from "../../src/cli/help.js";
import { configJsonSchema } from "../../src/config/reference.js";
import { LANGUAGES, wordsFor } from "../../src/words/index.js";

const POLICY_CODE = /\bP(?:[1-9]|1[0-4])\b/;

/** Every string inside a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("no policy codes in what a person reads", () => {
  it.each([["main", MAIN_HELP], ...Object.entries(HELP)])("%s help", (_name, text) => {
    expect(text).not.toMatch(POLICY_CODE);
  });

  it.each(LANGUAGES)("the command line's texts in %s", (lang) => {
    const found = strings(Object.fromEntries(Object.entries(wordsFor(lang).cli).map(([k, v]) => [k, typeof v === "function" ? undefined : v]))).filter((s) => POLICY_CODE.test(s));
    expect(found).toEqual([]);
  });

  it("the configuration schema's descriptions (config.schema.json)", () => {
    const found = strings(configJsonSchema()).filter((s) => POLICY_CODE.test(s));
    expect(found).toEqual([]);
  });
});
