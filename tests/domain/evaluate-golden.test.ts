// Golden cases for evaluate (DESIGN §4, §5). Every expected instant below was
// worked out by hand from DESIGN §4 and calendar-ru.md, never by running the
// engine; the comment on each case shows the arithmetic. Moscow is UTC+3 all
// year (MSK), so "Fri 10:00 MSK" is 07:00Z.
//
// Default contract unless a case says otherwise: Europe/Moscow, ru preset,
// 09:00–18:00 Mon–Fri; severity 1 = 24x7 30m/4h/3d, 2 = 24x7 1h/8h/5d,
// 3 = business 8h/—/10d (10d = 90 working hours).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { Config, ConfigInput } from "../../src/config/schema.js";
import { type Evaluation, type TargetResult, evaluate, explainIncident } from "../../src/domain/clock/evaluate.js";
import {
  BOT,
  CUSTOMER,
  ENGINEER,
  closed,
  comment,
  issue,
  labeled,
  loadForm,
  loadIncident,
  reopened,
  unlabeled,
} from "../fixtures/incident-builders.js";

const WAITING = "state: waiting for customer";
const ACCEPTED = "state: accepted";
const WORKAROUND = "state: workaround";
const RESOLVED = "state: resolved";

const configWith = (extra: ConfigInput = {}): Config => parseConfig({ ...extra, team: { engineers: [ENGINEER], ...extra.team } });
const base = configWith();

/** A target result; instants may be written without milliseconds. */
const t = (status: TargetResult["status"], dueAt: string, metAt: string | null, breached: boolean): TargetResult => ({
  status,
  dueAt: new Date(dueAt).toISOString(),
  metAt: metAt === null ? null : new Date(metAt).toISOString(),
  breached,
});

interface Expected {
  coverage?: Evaluation["coverage"];
  severity?: number;
  clock?: Evaluation["clock"];
  startedAt?: string;
  paused?: boolean;
  pausedMinutes?: number;
  /** Substrings, one per expected warning, in order; [] means none. */
  warnings?: string[];
  targets?: Evaluation["targets"];
}

interface Case {
  name: string;
  config?: Config;
  issue: Record<string, unknown>;
  timeline: unknown[];
  now: string;
  expected: Expected;
}

function check(result: Evaluation, expected: Expected): void {
  const { warnings, startedAt, ...rest } = expected;
  for (const [key, value] of Object.entries(rest)) expect(result[key as keyof Evaluation], key).toEqual(value);
  if (startedAt !== undefined) expect(result.startedAt).toBe(new Date(startedAt).toISOString());
  if (warnings !== undefined) {
    expect(result.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(result.warnings[i]).toContain(w));
  }
}

const run = (c: Case) => evaluate({ config: c.config ?? base, issue: c.issue, timeline: c.timeline, now: c.now });

