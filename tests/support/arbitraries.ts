// fast-check generators of whole incidents (configuration, REST issue, REST
// timeline, now) for the property tests and the host-TZ test. Inputs are
// realistic GitHub histories (a label is added only when absent, an issue is
// closed only when open) and keep to what the minute-stepping reference in
// tests/reference can check exactly: whole minutes, dates in 2026, short
// targets, and working-hour edges outside the night hours in which the
// generated zones change their UTC offset.
import fc from "fast-check";
import { DateTime } from "luxon";
import type { ConfigInput, Weekday } from "../../src/config/schema.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

export const ZONES = ["Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"] as const;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** One generated incident: the raw configuration (as in the YAML file) and what GitHub's REST API returns. */
export interface IncidentCase {
  config: ConfigInput;
  issue: Record<string, unknown>;
  timeline: Record<string, unknown>[];
  now: string;
}

/** Logins with the author_association GitHub would report for them on this repository. */
export const ACTORS = [
  { login: "eng-anna", association: "MEMBER" }, // trusted when org members count
  { login: "Eng-Boris", association: "CONTRIBUTOR" }, // trusted only when listed under team.engineers
  { login: "owner-olga", association: "OWNER" },
  { login: "cust-carl", association: "NONE" },
  { login: "cust-dina", association: "COLLABORATOR" },
  { login: "incident-sla[bot]", association: "NONE" }, // the app's default bot: always trusted
  { login: null, association: "NONE" }, // a deleted ("ghost") account
] as const;

const hm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

// Working-hour edges on a half-hour grid, avoiding [01:00, 03:00) local: the
// zones above change offset inside it (Lord_Howe by 30 minutes), and an edge
// inside a gap or an overlap is a matter of interpretation, not of counting.
const EDGES = Array.from({ length: 49 }, (_, i) => i * 30).filter((m) => m < 60 || m >= 180);
const safe = (m: number) => EDGES.includes(m);
/** Standard hours: at least 2 h, and the shortened close (one hour earlier) is a safe edge too. */
const STANDARD_HOURS = EDGES.flatMap((open) => EDGES.filter((close) => close - open >= 120 && safe(close - 60)).map((close) => `${hm(open)}-${hm(close)}`));
const ANY_HOURS = EDGES.flatMap((open) => EDGES.filter((close) => close > open).map((close) => `${hm(open)}-${hm(close)}`));

/** A label name as a person might type its case. */
function casing(name: string, variant: number): string {
  if (variant === 1) return name.toUpperCase();
  if (variant === 2) return name.replace(/(^|\s)\w/g, (c) => c.toUpperCase());
  return name;
}

const render = ({ d, h, m }: { d: number; h: number; m: number }) => `${d ? `${d}d` : ""}${h ? `${h}h` : ""}${m ? `${m}m` : ""}`;
// Round targets ("1d", "4h") are what contracts say, and they are the ones
// that run out exactly at a closing time or at the start of a pause.
const duration = (maxDays: number, maxHours: number) =>
  fc.oneof(
    fc.integer({ min: 1, max: Math.max(1, maxDays) }).map((d) => render({ d, h: 0, m: 0 })),
    fc.integer({ min: 1, max: maxHours }).map((h) => render({ d: 0, h, m: 0 })),
    fc
      .record({ d: fc.integer({ min: 0, max: maxDays }), h: fc.integer({ min: 0, max: maxHours }), m: fc.integer({ min: 0, max: 59 }) })
      .filter(({ d, h, m }) => d + h + m > 0)
      .map(render),
  );

// 24x7 targets stay under 3 days, business targets at about 2 working days,
// so the reference's minute stepping stays quick.
const severity = fc.oneof(
  fc.record({ clock: fc.constant("24x7" as const), accept: duration(0, 6), workaround: duration(1, 23), resolve: duration(2, 23) }, { requiredKeys: ["clock"] }),
  fc.record({ clock: fc.constant("business" as const), accept: duration(0, 8), workaround: duration(1, 3), resolve: duration(2, 3) }, { requiredKeys: ["clock"] }),
);

