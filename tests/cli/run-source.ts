// The command as a process, run from the sources through tsx (no build):
// `node --import tsx tests/cli/run-source.ts ARGS…` behaves as
// `node bin/incident-sla.js ARGS…`, real stderr included (the sweep's and
// the report's log lines go to file descriptor 2, not to io.stderr).
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
