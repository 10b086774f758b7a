// A Probot app running as its own process, started the way users start it
// (`probot run ./dist/index.js`, configured by environment only), with its
// JSON log lines collected so a test can wait for what the app says it did
// ("sweep finished", "incident updated") instead of sleeping.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { PROBOT_BIN } from "./build-app.js";

export interface LogLine {
  level: number;
  time: number;
  msg: string;
  [key: string]: unknown;
}

export interface AppProcess {
  url: string;
  port: number;
  pid: number;
  /** Parsed JSON log lines, in order. */
  logs: LogLine[];
  /** Lines that were not JSON (stderr, stack traces). */
  rawOutput: string[];
  /** Resolves with the first log line (from index `from`) matching `test`, or rejects after `timeoutMs`. */
  waitForLog(test: (line: LogLine) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<LogLine>;
  /** GET /ping answered "PONG". */
  ping(): Promise<boolean>;
  /** Exit code or signal once the process ended, else null. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Peak resident set size so far (VmHWM), in bytes; null where /proc is not available. */
  peakRss(): number | null;
  /** Current resident set size (VmRSS), in bytes. */
  rss(): number | null;
  /** CPU time used so far (user + system), in seconds. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
  /** The last lines of output, for failure messages. */
  tail(n?: number): string;
}

export interface StartAppOptions {
  /** Directory holding package.json, node_modules and the app (see buildApp). */
  cwd: string;
  /** The app path as given to `probot run`. */
  appPath: string;
  env: Record<string, string>;
  /** Options for node itself, before Probot's command line (e.g. --import for a preload). */
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** The port to listen on (default: a free one): a restarted server keeps the address GitHub knows. */
  port?: number;
}

const running = new Set<ChildProcess>();
// A test process that exits normally stops its apps at once (the watchdog covers the rest).
process.once("exit", () => {
  for (const child of running) stopChild(child, "SIGKILL");
});

function stopChild(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    // Probot starts no processes of its own: the app is this one process.
    child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** A port nobody listens on right now (the app binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function procStatus(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function cpuOf(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  if (options.port !== undefined) return startOnce(options, options.port);
  let lastError: unknown;
  // A port found free can be taken before the app binds it: try another then.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      lastError = error;
      if (!/EADDRINUSE/.test(String(error))) break;
    }
  }
  throw lastError;
}

async function startOnce(options: StartAppOptions, port: number): Promise<AppProcess> {
  // The watchdog ends the app if this process dies without stopping it (see exit-with-parent.ts).
  const child = spawn(process.execPath, ["--import", "./extra/exit-with-parent.js", ...(options.nodeArgs ?? []), PROBOT_BIN, "run", options.appPath], {
    cwd: options.cwd,
    // Only what the test gives, plus PATH and HOME: no developer's .env or shell settings leak in.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: process.env.TZ ?? "", ...options.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const logs: LogLine[] = [];
  const rawOutput: string[] = [];
  const waiters = new Set<() => void>();
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  const lines = (stream: NodeJS.ReadableStream, raw: boolean) => {
    let rest = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      rest += chunk;
      const parts = rest.split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts) {
        if (line.trim() === "") continue;
        let parsed: LogLine | null = null;
        if (!raw && line.startsWith("{")) {
          try {
            parsed = JSON.parse(line) as LogLine;
          } catch {
            parsed = null;
          }
        }
        if (parsed) logs.push(parsed);
        else rawOutput.push(line);
      }
      wake();
    });
  };
  lines(child.stdout, false);
  lines(child.stderr, true);
  child.on("exit", (code, signal) => {
    exit = { code, signal };
    running.delete(child);
    wake();
  });

  const url = `http://127.0.0.1:${port}`;
  const tail = (n = 40) =>
    [...logs.slice(-n).map((l) => JSON.stringify(l)), ...rawOutput.slice(-n)].join("\n");

  const waitForLog: AppProcess["waitForLog"] = (test, o = {}) =>
    new Promise((resolve, reject) => {
      let index = o.from ?? 0;
      const check = () => {
        for (; index < logs.length; index++) {
          if (test(logs[index]!)) {
            done();
            resolve(logs[index]!);
            return;
          }
        }
        if (exit) {
          done();
          reject(new Error(`the app exited (${JSON.stringify(exit)}) before the awaited log line\n${tail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such log line within ${o.timeoutMs ?? 30_000} ms\n${tail()}`));
      }, o.timeoutMs ?? 30_000);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const app: AppProcess = {
    url,
    port,
    pid: child.pid!,
    logs,
    rawOutput,
    waitForLog,
    async ping() {
      try {
        const res = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2000) });
        return res.status === 200 && (await res.text()).trim() === "PONG";
      } catch {
        return false;
      }
    },
    exited: () => exit,
    peakRss: () => procStatus(child.pid!, "VmHWM"),
    rss: () => procStatus(child.pid!, "VmRSS"),
    cpuSeconds: () => cpuOf(child.pid!),
    async stop() {
      if (exit) return;
      const ended = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      stopChild(child, "SIGTERM");
      const timer = setTimeout(() => stopChild(child, "SIGKILL"), 3000);
      await ended;
      clearTimeout(timer);
    },
    tail,
  };

  try {
    await waitForLog((l) => /Listening on/.test(l.msg), { timeoutMs: options.startTimeoutMs ?? 20_000 });
  } catch (error) {
    const inUse = rawOutput.some((l) => l.includes("EADDRINUSE")) || logs.some((l) => JSON.stringify(l).includes("EADDRINUSE"));
    await app.stop();
    throw new Error(`${inUse ? "EADDRINUSE: " : ""}the app did not start: ${(error as Error).message}`);
  }
  return app;
}