describe("pauses (P7)", () => {
  const weekend = loadIncident("timeline-paused-over-weekend.json");
  const cases: Case[] = [
    {
      // Fri 2026-03-13 10:00 MSK opened (sev 3, business). Accepted Fri 11:00 MSK.
      // Pause Fri 16:00 MSK → customer comment Mon 16 11:00 MSK.
      // accept 8h, met at 11:00 before anything paused: Fri 10:00 + 8h = Fri 18:00 MSK = 15:00Z.
      // resolve 90h: Fri 10–16 = 6h; resumes Mon 11:00: Mon 7h (13), Tue–Fri 36h (49), Mon 23–Thu 26 36h (85),
      // Fri 27 09:00 + 5h = 14:00 MSK = 11:00Z. pausedMinutes: Fri 13:00Z → Mon 08:00Z = 67h = 4020.
      name: "business clock, pause over a weekend ended by a customer comment (fixture)",
      issue: weekend.issue,
      timeline: weekend.timeline,
      now: weekend.now!,
      expected: {
        severity: 3,
        clock: "business",
        startedAt: "2026-03-13T07:00:00Z",
        paused: false,
        pausedMinutes: 4020,
        warnings: [],
        targets: {
          accept: t("met", "2026-03-13T15:00Z", "2026-03-13T08:00Z", false),
          resolve: t("running", "2026-03-27T11:00Z", null, false),
        },
      },
    },
    {
      // Sev 1 (24x7) opened Fri 2026-03-13 07:00Z. Pause 12:00Z Fri → label removed by the customer Sat 12:00Z (24h).
      // accept 30m: met 07:20Z, due 07:30Z. workaround 4h: due 11:00Z, before the pause; now is later → breached.
      // resolve 72h: 5h before the pause, 67h after Sat 12:00Z → Tue 17 07:00Z.
      name: "24x7 clock, pause over a weekend ended by the customer removing the label",
      issue: issue({ createdAt: "2026-03-13T07:00:00Z", labels: ["severity: 1"] }),
      timeline: [
        labeled("2026-03-13T07:20:00Z", ENGINEER, ACCEPTED),
        labeled("2026-03-13T12:00:00Z", ENGINEER, WAITING),
        unlabeled("2026-03-14T12:00:00Z", CUSTOMER, WAITING),
      ],
      now: "2026-03-14T18:00:00Z",
      expected: {
        severity: 1,
        clock: "24x7",
        paused: false,
        pausedMinutes: 1440,
        targets: {
          accept: t("met", "2026-03-13T07:30Z", "2026-03-13T07:20Z", false),
          workaround: t("breached", "2026-03-13T11:00Z", null, true),
          resolve: t("running", "2026-03-17T07:00Z", null, false),
        },
      },
    },
    {
      // Sev 1 opened Fri 2026-05-01 06:00Z (a public holiday: irrelevant on 24x7). The engineer's waiting label
      // at 07:00Z meets accept (due 06:30Z → late). Pause 07:00Z → removed by the engineer Mon 05-04 07:00Z (72h).
      // workaround 4h: 1h + 3h after Mon 07:00Z → 10:00Z. resolve 72h: 1h + 71h → Thu 05-07 06:00Z.
      name: "24x7 clock, pause over the May holidays ended by the engineer removing the label",
      issue: issue({ createdAt: "2026-05-01T06:00:00Z", labels: ["severity: 1"] }),
      timeline: [labeled("2026-05-01T07:00:00Z", ENGINEER, WAITING), unlabeled("2026-05-04T07:00:00Z", ENGINEER, WAITING)],
      now: "2026-05-04T08:00:00Z",
      expected: {
        paused: false,
        pausedMinutes: 4320,
        targets: {
          accept: t("met", "2026-05-01T06:30Z", "2026-05-01T07:00Z", true),
          workaround: t("running", "2026-05-04T10:00Z", null, false),
          resolve: t("running", "2026-05-07T06:00Z", null, false),
        },
      },
    },
    {
      // Sev 3 opened Thu 2026-03-05 10:00 MSK. Engineer's waiting label Fri 10:00 MSK (meets accept);
      // customer comment Tue 03-10 10:00 MSK. Mon 9 March is a moved day off (calendar-ru 2026).
      // accept 8h: Thu 10–18 → due Thu 18:00 MSK = 15:00Z; met Fri → late.
      // resolve 90h: Thu 8h + Fri 09–10 1h = 9h; resumes Tue 10:00: Tue 8h (17), Wed–Fri 27h (44),
      // Mon 16–Fri 20 45h (89), Mon 23 09:00 + 1h = 10:00 MSK = 07:00Z. Pause Fri 07:00Z → Tue 07:00Z = 5760 min.
      name: "business clock, pause over a weekend and a holiday",
      issue: issue({ createdAt: "2026-03-05T07:00:00Z" }),
      timeline: [labeled("2026-03-06T07:00:00Z", ENGINEER, WAITING), comment("2026-03-10T07:00:00Z", CUSTOMER)],
      now: "2026-03-10T09:00:00Z",
      expected: {
        severity: 3,
        paused: false,
        pausedMinutes: 5760,
        targets: {
          accept: t("met", "2026-03-05T15:00Z", "2026-03-06T07:00Z", true),
          resolve: t("running", "2026-03-23T07:00Z", null, false),
        },
      },
    },
    {
      // Sev 2 (24x7 1h/8h/5d) opened 2026-03-02 06:00Z, accepted 06:30Z.
      // Pause 1: 07:00–08:00 (customer comment). Pause 2: 09:00, an engineer's comment at 09:30 does not end it,
      // the engineer removes the label at 10:30 (1h30). Pause 3: from 12:00, still running at now 13:00.
      // Counted by 13:00: 06–07, 08–09, 10:30–12 = 3h30.
      // workaround 8h: 4h30 left after now → 17:30Z. resolve 120h: 116h30 left → Sat 03-07 09:30Z.
      // pausedMinutes 60 + 90 + 60 = 210.
      name: "several pauses, one still running",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 2"] }),
      timeline: [
        labeled("2026-03-02T06:30:00Z", ENGINEER, ACCEPTED),
        labeled("2026-03-02T07:00:00Z", ENGINEER, WAITING),
        comment("2026-03-02T08:00:00Z", CUSTOMER),
        labeled("2026-03-02T09:00:00Z", ENGINEER, WAITING),
        comment("2026-03-02T09:30:00Z", ENGINEER),
        unlabeled("2026-03-02T10:30:00Z", ENGINEER, WAITING),
        labeled("2026-03-02T12:00:00Z", ENGINEER, WAITING),
      ],
      now: "2026-03-02T13:00:00Z",
      expected: {
        paused: true,
        pausedMinutes: 210,
        targets: {
          accept: t("met", "2026-03-02T07:00Z", "2026-03-02T06:30Z", false),
          workaround: t("paused", "2026-03-02T17:30Z", null, false),
          resolve: t("paused", "2026-03-07T09:30Z", null, false),
        },
      },
    },
    {
      // Sev 3 opened Tue 2026-03-10 09:00 MSK by the customer, who adds the waiting label at 10:00 MSK:
      // nothing pauses and accept is not met (untrusted). accept 8h → Tue 17:00 MSK = 14:00Z.
      // resolve 90h from Tue 09:00: Tue–Fri 36h, Mon 16–Fri 20 45h (81), Mon 23 9h → Mon 23 18:00 MSK = 15:00Z.
      name: "waiting label added by the customer starts nothing",
      issue: issue({ createdAt: "2026-03-10T06:00:00Z" }),
      timeline: [labeled("2026-03-10T07:00:00Z", CUSTOMER, WAITING)],
      now: "2026-03-10T09:00:00Z",
      expected: {
        paused: false,
        pausedMinutes: 0,
        targets: {
          accept: t("running", "2026-03-10T14:00Z", null, false),
          resolve: t("running", "2026-03-23T15:00Z", null, false),
        },
      },
    },
    {
      // As above, the bot removes the customer's label at 10:00:05 MSK (no pause to end), then the engineer adds
      // it at 11:00 MSK: the pause starts there and runs at now (12:00 MSK). accept met at 11:00 MSK (due 17:00).
      // resolve: 09–11 = 2h counted; assuming the pause ends now, 88h from Tue 12:00: Tue 6h, Wed–Fri 27h (33),
      // Mon 16–Fri 20 45h (78), Mon 23 9h (87), Tue 24 09:00 + 1h = 10:00 MSK = 07:00Z.
      name: "the engineer's waiting label after the customer's one starts the pause",
      issue: issue({ createdAt: "2026-03-10T06:00:00Z" }),
      timeline: [
        labeled("2026-03-10T07:00:00Z", CUSTOMER, WAITING),
        unlabeled("2026-03-10T07:00:05Z", BOT, WAITING),
        labeled("2026-03-10T08:00:00Z", ENGINEER, WAITING),
      ],
      now: "2026-03-10T09:00:00Z",
      expected: {
        paused: true,
        pausedMinutes: 60,
        targets: {
          accept: t("met", "2026-03-10T14:00Z", "2026-03-10T08:00Z", false),
          resolve: t("paused", "2026-03-24T07:00Z", null, false),
        },
      },
    },
    {
      // Sev 1 opened 06:00Z; accepted 06:10Z; pause 07:00Z; the engineer closes as completed at 09:00Z, which ends
      // the pause and meets workaround and resolve. For met targets exclusions stop at metAt:
      // workaround 4h: 06–07 = 1h, 3h after 09:00 → 12:00Z. resolve 72h: 1h + 71h after 09:00 → Thu 03-05 08:00Z.
      name: "a pause ended by closing the issue",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-02T09:00:00Z", stateReason: "completed" }),
      timeline: [
        labeled("2026-03-02T06:10:00Z", ENGINEER, ACCEPTED),
        labeled("2026-03-02T07:00:00Z", ENGINEER, WAITING),
        closed("2026-03-02T09:00:00Z", ENGINEER, "completed"),
      ],
      now: "2026-03-02T10:00:00Z",
      expected: {
        paused: false,
        pausedMinutes: 120,
        targets: {
          accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false),
          workaround: t("met", "2026-03-02T12:00Z", "2026-03-02T09:00Z", false),
          resolve: t("met", "2026-03-05T08:00Z", "2026-03-02T09:00Z", false),
        },
      },
    },
  ];

  it.each(cases)("$name", (c) => check(run(c), c.expected));

  // How each pause ends (P7): sev 1 opened 06:00Z, engineer's waiting label 07:00Z, event X at 08:00Z, now 09:00Z.
  const endings: { name: string; event: unknown; end: string | null; endReason: string | null; endedBy: string | null; minutes: number }[] = [
    { name: "label removed by the customer", event: unlabeled("2026-03-02T08:00:00Z", CUSTOMER, WAITING), end: "2026-03-02T08:00:00Z", endReason: "label-removed", endedBy: CUSTOMER, minutes: 60 },
    { name: "label removed by an engineer", event: unlabeled("2026-03-02T08:00:00Z", ENGINEER, WAITING), end: "2026-03-02T08:00:00Z", endReason: "label-removed", endedBy: ENGINEER, minutes: 60 },
    { name: "label removed by the bot", event: unlabeled("2026-03-02T08:00:00Z", BOT, WAITING), end: "2026-03-02T08:00:00Z", endReason: "label-removed", endedBy: BOT, minutes: 60 },
    { name: "label removed with different letter case", event: unlabeled("2026-03-02T08:00:00Z", ENGINEER, "State: Waiting For Customer"), end: "2026-03-02T08:00:00Z", endReason: "label-removed", endedBy: ENGINEER, minutes: 60 },
    { name: "a customer's comment", event: comment("2026-03-02T08:00:00Z", CUSTOMER), end: "2026-03-02T08:00:00Z", endReason: "customer-comment", endedBy: CUSTOMER, minutes: 60 },
    { name: "closing the issue", event: closed("2026-03-02T08:00:00Z", CUSTOMER, "not_planned"), end: "2026-03-02T08:00:00Z", endReason: "closed", endedBy: CUSTOMER, minutes: 60 },
    // Trusted comments are support asking again, not the customer answering: the pause runs on (2h at now).
    { name: "an engineer's comment does not end it", event: comment("2026-03-02T08:00:00Z", ENGINEER), end: null, endReason: null, endedBy: null, minutes: 120 },
    { name: "the bot's comment does not end it", event: comment("2026-03-02T08:00:00Z", BOT, "NONE"), end: null, endReason: null, endedBy: null, minutes: 120 },
    { name: "an organisation member's comment does not end it", event: comment("2026-03-02T08:00:00Z", "boss-carol", "MEMBER"), end: null, endReason: null, endedBy: null, minutes: 120 },
    { name: "removing another label does not end it", event: unlabeled("2026-03-02T08:00:00Z", ENGINEER, "severity: 2"), end: null, endReason: null, endedBy: null, minutes: 120 },
  ];
  it.each(endings)("pause ended by $name", ({ event, end, endReason, endedBy, minutes }) => {
    const x = explainIncident({
      config: base,
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] }),
      timeline: [labeled("2026-03-02T07:00:00Z", ENGINEER, WAITING), event],
      now: "2026-03-02T09:00:00Z",
    });
    expect(x.pauses).toHaveLength(1);
    expect(x.pauses[0]).toMatchObject({ start: Date.parse("2026-03-02T07:00:00Z"), end: end === null ? null : Date.parse(end), endReason, endedBy, startedBy: ENGINEER });
    expect(x.evaluation.pausedMinutes).toBe(minutes);
    expect(x.evaluation.paused).toBe(end === null);
  });

  it("records the customer's waiting label in explanation.ignoredPauses", () => {
    const x = explainIncident({
      config: base,
      issue: issue({ createdAt: "2026-03-10T06:00:00Z" }),
      timeline: [labeled("2026-03-10T07:00:00Z", CUSTOMER, WAITING)],
      now: "2026-03-10T09:00:00Z",
    });
    expect(x.pauses).toEqual([]);
    expect(x.ignoredPauses).toEqual([{ at: Date.parse("2026-03-10T07:00:00Z"), by: CUSTOMER }]);
  });

  it("pausedMinutes rounds down and counts only [t0, now)", () => {
    // Pause from 07:00:00 to now 07:59:59.999: 59.99… minutes → 59.
    const r = evaluate({
      config: base,
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] }),
      timeline: [labeled("2026-03-02T07:00:00Z", ENGINEER, WAITING)],
      now: "2026-03-02T07:59:59.999Z",
    });
    expect(r.pausedMinutes).toBe(59);
  });
});

