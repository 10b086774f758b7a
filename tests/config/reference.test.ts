// The JSON Schema and the README's reference table are generated from the zod
// schema (npm run schema); these tests fail when someone forgets to regenerate.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema, configReferenceTable, README_BEGIN, README_END } from "../../src/config/reference.js";

const root = new URL("../../", import.meta.url);

describe("derived configuration documents", () => {
  it("config.schema.json is up to date (run npm run schema)", () => {
    const committed = JSON.parse(readFileSync(new URL("config.schema.json", root), "utf8"));
    expect(committed).toEqual(configJsonSchema());
  });

  it("the README's configuration reference is up to date (run npm run schema)", () => {
    const readme = readFileSync(new URL("README.md", root), "utf8");
    const section = readme.slice(readme.indexOf(README_BEGIN) + README_BEGIN.length, readme.indexOf(README_END)).trim();
    expect(section).toBe(configReferenceTable());
  });

  it("the JSON Schema refuses unknown keys, as the app does", () => {
    const schema = configJsonSchema() as { additionalProperties?: unknown };
    expect(schema.additionalProperties).toBe(false);
  });
});
