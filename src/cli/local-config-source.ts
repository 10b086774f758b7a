// Configuration files on the local disk, for `check-config`: the file named
// on the command line, and the files its `_extends` names, looked for in
// checkouts of the owner's other repositories beside the one holding FILE
// (`../<repo>/<path>`), or under `--extends-root DIR` (`DIR/<repo>/<path>`).
// A repository with no checkout there cannot be followed: the file is then
// checked alone and the caller says so.
import { existsSync, realpathSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { type ConfigSource, type SourceRead, configText, tooLarge } from "../config/resolve-config.js";
import { wordsFor } from "../words/index.js";
import type { CliWords } from "./cli-language.js";

/** Why a file cannot be read reads inside the configuration's own (English) messages (config/resolve-config.ts). */
const REASONS = wordsFor("en").cli.reasons;

interface LocalSourceOptions {
  /** The file as named on the command line. */
  file: string;
  /** --owner: the owner of FILE's repository, when given. */
  owner?: string;
  /** --extends-root: where the owner's repositories are checked out, one directory each. */
  extendsRoot?: string;
  cwd?: string;
  /** The command line's words, for what could not be checked (English when absent). */
  words?: CliWords;
}

/** The repository holding `file`: the nearest directory above it with `.git`, else the parent of a `.github` directory. */
function repositoryRoot(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) break;
  }
  const parent = dirname(file);
  return basename(parent) === ".github" ? dirname(parent) : undefined;
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Not there or not readable: no checkout to follow into.
    return false;
  }
};

async function readLocal(path: string): Promise<SourceRead> {
  let size: number;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) return { kind: "unreadable", reason: REASONS.notAFile };
    if (!stats.isFile()) return { kind: "unreadable", reason: REASONS.notRegular };
    size = stats.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    if (code === "EACCES") return { kind: "unreadable", reason: REASONS.unreadable };
    throw error;
  }
  // Refused by its size before it is read, as the app refuses it by the size GitHub reports.
  const large = tooLarge(size);
  if (large) return large;
  return configText(await readFile(path));
}

export function localConfigSource(options: LocalSourceOptions): ConfigSource<string> & { start: string } {
  const cwd = options.cwd ?? process.cwd();
  const words = options.words ?? wordsFor("en").cli;
  const start = resolve(cwd, options.file);
  const root = options.extendsRoot !== undefined ? resolve(cwd, options.extendsRoot) : (() => {
    const repo = repositoryRoot(start);
    return repo === undefined ? undefined : dirname(repo);
  })();
  const shown = (path: string) => (path === start ? options.file : relative(cwd, path) || path);
  return {
    start,
    owner: options.owner,
    name: shown,
    key: (path) => {
      try {
        return realpathSync(path);
      } catch {
        // Not there (yet): the path itself names it.
        return path;
      }
    },
    read: readLocal,
    follow: (_from, target) => {
      if (root === undefined) {
        return { unchecked: words.checkConfig.unknownRepository(options.file, target.repo) };
      }
      const checkout = join(root, target.repo);
      if (!isDirectory(checkout)) {
        return { unchecked: words.checkConfig.noCheckout(target.repo, shown(checkout)) };
      }
      return { location: join(checkout, target.path) };
    },
  };
}
