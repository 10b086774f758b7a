// Laws of the SLA clock (DESIGN §4), checked on random incidents with
// fast-check, and agreement of `evaluate` with the deliberately naive
// minute-stepping reference in tests/reference/minute-evaluator.ts. Seeds are
// random; a failure prints its seed and the shrunk incident to replay it.
import { fc, it } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { createCalendar } from "../../src/domain/clock/calendar.js";
import { type Clock, type Interval, countedBetween, dueAt, mergeIntervals } from "../../src/domain/clock/clock.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { referenceEvaluate } from "../reference/minute-evaluator.js";
import { type IncidentCase, ZONES, incidentCase, lengthen } from "../support/arbitraries.js";
import { replyCase } from "../support/reply-arbitraries.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

function run(c: IncidentCase, config = parseConfig(c.config)) {
  return evaluate({ config, issue: c.issue, timeline: c.timeline, now: c.now });
}

const dueTimes = (result: ReturnType<typeof run>) =>
  Object.fromEntries(Object.entries(result.targets).map(([name, t]) => [name, Date.parse(t.dueAt ?? "")]));

/** Whether the waiting label is off the issue at `from` (after that minute's events) and untouched through `to`. */
function waitingOffThroughout(c: IncidentCase, from: number, to: number): boolean {
  const waiting = "state: waiting for customer";
  let on = false;
  for (const e of c.timeline) {
    const at = Date.parse(e.created_at as string);
    const isWaiting = (e.label as { name?: string } | undefined)?.name?.toLowerCase() === waiting;
    if (!isWaiting || (e.event !== "labeled" && e.event !== "unlabeled")) continue;
    if (at <= from) on = e.event === "labeled";
    else if (at <= to) return false;
  }
  return !on;
}

describe("laws of evaluate (DESIGN §4)", () => {
  it.prop([incidentCase], { numRuns: 300 })("no target is ever due before the incident starts", (c) => {
    const result = run(c);
    for (const target of Object.values(result.targets)) {
      expect(Date.parse(target.dueAt ?? "")).toBeGreaterThan(Date.parse(result.startedAt));
    }
  });

  it.prop([incidentCase, fc.integer({ min: 1, max: 600 })], { numRuns: 300 })(
    "a longer target is never due earlier (24x7 and business clocks, P9)",
    (c, extra) => {
      const longer = structuredClone(c.config);
      for (const severity of Object.values(longer.severities ?? {})) {
        for (const name of ["accept", "workaround", "resolve"] as const) {
          const text = severity[name];
          if (text !== undefined) severity[name] = lengthen(text, extra);
        }
      }
      const before = dueTimes(run(c));
      const after = dueTimes(run({ ...c, config: longer }));
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const [name, due] of Object.entries(before)) expect(after[name]).toBeGreaterThanOrEqual(due);
    },
  );

  it.prop([incidentCase, fc.integer({ min: 0, max: 8 * 1440 }), fc.integer({ min: 1, max: 2 * 1440 })], { numRuns: 300 })(
    "adding a pause (the bot adds the waiting label, later removes it) never makes a due time earlier (P7)",
    (c, startAfter, length) => {
      const created = Date.parse(c.issue.created_at as string);
      const from = created + startAfter * MINUTE;
      const to = from + length * MINUTE;
      // Only where the label is really off, so the new pause cannot cut an existing one short.
      fc.pre(waitingOffThroughout(c, from, to));
      const bot = { login: "incident-sla[bot]" };
      const label = { name: "state: waiting for customer" };
      const timeline = [
        ...c.timeline,
        { event: "labeled", created_at: new Date(from).toISOString(), actor: bot, label },
        { event: "unlabeled", created_at: new Date(to).toISOString(), actor: bot, label },
      ].sort((a, b) => Date.parse(a.created_at as string) - Date.parse(b.created_at as string));
      const plain = run(c);
      const paused = run({ ...c, timeline });
      for (const [name, due] of Object.entries(dueTimes(plain))) expect(dueTimes(paused)[name]).toBeGreaterThanOrEqual(due);
      expect(paused.pausedMinutes).toBeGreaterThanOrEqual(plain.pausedMinutes);
    },
  );
});

describe("evaluation at `now` does not look into the future (DESIGN §1)", () => {
  it.prop([incidentCase], { numRuns: 300 })("dropping the timeline's events after `now` changes nothing", (c) => {
    const now = Date.parse(c.now);
    const past = c.timeline.filter((e) => Date.parse(e.created_at as string) <= now);
    expect(run({ ...c, timeline: past })).toEqual(run(c));
  });
});

