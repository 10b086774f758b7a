// Drives the command in-process: stdin from a string, stdout and stderr
// collected, the clock fixed. Fixture paths are relative to tests/fixtures/cli.
import { fileURLToPath } from "node:url";
import { Readable, Writable } from "node:stream";
import { main } from "../../src/cli/main.js";

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/cli/${name}`, import.meta.url));
export const CONFIG = fixture("config-moscow-alice-bob.yml");
/** A fixed "current time" for runs that give no now: Mon 2026-03-02 12:00Z. */
export const FIXED_NOW = Date.parse("2026-03-02T12:00:00Z");

export class Collector extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  options: { stdin?: string | Readable; now?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const stdin = typeof options.stdin === "string" || options.stdin === undefined ? Readable.from([options.stdin ?? ""]) : options.stdin;
  const code = await main(argv, { stdin, stdout, stderr, env: options.env ?? {}, now: () => options.now ?? FIXED_NOW });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const jsonLines = (text: string): unknown[] =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as unknown);
