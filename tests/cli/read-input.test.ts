// What gh api prints, read as JSON: one value, several values one after
// another (--paginate), or pages in an array (--paginate --slurp).
import { describe, expect, it } from "vitest";
import { parseJsonSequence, timelineFromValues } from "../../src/cli/read-input.js";

const a = { event: "labeled", created_at: "2026-03-02T06:10:00Z" };
const b = { event: "commented", created_at: "2026-03-02T08:05:00Z", body: 'a "quoted" ] bracket } and \\ backslash' };
const c = { event: "closed", created_at: "2026-03-02T09:00:00Z" };

describe("parseJsonSequence", () => {
  it.each([
    ["one array", JSON.stringify([a, b]), [[a, b]]],
    ["one object", JSON.stringify(a), [a]],
    ["arrays one after another, pretty-printed", `${JSON.stringify([a], null, 2)}\n${JSON.stringify([b, c], null, 2)}\n`, [[a], [b, c]]],
    ["arrays back to back without whitespace (gh api --paginate)", `${JSON.stringify([a, b])}${JSON.stringify([c])}`, [[a, b], [c]]],
    ["brackets inside strings do not end a value", `[${JSON.stringify(b)}][]`, [[b], []]],
    ["objects one after another", `${JSON.stringify(a)}\n${JSON.stringify(c)}`, [a, c]],
  ])("%s", (_case, text, expected) => {
    expect(parseJsonSequence(text, "t.json")).toEqual(expected);
  });

  it.each([
    ["empty text", "  \n", /^t\.json: empty, expected JSON$/],
    ["broken JSON", '[{"event": ', /^t\.json: not valid JSON: /],
    ["a broken second page", `[]\n[{"event": }]`, /^t\.json: JSON value 2 is not valid: /],
    ["trailing garbage", "[] nonsense", /^t\.json: JSON value 2 is not valid: /],
  ])("%s is an error naming the source", (_case, text, message) => {
    expect(() => parseJsonSequence(text, "t.json")).toThrow(message);
  });
});

describe("timelineFromValues", () => {
  it.each([
    ["a plain array", [[a, b, c]]],
    ["pages one after another", [[a], [b, c]]],
    ["pages with an empty one", [[a, b], [], [c]]],
    ["an array of pages (--slurp)", [[[a], [b, c]]]],
  ])("%s gives the events in order", (_case, values) => {
    expect(timelineFromValues(values, "t.json")).toEqual([a, b, c]);
  });

  it("an empty timeline is an empty array", () => {
    expect(timelineFromValues([[]], "t.json")).toEqual([]);
  });

  it.each([
    ["an object", [a], /t\.json: the JSON value is not an array/],
    ["an object among pages", [[a], b], /t\.json: JSON value 2 is not an array/],
    ["pages mixed with events", [[[a], b]], /t\.json: mixes arrays \(pages\) and events/],
  ])("%s is refused", (_case, values, message) => {
    expect(() => timelineFromValues(values, "t.json")).toThrow(message);
  });
});
