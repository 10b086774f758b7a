// Every README example of the command line that uses the shipped examples/
// files (README, Command line) runs as written, through `node bin/incident-sla.js`
// built from today's sources: exit 0, output of the right kind, and, where
// the README shows output after a `$ incident-sla …` line, those lines ("…"
// stands for anything). So a README example that stops working fails here.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, builtCli } from "../cli/built-cli.js";

interface Example {
  command: string;
  /** Output lines the README shows after the command; none when it shows none. */
  shown: string[];
}

/** Fenced blocks of the README: their info string and lines, continuation backslashes joined. */
function fencedBlocks(markdown: string): { info: string; lines: string[] }[] {
  const blocks: { info: string; lines: string[] }[] = [];
  let open: { info: string; lines: string[] } | null = null;
  for (const line of markdown.split("\n")) {
    const fence = /^```(\S*)/.exec(line);
    if (fence && !open) open = { info: fence[1]!, lines: [] };
    else if (line.startsWith("```") && open) {
      blocks.push({ ...open, lines: open.lines.join("\n").replace(/\\\n\s*/g, "").split("\n") });
      open = null;
    } else open?.lines.push(line);
  }
  return blocks;
}

function readmeExamples(markdown: string): Example[] {
  const examples: Example[] = [];
  for (const block of fencedBlocks(markdown)) {
    if (block.info === "text" || block.info === "console") {
      for (const line of block.lines) {
        if (line.startsWith("$ ")) examples.push({ command: line.slice(2), shown: [] });
        else examples.at(-1)?.shown.push(line);
      }
    } else if (block.info === "sh") {
      for (const line of block.lines) if (line.startsWith("incident-sla ")) examples.push({ command: line.replace(/\s+#.*$/, ""), shown: [] });
    }
  }
  return examples.filter((e) => e.command.startsWith("incident-sla ") && e.command.includes("examples/"));
}

/** Shell words with single and double quotes, and the `< file` and `> file` redirections. */
function shellWords(command: string): { args: string[]; stdin?: string } {
  const words = [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  if (words.some((w) => w === "|" || w.includes("$("))) throw new Error(`not a plain command: ${command}`);
  const args: string[] = [];
  let stdin: string | undefined;
  for (let i = 0; i < words.length; i++) {
    if (words[i] === "<") stdin = words[++i];
    else if (words[i] === ">") i++;
    else args.push(words[i]!);
  }
  return { args, stdin };
}

/** A shown line as a pattern: "…" stands for anything, the rest is literal. */
const shownLine = (line: string) => new RegExp(`^${line.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);

/** What each command's output looks like when the README shows none. */
const PLAUSIBLE: Record<string, (stdout: string) => void> = {
  evaluate: (out) => {
    for (const line of out.trim().split("\n")) expect(JSON.parse(line)).toHaveProperty("number");
  },
  explain: (out) => expect(out).toMatch(/^Incident #\d+/),
  "check-config": (out) => expect(out).toMatch(/: valid\n/),
  report: (out) => expect(out.length).toBeGreaterThan(100),
};

// Evaluation depends on the time: a command without --now gets a fixed one, never today's.
const FIXED_NOW = "2026-04-01T09:00:00Z";
const TAKES_NOW = new Set(["evaluate", "explain", "report"]);

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const examples = readmeExamples(readme);
let bin = "";
let scratch = "";

beforeAll(async () => {
  bin = join(await builtCli(), "bin", "incident-sla.js");
  scratch = mkdtempSync(join(tmpdir(), "incident-sla-readme-"));
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("README command-line examples on examples/", () => {
  it("finds one of each command among them", () => {
    const commands = new Set(examples.map((e) => e.command.split(" ")[1]));
    for (const command of ["check-config", "explain", "evaluate", "report"]) expect(commands).toContain(command);
  });

  it.each(examples.map((e) => [e.command, e] as const))("%s", (_, example) => {
    // "> file" is dropped: the README's reader finds the output in that file, the test in stdout.
    const { args, stdin } = shellWords(example.command);
    const [, command] = args;
    if (TAKES_NOW.has(command!) && !args.includes("--now")) args.push("--now", FIXED_NOW);
    const input = stdin === undefined ? "" : readFileSync(join(ROOT, stdin), "utf8");
    const result = spawnSync(process.execPath, [bin, ...args.slice(1)], { cwd: ROOT, input, encoding: "utf8", env: { PATH: process.env.PATH }, timeout: 60_000 });
    expect(result.status, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).not.toBe("");
    const shown = example.shown.filter((l) => l.trim() !== "" && l.trim() !== "…");
    if (shown.length === 0) PLAUSIBLE[command!]?.(out);
    const lines = out.split("\n");
    for (const line of shown) expect(lines.some((l) => shownLine(line).test(l)), `shown line not in the output:\n${line}\n\noutput:\n${out}`).toBe(true);
  });
});