describe("closed periods, close and reopen", () => {
  const created = "2026-03-02T06:00:00Z";
  const sev2 = (o: Partial<Parameters<typeof issue>[0]> = {}) => issue({ createdAt: created, labels: ["severity: 2"], ...o });
  const sev1 = (o: Partial<Parameters<typeof issue>[0]> = {}) => issue({ createdAt: created, labels: ["severity: 1"], ...o });
  const reopenedCase = loadIncident("timeline-closed-not-planned-then-reopened.json");
  const closedAsNotPlanned = (reason: string): Case => ({
    // Sev 2 opened 06:00Z, accepted 06:20Z, closed by the engineer 07:00Z; still closed at now 09:00Z.
    // The due times assume the closed period ends now: workaround 8h = 1h + 7h after 09:00 → 16:00Z;
    // resolve 120h = 1h + 119h after 09:00 → Sat 03-07 08:00Z.
    name: `closed as ${reason}: unmet targets are cancelled, met ones stay met`,
    issue: sev2({ state: "closed", closedAt: "2026-03-02T07:00:00Z", stateReason: reason }),
    timeline: [labeled("2026-03-02T06:20:00Z", ENGINEER, ACCEPTED), closed("2026-03-02T07:00:00Z", ENGINEER, reason)],
    now: "2026-03-02T09:00:00Z",
    expected: {
      targets: {
        accept: t("met", "2026-03-02T07:00Z", "2026-03-02T06:20Z", false),
        workaround: t("cancelled", "2026-03-02T16:00Z", null, false),
        resolve: t("cancelled", "2026-03-07T08:00Z", null, false),
      },
    },
  });
  // Sev 1 closed as completed at 09:00Z with no state labels: accept (due 06:30Z) is met late by the close,
  // workaround (due 10:00Z) and resolve (due Thu 03-05 06:00Z) are met on time.
  const completedTargets = {
    accept: t("met", "2026-03-02T06:30Z", "2026-03-02T09:00Z", true),
    workaround: t("met", "2026-03-02T10:00Z", "2026-03-02T09:00Z", false),
    resolve: t("met", "2026-03-05T06:00Z", "2026-03-02T09:00Z", false),
  };
  const closedAt9 = { state: "closed" as const, closedAt: "2026-03-02T09:00:00Z" };
  const cases: Case[] = [
    closedAsNotPlanned("not_planned"),
    closedAsNotPlanned("duplicate"),
    {
      // As above, reopened by the customer at 10:00Z, now 11:00Z: running again, 07:00–10:00 excluded.
      // workaround: 06–07 + 10–11 = 2h, 6h left → 17:00Z. resolve: 120h + 3h closed → Sat 03-07 09:00Z.
      name: "reopened after not_planned: running again, the closed period excluded",
      issue: sev2({ stateReason: "reopened" }),
      timeline: [
        labeled("2026-03-02T06:20:00Z", ENGINEER, ACCEPTED),
        closed("2026-03-02T07:00:00Z", ENGINEER, "not_planned"),
        reopened("2026-03-02T10:00:00Z", CUSTOMER),
      ],
      now: "2026-03-02T11:00:00Z",
      expected: {
        targets: {
          accept: t("met", "2026-03-02T07:00Z", "2026-03-02T06:20Z", false),
          workaround: t("running", "2026-03-02T17:00Z", null, false),
          resolve: t("running", "2026-03-07T09:00Z", null, false),
        },
      },
    },
    {
      // Business clock (sev 3): opened Fri 03-13 10:00 MSK, closed not_planned 12:00 MSK, reopened by the customer
      // Mon 03-16 14:00 MSK. accept is met by the first close (due Fri 18:00 MSK = 15:00Z).
      // resolve 90h: Fri 2h; from Mon 14:00: Mon 4h (6), Tue–Fri 36h (42), Mon 23–Fri 27 45h (87),
      // Mon 30 09:00 + 3h = 12:00 MSK = 09:00Z.
      name: "business clock: closed over a weekend as not_planned, then reopened (fixture)",
      issue: reopenedCase.issue,
      timeline: reopenedCase.timeline,
      now: reopenedCase.now!,
      expected: {
        clock: "business",
        targets: {
          accept: t("met", "2026-03-13T15:00Z", "2026-03-13T09:00Z", false),
          resolve: t("running", "2026-03-30T09:00Z", null, false),
        },
      },
    },
    {
      // The customer closes as not_planned at 06:20Z before any state label: the first close meets accept
      // (due 07:00Z). workaround: 20m counted, closed until now 07:00, 7h40 left → 14:40Z;
      // resolve 120h + 40m closed → Sat 03-07 06:40Z; both cancelled.
      name: "accept is met by the first close, whoever closes and however",
      issue: sev2({ state: "closed", closedAt: "2026-03-02T06:20:00Z", stateReason: "not_planned" }),
      timeline: [closed("2026-03-02T06:20:00Z", CUSTOMER, "not_planned")],
      now: "2026-03-02T07:00:00Z",
      expected: {
        targets: {
          accept: t("met", "2026-03-02T07:00Z", "2026-03-02T06:20Z", false),
          workaround: t("cancelled", "2026-03-02T14:40Z", null, false),
          resolve: t("cancelled", "2026-03-07T06:40Z", null, false),
        },
      },
    },
    {
      name: "closed as completed by an engineer meets workaround and resolve",
      issue: sev1({ ...closedAt9, stateReason: "completed" }),
      timeline: [closed("2026-03-02T09:00:00Z", ENGINEER, "completed")],
      now: "2026-03-02T09:30:00Z",
      expected: { targets: completedTargets },
    },
    {
      name: "closed as completed by the customer meets them too (resolve: by anyone)",
      issue: sev1({ ...closedAt9, stateReason: "completed" }),
      timeline: [closed("2026-03-02T09:00:00Z", CUSTOMER, "completed")],
      now: "2026-03-02T09:30:00Z",
      expected: { targets: completedTargets },
    },
    {
      // Closes from before GitHub had close reasons carry state_reason null: completed.
      name: "a close without a reason counts as completed",
      issue: sev1({ ...closedAt9, stateReason: null }),
      timeline: [closed("2026-03-02T09:00:00Z", ENGINEER, null)],
      now: "2026-03-02T09:30:00Z",
      expected: { targets: completedTargets },
    },
    {
      name: "met is final after a reopen",
      issue: sev1({ stateReason: "reopened" }),
      timeline: [closed("2026-03-02T09:00:00Z", ENGINEER, "completed"), reopened("2026-03-02T10:00:00Z", CUSTOMER)],
      now: "2026-03-02T12:00:00Z",
      expected: { paused: false, targets: completedTargets },
    },
    {
      // Resolved label by the engineer at 08:00Z meets all three; a later close as not_planned cancels nothing.
      name: "met stays met when later closed as not_planned",
      issue: sev1({ state: "closed", closedAt: "2026-03-02T09:00:00Z", stateReason: "not_planned" }),
      timeline: [labeled("2026-03-02T08:00:00Z", ENGINEER, RESOLVED), closed("2026-03-02T09:00:00Z", ENGINEER, "not_planned")],
      now: "2026-03-02T09:30:00Z",
      expected: {
        targets: {
          accept: t("met", "2026-03-02T06:30Z", "2026-03-02T08:00Z", true),
          workaround: t("met", "2026-03-02T10:00Z", "2026-03-02T08:00Z", false),
          resolve: t("met", "2026-03-05T06:00Z", "2026-03-02T08:00Z", false),
        },
      },
    },
    {
      // Closed as not_planned at 09:00Z, reopened 10:00Z, closed as completed 11:00Z: workaround has 3h + 1h = 4h
      // counted at 11:00 → due exactly 11:00Z, met at 11:00 → on time (met == due is not late).
      // resolve: 72h + 1h closed → Thu 03-05 07:00Z.
      name: "a close as completed after a not_planned close and reopen meets the rest",
      issue: sev1({ state: "closed", closedAt: "2026-03-02T11:00:00Z", stateReason: "completed" }),
      timeline: [
        labeled("2026-03-02T06:15:00Z", ENGINEER, ACCEPTED),
        closed("2026-03-02T09:00:00Z", ENGINEER, "not_planned"),
        reopened("2026-03-02T10:00:00Z", CUSTOMER),
        closed("2026-03-02T11:00:00Z", ENGINEER, "completed"),
      ],
      now: "2026-03-02T12:00:00Z",
      expected: {
        targets: {
          accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:15Z", false),
          workaround: t("met", "2026-03-02T11:00Z", "2026-03-02T11:00Z", false),
          resolve: t("met", "2026-03-05T07:00Z", "2026-03-02T11:00Z", false),
        },
      },
    },
  ];
  it.each(cases)("$name", (c) => check(run(c), c.expected));
});

