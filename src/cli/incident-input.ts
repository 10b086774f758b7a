// One incident as the evaluate and explain commands read it (DESIGN §5):
// {"issue": <REST issue>, "timeline": [<REST timeline events>], "now"?: ISO}.
// Unknown keys are refused so that a misspelt "now" cannot silently fall back
// to another time.
import { flattenPages } from "./read-input.js";
import { parseNow } from "./parse-now.js";
import type { CliWords } from "./cli-language.js";
import { InputError } from "./usage-error.js";

interface IncidentInput {
  issue: unknown;
  timeline: unknown;
  /** The incident's own `now`, when it has one. */
  now: number | null;
}

const KEYS = ["issue", "timeline", "now"];
const SHAPE = '{"issue": …, "timeline": […], "now"?: "ISO 8601"}';

export function incidentInput(value: unknown, zone: string, words: CliWords): IncidentInput {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InputError(words.json.notAnObject(SHAPE, Array.isArray(value) ? null : JSON.stringify(value)));
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !KEYS.includes(k));
  if (unknown.length > 0) {
    throw new InputError(words.json.unknownKeys(unknown, SHAPE));
  }
  if (!("issue" in record)) throw new InputError(words.json.missingIssue(SHAPE));
  if (!("timeline" in record)) throw new InputError(words.json.missingTimeline(SHAPE));
  let now: number | null = null;
  if (record.now !== undefined && record.now !== null) {
    const parsed = parseNow(record.now, zone, words);
    if (typeof parsed !== "number") throw new InputError(`now: ${parsed.error}`);
    now = parsed;
  }
  const timeline = Array.isArray(record.timeline) ? flattenPages(record.timeline as unknown[], "timeline", words) : record.timeline;
  return { issue: record.issue, timeline, now };
}
