// The reply target (README, How the clock works; issue "a reply target after
// every customer comment"): each case is computed by hand in its comment and
// compared with evaluate's targets.reply exactly.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate, explainIncident } from "../../src/domain/clock/evaluate.js";
import { BOT, CUSTOMER, ENGINEER, closed, comment, issue, labeled, reopened, unlabeled } from "../fixtures/incident-builders.js";

const WAITING = "state: waiting for customer";
const config = parseConfig({
  timezone: "Europe/Moscow",
  calendar: { preset: "none" },
  team: { engineers: [ENGINEER], orgMembersAreEngineers: false },
  severities: {
    1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d", reply: "2h" },
    2: { clock: "24x7", accept: "1h", workaround: "8h", resolve: "5d" },
    3: { clock: "business", accept: "8h", resolve: "10d", reply: "4h" },
  },
});

// Severity 1 (24x7, reply 2h), opened by the customer Mon 2026-03-02 06:00Z.
const sev1 = (extra: Record<string, unknown> = {}) => issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"], ...extra });
const reply = (timeline: unknown[], now: string, opened = sev1()) => evaluate({ config, issue: opened, timeline, now }).targets.reply;

describe("targets.reply, hand-computed", () => {
  it("the opening opens no wait: met, no due time, no waits", () => {
    expect(reply([], "2026-03-02T12:00:00Z")).toEqual({ status: "met", dueAt: null, metAt: null, breached: false, waits: 0, breaches: 0 });
  });

  it("a chain of three customer comments is one wait from the first; answered late", () => {
    // Customer 07:00, 07:30, 08:00: one wait from 07:00, due 09:00; the engineer answers 09:30: late.
    // (Had the later comments moved the start, it would be due 10:00 and on time.)
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), comment("2026-03-02T07:30:00Z", CUSTOMER), comment("2026-03-02T08:00:00Z", CUSTOMER), comment("2026-03-02T09:30:00Z", ENGINEER)];
    expect(reply(timeline, "2026-03-02T10:00:00Z")).toEqual({
      status: "met",
      dueAt: "2026-03-02T09:00:00.000Z",
      metAt: "2026-03-02T09:30:00.000Z",
      breached: true,
      waits: 1,
      breaches: 1,
    });
    // A fourth customer comment at 10:00 opens a second wait, due 12:00; at 12:30 it is overdue.
    expect(reply([...timeline, comment("2026-03-02T10:00:00Z", CUSTOMER)], "2026-03-02T11:00:00Z")).toEqual({
      status: "running",
      dueAt: "2026-03-02T12:00:00.000Z",
      metAt: null,
      breached: true,
      waits: 2,
      breaches: 1,
    });
    expect(reply([...timeline, comment("2026-03-02T10:00:00Z", CUSTOMER)], "2026-03-02T12:30:00Z")).toEqual({
      status: "breached",
      dueAt: "2026-03-02T12:00:00.000Z",
      metAt: null,
      breached: true,
      waits: 2,
      breaches: 2,
    });
  });

  it("the app's own comment answers nothing and opens nothing", () => {
    // Customer 07:00, the bot 07:05 (trusted, but the app): still waiting, due 09:00.
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), comment("2026-03-02T07:05:00Z", BOT)];
    expect(reply(timeline, "2026-03-02T08:00:00Z")).toEqual({ status: "running", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
    expect(reply(timeline, "2026-03-02T09:30:00Z")).toEqual({ status: "breached", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: true, waits: 1, breaches: 1 });
    expect(reply([comment("2026-03-02T07:05:00Z", BOT)], "2026-03-02T09:30:00Z")).toEqual({ status: "met", dueAt: null, metAt: null, breached: false, waits: 0, breaches: 0 });
  });

  it("a pause by support in the middle of a wait pauses it; a label alone answers nothing", () => {
    // Customer 07:00; the engineer adds the waiting label 07:30 and removes it 08:30 (a 60 min pause):
    // due 07:00 + 2h + 60m = 10:00. At 08:00, paused, 30 min used: due 08:00 + 90m = 09:30.
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), labeled("2026-03-02T07:30:00Z", ENGINEER, WAITING), unlabeled("2026-03-02T08:30:00Z", ENGINEER, WAITING)];
    expect(reply(timeline.slice(0, 2), "2026-03-02T08:00:00Z")).toEqual({ status: "paused", dueAt: "2026-03-02T09:30:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
    expect(reply(timeline, "2026-03-02T09:00:00Z")).toEqual({ status: "running", dueAt: "2026-03-02T10:00:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
    // Answered 09:45: on time.
    expect(reply([...timeline, comment("2026-03-02T09:45:00Z", ENGINEER)], "2026-03-02T11:00:00Z")).toEqual({
      status: "met",
      dueAt: "2026-03-02T10:00:00.000Z",
      metAt: "2026-03-02T09:45:00.000Z",
      breached: false,
      waits: 1,
      breaches: 0,
    });
  });

  it("a close as completed answers the wait at the close", () => {
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), closed("2026-03-02T08:00:00Z", ENGINEER, "completed")];
    const opened = sev1({ state: "closed", closedAt: "2026-03-02T08:00:00Z", stateReason: "completed" });
    expect(reply(timeline, "2026-03-02T12:00:00Z", opened)).toEqual({ status: "met", dueAt: "2026-03-02T09:00:00.000Z", metAt: "2026-03-02T08:00:00.000Z", breached: false, waits: 1, breaches: 0 });
  });

  it("a close as not planned cancels the wait; a comment while closed opens none; after a reopen one does", () => {
    // Customer 07:00, closed as not planned 08:00: cancelled (due 09:00 not passed before the close).
    // The customer comments at 09:00 while closed: nothing. Reopened 10:00, customer 10:30: due 12:30.
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), closed("2026-03-02T08:00:00Z", ENGINEER, "not_planned")];
    const closedIssue = sev1({ state: "closed", closedAt: "2026-03-02T08:00:00Z", stateReason: "not_planned" });
    const later = [...timeline, comment("2026-03-02T09:00:00Z", CUSTOMER)];
    expect(reply(later, "2026-03-02T09:30:00Z", closedIssue)).toEqual({ status: "cancelled", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
    const again = [...later, reopened("2026-03-02T10:00:00Z", CUSTOMER), comment("2026-03-02T10:30:00Z", CUSTOMER)];
    expect(reply(again, "2026-03-02T11:00:00Z")).toEqual({ status: "running", dueAt: "2026-03-02T12:30:00.000Z", metAt: null, breached: false, waits: 2, breaches: 0 });
    // A close as not planned after the due time keeps the breach (closing cannot erase one).
    const late = [comment("2026-03-02T07:00:00Z", CUSTOMER), closed("2026-03-02T09:30:00Z", ENGINEER, "not_planned")];
    const lateIssue = sev1({ state: "closed", closedAt: "2026-03-02T09:30:00Z", stateReason: "not_planned" });
    expect(reply(late, "2026-03-02T10:00:00Z", lateIssue)).toEqual({ status: "cancelled", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: true, waits: 1, breaches: 1 });
  });

  it("a close as duplicate cancels the wait as not planned does", () => {
    // Customer 07:00, closed as a duplicate 08:00, before the due time 09:00: cancelled, no breach.
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), closed("2026-03-02T08:00:00Z", ENGINEER, "duplicate")];
    const closedIssue = sev1({ state: "closed", closedAt: "2026-03-02T08:00:00Z", stateReason: "duplicate" });
    expect(reply(timeline, "2026-03-02T12:00:00Z", closedIssue)).toEqual({ status: "cancelled", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
  });

  it("another bot's comment is the customer speaking; listed under team.engineers, it answers instead", () => {
    // Any login not trusted and not the app opens a wait, a bot's too (README, How the clock works):
    // github-actions[bot] at 07:00 opens one, due 09:00; overdue at 09:30.
    const ACTIONS = "github-actions[bot]";
    expect(reply([comment("2026-03-02T07:00:00Z", ACTIONS, "NONE")], "2026-03-02T08:00:00Z")).toEqual({
      status: "running",
      dueAt: "2026-03-02T09:00:00.000Z",
      metAt: null,
      breached: false,
      waits: 1,
      breaches: 0,
    });
    // After the customer's 07:00 comment it is one more customer comment: it answers nothing and moves nothing.
    const asked = [comment("2026-03-02T07:00:00Z", CUSTOMER), comment("2026-03-02T07:30:00Z", ACTIONS, "NONE")];
    expect(reply(asked, "2026-03-02T09:30:00Z")).toEqual({ status: "breached", dueAt: "2026-03-02T09:00:00.000Z", metAt: null, breached: true, waits: 1, breaches: 1 });
    // A vendor that wants otherwise lists the bot as an engineer: then its comment at 07:30 answers the wait.
    const listed = parseConfig({ ...config, team: { engineers: [ENGINEER, ACTIONS], orgMembersAreEngineers: false } });
    expect(evaluate({ config: listed, issue: sev1(), timeline: asked, now: "2026-03-02T09:30:00Z" }).targets.reply).toEqual({
      status: "met",
      dueAt: "2026-03-02T09:00:00.000Z",
      metAt: "2026-03-02T07:30:00.000Z",
      breached: false,
      waits: 1,
      breaches: 0,
    });
  });

  it("working hours across a weekend (business clock, reply 4h)", () => {
    // Severity 3, 09:00–18:00 MSK (UTC+3), no preset. Customer Fri 2026-03-06 16:00 MSK (13:00Z):
    // 2 h on Friday, 2 h on Monday 9 March → due Mon 11:00 MSK = 08:00Z. Answered Mon 10:00 MSK.
    const opened = issue({ createdAt: "2026-03-06T10:00:00Z", labels: ["severity: 3"] });
    const timeline = [comment("2026-03-06T13:00:00Z", CUSTOMER)];
    expect(reply(timeline, "2026-03-07T12:00:00Z", opened)).toEqual({ status: "running", dueAt: "2026-03-09T08:00:00.000Z", metAt: null, breached: false, waits: 1, breaches: 0 });
    expect(reply([...timeline, comment("2026-03-09T07:00:00Z", ENGINEER)], "2026-03-09T12:00:00Z", opened)).toEqual({
      status: "met",
      dueAt: "2026-03-09T08:00:00.000Z",
      metAt: "2026-03-09T07:00:00.000Z",
      breached: false,
      waits: 1,
      breaches: 0,
    });
  });

  it("no reply key when the severity sets no reply, and the contract's targets are the same with or without it", () => {
    const timeline = [comment("2026-03-02T07:00:00Z", CUSTOMER), comment("2026-03-02T09:30:00Z", ENGINEER)];
    const sev2 = issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 2"] });
    const two = evaluate({ config, issue: sev2, timeline, now: "2026-03-02T10:00:00Z" });
    expect(Object.keys(two.targets)).toEqual(["accept", "workaround", "resolve"]);
    const withReply = evaluate({ config, issue: sev1(), timeline, now: "2026-03-02T10:00:00Z" });
    const withoutConfig = parseConfig({ ...config, severities: { ...config.severities, 1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d" } } });
    const without = evaluate({ config: withoutConfig, issue: sev1(), timeline, now: "2026-03-02T10:00:00Z" });
    expect(Object.keys(withReply.targets)).toEqual(["accept", "workaround", "resolve", "reply"]);
    expect(Object.keys(withReply.targets.reply ?? {})).toEqual(["status", "dueAt", "metAt", "breached", "waits", "breaches"]);
    const { reply: _reply, ...contract } = withReply.targets;
    expect(contract).toEqual(without.targets);
    expect(explainIncident({ config: withoutConfig, issue: sev1(), timeline, now: "2026-03-02T10:00:00Z" }).reply).toBeNull();
  });
});