describe("severity from the current labels", () => {
  // Opened Mon 2026-03-02 09:00 MSK (06:00Z), nothing else. accept: sev 1 → +30m, sev 2 → +1h,
  // sev 3 → 8 business hours → 17:00 MSK = 14:00Z.
  const dues: Record<number, string> = { 1: "2026-03-02T06:30:00.000Z", 2: "2026-03-02T07:00:00.000Z", 3: "2026-03-02T14:00:00.000Z" };
  const cases: { name: string; labels: string[]; config?: Config; severity: number; clock: "24x7" | "business" }[] = [
    { name: "no severity label → defaultSeverity 3", labels: [], severity: 3, clock: "business" },
    { name: "one label", labels: ["severity: 2"], severity: 2, clock: "24x7" },
    { name: "the most severe of two", labels: ["severity: 3", "severity: 2"], severity: 2, clock: "24x7" },
    { name: "the most severe of three, in any order", labels: ["severity: 2", "bug", "severity: 3", "severity: 1"], severity: 1, clock: "24x7" },
    { name: "label letter case does not matter", labels: ["SEVERITY: 1"], severity: 1, clock: "24x7" },
    { name: "a label of an unconfigured level is no severity", labels: ["severity: 4"], severity: 3, clock: "business" },
    { name: "defaultSeverity from the config", labels: [], config: configWith({ defaultSeverity: 2 }), severity: 2, clock: "24x7" },
    {
      name: "configured label names, case-insensitive",
      labels: ["p1 OUTAGE"],
      config: configWith({ labels: { severity: { 1: "P1 outage" } } }),
      severity: 1,
      clock: "24x7",
    },
    {
      name: "a renamed level no longer answers to the default name",
      labels: ["severity: 1"],
      config: configWith({ labels: { severity: { 1: "P1 outage" } } }),
      severity: 3,
      clock: "business",
    },
  ];
  it.each(cases)("$name", ({ labels, config, severity, clock }) => {
    const r = evaluate({ config: config ?? base, issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels }), timeline: [], now: "2026-03-02T06:10:00Z" });
    expect({ severity: r.severity, clock: r.clock, acceptDue: r.targets.accept?.dueAt }).toEqual({ severity, clock, acceptDue: dues[severity] });
  });

  it("only the current labels count, not the timeline's history", () => {
    const r = evaluate({
      config: base,
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 3"] }),
      timeline: [labeled("2026-03-02T06:01:00Z", ENGINEER, "severity: 1"), unlabeled("2026-03-02T06:05:00Z", ENGINEER, "severity: 1")],
      now: "2026-03-02T06:10:00Z",
    });
    expect(r.severity).toBe(3);
  });
});