describe("evaluate agrees with the minute-stepping reference", () => {
  it.prop([incidentCase], { numRuns: 1000 })("on random incidents, zones, calendars and timelines (the whole §5 object but warnings)", (c) => {
    const config = parseConfig(c.config);
    const { warnings: _warnings, ...engine } = evaluate({ config, issue: c.issue, timeline: c.timeline, now: c.now });
    expect(engine).toEqual(referenceEvaluate({ config, issue: c.issue, timeline: c.timeline, now: c.now }));
  });
});

// The reply target (README, How the clock works: the reply paragraph; issue 15):
// replyCase gives every severity a `reply` and adds comments of every kind of author.
describe("the reply target agrees with the minute-stepping reference", () => {
  it.prop([replyCase], { numRuns: 1000 })("targets.reply (status, dueAt, metAt, breached, waits, breaches) on random timelines", (c) => {
    const config = parseConfig(c.config);
    const engine = evaluate({ config, issue: c.issue, timeline: c.timeline, now: c.now });
    const reference = referenceEvaluate({ config, issue: c.issue, timeline: c.timeline, now: c.now });
    expect(engine.targets.reply).toEqual(reference.targets.reply);
  });

  it.prop([replyCase], { numRuns: 300 })("adding `reply` never changes the three contract targets", (c) => {
    const withReply = evaluate({ config: parseConfig(c.config), issue: c.issue, timeline: c.timeline, now: c.now });
    const plainConfig = structuredClone(c.config);
    for (const severity of Object.values(plainConfig.severities ?? {})) delete severity.reply;
    const plain = evaluate({ config: parseConfig(plainConfig), issue: c.issue, timeline: c.timeline, now: c.now });
    const { reply, ...contract } = withReply.targets;
    expect(reply === undefined).toBe(withReply.coverage !== "active");
    expect({ ...withReply, targets: contract }).toEqual(plain);
  });
});

// Interval arithmetic on its own: any calendar (night hours and DST edges
// included, ru years with and without decree data), any instants (not only
// whole minutes), any exclusions.
const hoursText = fc
  .record({ open: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 1440 }) })
  .map(({ open, length }) => {
    const close = Math.min(1440, open + length);
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    return `${hm(open)}-${hm(close)}`;
  });
const START_MIN = Date.parse("2025-06-01T00:00:00Z");
const START_MAX = Date.parse("2027-06-01T00:00:00Z");
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const clockCase = fc
  .record({
    zone: fc.constantFrom(...ZONES, "Pacific/Chatham"),
    preset: fc.constantFrom("ru" as const, "none" as const),
    workingDays: fc.subarray(["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const, { minLength: 1 }),
    hours: hoursText,
    holidays: fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 4 }),
    workingDates: fc.array(fc.record({ offset: fc.integer({ min: -1, max: 30 }), hours: hoursText }), { maxLength: 2 }),
    kind: fc.constantFrom("24x7" as const, "business" as const),
    start: fc.integer({ min: START_MIN, max: START_MAX }),
    exclusions: fc.array(fc.record({ after: fc.integer({ min: -DAY, max: 10 * DAY }), length: fc.integer({ min: 1, max: 3 * DAY }) }), { maxLength: 5 }),
    // Fractions of up to three clock days, so a one-minute working day does not send the walk through decades.
    amounts: fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 })),
    // Or an amount that runs out exactly where counting stops: a closing time or the start of an exclusion.
    edge: fc.option(fc.record({ day: fc.integer({ min: 0, max: 6 }), exclusion: fc.boolean(), pick: fc.nat() }), { freq: 2 }),
  })
  .map((g) => {
    const config = parseConfig({
      timezone: g.zone,
      calendar: {
        preset: g.preset,
        workingDays: g.workingDays,
        hours: g.hours,
        holidays: g.holidays.map((d) => isoDay(g.start + d * DAY)),
        workingDates: Object.fromEntries(g.workingDates.map((w) => [isoDay(g.start + w.offset * DAY), w.hours])),
      },
    });
    const calendar = createCalendar(config.calendar, config.timezone);
    const clock: Clock = { kind: g.kind, calendar };
    const dayMs = g.kind === "24x7" ? DAY : calendar.dayMinutes * MINUTE;
    const exclusions = mergeIntervals(g.exclusions.map((e): Interval => [g.start + e.after, g.start + e.after + e.length]));
    const [first, y] = g.amounts.map((u) => Math.max(1, Math.round((u / 1_000_000) * 3 * dayMs))) as [number, number];
    let x = first;
    if (g.edge) {
      const window = calendar.day(calendar.localDay(g.start) + g.edge.day);
      const ex = exclusions[g.edge.pick % Math.max(1, exclusions.length)];
      const stop = g.edge.exclusion && ex ? ex[0] : window.working ? window.close : Number.NaN;
      const upToStop = stop > g.start ? countedBetween(clock, g.start, stop, exclusions) : 0;
      if (upToStop > 0) x = upToStop;
    }
    return { clock, start: g.start, exclusions, small: Math.min(x, y), large: Math.max(x, y) };
  });

