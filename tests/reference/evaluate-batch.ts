// Evaluates a batch of incidents read from stdin (a JSON array of
// { config, issue, timeline, now } with raw configuration) and prints
// { offset, results } as JSON: the host's UTC offset on 15 January 2026 (proof
// of the TZ this process really ran in),
// and one §5 object per incident. Used by tests/domain/host-tz.test.ts, which
// runs it under several TZ values and expects identical results.
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const batch = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { config: unknown; issue: unknown; timeline: unknown; now: string }[];
const results = batch.map((c) => evaluate({ config: parseConfig(c.config), issue: c.issue, timeline: c.timeline, now: c.now }));
process.stdout.write(JSON.stringify({ offset: new Date("2026-01-15T00:00:00Z").getTimezoneOffset(), results }));
