// What the command line touches of the outside world, passed in so that tests
// drive it with strings and a fixed clock.
import type { Readable, Writable } from "node:stream";
import type { CliWords } from "./cli-language.js";

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** The current time in epoch milliseconds; the real clock when absent. */
  now?: () => number;
  /**
   * Extra options for the Octokit the sweep builds (tests turn off Probot's
   * one-write-a-second throttling and retries with them).
   */
  octokitOptions?: (defaults: Record<string, unknown>) => Record<string, unknown>;
  /** How the sweep waits out a rate limit (tests make it instant). */
  sleep?: (ms: number) => Promise<void>;
}

export interface CommandContext {
  io: CliIo;
  /** The time to evaluate at when neither the input nor --now gives one. */
  now: () => number;
  /** The command line's texts, in its language (cli-language.ts). */
  words: CliWords;
}

/** Writes a chunk and waits for the stream to drain when its buffer is full, so output keeps pace with input. */
export async function write(stream: CliIo["stdout"], text: string): Promise<void> {
  // A stream that already failed (a reader that went away) would swallow the text silently.
  if (stream.errored) throw stream.errored;
  if (stream.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off("drain", done);
      stream.off("error", done);
      if (error) reject(error);
      else resolve();
    };
    stream.once("drain", done);
    stream.once("error", done);
  });
}
