// Normalising GitHub REST issues and timelines into the facts the clock needs
// (DESIGN §1 "GitHub is the database", §5 input). Unknown event types are
// ignored; a malformed event of a kind that matters is an error naming it.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { type TargetResult, evaluate } from "../../src/domain/clock/evaluate.js";
import { IncidentInputError, normaliseIssue, normaliseTimeline } from "../../src/domain/clock/timeline.js";
import { CUSTOMER, ENGINEER, closed, comment, issue, labeled, loadIncident, loadTimeline, reopened } from "../fixtures/incident-builders.js";

const at = (iso: string) => Date.parse(iso);
const person = (login: string) => ({ login: login.toLowerCase(), display: login });

describe("normaliseTimeline", () => {
  it("keeps the events that matter from a captured timeline, in order, dropping `subscribed` (fixture)", () => {
    const { timeline } = loadIncident("timeline-paused-over-weekend.json");
    expect(normaliseTimeline(timeline).map((e) => e.kind)).toEqual(["labeled", "commented", "labeled", "commented"]);
  });

  it("ignores cross-referenced, assigned, mentioned, subscribed, renamed… even malformed ones (fixture)", () => {
    expect(normaliseTimeline(loadTimeline("timeline-unknown-events.json"))).toEqual([{ kind: "labeled", at: at("2026-03-02T06:30:00Z"), actor: person(ENGINEER), label: "state: accepted" }]);
  });

  const cases: { name: string; raw: unknown; expected: unknown }[] = [
    {
      name: "a ghost (deleted) actor has no login",
      raw: { event: "labeled", created_at: "2026-03-02T07:00:00Z", actor: null, label: { name: "state: accepted" } },
      expected: { kind: "labeled", at: at("2026-03-02T07:00:00Z"), actor: { login: null, display: "ghost" }, label: "state: accepted" },
    },
    {
      name: "an actor without a login is a ghost too",
      raw: { event: "unlabeled", created_at: "2026-03-02T07:00:00Z", actor: { login: "" }, label: { name: "x" } },
      expected: { kind: "unlabeled", at: at("2026-03-02T07:00:00Z"), actor: { login: null, display: "ghost" }, label: "x" },
    },
    {
      name: "a comment's author comes from `user`, with its author_association",
      raw: { event: "commented", created_at: "2026-03-02T07:00:00Z", user: { login: "Cust-Bob" }, author_association: "CONTRIBUTOR", body: "logs attached" },
      expected: { kind: "commented", at: at("2026-03-02T07:00:00Z"), actor: { login: "cust-bob", display: "Cust-Bob", association: "CONTRIBUTOR" } },
    },
    {
      name: "`user` wins over `actor` on a comment",
      raw: { event: "commented", created_at: "2026-03-02T07:00:00Z", user: { login: "cust-bob" }, actor: { login: "someone-else" }, author_association: "NONE" },
      expected: { kind: "commented", at: at("2026-03-02T07:00:00Z"), actor: { login: "cust-bob", display: "cust-bob", association: "NONE" } },
    },
    {
      name: "a comment without `user` falls back to `actor`",
      raw: { event: "commented", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" }, author_association: "MEMBER" },
      expected: { kind: "commented", at: at("2026-03-02T07:00:00Z"), actor: { login: "eng-anna", display: "eng-anna", association: "MEMBER" } },
    },
    {
      name: "a ghost's comment",
      raw: { event: "commented", created_at: "2026-03-02T07:00:00Z", user: null, actor: null, author_association: "NONE" },
      expected: { kind: "commented", at: at("2026-03-02T07:00:00Z"), actor: { login: null, display: "ghost", association: "NONE" } },
    },
    {
      name: "closed with state_reason null is completed",
      raw: { event: "closed", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" }, state_reason: null },
      expected: { kind: "closed", at: at("2026-03-02T07:00:00Z"), actor: person("eng-anna"), reason: "completed" },
    },
    {
      name: "closed without state_reason at all is completed",
      raw: { event: "closed", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" } },
      expected: { kind: "closed", at: at("2026-03-02T07:00:00Z"), actor: person("eng-anna"), reason: "completed" },
    },
    {
      name: "closed as not_planned",
      raw: { event: "closed", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" }, state_reason: "not_planned" },
      expected: { kind: "closed", at: at("2026-03-02T07:00:00Z"), actor: person("eng-anna"), reason: "not_planned" },
    },
    {
      name: "closed as duplicate",
      raw: { event: "closed", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" }, state_reason: "duplicate" },
      expected: { kind: "closed", at: at("2026-03-02T07:00:00Z"), actor: person("eng-anna"), reason: "duplicate" },
    },
    {
      name: "closed as completed",
      raw: { event: "closed", created_at: "2026-03-02T07:00:00Z", actor: { login: "eng-anna" }, state_reason: "completed" },
      expected: { kind: "closed", at: at("2026-03-02T07:00:00Z"), actor: person("eng-anna"), reason: "completed" },
    },
    {
      name: "reopened",
      raw: { event: "reopened", created_at: "2026-03-02T07:00:00Z", actor: { login: "Cust-Bob" } },
      expected: { kind: "reopened", at: at("2026-03-02T07:00:00Z"), actor: person("Cust-Bob") },
    },
    {
      name: "a time with an offset and milliseconds",
      raw: { event: "reopened", created_at: "2026-03-02T10:00:00.250+03:00", actor: { login: "x" } },
      expected: { kind: "reopened", at: at("2026-03-02T07:00:00.250Z"), actor: person("x") },
    },
  ];
  it.each(cases)("$name", ({ raw, expected }) => {
    expect(normaliseTimeline([raw])).toEqual([expected]);
  });

  it("sorts by time and keeps GitHub's order for equal times", () => {
    const events = normaliseTimeline([
      labeled("2026-03-02T09:00:00Z", ENGINEER, "b"),
      labeled("2026-03-02T08:00:00Z", ENGINEER, "a"),
      labeled("2026-03-02T09:00:00Z", ENGINEER, "c"),
      closed("2026-03-02T09:00:00Z", ENGINEER),
    ]);
    expect(events.map((e) => ("label" in e ? e.label : e.kind))).toEqual(["a", "b", "c", "closed"]);
  });

  const malformed: { name: string; raw: unknown; message: RegExp }[] = [
    { name: "not an array", raw: { events: [] }, message: /^timeline: expected the array/ },
    { name: "an event that is not an object", raw: [labeled("2026-03-02T07:00:00Z", ENGINEER, "x"), null], message: /^timeline\[1\]: expected an event object/ },
    { name: "labeled without a label", raw: [comment("2026-03-02T06:00:00Z", CUSTOMER), { event: "labeled", created_at: "2026-03-02T07:00:00Z", actor: { login: "a" } }], message: /^timeline\[1\]\.label\.name: / },
    { name: "unlabeled with a label name that is not text", raw: [{ event: "unlabeled", created_at: "2026-03-02T07:00:00Z", actor: { login: "a" }, label: { name: 7 } }], message: /^timeline\[0\]\.label\.name: / },
    { name: "a labeled event with an unreadable time", raw: [{ event: "labeled", created_at: "yesterday", actor: { login: "a" }, label: { name: "x" } }], message: /^timeline\[0\]\.created_at: expected an ISO 8601 time.*"yesterday"/ },
    { name: "a comment without a time", raw: [labeled("2026-03-02T07:00:00Z", ENGINEER, "x"), labeled("2026-03-02T07:00:00Z", ENGINEER, "y"), { event: "commented", user: { login: "a" } }], message: /^timeline\[2\]\.created_at: / },
    { name: "a close with a numeric time", raw: [{ event: "closed", created_at: 1772434800000, actor: { login: "a" } }], message: /^timeline\[0\]\.created_at: / },
  ];
  const refuses = ({ raw, message }: (typeof malformed)[number]) => {
    expect(() => normaliseTimeline(raw)).toThrow(IncidentInputError);
    expect(() => normaliseTimeline(raw)).toThrow(message);
  };
  it.each(malformed)("refuses $name, naming where", refuses);

  // Regression test for a fixed bug (timeline.ts time): V8's Date.parse rolls "2026-02-30T07:00:00Z" over to 2 March instead of refusing it,
  // so an impossible date in a known event is silently read as another day.
  it("refuses a reopen with an impossible date, naming where", () =>
    refuses({ name: "", raw: [{ event: "reopened", created_at: "2026-02-30T07:00:00Z", actor: { login: "a" } }], message: /^timeline\[0\]\.created_at: / }),
  );

  it("evaluate passes the error on, naming timeline[i]", () => {
    const config = parseConfig({});
    const bad = [comment("2026-03-02T06:00:00Z", CUSTOMER), { event: "labeled", created_at: "2026-03-02T07:00:00Z", actor: { login: "a" }, label: {} }];
    expect(() => evaluate({ config, issue: issue({ createdAt: "2026-03-02T05:00:00Z" }), timeline: bad, now: "2026-03-02T08:00:00Z" })).toThrow(
      /^timeline\[1\]\.label\.name: /,
    );
  });
});

describe("normaliseIssue", () => {
  it("reads the fields the clock needs", () => {
    const raw = issue({ number: 7, createdAt: "2026-03-02T06:00:00Z", author: "Cust-Bob", association: "CONTRIBUTOR", labels: ["severity: 1", "bug"], state: "closed", closedAt: "2026-03-02T09:00:00Z", stateReason: "not_planned", body: "x" });
    expect(normaliseIssue(raw)).toEqual({
      number: 7,
      title: "SSO login fails for all users",
      url: "https://github.com/acme/support/issues/7",
      createdAt: at("2026-03-02T06:00:00Z"),
      author: { login: "cust-bob", display: "Cust-Bob", association: "CONTRIBUTOR" },
      labels: ["severity: 1", "bug"],
      state: "closed",
      closedAt: at("2026-03-02T09:00:00Z"),
      stateReason: "not_planned",
      body: "x",
    });
  });

  it.each([
    ["open issues have no close reason, even a stale one", { state: "open", state_reason: "reopened", closed_at: null }, { state: "open", stateReason: null, closedAt: null }],
    ["a closed issue without a reason is completed", { state: "closed", state_reason: null, closed_at: "2026-03-02T09:00:00Z" }, { state: "closed", stateReason: "completed", closedAt: at("2026-03-02T09:00:00Z") }],
    ["labels may be plain names", { labels: ["severity: 2", { name: "bug" }] }, { labels: ["severity: 2", "bug"] }],
    ["a missing body is empty", { body: null }, { body: "" }],
    ["a ghost author", { user: null }, { author: { login: null, display: "ghost", association: "CONTRIBUTOR" } }],
  ])("%s", (_, patch, expected) => {
    expect(normaliseIssue({ ...issue({ createdAt: "2026-03-02T06:00:00Z" }), ...patch })).toMatchObject(expected);
  });

  it.each([
    ["not an object", [], /^issue: expected the object/],
    ["no number", { ...issue({ createdAt: "2026-03-02T06:00:00Z" }), number: "7" }, /^issue\.number: expected an integer/],
    ["an unreadable created_at", { ...issue({ createdAt: "2026-03-02T06:00:00Z" }), created_at: "March 2nd" }, /^issue\.created_at: /],
    ["labels that are not a list", { ...issue({ createdAt: "2026-03-02T06:00:00Z" }), labels: "severity: 1" }, /^issue\.labels: /],
    ["a label without a name", { ...issue({ createdAt: "2026-03-02T06:00:00Z" }), labels: [{ name: "a" }, { color: "fff" }] }, /^issue\.labels\[1\]: /],
    ["an unreadable closed_at", { ...issue({ createdAt: "2026-03-02T06:00:00Z" }), state: "closed", closed_at: "soon" }, /^issue\.closed_at: /],
  ])("refuses %s", (_, raw, message) => {
    expect(() => normaliseIssue(raw)).toThrow(IncidentInputError);
    expect(() => normaliseIssue(raw)).toThrow(message);
  });
});

describe("a closed issue whose timeline lacks the close event", () => {
  const config = parseConfig({ team: { engineers: [ENGINEER] } });
  const t = (status: TargetResult["status"], dueAt: string, metAt: string | null, breached: boolean): TargetResult => ({
    status,
    dueAt: new Date(dueAt).toISOString(),
    metAt: metAt === null ? null : new Date(metAt).toISOString(),
    breached,
  });
  const warning = "closed but its timeline has no close event";
  const cases: { name: string; issue: Record<string, unknown>; timeline: unknown[]; now: string; targets: Record<string, TargetResult>; warnings: string[] }[] = [
    {
      // Sev 2 opened 06:00Z, closed_at 07:00Z as not_planned, no events: closed at closed_at. accept (1h) met by the
      // close exactly at its due time; workaround 8h: 1h + 7h after now 09:00 → 16:00Z; resolve 120h + 2h → Sat 08:00Z.
      name: "not_planned: closed at closed_at, unmet targets cancelled, with a warning",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 2"], state: "closed", closedAt: "2026-03-02T07:00:00Z", stateReason: "not_planned" }),
      timeline: [],
      now: "2026-03-02T09:00:00Z",
      targets: {
        accept: t("met", "2026-03-02T07:00Z", "2026-03-02T07:00Z", false),
        workaround: t("cancelled", "2026-03-02T16:00Z", null, false),
        resolve: t("cancelled", "2026-03-07T08:00Z", null, false),
      },
      warnings: [warning],
    },
    {
      // Sev 1, accepted 06:20Z, closed_at 09:00Z as completed: workaround (due 10:00Z) and resolve met at 09:00Z.
      name: "completed: targets met at closed_at, with a warning",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-02T09:00:00Z", stateReason: "completed" }),
      timeline: [labeled("2026-03-02T06:20:00Z", ENGINEER, "state: accepted")],
      now: "2026-03-02T10:00:00Z",
      targets: {
        accept: t("met", "2026-03-02T06:30Z", "2026-03-02T06:20Z", false),
        workaround: t("met", "2026-03-02T10:00Z", "2026-03-02T09:00Z", false),
        resolve: t("met", "2026-03-05T06:00Z", "2026-03-02T09:00Z", false),
      },
      warnings: [warning],
    },
    {
      // Sev 1: closed 07:00 (accept met late, due 06:30), reopened 08:00, closed again at closed_at 09:00 without an
      // event. workaround: 06–07 + 08–09 = 2h by 09:00, 2h more → 11:00Z, met at 09:00. resolve: 72h + 1h → 07:00Z.
      name: "the last close is missing after a close and reopen",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-02T09:00:00Z", stateReason: "completed" }),
      timeline: [closed("2026-03-02T07:00:00Z", CUSTOMER, "not_planned"), reopened("2026-03-02T08:00:00Z", CUSTOMER)],
      now: "2026-03-02T10:00:00Z",
      targets: {
        accept: t("met", "2026-03-02T06:30Z", "2026-03-02T07:00Z", true),
        workaround: t("met", "2026-03-02T11:00Z", "2026-03-02T09:00Z", false),
        resolve: t("met", "2026-03-05T07:00Z", "2026-03-02T09:00Z", false),
      },
      warnings: [warning],
    },
    {
      name: "with the close event present there is no warning",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 2"], state: "closed", closedAt: "2026-03-02T07:00:00Z", stateReason: "not_planned" }),
      timeline: [closed("2026-03-02T07:00:00Z", ENGINEER, "not_planned")],
      now: "2026-03-02T09:00:00Z",
      targets: {
        accept: t("met", "2026-03-02T07:00Z", "2026-03-02T07:00Z", false),
        workaround: t("cancelled", "2026-03-02T16:00Z", null, false),
        resolve: t("cancelled", "2026-03-07T08:00Z", null, false),
      },
      warnings: [],
    },
    {
      // Evaluated as of 06:45Z, before closed_at: the close has not happened yet. Sev 2 accept due 07:00Z.
      name: "a close after now is ignored",
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", labels: ["severity: 2"], state: "closed", closedAt: "2026-03-02T07:00:00Z", stateReason: "not_planned" }),
      timeline: [],
      now: "2026-03-02T06:45:00Z",
      targets: {
        accept: t("running", "2026-03-02T07:00Z", null, false),
        workaround: t("running", "2026-03-02T14:00Z", null, false),
        resolve: t("running", "2026-03-07T06:00Z", null, false),
      },
      warnings: [],
    },
  ];
  it.each(cases)("$name", ({ issue: raw, timeline, now, targets, warnings }) => {
    const r = evaluate({ config, issue: raw, timeline, now });
    expect(r.targets).toEqual(targets);
    expect(r.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(r.warnings[i]).toContain(w));
  });
});
