// planReminders: the reminder and escalation comments an incident is owed at
// `now` (README, Reminders, escalation and the sweep), from explainIncident's explanation. Pure, so every
// case is a table row with a fixed `now` and the contract's zone.
//
// Times: Europe/Moscow is UTC+3 all year, so 09:00–18:00 MSK is 06:00–15:00Z.
// Default severities: 1 = 24x7 (accept 30m, workaround 4h, resolve 3d),
// 2 = 24x7 (accept 1h, workaround 8h, resolve 5d), 3 = business (accept 8h,
// resolve 10d). ru calendar (P14, calendar-ru.md): Mon 9 March 2026 is a day
// off (8 March is a Sunday); Fri 8 May 2026 is shortened (09:00–17:00) and
// Mon 11 May 2026 is a day off (9 May is a Saturday).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { Config, ConfigInput } from "../../src/config/schema.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { breachKey, planReminders, reminderKey } from "../../src/domain/plans/plan-reminders.js";
import { CUSTOMER, ENGINEER, closed, comment, issue, labeled, reopened, unlabeled } from "../fixtures/incident-builders.js";

const WAITING = "state: waiting for customer";
const ACCEPTED = "state: accepted";

function cfg(extra: ConfigInput = {}): Config {
  return parseConfig({
    timezone: "Europe/Moscow",
    ...extra,
    team: { engineers: [ENGINEER], orgMembersAreEngineers: false },
  });
}

interface Case {
  config?: Config;
  severity?: 1 | 2 | 3;
  createdAt: string;
  timeline?: unknown[];
  now: string;
  assignees?: string[];
  state?: "open" | "closed";
  labels?: string[];
}

function remind(c: Case) {
  const labels = c.labels ?? [`severity: ${c.severity ?? 3}`];
  const x = explainIncident({
    config: c.config ?? cfg(),
    issue: issue({ createdAt: c.createdAt, labels, state: c.state ?? "open" }),
    timeline: c.timeline ?? [],
    now: c.now,
  });
  return planReminders(x, c.assignees ?? []);
}

const keysOf = (c: Case) => remind(c).map((a) => a.key);
/** The text a reader sees (the hidden marker line removed). */
const textsOf = (c: Case) =>
  remind(c).map((a) => {
    if (a.mode === "delete") throw new Error("planReminders never deletes");
    return a.body.replace(/^<!-- [^>]*-->\n/, "");
  });

