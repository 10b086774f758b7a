// Loading a repository's configuration from its default branch (DESIGN §8),
// following `_extends` to an organisation-wide file through Probot's config
// plugin. Objects merge key by key; a list in the repository's file replaces
// the inherited list (a contract's engineers or holidays are its own).
import { ConfigError, CONFIG_PATH, parseConfig } from "../config/parse-config.js";
import type { Config } from "../config/schema.js";
import type { Octokit, RepoRef } from "./types.js";

export type LoadedConfig = { kind: "missing" } | { kind: "valid"; config: Config } | { kind: "invalid"; error: ConfigError };

type Json = Record<string, unknown>;
const isPlain = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge where later files win and lists are replaced, not concatenated. */
export function mergeConfigs(configs: unknown[]): Json {
  const merge = (base: Json, over: Json): Json => {
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(over)) {
      out[key] = isPlain(value) && isPlain(out[key]) ? merge(out[key], value) : value;
    }
    return out;
  };
  const merged = configs.filter(isPlain).reduce<Json>((acc, c) => merge(acc, c), {});
  delete merged._extends;
  return merged;
}

export async function loadRepoConfig(octokit: Octokit, ref: RepoRef): Promise<LoadedConfig> {
  let result: { config: unknown; files: { config: unknown }[] };
  try {
    result = await octokit.config.get({ ...ref, path: CONFIG_PATH, defaults: (configs: object[]) => mergeConfigs(configs) });
  } catch (error) {
    // The plugin reports unparsable YAML with the parser's error as the cause.
    const cause = (error as { cause?: { message?: string; linePos?: { line: number }[] } }).cause;
    if (error instanceof Error && /could not be parsed|is not an object/.test(error.message)) {
      const line = cause?.linePos?.[0]?.line;
      const detail = cause?.message?.split("\n")[0] ?? error.message;
      return {
        kind: "invalid",
        error: new ConfigError(CONFIG_PATH, [{ path: "", message: `YAML syntax error: ${detail}`, ...(line ? { line } : {}) }]),
      };
    }
    throw error;
  }
  // Only a repository with its own file is a customer's: the organisation-wide file the
  // plugin falls back to is a default to `_extends`, not a contract by itself.
  if (!result.files[0] || result.files[0].config === null) return { kind: "missing" };
  try {
    return { kind: "valid", config: parseConfig(result.config, CONFIG_PATH) };
  } catch (error) {
    if (error instanceof ConfigError) return { kind: "invalid", error };
    throw error;
  }
}
