// The incident-sla command. (Subcommands arrive next.)
import type { Readable, Writable } from "node:stream";

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export function main(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv.includes("--help")) {
    io.stdout.write("usage: incident-sla <command> [options]\n");
    return Promise.resolve(0);
  }
  io.stderr.write(`incident-sla: unknown command ${argv[0]}\n`);
  return Promise.resolve(2);
}