describe("registration on behalf of the customer (P11)", () => {
  // Every issue is created Mon 2026-03-02 13:00 MSK = 10:00Z.
  const createdAt = "2026-03-02T10:00:00Z";
  const form = (channel: string, receivedAt: string) => `### Channel\n\n${channel}\n\n### Received at\n\n${receivedAt}\n`;
  const cases: { name: string; author: string; association?: string; body: string; config?: Config; startedAt: string; warnings: string[]; acceptDue?: string }[] = [
    {
      // Received Mon 09:30 MSK = 06:30Z. Sev 3: accept 8 business hours → 17:30 MSK = 14:30Z.
      name: "engineer, Email, local YYYY-MM-DD HH:MM in the contract's zone (fixture)",
      author: ENGINEER,
      body: loadForm("form-registration-by-email.md"),
      startedAt: "2026-03-02T06:30:00Z",
      warnings: [],
      acceptDue: "2026-03-02T14:30:00Z",
    },
    {
      // 08:15+03:00 = 05:15Z (sev 1 label is not on the issue: severity comes from labels, not the form).
      name: "engineer, Phone, ISO 8601 with an offset (fixture)",
      author: ENGINEER,
      body: loadForm("form-registration-by-phone.md"),
      startedAt: "2026-03-02T05:15:00Z",
      warnings: [],
    },
    {
      // Sunday 23:50 MSK = 20:50Z on 03-01; business time starts Mon 09:00 → accept due 17:00 MSK = 14:00Z.
      name: "engineer, GitHub, received on a Sunday night",
      author: ENGINEER,
      body: form("GitHub", "2026-03-01 23:50"),
      startedAt: "2026-03-01T20:50:00Z",
      warnings: [],
      acceptDue: "2026-03-02T14:00:00Z",
    },
    { name: "Russian headings, Телефон (fixture)", author: ENGINEER, body: loadForm("form-registration-ru-headings.md"), startedAt: "2026-03-02T06:30:00Z", warnings: [] },
    { name: "channel written in lower case", author: ENGINEER, body: form("email", "2026-03-02 09:30"), startedAt: "2026-03-02T06:30:00Z", warnings: [] },
    { name: "ISO 8601 in UTC", author: ENGINEER, body: form("Email", "2026-03-02T06:45:00Z"), startedAt: "2026-03-02T06:45:00Z", warnings: [] },
    {
      name: "an organisation member (author_association MEMBER) counts as an engineer",
      author: "dave-support",
      association: "MEMBER",
      body: form("Email", "2026-03-02 09:30"),
      startedAt: "2026-03-02T06:30:00Z",
      warnings: [],
    },
    {
      // 04:30 EST (UTC−5 on 2 March) = 09:30Z: the local form is read in the contract's zone, not Moscow.
      name: "the contract's zone decides how a local time is read",
      author: ENGINEER,
      body: form("Phone", "2026-03-02 04:30"),
      config: configWith({ timezone: "America/New_York" }),
      startedAt: "2026-03-02T09:30:00Z",
      warnings: [],
    },
    {
      name: "an unofficial channel keeps created_at, without a warning (fixture)",
      author: ENGINEER,
      body: loadForm("form-unofficial-channel-messenger.md"),
      startedAt: createdAt,
      warnings: [],
    },
    { name: "a messenger typed by hand keeps created_at", author: ENGINEER, body: form("Telegram", "2026-03-02 09:30"), startedAt: createdAt, warnings: [] },
    { name: "_No response_ keeps created_at (fixture)", author: ENGINEER, body: loadForm("form-no-response.md"), startedAt: createdAt, warnings: [] },
    { name: "a body without the form keeps created_at", author: ENGINEER, body: "SSO is down, please help", startedAt: createdAt, warnings: [] },
    {
      name: "the customer fills the fields in: created_at and a warning naming them",
      author: CUSTOMER,
      body: form("Email", "2026-03-02 09:30"),
      startedAt: createdAt,
      warnings: [`given by ${CUSTOMER}, who is not a support engineer`],
    },
    {
      name: "an organisation member is a customer when orgMembersAreEngineers is off",
      author: "dave-support",
      association: "MEMBER",
      body: form("Email", "2026-03-02 09:30"),
      config: configWith({ team: { engineers: [ENGINEER], orgMembersAreEngineers: false } }),
      startedAt: createdAt,
      warnings: ["dave-support, who is not a support engineer"],
    },
    {
      // 14:00 MSK = 11:00Z, after the creation at 10:00Z.
      name: "received after the creation: created_at and a warning",
      author: ENGINEER,
      body: form("Email", "2026-03-02 14:00"),
      startedAt: createdAt,
      warnings: ['"2026-03-02 14:00") is not earlier'],
    },
    { name: "unreadable: created_at and a warning", author: ENGINEER, body: form("Phone", "this morning"), startedAt: createdAt, warnings: ['"this morning") could not be read'] },
    { name: "an impossible date is unreadable", author: ENGINEER, body: form("Phone", "2026-02-30 09:00"), startedAt: createdAt, warnings: ["could not be read"] },
    {
      name: "a value inside a code fence is read (fixture)",
      author: ENGINEER,
      body: loadForm("form-received-at-in-code-fence.md"),
      startedAt: "2026-03-02T06:30:00Z",
      warnings: [],
    },
    {
      // The fenced logs contain a fake "Channel: Telegram / Received at 2026-02-01": only the real fields count.
      name: "headings inside a fenced log are not fields (fixture)",
      author: ENGINEER,
      body: loadForm("form-heading-inside-fenced-logs.md"),
      startedAt: "2026-03-02T06:30:00Z",
      warnings: [],
    },
    {
      name: "CRLF line ends",
      author: ENGINEER,
      body: loadForm("form-registration-by-email.md").replace(/\n/g, "\r\n"),
      startedAt: "2026-03-02T06:30:00Z",
      warnings: [],
    },
  ];
  it.each(cases)("$name", ({ author, association, body, config, startedAt, warnings, acceptDue }) => {
    const r = evaluate({ config: config ?? base, issue: issue({ createdAt, author, association, body }), timeline: [], now: "2026-03-02T10:05:00Z" });
    check(r, { startedAt, warnings });
    if (acceptDue) expect(r.targets.accept?.dueAt).toBe(new Date(acceptDue).toISOString());
  });

  // The registration form has more sections after "Received at"; they must not become part of its answer.
  it("a field followed by other form sections is still read (fixture)", () => {
    const r = evaluate({ config: base, issue: issue({ createdAt, author: ENGINEER, body: loadForm("form-received-at-before-other-fields.md") }), timeline: [], now: "2026-03-02T10:05:00Z" });
    check(r, { startedAt: "2026-03-02T06:30:00Z", warnings: [] });
  });
});

