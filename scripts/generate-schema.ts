// Regenerates what is derived from the configuration schema: config.schema.json
// and the reference table in README.md. `npm run schema`; a test fails when
// either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema, configReferenceTable, README_BEGIN, README_END } from "../src/config/reference.js";

const root = fileURLToPath(new URL("..", import.meta.url));
writeFileSync(`${root}config.schema.json`, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
const readme = readFileSync(`${root}README.md`, "utf8");
const start = readme.indexOf(README_BEGIN);
const end = readme.indexOf(README_END);
if (start < 0 || end < start) throw new Error(`README.md lacks the ${README_BEGIN} … ${README_END} markers`);
writeFileSync(`${root}README.md`, `${readme.slice(0, start + README_BEGIN.length)}\n${configReferenceTable()}\n${readme.slice(end)}`);
console.log("config.schema.json and the README reference table are up to date");
