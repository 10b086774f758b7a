// The contract's configuration from a file (YAML or JSON). A missing file is
// a usage error; an invalid one throws the ConfigError that names the file,
// the field, the line and the fix.
import type { Config } from "../config/schema.js";
import { parseConfigText } from "../config/parse-config.js";
import type { CliWords } from "./cli-language.js";
import { readTextFile } from "./read-input.js";

export async function loadConfig(path: string, words: CliWords): Promise<Config> {
  return parseConfigText(await readTextFile(path, words.files.configuration, words), path);
}
