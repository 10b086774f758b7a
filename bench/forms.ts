// `npm run bench:forms` (add `-- --quick` for a smoke run): how long reading an
// issue form takes (README, Performance), in one process:
//   1. Every hostile body of tests/fixtures/hostile-bodies.ts (65,536
//      characters each) beside an ordinary 65,536-character body and a normal
//      one-kilobyte form, through parseIncidentForm and the start of the clock
//      (readIssueForm over every field), as microseconds and as ratios.
//   2. Today's parser against the way it used to be (the old code is kept
//      below, in this file only, as the peer): on the worst line the old
//      heading pattern meets, "### Notes" + spaces + "x", with the run capped
//      so that the old parser finishes.
//   3. Ordinary bodies (a normal form, an ordinary 65,536-character body):
//      today's parser against the old one, to show they cost what they did.
// Run with --expose-gc (the npm script does) so rounds start from a clean heap.
import os from "node:os";
import { pathToFileURL } from "node:url";
import { FORM_FIELDS, type FormField } from "../src/domain/forms/form-fields.js";
import { parseIncidentForm } from "../src/domain/forms/incident-form.js";
import { parseIssueForm, readIssueForm } from "../src/domain/forms/issue-form.js";
import { MAX_BODY, NORMAL_FORM, hostileBodies, ordinaryBody } from "../tests/fixtures/hostile-bodies.js";
import { timeInterleaved } from "./measure.js";

// ---------------------------------------------------------------- the peer: the parser before linear-time reading

const OLD_FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const OLD_HEADING = /^\s{0,3}###\s+(.*?)\s*#*\s*$/;
const oldNormal = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();

function oldCleanValue(lines: string[]): string | null {
  let text = lines.join("\n").trim();
  if (text === "" || text === "_No response_") return null;
  const fenced = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(text);
  if (fenced) text = (fenced[2] ?? "").trim();
  return text === "" ? null : text;
}

/** src/domain/forms/issue-form.ts as it was before linear-time reading: regular expressions, and the first of a repeated heading wins. */
export function oldParseIssueForm<F extends FormField>(body: string, fields: readonly F[]): Map<F["id"], string | null> {
  const byHeading = new Map<string, F>();
  for (const field of fields) {
    byHeading.set(oldNormal(field.en), field);
    byHeading.set(oldNormal(field.ru), field);
  }
  const result = new Map<F["id"], string | null>();
  let current: F | null = null;
  let lines: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (current && !result.has(current.id)) result.set(current.id, oldCleanValue(lines));
  };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const fenceMark = OLD_FENCE.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = null;
    } else if (fenceMark) {
      fence = fenceMark;
    } else {
      const heading = OLD_HEADING.exec(line)?.[1];
      const field = heading !== undefined ? byHeading.get(oldNormal(heading)) : undefined;
      if (field) {
        flush();
        current = field;
        lines = [];
        continue;
      }
      if (heading !== undefined && current && !current.multiline) {
        flush();
        current = null;
        continue;
      }
    }
    if (current) lines.push(line);
  }
  flush();
  return result;
}

/** The old heading and fence patterns, for tests that compare the new scanners with them on short lines. */
export const OLD_PATTERNS = { heading: OLD_HEADING, fence: OLD_FENCE } as const;

// ---------------------------------------------------------------- the benchmark

const FIELDS = Object.values(FORM_FIELDS) as FormField[];
const out = (line = "") => console.log(line);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const table = (rows: string[][]) => {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) out("   " + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   "));
};

/** Everything the app does with a body on each event: the incident form, and every field for the start of the clock. */
const readBody = (body: string) => {
  const form = parseIncidentForm(body);
  const reading = readIssueForm(body, FIELDS);
  return form.present.size + reading.answers.size + reading.repeated.length;
};