describe("clock.ts interval arithmetic", () => {
  it.prop([clockCase], { numRuns: 500 })("countedBetween(start, dueAt(start, x)) is exactly x, and a millisecond earlier it is less", ({ clock, start, exclusions, small }) => {
    const due = dueAt(clock, start, small, exclusions);
    expect(countedBetween(clock, start, due, exclusions)).toBe(small);
    // The due time is the earliest such instant (DESIGN §4: exactly at 18:00 is due at 18:00).
    expect(countedBetween(clock, start, due - 1, exclusions)).toBeLessThan(small);
  });

  it.prop([clockCase], { numRuns: 500 })("dueAt is monotone in the amount (strictly: more time is due later)", ({ clock, start, exclusions, small, large }) => {
    const early = dueAt(clock, start, small, exclusions);
    const late = dueAt(clock, start, large, exclusions);
    if (small === large) expect(late).toBe(early);
    else expect(late).toBeGreaterThan(early);
    expect(early).toBeGreaterThan(start);
  });
});

// Disagreements found by the properties above, kept as minimal named cases.
// Those marked `fails` are still open: the engine behaves otherwise, and when
// it is fixed they turn red and the marker goes.
describe("engine disagreements found by the properties", () => {
  const defaults = parseConfig({ timezone: "Europe/Moscow", team: { engineers: ["alice"] } });

  // P11: a registered request starts at "Received at". A real issue form has
  // more fields after it; the form reader used to take the next unknown "###"
  // heading and its answer as part of "Received at", which then could not be
  // read, so the clock silently started at created_at. Found by the agreement
  // property; fixed in issue-form.ts (one-line answers end at any heading).
  it.each([
    ["a field follows Received at", "### Channel\n\nEmail\n\n### Received at\n\n2026-03-02 10:00\n\n### Environment\n\nPROD\n"],
    ["Received at comes before Channel", "### Received at\n\n2026-03-02 10:00\n\n### Channel\n\nPhone\n\n### Product version\n\n5.2\n"],
  ])("P11 registration survives other form fields: %s", (_name, body) => {
    const issue = { number: 1, created_at: "2026-03-02T09:00:00Z", user: { login: "alice" }, author_association: "NONE", labels: [], state: "open", body };
    const result = evaluate({ config: defaults, issue, timeline: [], now: "2026-03-02T12:00:00Z" });
    // 2026-03-02 10:00 in Moscow (UTC+3) is 07:00Z, two hours before created_at.
    expect(result.startedAt).toBe("2026-03-02T07:00:00.000Z");
  });

  // "Events after now are ignored": yet a login proven an organisation member
  // only by a comment made after `now` is trusted before it, so a waiting label
  // it added at 06:10 starts a pause and meets `accept` in an evaluation at 08:00.
  // Evaluating at 08:00 must give the same answer whether the timeline was
  // fetched at 08:00 or a day later (DESIGN §1: deadlines come out the same).
  it("trust at `now` does not depend on comments after `now`", () => {
    const config = parseConfig({ timezone: "Europe/Moscow" });
    const issue = { number: 2, created_at: "2026-03-02T06:00:00Z", user: { login: "cust" }, author_association: "NONE", labels: [{ name: "severity: 1" }], state: "open", body: "" };
    const timeline = [
      { event: "labeled", created_at: "2026-03-02T06:10:00Z", actor: { login: "olga" }, label: { name: "state: waiting for customer" } },
      { event: "commented", created_at: "2026-03-03T12:00:00Z", user: { login: "olga" }, author_association: "MEMBER" },
    ];
    const now = "2026-03-02T08:00:00Z";
    const later = evaluate({ config, issue, timeline, now });
    const atTheTime = evaluate({ config, issue, timeline: timeline.slice(0, 1), now });
    expect(later).toEqual(atTheTime);
  });
});