describe("coverage (P1): t0's local date against the support period", () => {
  const year2026 = configWith({ contract: { supportFrom: "2026-01-01", supportUntil: "2026-12-31" } });
  const newYork = (contract: ConfigInput["contract"]) => configWith({ timezone: "America/New_York", contract });
  const cases: { name: string; config: Config; createdAt: string; coverage: Evaluation["coverage"]; body?: string; author?: string }[] = [
    { name: "31 Dec 23:59 MSK (20:59Z): last day, inclusive", config: year2026, createdAt: "2026-12-31T20:59:00Z", coverage: "active" },
    { name: "still 31 Dec in UTC (21:00Z) but already 1 Jan in Moscow: expired", config: year2026, createdAt: "2026-12-31T21:00:00Z", coverage: "expired" },
    { name: "1 Jan 00:00 MSK (31 Dec 21:00Z in UTC): first day, inclusive", config: year2026, createdAt: "2025-12-31T21:00:00Z", coverage: "active" },
    { name: "31 Dec 23:59 MSK the year before: not started", config: year2026, createdAt: "2025-12-31T20:59:00Z", coverage: "not-started" },
    { name: "New York: already 1 July in UTC (03:00Z) but still 30 June locally: active", config: newYork({ supportUntil: "2026-06-30" }), createdAt: "2026-07-01T03:00:00Z", coverage: "active" },
    { name: "New York: 1 July 00:00 EDT (04:00Z): expired", config: newYork({ supportUntil: "2026-06-30" }), createdAt: "2026-07-01T04:00:00Z", coverage: "expired" },
    { name: "New York: 30 June 23:00 EDT is before supportFrom 1 July", config: newYork({ supportFrom: "2026-07-01" }), createdAt: "2026-07-01T03:00:00Z", coverage: "not-started" },
    { name: "no bounds: always active", config: base, createdAt: "2031-05-05T05:05:00Z", coverage: "active" },
    {
      // Created 1 Jan 2026 10:00 MSK, but registered as received by phone on 31 Dec 2025 23:00 MSK: t0 decides.
      name: "a registered request received before supportFrom is not started",
      config: year2026,
      createdAt: "2026-01-01T07:00:00Z",
      author: ENGINEER,
      body: "### Channel\n\nPhone\n\n### Received at\n\n2025-12-31 23:00\n",
      coverage: "not-started",
    },
  ];
  it.each(cases)("$name", ({ config, createdAt, coverage, body, author }) => {
    const r = evaluate({ config, issue: issue({ createdAt, body, author }), timeline: [], now: createdAt });
    expect(r.coverage).toBe(coverage);
    if (coverage === "active") expect(Object.keys(r.targets)).toEqual(["accept", "resolve"]);
    else expect(r.targets).toEqual({});
  });

  it("an expired incident has no targets and no calendar warning, but still a severity", () => {
    // 2027-01-01 is a year without decree data; no target is computed, so nothing was guessed.
    const r = evaluate({ config: year2026, issue: issue({ createdAt: "2027-01-11T07:00:00Z", labels: ["severity: 2"] }), timeline: [], now: "2027-01-11T08:00:00Z" });
    check(r, { coverage: "expired", severity: 2, clock: "24x7", targets: {}, warnings: [] });
  });
});