describe("thresholds on a business clock: Friday evening over the weekend (P12, P14)", () => {
  // Severity 3, accept 8h of working time, opened Friday 17:00 MSK: one hour counts on Friday;
  // the remaining 5h to 75% (6h) and 7h to the due time come on the next working day.
  it.each([
    // Fri 13 March 2026: the next working day is Monday 16 March. 75% at Mon 14:00 MSK, due Mon 16:00.
    { what: "Fri 13 Mar, Saturday noon", createdAt: "2026-03-13T14:00:00Z", now: "2026-03-14T09:00:00Z", keys: [] },
    { what: "Fri 13 Mar, Monday 13:59 MSK (5h59m used)", createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T10:59:00Z", keys: [] },
    { what: "Fri 13 Mar, Monday 14:00 MSK (6h used)", createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T11:00:00Z", keys: ["reminder:accept:75:s3"] },
    { what: "Fri 13 Mar, Monday 16:00 MSK (due, not yet past)", createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T13:00:00Z", keys: ["reminder:accept:75:s3"] },
    { what: "Fri 13 Mar, Monday 16:01 MSK (past due)", createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T13:01:00Z", keys: ["breach:accept:s3"] },
    // Fri 6 March 2026: Monday 9 March is off, so the clock goes on on Tuesday 10 March.
    { what: "Fri 6 Mar, holiday Monday 14:00 MSK", createdAt: "2026-03-06T14:00:00Z", now: "2026-03-09T11:00:00Z", keys: [] },
    { what: "Fri 6 Mar, Tuesday 13:59 MSK", createdAt: "2026-03-06T14:00:00Z", now: "2026-03-10T10:59:00Z", keys: [] },
    { what: "Fri 6 Mar, Tuesday 14:00 MSK", createdAt: "2026-03-06T14:00:00Z", now: "2026-03-10T11:00:00Z", keys: ["reminder:accept:75:s3"] },
    // Fri 8 May 2026 is shortened (closes 17:00): nothing counts on Friday; Monday 11 May is off;
    // Tuesday 12 May: 6h at 15:00 MSK, due 17:00 MSK.
    { what: "Fri 8 May (shortened), Tuesday 14:59 MSK", createdAt: "2026-05-08T14:00:00Z", now: "2026-05-12T11:59:00Z", keys: [] },
    { what: "Fri 8 May (shortened), Tuesday 15:00 MSK", createdAt: "2026-05-08T14:00:00Z", now: "2026-05-12T12:00:00Z", keys: ["reminder:accept:75:s3"] },
  ])("$what → $keys", ({ createdAt, now, keys }) => {
    expect(keysOf({ severity: 3, createdAt, now })).toEqual(keys);
  });

  it.each([
    { createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T11:00:00Z", due: "2026-03-16 16:00 UTC+3", left: "2 ч" },
    { createdAt: "2026-03-06T14:00:00Z", now: "2026-03-10T11:00:00Z", due: "2026-03-10 16:00 UTC+3", left: "2 ч" },
    { createdAt: "2026-05-08T14:00:00Z", now: "2026-05-12T12:00:00Z", due: "2026-05-12 17:00 UTC+3", left: "2 ч" },
    // An hour later on Monday 16 March: 7h used, 1h left.
    { createdAt: "2026-03-13T14:00:00Z", now: "2026-03-16T12:00:00Z", due: "2026-03-16 16:00 UTC+3", left: "1 ч" },
  ])("the reminder says the local due time $due and $left left", ({ createdAt, now, due, left }) => {
    expect(textsOf({ severity: 3, createdAt, now })).toEqual([
      `### ⏰ Срок «Принятие в работу» приближается\nИспользовано 75% времени: срок ${due} (Europe/Moscow), осталось ${left}.`,
    ]);
  });
});

describe("thresholds on a 24x7 clock", () => {
  // Severity 1 opened Friday 17:00 MSK: the weekend does not matter. accept 30m → 75% at 22m30s.
  const FRI = "2026-03-13T14:00:00Z";
  it.each([
    { now: "2026-03-13T14:22:00Z", keys: [] },
    { now: "2026-03-13T14:22:30Z", keys: ["reminder:accept:75:s1"] },
    { now: "2026-03-13T14:30:00Z", keys: ["reminder:accept:75:s1"] },
    // workaround 4h: 75% at 3h (Friday 20:00 MSK), while accept is long breached.
    { now: "2026-03-13T16:59:00Z", keys: ["breach:accept:s1"] },
    { now: "2026-03-13T17:00:00Z", keys: ["breach:accept:s1", "reminder:workaround:75:s1"] },
    // Saturday: accept and workaround breached; resolve 3d = 72h, 75% at 54h (Sunday 23:00 MSK).
    { now: "2026-03-14T09:00:00Z", keys: ["breach:accept:s1", "breach:workaround:s1"] },
    { now: "2026-03-15T20:00:00Z", keys: ["breach:accept:s1", "breach:workaround:s1", "reminder:resolve:75:s1"] },
  ])("severity 1 at $now → $keys", ({ now, keys }) => {
    expect(keysOf({ severity: 1, createdAt: FRI, now })).toEqual(keys);
  });

  it("says minutes left on a 24x7 clock, in days for long targets", () => {
    expect(textsOf({ severity: 1, createdAt: FRI, now: "2026-03-13T14:23:00Z" })).toEqual([
      "### ⏰ Срок «Принятие в работу» приближается\nИспользовано 75% времени: срок 2026-03-13 17:30 UTC+3 (Europe/Moscow), осталось 7 мин.",
    ]);
    // resolve: 72h from Fri 17:00 MSK is Mon 17:00 MSK; at Sun 23:00 MSK 18h are left (a 24x7 day is 24h).
    const [, , resolve] = textsOf({ severity: 1, createdAt: FRI, now: "2026-03-15T20:00:00Z" });
    expect(resolve).toBe("### ⏰ Срок «Постоянное решение» приближается\nИспользовано 75% времени: срок 2026-03-16 17:00 UTC+3 (Europe/Moscow), осталось 18 ч.");
    // Two hours after opening, 70h are left: 2d 22h.
    const config = cfg({ reminders: { thresholds: [0.01] } });
    const [, , early] = textsOf({ config, severity: 1, createdAt: FRI, now: "2026-03-13T16:00:00Z" });
    expect(early).toBe("### ⏰ Срок «Постоянное решение» приближается\nИспользовано 1% времени: срок 2026-03-16 17:00 UTC+3 (Europe/Moscow), осталось 2 дня 22 ч.");
  });
});

describe("pauses (P7)", () => {
  // Severity 1 opened Mon 2 March 2026 07:00Z, accepted at 07:10Z (accept met). workaround 4h:
  // 75% at 10:00Z. The engineer asks for logs at 10:02Z (3h02m used) before any sweep reminded.
  const MON = "2026-03-02T07:00:00Z";
  const accepted = labeled("2026-03-02T07:10:00Z", ENGINEER, ACCEPTED);
  const paused = labeled("2026-03-02T10:02:00Z", ENGINEER, WAITING);
  const reply = comment("2026-03-02T12:00:00Z", CUSTOMER);

  it.each([
    { what: "while paused, past the 75% threshold: quiet", timeline: [accepted, paused], now: "2026-03-02T11:00:00Z", keys: [] },
    { what: "long after the due time it would have had without the pause: still quiet", timeline: [accepted, paused], now: "2026-03-02T20:00:00Z", keys: [] },
    // The customer's reply resumes the clock at 12:00Z with 58m left: the skipped reminder comes now.
    { what: "after the customer's reply, before the deadline: the skipped reminder", timeline: [accepted, paused, reply], now: "2026-03-02T12:05:00Z", keys: ["reminder:workaround:75:s1"] },
    // Due 12:58Z (4h + 1h58m of pause). Past it, only the escalation: the reminder's moment has gone.
    { what: "after the reply, past the moved deadline: escalation only", timeline: [accepted, paused, reply], now: "2026-03-02T13:00:00Z", keys: ["breach:workaround:s1"] },
    // The label removed by the engineer resumes it too.
    {
      what: "after the label's removal",
      timeline: [accepted, paused, unlabeled("2026-03-02T12:00:00Z", ENGINEER, WAITING)],
      now: "2026-03-02T12:05:00Z",
      keys: ["reminder:workaround:75:s1"],
    },
    // A waiting label added by the customer side starts nothing: the clock runs and reminds.
    {
      what: "a waiting label from the customer side pauses nothing",
      timeline: [accepted, labeled("2026-03-02T10:02:00Z", CUSTOMER, WAITING)],
      now: "2026-03-02T10:30:00Z",
      keys: ["reminder:workaround:75:s1"],
    },
  ])("$what", ({ timeline, now, keys }) => {
    const labels = ["severity: 1", ACCEPTED, ...(timeline.includes(paused) && !timeline.includes(reply) ? [WAITING] : [])];
    expect(keysOf({ severity: 1, createdAt: MON, timeline, now, labels })).toEqual(keys);
  });

  it("the resumed reminder gives the moved due time", () => {
    expect(
      textsOf({ severity: 1, createdAt: MON, timeline: [accepted, paused, reply], now: "2026-03-02T12:05:00Z", labels: ["severity: 1", ACCEPTED] }),
    ).toEqual(["### ⏰ Срок «Обходное решение» приближается\nИспользовано 75% времени: срок 2026-03-02 15:58 UTC+3 (Europe/Moscow), осталось 53 мин."]);
  });
});

describe("several thresholds: only the highest one passed", () => {
  // Severity 1 workaround 4h from 07:00Z, accept met at 07:10Z: 50% at 09:00Z, 75% at 10:00Z, 90% at 10:36Z.
  const config = cfg({ reminders: { thresholds: [0.5, 0.75, 0.9] } });
  const timeline = [labeled("2026-03-02T07:10:00Z", ENGINEER, ACCEPTED)];
  it.each([
    { now: "2026-03-02T08:59:00Z", keys: [] },
    { now: "2026-03-02T09:00:00Z", keys: ["reminder:workaround:50:s1"] },
    { now: "2026-03-02T09:59:00Z", keys: ["reminder:workaround:50:s1"] },
    { now: "2026-03-02T10:00:00Z", keys: ["reminder:workaround:75:s1"] },
    { now: "2026-03-02T10:36:00Z", keys: ["reminder:workaround:90:s1"] },
    { now: "2026-03-02T11:00:00Z", keys: ["reminder:workaround:90:s1"] },
    { now: "2026-03-02T11:01:00Z", keys: ["breach:workaround:s1"] },
  ])("at $now → $keys", ({ now, keys }) => {
    expect(keysOf({ config, severity: 1, createdAt: "2026-03-02T07:00:00Z", timeline, now, labels: ["severity: 1", ACCEPTED] })).toEqual(keys);
  });

  it("the order thresholds are written in does not matter", () => {
    const shuffled = cfg({ reminders: { thresholds: [0.9, 0.5, 0.75] } });
    expect(
      keysOf({ config: shuffled, severity: 1, createdAt: "2026-03-02T07:00:00Z", timeline, now: "2026-03-02T10:10:00Z", labels: ["severity: 1", ACCEPTED] }),
    ).toEqual(["reminder:workaround:75:s1"]);
  });

  it("says the threshold's own percentage", () => {
    expect(
      textsOf({ config: cfg({ language: "en", reminders: { thresholds: [0.5, 0.75, 0.9] } }), severity: 1, createdAt: "2026-03-02T07:00:00Z", timeline, now: "2026-03-02T10:40:00Z", labels: ["severity: 1", ACCEPTED] }),
    ).toEqual(["### ⏰ Workaround deadline approaching\n90% of the time is used: due 2026-03-02 14:00 UTC+3 (Europe/Moscow), 20 min left."]);
  });
});

describe("severity changes give new keys (P8)", () => {
  // Opened 07:00Z as severity 2 (accept 1h); at 07:20Z the engineer makes it severity 1 (accept 30m, due 07:30Z).
  const createdAt = "2026-03-02T07:00:00Z";
  const raised = [unlabeled("2026-03-02T07:20:00Z", ENGINEER, "severity: 2"), labeled("2026-03-02T07:20:00Z", ENGINEER, "severity: 1")];
  it.each([
    { what: "severity 2 at 07:50Z (50 of 60 minutes)", labels: ["severity: 2"], timeline: [], now: "2026-03-02T07:50:00Z", keys: ["reminder:accept:75:s2"] },
    { what: "raised to 1, at 07:24Z (24 of 30 minutes)", labels: ["severity: 1"], timeline: raised, now: "2026-03-02T07:24:00Z", keys: ["reminder:accept:75:s1"] },
    { what: "raised to 1, at 07:50Z (past 07:30Z)", labels: ["severity: 1"], timeline: raised, now: "2026-03-02T07:50:00Z", keys: ["breach:accept:s1"] },
  ])("$what → $keys", ({ labels, timeline, now, keys }) => {
    expect(keysOf({ createdAt, labels, timeline, now })).toEqual(keys);
  });

  it("builds keys from target, threshold percentage and severity", () => {
    expect([reminderKey("accept", 0.75, 2), reminderKey("resolve", 0.9, 3), breachKey("workaround", 1)]).toEqual([
      "reminder:accept:75:s2",
      "reminder:resolve:90:s3",
      "breach:workaround:s1",
    ]);
  });

  it("every comment carries its key as a hidden marker", () => {
    for (const a of remind({ severity: 1, createdAt: "2026-03-13T14:00:00Z", now: "2026-03-13T17:00:00Z" })) {
      expect(a.mode).toBe("once");
      if (a.mode !== "delete") expect(readMarker(a.body)?.key).toBe(a.key);
    }
  });
});

describe("met, cancelled, closed and uncovered incidents are quiet", () => {
  const createdAt = "2026-03-02T07:00:00Z";
  it.each([
    { what: "accept met in time (severity 2)", labels: ["severity: 2", ACCEPTED], timeline: [labeled("2026-03-02T07:20:00Z", ENGINEER, ACCEPTED)], now: "2026-03-02T07:55:00Z", keys: [] },
    // Met late: it was breached, but once met there is nothing more to escalate.
    { what: "accept met late (severity 1)", labels: ["severity: 1", ACCEPTED], timeline: [labeled("2026-03-02T07:40:00Z", ENGINEER, ACCEPTED)], now: "2026-03-02T07:45:00Z", keys: [] },
    // The customer side's label meets nothing: the target runs on and reminds.
    { what: "accepted label by the customer side", labels: ["severity: 2", ACCEPTED], timeline: [labeled("2026-03-02T07:20:00Z", CUSTOMER, ACCEPTED)], now: "2026-03-02T07:55:00Z", keys: ["reminder:accept:75:s2"] },
    { what: "closed as not planned (cancelled)", labels: ["severity: 1"], timeline: [closed("2026-03-02T07:10:00Z", ENGINEER, "not_planned")], now: "2026-03-02T09:00:00Z", state: "closed" as const, keys: [] },
    { what: "closed as completed", labels: ["severity: 1"], timeline: [closed("2026-03-02T07:25:00Z", CUSTOMER)], now: "2026-03-02T09:00:00Z", state: "closed" as const, keys: [] },
    // The issue says closed, though its timeline (read before the close) does not show it yet: still nothing.
    { what: "closed, the close not in the timeline", labels: ["severity: 1"], timeline: [], now: "2026-03-02T09:00:00Z", state: "closed" as const, keys: [] },
    // Closed as not planned and reopened: the closed period (10 minutes) does not count, so 75% of
    // workaround (3h) comes at 10:10Z. (A close as completed would have met workaround.)
    {
      what: "reopened: the closed period does not count",
      labels: ["severity: 1"],
      timeline: [closed("2026-03-02T07:10:00Z", CUSTOMER, "not_planned"), reopened("2026-03-02T07:20:00Z", CUSTOMER)],
      now: "2026-03-02T10:09:00Z",
      keys: [],
    },
    {
      what: "reopened, at 75% of workaround",
      labels: ["severity: 1"],
      timeline: [closed("2026-03-02T07:10:00Z", CUSTOMER, "not_planned"), reopened("2026-03-02T07:20:00Z", CUSTOMER)],
      now: "2026-03-02T10:10:00Z",
      keys: ["reminder:workaround:75:s1"],
    },
  ])("$what → $keys", ({ labels, timeline, now, keys, state }) => {
    expect(keysOf({ createdAt, labels, timeline, now, ...(state ? { state } : {}) })).toEqual(keys);
  });

  it.each([
    { what: "support period over (P1)", contract: { supportUntil: "2026-02-28" } },
    { what: "support period not started (P1)", contract: { supportFrom: "2026-04-01" } },
  ])("$what: no reminders and no escalation", ({ contract }) => {
    expect(keysOf({ config: cfg({ contract }), severity: 1, createdAt, now: "2026-03-05T09:00:00Z" })).toEqual([]);
  });
});

describe("who is mentioned, in both languages", () => {
  const FRI = "2026-03-13T14:00:00Z";
  const AT_75 = "2026-03-13T14:23:00Z";
  const BREACHED = "2026-03-13T14:31:00Z";
  it.each([
    { what: "assignees, not reminders.mention", mention: ["acme/support"], assignees: ["eng-anna", "eng-oleg"], people: "@eng-anna @eng-oleg " },
    { what: "reminders.mention (a team) without assignees", mention: ["acme/support", "duty-lead"], assignees: [], people: "@acme/support @duty-lead " },
    { what: "nobody when neither is set", mention: [], assignees: [], people: "" },
  ])("reminder mentions $what", ({ mention, assignees, people }) => {
    for (const [language, text] of [
      ["ru", `### ⏰ Срок «Принятие в работу» приближается\n${people}Использовано 75% времени: срок 2026-03-13 17:30 UTC+3 (Europe/Moscow), осталось 7 мин.`],
      ["en", `### ⏰ Acceptance deadline approaching\n${people}75% of the time is used: due 2026-03-13 17:30 UTC+3 (Europe/Moscow), 7 min left.`],
    ] as const) {
      const config = cfg({ language, reminders: { mention } });
      expect(textsOf({ config, severity: 1, createdAt: FRI, now: AT_75, assignees })).toEqual([text]);
    }
  });

  it.each([
    { what: "managers and assignees", escalate: ["boss", "acme/managers"], assignees: ["eng-anna"], people: "@boss @acme/managers @eng-anna " },
    { what: "managers only", escalate: ["boss"], assignees: [], people: "@boss " },
    // reminders.mention is for reminders; the escalation goes to managers and the people working it.
    { what: "not reminders.mention", escalate: [], assignees: [], people: "", mention: ["acme/support"] },
    { what: "an assignee who is also a manager once", escalate: ["boss"], assignees: ["boss"], people: "@boss " },
  ])("escalation mentions $what", ({ escalate, assignees, people, mention }) => {
    for (const [language, text] of [
      ["ru", `### 🔴 Срок «Принятие в работу» нарушен\n${people}Срок истёк 2026-03-13 17:30 UTC+3 (Europe/Moscow), а цель не достигнута; нарушение учитывается в отчёте о сроках.`],
      ["en", `### 🔴 Acceptance deadline breached\n${people}It was due 2026-03-13 17:30 UTC+3 (Europe/Moscow) and has not been met; the breach is counted in the service report.`],
    ] as const) {
      const config = cfg({ language, reminders: { escalate, mention: mention ?? [] } });
      expect(textsOf({ config, severity: 1, createdAt: FRI, now: BREACHED, assignees })).toEqual([text]);
    }
  });

  it("a contract in another zone shows that zone's local time", () => {
    const config = cfg({ language: "en", timezone: "Asia/Kolkata", calendar: { preset: "none" } });
    expect(textsOf({ config, severity: 1, createdAt: FRI, now: AT_75 })).toEqual([
      "### ⏰ Acceptance deadline approaching\n75% of the time is used: due 2026-03-13 20:00 UTC+5:30 (Asia/Kolkata), 7 min left.",
    ]);
  });
});
