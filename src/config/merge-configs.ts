// How a file and the files it extends make one configuration: objects merge
// key by key, later files win, and a list replaces the inherited list (a
// contract's engineers or holidays are its own).

type Json = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge where later files win and lists are replaced, not concatenated; `_extends` is dropped. */
export function mergeConfigs(configs: unknown[]): Json {
  const merge = (base: Json, over: Json): Json => {
    const out: Json = { ...base };
    for (const [key, value] of Object.entries(over)) {
      out[key] = isPlainObject(value) && isPlainObject(out[key]) ? merge(out[key], value) : value;
    }
    return out;
  };
  const merged = configs.filter(isPlainObject).reduce<Json>((acc, c) => merge(acc, c), {});
  delete merged._extends;
  return merged;
}
