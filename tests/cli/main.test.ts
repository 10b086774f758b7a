// The command's front door: help, usage errors (exit 2) and unexpected errors
// (exit 1, no stack trace unless DEBUG).
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CONFIG, Collector, runCli } from "./run-cli.js";

const EXIT_CODES = ["0  success", "1  input that could not be evaluated, or an invalid configuration", "2  usage error"];

describe("help", () => {
  it.each([[["--help"]], [["-h"]], [["help"]]])("%j prints the overview with every command and the exit codes", async (argv) => {
    const result = await runCli(argv);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^usage: incident-sla <command> \[options\]/);
    for (const command of ["evaluate", "explain", "check-config"]) expect(result.stdout).toMatch(new RegExp(`^ {2}${command} `, "m"));
    for (const line of EXIT_CODES) expect(result.stdout).toContain(line);
  });

  it.each([
    ["evaluate", ["--config FILE", "--now ISO", "--bot LOGIN", "Examples:", '{"error": "…", "line": N}']],
    ["explain", ["--issue FILE", "--timeline FILE", "--json", "--lang ru|en", "gh api --paginate repos/acme/support/issues/12/timeline", "Examples:"]],
    ["check-config", ["_extends is not followed here", "default branch", "Examples:"]],
  ])("%s has its own help: usage, options, examples, exit codes", async (command, phrases) => {
    const viaFlag = await runCli([command, "--help"]);
    const viaShort = await runCli([command, "-h"]);
    const viaHelp = await runCli(["help", command]);
    // --help wins even next to options that would be wrong.
    const withOthers = await runCli([command, "--bogus", "--help"]);
    for (const result of [viaFlag, viaShort, viaHelp, withOthers]) {
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(viaFlag.stdout);
    }
    expect(viaFlag.stdout).toMatch(new RegExp(`^usage: incident-sla ${command} `));
    for (const phrase of [...phrases, ...EXIT_CODES]) expect(viaFlag.stdout).toContain(phrase);
  });

  it("--version prints the package's version", async () => {
    const result = await runCli(["--version"]);
    expect(result).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/), stderr: "" });
  });
});

describe("usage errors: exit 2, a short message and a hint on stderr", () => {
  it.each([
    ["an unknown command", ["frobnicate"], 'incident-sla: unknown command "frobnicate"\nRun \'incident-sla --help\' for usage.\n'],
    ["an unknown global option", ["--verbose"], "incident-sla: unknown option --verbose\nRun 'incident-sla --help' for usage.\n"],
    ["help for an unknown command", ["help", "sweep-all"], 'incident-sla: unknown command "sweep-all"\nRun \'incident-sla --help\' for usage.\n'],
    ["an unknown option of a command", ["evaluate", "--config", CONFIG, "--fast"], "incident-sla evaluate: unknown option --fast\nRun 'incident-sla evaluate --help' for usage.\n"],
    ["a flag given a value", ["explain", "--config", CONFIG, "--json=yes"], "incident-sla explain: option --json takes no value\nRun 'incident-sla explain --help' for usage.\n"],
  ])("%s", async (_case, argv, stderr) => {
    expect(await runCli(argv)).toEqual({ code: 2, stdout: "", stderr });
  });

  it("no command at all prints the overview on stderr", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^usage: incident-sla <command>/);
  });
});

describe("unexpected errors (bugs)", () => {
  // A stdout that fails stands in for a bug: nothing the command expects.
  const failing = () =>
    new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error("disk on fire"));
      },
    });
  const run = async (env: NodeJS.ProcessEnv) => {
    const stderr = new Collector();
    const stdout = failing();
    const code = await main(["check-config", CONFIG], { stdin: Readable.from([""]), stdout, stderr, env, now: () => 0 });
    return { code, stderr: stderr.text };
  };

  it("print a message without a stack trace and exit 1", async () => {
    const { code, stderr } = await run({});
    expect(code).toBe(1);
    expect(stderr).toBe("incident-sla check-config: unexpected error: disk on fire\n(set DEBUG=1 to see the stack trace)\n");
  });

  it("a reader that went away (EPIPE) ends the command quietly with 0, as `… | head -1` expects", async () => {
    const stderr = new Collector();
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const code = await main(["check-config", CONFIG], { stdin: Readable.from([""]), stdout, stderr, env: {}, now: () => 0 });
    expect({ code, stderr: stderr.text }).toEqual({ code: 0, stderr: "" });
  });

  it("print the stack trace when DEBUG is set", async () => {
    const { code, stderr } = await run({ DEBUG: "1" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^incident-sla check-config: unexpected error: disk on fire\nError: disk on fire\n\s+at /);
  });
});