describe("met late, breached, exactly at the due time", () => {
  // Sev 1 opened 2026-03-02 06:00Z: accept due 06:30Z, workaround 10:00Z, resolve Thu 03-05 06:00Z.
  const sev1 = issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] });
  const cases: { name: string; timeline: unknown[]; now: string; accept: TargetResult; issue?: Record<string, unknown> }[] = [
    { name: "met late: status met, breached true", timeline: [labeled("2026-03-02T06:45:00Z", ENGINEER, ACCEPTED)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:45Z", true) },
    { name: "met exactly at the due time is on time", timeline: [labeled("2026-03-02T06:30:00Z", ENGINEER, ACCEPTED)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:30Z", false) },
    { name: "met a millisecond late", timeline: [labeled("2026-03-02T06:30:00.001Z", ENGINEER, ACCEPTED)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:30:00.001Z", true) },
    { name: "unmet with now == dueAt is not breached", timeline: [], now: "2026-03-02T06:30:00Z", accept: t("running", "2026-03-02T06:30Z", null, false) },
    { name: "unmet a millisecond after dueAt is breached", timeline: [], now: "2026-03-02T06:30:00.001Z", accept: t("breached", "2026-03-02T06:30Z", null, true) },
    { name: "unmet long after: breached", timeline: [], now: "2026-03-02T09:00:00Z", accept: t("breached", "2026-03-02T06:30Z", null, true) },
    {
      // The customer's accepted label meets nothing (untrusted), so accept is breached at 07:00.
      name: "a state label from the customer does not meet accept",
      timeline: [labeled("2026-03-02T06:10:00Z", CUSTOMER, ACCEPTED)],
      now: "2026-03-02T07:00:00Z",
      accept: t("breached", "2026-03-02T06:30Z", null, true),
    },
    { name: "the bot's label meets accept", timeline: [labeled("2026-03-02T06:10:00Z", BOT, ACCEPTED)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false) },
    { name: "an engineer's login in other letter case is trusted", timeline: [labeled("2026-03-02T06:10:00Z", "Eng-Anna", ACCEPTED)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false) },
    { name: "the workaround label meets accept", timeline: [labeled("2026-03-02T06:10:00Z", ENGINEER, WORKAROUND)], now: "2026-03-02T07:00:00Z", accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false) },
    // Events after `now` are ignored: evaluated as of 06:20, the 06:25 label has not happened yet.
    { name: "a label after now is ignored", timeline: [labeled("2026-03-02T06:25:00Z", ENGINEER, ACCEPTED)], now: "2026-03-02T06:20:00Z", accept: t("running", "2026-03-02T06:30Z", null, false) },
  ];
  it.each(cases)("$name", ({ timeline, now, accept }) => {
    expect(evaluate({ config: base, issue: sev1, timeline, now }).targets.accept).toEqual(accept);
  });

  it("the resolved label meets all three targets, workaround only two", () => {
    const r = evaluate({
      config: base,
      issue: sev1,
      timeline: [labeled("2026-03-02T06:10:00Z", ENGINEER, WORKAROUND), labeled("2026-03-02T11:00:00Z", ENGINEER, RESOLVED)],
      now: "2026-03-02T12:00:00Z",
    });
    expect(r.targets).toEqual({
      accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false),
      workaround: t("met", "2026-03-02T10:00Z", "2026-03-02T06:10Z", false),
      resolve: t("met", "2026-03-05T06:00Z", "2026-03-02T11:00Z", false),
    });
  });

  it("overdue before a pause: breached outranks paused", () => {
    // Accepted 06:10; waiting added 10:30, after workaround's due 10:00 → breached; resolve: 4h30 counted,
    // 67h30 left after now 11:00 → Thu 03-05 06:30Z, paused.
    const r = evaluate({
      config: base,
      issue: sev1,
      timeline: [labeled("2026-03-02T06:10:00Z", ENGINEER, ACCEPTED), labeled("2026-03-02T10:30:00Z", ENGINEER, WAITING)],
      now: "2026-03-02T11:00:00Z",
    });
    check(r, {
      paused: true,
      pausedMinutes: 30,
      targets: {
        accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:10Z", false),
        workaround: t("breached", "2026-03-02T10:00Z", null, true),
        resolve: t("paused", "2026-03-05T06:30Z", null, false),
      },
    });
  });

  it("overdue, then closed as not_planned: cancelled outranks breached, breached still says it was late", () => {
    // Closed at 10:30 by the customer: accept met by the close (late, due 06:30). workaround was due 10:00 → late
    // but cancelled. resolve: 4h30 counted, 67h30 after now 11:00 → Thu 03-05 06:30Z.
    const r = evaluate({
      config: base,
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-02T10:30:00Z", stateReason: "not_planned" }),
      timeline: [closed("2026-03-02T10:30:00Z", CUSTOMER, "not_planned")],
      now: "2026-03-02T11:00:00Z",
    });
    expect(r.targets).toEqual({
      accept: t("met", "2026-03-02T06:30Z", "2026-03-02T10:30Z", true),
      workaround: t("cancelled", "2026-03-02T10:00Z", null, true),
      resolve: t("cancelled", "2026-03-05T06:30Z", null, false),
    });
  });
});

describe("ru calendar in years with and without decree data (P14)", () => {
  const guessed2027 = "The ru calendar has no decree data for 2027";
  // Sev 3 (business), accept 8h, opened by the customer; `acceptDue` worked out from calendar-ru.md.
  const cases: { name: string; createdAt: string; acceptDue: string; warnings: string[]; config?: Config }[] = [
    {
      // Fri 2027-03-05 17:00 MSK: Mon 8 March is a holiday; Fri 5 March is not shortened (the day before the
      // holiday is a Sunday). 1h Fri + 7h Tue 9 March → 16:00 MSK = 13:00Z.
      name: "2027: 8 March on a Monday",
      createdAt: "2027-03-05T14:00:00Z",
      acceptDue: "2027-03-09T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Wed 2027-11-03 is the day before 4 November: shortened, 09:00–17:00. 1h Wed (16–17), Thu holiday,
      // 7h Fri 5 Nov → 16:00 MSK = 13:00Z.
      name: "2027: pre-holiday shortening before 4 November",
      createdAt: "2027-11-03T13:00:00Z",
      acceptDue: "2027-11-05T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Fri 2027-04-30 shortened (09–17); 1 May is a Saturday, so Mon 3 May is off (art. 112 transfer).
      // 16:30 MSK: 30m Fri, 7h30 Tue 4 May → 16:30 MSK = 13:30Z.
      name: "2027: 1 May on a Saturday moves to Monday 3 May",
      createdAt: "2027-04-30T13:30:00Z",
      acceptDue: "2027-05-04T13:30:00Z",
      warnings: [guessed2027],
    },
    {
      // Fri 2027-05-07 is not shortened (9 May is a Sunday; the day before is Saturday). 9 May → Mon 10 May off.
      // 17:00 MSK: 1h Fri, 7h Tue 11 May → 16:00 MSK = 13:00Z.
      name: "2027: 9 May on a Sunday moves to Monday 10 May",
      createdAt: "2027-05-07T14:00:00Z",
      acceptDue: "2027-05-11T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Fri 2027-06-11 shortened; 12 June is a Saturday → Mon 14 June off. 16:00 MSK: 1h Fri, 7h Tue 15 June.
      name: "2027: 12 June on a Saturday moves to Monday 14 June",
      createdAt: "2027-06-11T13:00:00Z",
      acceptDue: "2027-06-15T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Mon 2027-02-22 shortened (before Tue 23 Feb): 16:00 MSK, 1h Mon, Tue holiday, 7h Wed 24 → 16:00 MSK.
      name: "2027: 23 February on a Tuesday, Monday shortened",
      createdAt: "2027-02-22T13:00:00Z",
      acceptDue: "2027-02-24T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Wed 2026-12-30 17:00 MSK (ordinary in the 2026 decree); Thu 31 Dec off (decree 2026); 1–8 Jan 2027 off;
      // 2 and 3 January fall on Sat/Sun and do NOT move (January holidays), so Mon 11 Jan is working:
      // 1h Wed + 7h Mon 11 Jan → 16:00 MSK = 13:00Z. The computation reaches into 2027 → one warning.
      name: "across New Year into 2027: January holidays on a weekend do not move",
      createdAt: "2026-12-30T14:00:00Z",
      acceptDue: "2027-01-11T13:00:00Z",
      warnings: [guessed2027],
    },
    {
      // Listing any 2027 date takes the decree into the contract's hands: no warning, same arithmetic.
      name: "2027 with the contract's own 2027 holidays: no warning",
      createdAt: "2027-03-05T14:00:00Z",
      acceptDue: "2027-03-09T13:00:00Z",
      config: configWith({ calendar: { holidays: ["2027-12-31"] } }),
      warnings: [],
    },
    {
      name: "2027 with the contract's own 2027 working dates: no warning",
      createdAt: "2027-03-05T14:00:00Z",
      acceptDue: "2027-03-09T13:00:00Z",
      config: configWith({ calendar: { workingDates: { "2027-12-31": "09:00-16:00" } } }),
      warnings: [],
    },
    {
      // Mon 2026-03-02 09:00 MSK + 8h → 17:00 MSK; resolve ends in March 2026 too.
      name: "2026: decree data, no warning",
      createdAt: "2026-03-02T06:00:00Z",
      acceptDue: "2026-03-02T14:00:00Z",
      warnings: [],
    },
    {
      // Fri 2025-10-31 17:00 MSK: 1h Fri, Sat 1 Nov 2025 is a working Saturday, shortened 09–17: 7h → 16:00 MSK.
      name: "2025: the working Saturday 1 November",
      createdAt: "2025-10-31T14:00:00Z",
      acceptDue: "2025-11-01T13:00:00Z",
      warnings: [],
    },
    {
      // Tue 2025-12-30 17:00 MSK: 1h; 31 Dec 2025 off (decree 2025), 1–9 Jan 2026 off (decree 2026),
      // 10–11 Jan weekend; Mon 12 Jan 7h → 16:00 MSK. Both years have decrees: no warning.
      name: "across New Year 2025 → 2026: decree data on both sides",
      createdAt: "2025-12-30T14:00:00Z",
      acceptDue: "2026-01-12T13:00:00Z",
      warnings: [],
    },
  ];
  it.each(cases)("$name", ({ createdAt, acceptDue, warnings, config }) => {
    const r = evaluate({ config: config ?? base, issue: issue({ createdAt }), timeline: [], now: createdAt });
    expect(r.targets.accept?.dueAt).toBe(new Date(acceptDue).toISOString());
    check(r, { warnings });
  });

  it("a 24x7 clock in 2027 needs no calendar and gives no warning", () => {
    const r = evaluate({ config: base, issue: issue({ createdAt: "2027-03-05T14:00:00Z", labels: ["severity: 1"] }), timeline: [], now: "2027-03-05T14:10:00Z" });
    check(r, { clock: "24x7", warnings: [] });
  });

  it("preset none never warns", () => {
    const r = evaluate({ config: configWith({ calendar: { preset: "none" } }), issue: issue({ createdAt: "2027-03-05T14:00:00Z" }), timeline: [], now: "2027-03-05T14:10:00Z" });
    // Without the preset Mon 8 March 2027 is an ordinary day: 1h Fri + 7h Mon → 16:00 MSK = 13:00Z.
    expect(r.targets.accept?.dueAt).toBe("2027-03-08T13:00:00.000Z");
    check(r, { warnings: [] });
  });
});

describe("daylight-saving changes through evaluate", () => {
  const zoneConfig = (timezone: string, clock: "24x7" | "business", accept: string) =>
    configWith({ timezone, calendar: { preset: "none" }, defaultSeverity: 1, severities: { 1: { clock, accept } } });
  const cases: { name: string; zone: string; clock: "24x7" | "business"; accept: string; createdAt: string; due: string }[] = [
    // 24x7: a day is 24 real hours, so across a change the local wall time moves by one hour.
    // Sat 28 Mar 12:00 CET (11:00Z) + 24h = Sun 29 Mar 11:00Z = 13:00 CEST.
    { name: "Berlin spring, 24x7 1d: 12:00 CET → 13:00 CEST", zone: "Europe/Berlin", clock: "24x7", accept: "1d", createdAt: "2026-03-28T11:00:00Z", due: "2026-03-29T11:00:00Z" },
    // Sat 24 Oct 12:00 CEST (10:00Z) + 24h = Sun 25 Oct 10:00Z = 11:00 CET.
    { name: "Berlin autumn, 24x7 1d: 12:00 CEST → 11:00 CET", zone: "Europe/Berlin", clock: "24x7", accept: "1d", createdAt: "2026-10-24T10:00:00Z", due: "2026-10-25T10:00:00Z" },
    // Sat 7 Mar 12:00 EST (17:00Z) + 24h = Sun 8 Mar 17:00Z = 13:00 EDT.
    { name: "New York spring, 24x7 1d: 12:00 EST → 13:00 EDT", zone: "America/New_York", clock: "24x7", accept: "1d", createdAt: "2026-03-07T17:00:00Z", due: "2026-03-08T17:00:00Z" },
    // Sat 31 Oct 12:00 EDT (16:00Z) + 24h = Sun 1 Nov 16:00Z = 11:00 EST.
    { name: "New York autumn, 24x7 1d: 12:00 EDT → 11:00 EST", zone: "America/New_York", clock: "24x7", accept: "1d", createdAt: "2026-10-31T16:00:00Z", due: "2026-11-01T16:00:00Z" },
    // Sun 29 Mar 00:30 CET (28 Mar 23:30Z) + 4h = 03:30Z = 05:30 CEST: five wall-clock hours later.
    { name: "Berlin spring, 24x7 4h over the change hour", zone: "Europe/Berlin", clock: "24x7", accept: "4h", createdAt: "2026-03-28T23:30:00Z", due: "2026-03-29T03:30:00Z" },
    // Business 09:00–18:00 local: Fri 27 Mar 17:00 CET (16:00Z), 1h Fri, Mon 30 Mar 09:00 CEST (07:00Z) + 1h.
    { name: "Berlin spring, business 2h over the weekend of the change", zone: "Europe/Berlin", clock: "business", accept: "2h", createdAt: "2026-03-27T16:00:00Z", due: "2026-03-30T08:00:00Z" },
    // Fri 23 Oct 17:00 CEST (15:00Z), 1h Fri, Mon 26 Oct 09:00 CET (08:00Z) + 1h.
    { name: "Berlin autumn, business 2h over the weekend of the change", zone: "Europe/Berlin", clock: "business", accept: "2h", createdAt: "2026-10-23T15:00:00Z", due: "2026-10-26T09:00:00Z" },
    // Fri 6 Mar 17:00 EST (22:00Z), 1h Fri, Mon 9 Mar 09:00 EDT (13:00Z) + 1h.
    { name: "New York spring, business 2h over the weekend of the change", zone: "America/New_York", clock: "business", accept: "2h", createdAt: "2026-03-06T22:00:00Z", due: "2026-03-09T14:00:00Z" },
    // Fri 30 Oct 17:00 EDT (21:00Z), 1h Fri, Mon 2 Nov 09:00 EST (14:00Z) + 1h.
    { name: "New York autumn, business 2h over the weekend of the change", zone: "America/New_York", clock: "business", accept: "2h", createdAt: "2026-10-30T21:00:00Z", due: "2026-11-02T15:00:00Z" },
    // Business 2d = 18h: Fri 27 Mar 09:00 CET (08:00Z) 9h, Mon 30 Mar 9h → 18:00 CEST = 16:00Z.
    { name: "Berlin spring, business 2d", zone: "Europe/Berlin", clock: "business", accept: "2d", createdAt: "2026-03-27T08:00:00Z", due: "2026-03-30T16:00:00Z" },
  ];
  it.each(cases)("$name", ({ zone, clock, accept, createdAt, due }) => {
    const r = evaluate({ config: zoneConfig(zone, clock, accept), issue: issue({ createdAt }), timeline: [], now: createdAt });
    expect(r.targets.accept?.dueAt).toBe(new Date(due).toISOString());
  });
});

describe("input and options", () => {
  it("the bot login can be changed, and the default bot is then a customer", () => {
    const x = (bot?: string) =>
      evaluate({
        config: base,
        issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] }),
        timeline: [labeled("2026-03-02T06:10:00Z", BOT, ACCEPTED), labeled("2026-03-02T06:20:00Z", "our-sla-app[bot]", ACCEPTED)],
        now: "2026-03-02T07:00:00Z",
        ...(bot ? { bot } : {}),
      }).targets.accept?.metAt;
    expect(x()).toBe("2026-03-02T06:10:00.000Z");
    expect(x("our-sla-app[bot]")).toBe("2026-03-02T06:20:00.000Z");
  });

  it("the engineers option adds trusted logins", () => {
    const r = evaluate({
      config: base,
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] }),
      timeline: [labeled("2026-03-02T06:10:00Z", "Looked-Up", ACCEPTED)],
      now: "2026-03-02T07:00:00Z",
      engineers: ["looked-up"],
    });
    expect(r.targets.accept?.metAt).toBe("2026-03-02T06:10:00.000Z");
  });

  it.each([
    ["an ISO string", "2026-03-02T06:30:00Z"],
    ["a Date", new Date("2026-03-02T06:30:00Z")],
    ["epoch milliseconds", Date.parse("2026-03-02T06:30:00Z")],
  ])("now may be %s", (_, now) => {
    const r = evaluate({ config: base, issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"] }), timeline: [], now });
    expect(r.targets.accept).toEqual(t("running", "2026-03-02T06:30Z", null, false));
  });

  it("an unreadable now is an error naming now", () => {
    expect(() => evaluate({ config: base, issue: issue({ createdAt: "2026-03-02T06:00:00Z" }), timeline: [], now: "yesterday" })).toThrow(/^now: /);
  });
});
