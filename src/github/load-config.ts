// Loading a repository's configuration from its default branch (DESIGN §8):
// the repository's own `.github/incident-sla.yml`, merged over the files it
// `_extends` within the same owner (resolveConfig). Files are read with the
// contents API, so a directory, a submodule or a file over the size limit is
// seen for what it is before anything is decoded or parsed.
import { CONFIG_PATH, type ConfigError } from "../config/parse-config.js";
import { type ConfigSource, type SourceRead, configText, resolveConfig, tooLarge } from "../config/resolve-config.js";
import type { Config } from "../config/schema.js";
import { type Octokit, type RepoRef, statusOf } from "./types.js";

export { mergeConfigs } from "../config/merge-configs.js";

export type LoadedConfig = { kind: "missing" } | { kind: "valid"; config: Config; files: string[] } | { kind: "invalid"; error: ConfigError };

export interface GitHubFile {
  owner: string;
  repo: string;
  path: string;
  /** A commit (the config check reads a pull request's head and base); none: the default branch. */
  ref?: string;
}

/** One file from the default branch (no `ref`: GitHub reads the default branch), or at `ref`. */
export async function readGitHubFile(octokit: Octokit, file: GitHubFile): Promise<SourceRead> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner: file.owner, repo: file.repo, path: file.path, ...(file.ref !== undefined ? { ref: file.ref } : {}) }));
  } catch (error) {
    // Not there, or a repository the installation cannot see (GitHub answers 404 for both). Anything
    // else (a rate limit's 403, an outage) is not the configuration's fault: it throws, to be retried.
    if (statusOf(error) === 404) return { kind: "missing" };
    throw error;
  }
  if (Array.isArray(data)) return { kind: "unreadable", reason: "is a directory, not a file" };
  const entry = data as { type?: string; size?: number; encoding?: string; content?: string };
  if (entry.type !== "file") return { kind: "unreadable", reason: `is a ${entry.type ?? "thing other than a file"}, not a file` };
  const large = tooLarge(entry.size ?? 0);
  if (large) return large;
  if (entry.encoding !== "base64" || typeof entry.content !== "string") return { kind: "unreadable", reason: "came from GitHub without its content" };
  return configText(Buffer.from(entry.content, "base64"));
}

/** GitHub as the configuration's source: every file it extends is read from a repository of `ref.owner`. */
function githubConfigSource(octokit: Octokit, ref: RepoRef): ConfigSource<GitHubFile> {
  return {
    owner: ref.owner,
    name: (f) => `${f.owner}/${f.repo}:${f.path}`,
    // Owner and repository names are case-insensitive on GitHub, paths are not.
    key: (f) => `${f.owner.toLowerCase()}/${f.repo.toLowerCase()}:${f.path}`,
    read: (f) => readGitHubFile(octokit, f),
    // resolveConfig has refused another owner already; the request goes to this owner whatever was written.
    follow: (_from, target) => ({ location: { owner: ref.owner, repo: target.repo, path: target.path } }),
  };
}

export async function loadRepoConfig(octokit: Octokit, ref: RepoRef): Promise<LoadedConfig> {
  const resolved = await resolveConfig(githubConfigSource(octokit, ref), { ...ref, path: CONFIG_PATH }, { file: CONFIG_PATH });
  if (resolved.kind === "valid") return { kind: "valid", config: resolved.config, files: resolved.files };
  return resolved;
}
