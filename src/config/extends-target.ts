// What a file's `_extends` names: `.github`, `repo`, `repo:path` or
// `owner/repo[:path]` (the forms Probot's config plugin reads), checked
// without backtracking patterns. An owner, when written, must be the
// extending file's own: that rule is applied by resolveConfig.

export interface ExtendsTarget {
  /** The owner written in the value, if any. */
  owner?: string;
  repo: string;
  /** The file in that repository; absent: the same path as the extending file. */
  path?: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const PATH_SEGMENT = /^[A-Za-z0-9._-]{1,255}$/;
const FORMS = `".github", "repo", "repo:path/file.yml" or "owner/repo:path/file.yml"`;

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "nothing (null)";
  if (typeof value === "object") return "a mapping";
  return `${JSON.stringify(value)} (a ${typeof value})`;
}

/** The target, or a message saying what is wrong with the value. */
export function parseExtendsTarget(value: unknown): ExtendsTarget | { problem: string } {
  if (typeof value !== "string") return { problem: `expected the name of a file to extend, such as ${FORMS}; got ${describeValue(value)}` };
  const bad = { problem: `${JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value)} is not a repository or file name; expected ${FORMS}` };
  if (value.length > 500) return bad;
  const colon = value.indexOf(":");
  const name = colon === -1 ? value : value.slice(0, colon);
  const path = colon === -1 ? undefined : value.slice(colon + 1);
  const parts = name.split("/");
  if (parts.length > 2) return bad;
  const [owner, repo] = parts.length === 2 ? [parts[0]!, parts[1]!] : [undefined, parts[0]!];
  if (owner !== undefined && !OWNER.test(owner)) return bad;
  if (!REPO.test(repo) || repo === "." || repo === "..") return bad;
  if (path !== undefined) {
    const segments = path.split("/");
    // Within the repository: no absolute path, no empty, "." or ".." segment; YAML only, as the plugin reads.
    if (segments.some((s) => !PATH_SEGMENT.test(s) || s === "." || s === "..")) return bad;
    if (!/\.ya?ml$/i.test(path)) return { problem: `${JSON.stringify(value)} names ${JSON.stringify(path)}; the file to extend must be a .yml or .yaml file` };
  }
  return { ...(owner !== undefined ? { owner } : {}), repo, ...(path !== undefined ? { path } : {}) };
}