function main(): void {
  const quick = process.argv.includes("--quick");
  const plan = quick ? { warmups: 1, rounds: 3, oldRounds: 1 } : { warmups: 2, rounds: 9, oldRounds: 3 };
  const cpus = os.cpus();
  out(`incident-sla form-parsing benchmark${quick ? " (--quick: smoke run, figures are rough)" : ""}`);
  out(`  date     ${new Date().toISOString()}`);
  out(`  node     ${process.version} (${process.platform} ${process.arch}), gc exposed: ${typeof globalThis.gc === "function" ? "yes" : "no"}`);
  out(`  cpu      ${cpus[0]?.model ?? "unknown"} × ${cpus.length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
  out();

  // 1. Hostile bodies beside ordinary ones.
  const normal = { name: "a normal form (" + NORMAL_FORM.length + " chars)", body: NORMAL_FORM };
  const ordinary = { name: `an ordinary ${MAX_BODY}-char body`, body: ordinaryBody() };
  const hostile = hostileBodies();
  const all = [normal, ordinary, ...hostile];
  // Each contender reads its body several times a round (a one-kilobyte form many times), so a round is not one cold call.
  const times = (body: string) => Math.max(5, Math.round(200_000 / body.length));
  const repeat = (n: number, read: () => number) => () => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += read();
    return sum;
  };
  const timings = timeInterleaved(
    all.map((b) => ({ name: b.name, ops: times(b.body), run: repeat(times(b.body), () => readBody(b.body)) })),
    plan.warmups,
    plan.rounds,
  );
  const us = new Map(timings.map((t) => [t.name, t.median]));
  const base = us.get(ordinary.name)!;
  const worst = timings.slice(2).reduce((a, b) => (b.median > a.median ? b : a));
  out(`1. Reading a body (parseIncidentForm + readIssueForm over ${FIELDS.length} fields), µs per read, median of ${plan.rounds} rounds`);
  table([
    ["body", "µs", `× ordinary ${MAX_BODY}`, "µs per 1k chars"],
    ...all.map((b) => {
      const t = us.get(b.name)!;
      return [b.name, fmt(t), fmt(t / base, 2), fmt((t / b.body.length) * 1000, 2)];
    }),
  ]);
  out();
  out(`   worst hostile body: "${worst.name}", ${fmt(worst.median)} µs = ${fmt(worst.median / base, 2)} × the ordinary ${MAX_BODY}-char body, ${fmt(worst.median / us.get(normal.name)!, 0)} × the normal form`);
  out();

  // 2. Today's parser against the old one on the old pattern's worst line, capped.
  out('2. "### Notes" + N spaces + "x": today\'s parser against the old one (the old on capped N only)');
  const line = (n: number) => `### Notes${" ".repeat(n)}x`;
  const rows: string[][] = [["N spaces", "old µs", "today µs", "old / today"]];
  for (const n of quick ? [250, 500, 1000] : [250, 500, 1000, 2000]) {
    const body = line(n);
    const [old, now] = timeInterleaved(
      [
        { name: "old", ops: 1, run: () => oldParseIssueForm(body, FIELDS).size },
        { name: "today", ops: 1, run: () => parseIssueForm(body, FIELDS).size },
      ],
      1,
      plan.oldRounds,
    );
    rows.push([String(n), fmt(old!.median), fmt(now!.median), fmt(old!.median / now!.median, 0)]);
  }
  const full = timeInterleaved([{ name: "today", ops: 1, run: () => parseIssueForm(line(MAX_BODY - 10), FIELDS).size }], 1, plan.rounds)[0]!;
  rows.push([`${MAX_BODY - 10} (full body)`, "not run: cubic", fmt(full.median), "—"]);
  table(rows);
  out();

  // 3. Ordinary bodies cost what they did.
  out("3. Ordinary bodies, today's parser against the old one (parseIssueForm over every field)");
  const peers = timeInterleaved(
    [normal, ordinary].flatMap((b) => [
      { name: `old ${b.name}`, ops: times(b.body), run: repeat(times(b.body), () => oldParseIssueForm(b.body, FIELDS).size) },
      { name: `today ${b.name}`, ops: times(b.body), run: repeat(times(b.body), () => parseIssueForm(b.body, FIELDS).size) },
    ]),
    plan.warmups,
    plan.rounds,
  );
  const peer = new Map(peers.map((t) => [t.name, t.median]));
  table([
    ["body", "old µs", "today µs", "today / old"],
    ...[normal, ordinary].map((b) => {
      const old = peer.get(`old ${b.name}`)!;
      const now = peer.get(`today ${b.name}`)!;
      return [b.name, fmt(old), fmt(now), fmt(now / old, 2)];
    }),
  ]);
}

// Run only as a script: tests import the old parser from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
