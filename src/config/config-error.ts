// A configuration that cannot be used: the file and every problem in it
// (field, line, what would be valid), as one message a person can act on.

export interface ConfigProblem {
  /** Dotted field path, e.g. "severities.1.accept"; "" for the whole file. */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** The file the problem is in, when it is not the one named by the error (a file it extends). */
  file?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(formatProblems(file, problems));
  }
}

/**
 * Problems shown in a message: enough to fix a file, and a bound on its
 * length (a file of thousands of unknown keys must not make an error issue
 * longer than GitHub takes: 65,536 characters).
 */
export const SHOWN_PROBLEMS = 20;

function formatProblems(file: string, problems: ConfigProblem[]): string {
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => {
    const where = [p.file ? `in ${p.file}` : "", p.path || (p.file ? "" : "(file)"), p.line ? `line ${p.line}` : ""].filter(Boolean).join(", ");
    return `  - ${where}: ${p.message}`;
  });
  const more = problems.length - SHOWN_PROBLEMS;
  if (more > 0) lines.push(`  - … and ${more} more ${more === 1 ? "problem" : "problems"}`);
  return `Invalid configuration in ${file}:\n${lines.join("\n")}`;
}
