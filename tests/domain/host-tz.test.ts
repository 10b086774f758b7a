// Results must not depend on the host's time zone (DESIGN §4: calendar
// arithmetic happens in the contract's `timezone`, never the machine's). A
// fixed batch of random incidents is evaluated in child processes started
// with different TZ values, one of them 45 minutes off the hour, and every
// process must print exactly the same results as this one.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { incidentCase } from "../support/arbitraries.js";

const SCRIPT = fileURLToPath(new URL("../reference/evaluate-batch.ts", import.meta.url));
// Zone and what Date#getTimezoneOffset says there on 15 January 2026 (minutes behind UTC).
const HOST_ZONES: [string, number][] = [["UTC", 0], ["Asia/Kolkata", -330], ["America/New_York", 300], ["Pacific/Chatham", -825]];
const batch = fc.sample(incidentCase, { seed: 20260302, numRuns: 200 });

function evaluateUnder(tz: string): Promise<{ offset: number; results: unknown[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], { env: { ...process.env, TZ: tz }, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`TZ=${tz}: exit ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(batch));
  });
}

describe("results do not depend on the host time zone", () => {
  it(`a fixed batch of random incidents evaluates identically under TZ=${HOST_ZONES.map(([tz]) => tz).join(", ")}`, async () => {
    const here = batch.map((c) => evaluate({ config: parseConfig(c.config), issue: c.issue, timeline: c.timeline, now: c.now }));
    const runs = await Promise.all(HOST_ZONES.map(([tz]) => evaluateUnder(tz)));
    // Each child really ran in the zone it was given (else the test proves nothing).
    expect(runs.map((r) => r.offset)).toEqual(HOST_ZONES.map(([, offset]) => offset));
    for (const run of runs) expect(run.results).toEqual(JSON.parse(JSON.stringify(here)));
  });
});