const step = fc.record({
  gap: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 90 }), weight: 3 }, { arbitrary: fc.integer({ min: 91, max: 2 * 1440 }), weight: 2 }),
  action: fc.oneof(
    { arbitrary: fc.constant("waiting" as const), weight: 4 },
    { arbitrary: fc.constantFrom("accepted" as const, "workaround" as const, "resolved" as const, "other" as const), weight: 3 },
    { arbitrary: fc.constant("comment" as const), weight: 4 },
    { arbitrary: fc.constant("close-or-reopen" as const), weight: 2 },
    { arbitrary: fc.constant("noise" as const), weight: 1 },
  ),
  actor: fc.integer({ min: 0, max: ACTORS.length - 1 }),
  loginCase: fc.boolean(),
  labelCase: fc.integer({ min: 0, max: 2 }),
  reason: fc.constantFrom("completed", "not_planned", "duplicate", null),
});

const FIRST_CREATED = Date.parse("2026-01-06T00:00:00Z");
const LAST_CREATED = Date.parse("2026-11-20T00:00:00Z");
// Dates where calendars get interesting: the ru preset's days off and
// shortened days of 2026, and the zones' daylight-saving changes.
const SPECIAL_DATES = [
  "2026-01-09", "2026-02-23", "2026-03-09", "2026-04-30", "2026-05-01", "2026-05-08", "2026-05-11", "2026-06-11",
  "2026-06-12", "2026-11-03", "2026-11-04", "2026-03-08", "2026-03-29", "2026-04-05", "2026-10-04", "2026-10-25", "2026-11-01",
].map((d) => Date.parse(`${d}T00:00:00Z`));
const createdMinute = fc.oneof(
  fc.integer({ min: 0, max: (LAST_CREATED - FIRST_CREATED) / MINUTE }),
  fc
    .record({ day: fc.constantFrom(...SPECIAL_DATES), offset: fc.integer({ min: -4 * 1440, max: 1440 }) })
    .map(({ day, offset }) => (day - FIRST_CREATED) / MINUTE + offset),
);

export const incidentCase: fc.Arbitrary<IncidentCase> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    preset: fc.constantFrom("ru" as const, "none" as const),
    workingDays: fc.oneof(fc.constant<Weekday[]>(["mon", "tue", "wed", "thu", "fri"]), fc.subarray<Weekday>([...WEEKDAYS], { minLength: 1 })),
    hours: fc.oneof(fc.constant("09:00-18:00"), fc.constantFrom(...STANDARD_HOURS)),
    holidays: fc.array(fc.integer({ min: -2, max: 20 }), { maxLength: 3 }),
    workingDates: fc.array(fc.record({ offset: fc.integer({ min: -2, max: 20 }), hours: fc.constantFrom(...ANY_HOURS) }), { maxLength: 2 }),
    engineers: fc.subarray(["ENG-ANNA", "eng-boris", "someone-else"]),
    orgMembersAreEngineers: fc.boolean(),
    severities: fc.array(severity, { minLength: 1, maxLength: 3 }),
    defaultIndex: fc.nat(),
    issueSeverities: fc.array(fc.record({ index: fc.nat(), labelCase: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }),
    // Mostly covered incidents; sometimes one day either side of the term (P1).
    supportFrom: fc.option(fc.integer({ min: -10, max: 1 }), { freq: 2 }),
    supportUntil: fc.option(fc.integer({ min: -1, max: 10 }), { freq: 2 }),
    created: createdMinute,
    author: fc.integer({ min: 0, max: ACTORS.length - 1 }),
    form: fc.option(
      fc.record({
        channel: fc.constantFrom("GitHub", "Email", "Phone", "Email (support@vendor.example)", "Telegram", "e-mail"),
        before: fc.integer({ min: -60, max: 3 * 1440 }),
        local: fc.boolean(),
        first: fc.boolean(),
      }),
    ),
    steps: fc.array(step, { maxLength: 12 }),
    nowAfter: fc.oneof(fc.integer({ min: 0, max: 3 * 1440 }), fc.integer({ min: 0, max: 8 * 1440 })),
  })
  .map((g): IncidentCase => {
    const createdMs = FIRST_CREATED + g.created * MINUTE;
    const createdDate = (offset: number) => new Date(createdMs + offset * DAY).toISOString().slice(0, 10);
    const levels = g.severities.map((_, i) => String(i + 1));
    const config: ConfigInput = {
      timezone: g.zone,
      calendar: {
        preset: g.preset,
        workingDays: g.workingDays,
        hours: g.hours,
        holidays: [...new Set(g.holidays.map(createdDate))],
        workingDates: Object.fromEntries(g.workingDates.map((w) => [createdDate(w.offset), w.hours])),
      },
      team: { engineers: g.engineers, orgMembersAreEngineers: g.orgMembersAreEngineers },
      defaultSeverity: Number(levels[g.defaultIndex % levels.length]),
      severities: Object.fromEntries(g.severities.map((s, i) => [String(i + 1), s])),
      contract: {
        ...(g.supportFrom !== null ? { supportFrom: createdDate(g.supportFrom) } : {}),
        ...(g.supportUntil !== null && (g.supportFrom === null || g.supportUntil >= g.supportFrom) ? { supportUntil: createdDate(g.supportUntil) } : {}),
      },
    };
    const labels = { waiting: "state: waiting for customer", accepted: "state: accepted", workaround: "state: workaround", resolved: "state: resolved", other: "area: ldap" };

    const user = (i: number, upper: boolean) => {
      const login = ACTORS[i]!.login;
      return login === null ? null : { login: upper ? login.toUpperCase() : login };
    };
    const timeline: Record<string, unknown>[] = [];
    const present = new Set<string>();
    let open = true;
    let closedAt: string | null = null;
    let stateReason: string | null = null;
    let at = createdMs;
    for (const s of g.steps) {
      at += s.gap * MINUTE;
      const created_at = new Date(at).toISOString().replace(".000Z", "Z");
      const actor = user(s.actor, s.loginCase);
      switch (s.action) {
        case "comment":
          timeline.push({ event: "commented", created_at, user: actor, actor, author_association: ACTORS[s.actor]!.association, body: "…" });
          break;
        case "close-or-reopen":
          if (open) {
            timeline.push({ event: "closed", created_at, actor, state_reason: s.reason });
            closedAt = created_at;
            stateReason = s.reason;
          } else timeline.push({ event: "reopened", created_at, actor, state_reason: null });
          open = !open;
          break;
        case "noise":
          timeline.push({ event: "assigned", created_at, actor, assignee: { login: "eng-anna" } });
          break;
        default: {
          // A label toggles: added when absent, removed when present, as GitHub records it.
          const name = casing(labels[s.action], s.labelCase);
          const kind = present.has(s.action) ? "unlabeled" : "labeled";
          if (kind === "labeled") present.add(s.action);
          else present.delete(s.action);
          timeline.push({ event: kind, created_at, actor, label: { name, color: "ededed" } });
        }
      }
    }

    const issueLabels = g.issueSeverities.map((s) => ({ name: casing(`severity: ${levels[s.index % levels.length]}`, s.labelCase) }));
    let body = "### Summary\n\nLogin fails\n";
    if (g.form) {
      const received = createdMs - g.form.before * MINUTE;
      const text = g.form.local ? DateTime.fromMillis(received, { zone: g.zone }).toFormat("yyyy-MM-dd HH:mm") : new Date(received).toISOString();
      const registration = `### Channel\n\n${g.form.channel}\n\n### Received at\n\n${text}\n`;
      body = g.form.first ? `${registration}\n### Summary\n\nLogin fails\n` : `${body}\n${registration}`;
    }
    const author = ACTORS[g.author]!;
    const issue = {
      number: 1 + (Math.abs(g.created) % 997),
      title: "Login fails",
      html_url: "https://github.com/acme/support/issues/1",
      created_at: new Date(createdMs).toISOString(),
      user: user(g.author, false),
      author_association: author.association,
      labels: issueLabels,
      state: open ? "open" : "closed",
      closed_at: open ? null : closedAt,
      state_reason: open ? null : stateReason,
      body,
    };
    return { config, issue, timeline, now: new Date(createdMs + g.nowAfter * MINUTE).toISOString() };
  });

/** A target's text made longer by some minutes ("1d4h" + 5 → "1d4h5m"). */
export function lengthen(text: string, minutes: number): string {
  const [, d, h, m] = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text)!;
  return `${d ? `${d}d` : ""}${h ? `${h}h` : ""}${Number(m ?? 0) + minutes}m`;
}

