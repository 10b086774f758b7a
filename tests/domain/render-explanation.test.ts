// The explanation of an incident as text (ru/en): every decision with its
// reason, local times with offset and zone, and nothing that depends on the
// host's time zone. Incidents are built inline; times are UTC ("Z") and the
// contract is in Moscow (UTC+03:00, no daylight saving).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import type { ConfigInput } from "../../src/config/schema.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { renderExplanation } from "../../src/domain/texts/render-explanation.js";
import { formatLocal } from "../../src/units/local-time.js";

const MSK = "(UTC+03:00, Europe/Moscow)";
const BASE: ConfigInput = { timezone: "Europe/Moscow", team: { engineers: ["alice", "bob"], orgMembersAreEngineers: false } };
const WAIT = "state: waiting for customer";

interface Case {
  config?: ConfigInput;
  labels?: string[];
  body?: string;
  author?: string;
  state?: { closedAt: string; reason: string };
  timeline?: unknown[];
  now: string;
}

const labeled = (at: string, who: string, name: string, event = "labeled") => ({ event, created_at: at, actor: { login: who }, label: { name } });
const closed = (at: string, who: string, reason: string) => ({ event: "closed", created_at: at, actor: { login: who }, state_reason: reason });
const commented = (at: string, who: string) => ({ event: "commented", created_at: at, user: { login: who }, author_association: "NONE" });

function render(c: Case, language: "ru" | "en"): string {
  const issue = {
    number: 5,
    title: "SSO down",
    html_url: "https://github.com/acme/support/issues/5",
    created_at: "2026-03-02T06:00:00Z",
    user: { login: c.author ?? "customer" },
    author_association: "NONE",
    labels: (c.labels ?? ["severity: 1"]).map((name) => ({ name })),
    state: c.state ? "closed" : "open",
    closed_at: c.state?.closedAt ?? null,
    state_reason: c.state?.reason ?? null,
    body: c.body ?? "",
  };
  const config = parseConfig({ ...BASE, ...c.config });
  return renderExplanation(explainIncident({ config, issue, timeline: c.timeline ?? [], now: c.now }), language);
}

// Severity 1 (24x7): accept 30m, workaround 4h, resolve 3d from 06:00Z.
const PAUSED: Case = { timeline: [labeled("2026-03-02T06:30:00Z", "alice", WAIT)], now: "2026-03-02T07:00:00Z" };
// Severity 2 (24x7: accept 1h, workaround 8h, resolve 5d): bob pauses 06:20–07:00 (removes the
// label), pauses again at 08:00 and closes as completed at 09:00, which ends that pause.
const PAUSES_ENDED_AND_CLOSED: Case = {
  labels: ["severity: 2"],
  state: { closedAt: "2026-03-02T09:00:00Z", reason: "completed" },
  timeline: [
    labeled("2026-03-02T06:20:00Z", "bob", WAIT),
    labeled("2026-03-02T07:00:00Z", "bob", WAIT, "unlabeled"),
    labeled("2026-03-02T08:00:00Z", "bob", WAIT),
    closed("2026-03-02T09:00:00Z", "bob", "completed"),
  ],
  now: "2026-03-02T10:00:00Z",
};
const cancelled = (reason: string): Case => ({
  state: { closedAt: "2026-03-02T07:00:00Z", reason },
  timeline: [closed("2026-03-02T07:00:00Z", "bob", reason)],
  now: "2026-03-02T08:00:00Z",
});

describe("renderExplanation", () => {
  it.each<[string, Case, "ru" | "en", string[]]>([
    [
      "a running pause: due time assumes it ends now (P7)",
      PAUSED,
      "en",
      [
        // met exactly at its due time is on time
        `- Acceptance (accept, 30 min): due 2026-03-02 09:30 ${MSK}; met at 2026-03-02 09:30 ${MSK} by alice (label "${WAIT}"), on time.`,
        // 4h from 06:00Z plus the 30 minutes paused so far: 10:30Z = 13:30 MSK; 3h 30m of the 4h left
        `- Workaround (workaround, 4 h): due 2026-03-02 13:30 ${MSK}; paused, 3 h 30 min left; the due time assumes the pause ends now.`,
        "Pauses (waiting for the customer), in total 30 min:",
        `- 2026-03-02 09:30 ${MSK} – now (still running), 30 min: started by alice (label "${WAIT}").`,
      ],
    ],
    [
      "a running pause in Russian",
      PAUSED,
      "ru",
      [
        `- Обходное решение (workaround, 4 ч): срок 2026-03-02 13:30 ${MSK}; на паузе, осталось 3 ч 30 мин; срок указан в предположении, что пауза заканчивается сейчас.`,
        `- 2026-03-02 09:30 ${MSK} – сейчас (продолжается), 30 мин: начал alice (метка «${WAIT}»).`,
      ],
    ],
    [
      "pauses ended by removing the label and by closing; a closed period still open",
      PAUSES_ENDED_AND_CLOSED,
      "en",
      [
        `- 2026-03-02 09:20 ${MSK} – 2026-03-02 10:00 ${MSK}, 40 min: started by bob (label "${WAIT}"), ended when bob removed the label.`,
        `- 2026-03-02 11:00 ${MSK} – 2026-03-02 12:00 ${MSK}, 1 h: started by bob (label "${WAIT}"), ended when bob closed the issue.`,
        "Pauses (waiting for the customer), in total 1 h 40 min:",
        "Closed periods (time does not count):",
        `- 2026-03-02 12:00 ${MSK} – now (still closed), 1 h: closed by bob as completed.`,
        `- Permanent solution (resolve, 5 days): due 2026-03-07 10:40 ${MSK}; met at 2026-03-02 12:00 ${MSK} by bob (closed the issue), on time.`,
      ],
    ],
    [
      "the same in Russian",
      PAUSES_ENDED_AND_CLOSED,
      "ru",
      [
        `40 мин: начал bob (метка «${WAIT}»), закончилась: bob снял метку.`,
        `1 ч: начал bob (метка «${WAIT}»), закончилась: bob закрыл issue.`,
        `- 2026-03-02 12:00 ${MSK} – сейчас (всё ещё закрыт), 1 ч: закрыл bob как выполненный.`,
      ],
    ],
    ["closed as not planned: unmet targets are cancelled", cancelled("not_planned"), "en", [`- Workaround (workaround, 4 h): due 2026-03-02 14:00 ${MSK}; cancelled: the issue is closed as not planned.`]],
    ["closed as a duplicate: cancelled too", cancelled("duplicate"), "en", ["; cancelled: the issue is closed as duplicate."]],
    ["cancelled in Russian", cancelled("not_planned"), "ru", ["; отменён: issue закрыт как не планируемый."]],
    [
      "met late",
      { timeline: [labeled("2026-03-02T06:45:00Z", "alice", "state: accepted")], now: "2026-03-02T07:00:00Z" },
      "en",
      [`- Acceptance (accept, 30 min): due 2026-03-02 09:30 ${MSK}; met at 2026-03-02 09:45 ${MSK} by alice (label "state: accepted"), late by 15 min.`],
    ],
    [
      "met late in Russian",
      { timeline: [labeled("2026-03-02T06:45:00Z", "alice", "state: accepted")], now: "2026-03-02T07:00:00Z" },
      "ru",
      [`- Принятие в работу (accept, 30 мин): срок 2026-03-02 09:30 ${MSK}; выполнено 2026-03-02 09:45 ${MSK}: alice, метка «state: accepted», с опозданием на 15 мин.`],
    ],
    [
      "less than a minute left, and seconds shown when there are any",
      { now: "2026-03-02T06:29:30Z" },
      "en",
      [`- Acceptance (accept, 30 min): due 2026-03-02 09:30 ${MSK}; running, less than a minute left.`, `As of 2026-03-02 09:29:30 ${MSK}.`],
    ],
    [
      "overdue by days (wall-clock days of 24 hours)",
      { now: "2026-03-04T08:00:00Z" },
      "en",
      // accept was due 06:30Z on 2 March: 2 days, 1h 30m ago
      ["; BREACHED, overdue by 2 days 1 h 30 min."],
    ],
    [
      "a business clock with its own week, no preset, extra dates; time left is working time",
      {
        config: {
          calendar: { preset: "none", workingDays: ["fri", "mon", "wed"], holidays: ["2026-03-04"], workingDates: { "2026-03-07": "10:00-14:00" } },
        },
        labels: ["severity: 3"],
        now: "2026-03-02T08:00:00Z",
      },
      "en",
      [
        "- Clock: business, working time only: Mon, Wed, Fri 09:00–18:00, no holiday calendar, 1 extra holiday, 1 extra working date, zone Europe/Moscow.",
        // 09:00–11:00 MSK used: 6h of the 8h left
        `- Acceptance (accept, 8 h working time): due 2026-03-02 17:00 ${MSK}; running, 6 h of working time left.`,
      ],
    ],
    [
      "the same calendar in Russian",
      {
        config: { calendar: { preset: "none", workingDays: ["mon", "wed", "fri"], holidays: ["2026-03-04"], workingDates: { "2026-03-07": "10:00-14:00" } } },
        labels: ["severity: 3"],
        now: "2026-03-02T08:00:00Z",
      },
      "ru",
      [
        "- Режим отсчёта: business, только рабочее время: пн, ср, пт 09:00–18:00, без производственного календаря, дополнительных выходных дат: 1, дополнительных рабочих дат: 1, часовой пояс Europe/Moscow.",
        "идёт, осталось 6 ч рабочего времени.",
      ],
    ],
    [
      "an unofficial channel keeps the creation time (P11)",
      { author: "alice", body: "### Channel\n\nTelegram\n\n### Received at\n\n2026-03-01 10:00\n", now: "2026-03-02T07:00:00Z" },
      "en",
      [`- Start: 2026-03-02 09:00 ${MSK}: the issue was created (by alice); the request came through "Telegram", which is not an official channel, so the clock starts when support registered it.`],
    ],
    [
      "an unofficial channel in Russian",
      { author: "alice", body: "### Channel\n\nTelegram\n\n### Received at\n\n2026-03-01 10:00\n", now: "2026-03-02T07:00:00Z" },
      "ru",
      [`- Начало отсчёта: 2026-03-02 09:00 ${MSK}: создание issue (автор alice); обращение пришло через «Telegram», это не официальный канал, поэтому отсчёт идёт от регистрации в поддержке.`],
    ],
    [
      "support expired (P1)",
      { config: { contract: { supportUntil: "2026-02-28" } }, now: "2026-03-02T07:00:00Z" },
      "en",
      ["- Coverage: expired: the incident started on 2026-03-02, after the support period ended on 2026-02-28; no deadline runs."],
    ],
    [
      "support expired in Russian",
      { config: { contract: { supportUntil: "2026-02-28" } }, now: "2026-03-02T07:00:00Z" },
      "ru",
      ["- Период поддержки: истёк: инцидент начался 2026-03-02, после окончания поддержки 2026-02-28; сроки не идут."],
    ],
    [
      "a severity without targets",
      { config: { severities: { "4": { clock: "24x7" } }, defaultSeverity: 4 }, labels: [], now: "2026-03-02T07:00:00Z" },
      "en",
      ["- Severity: 4 (the default: the issue has no severity label).", "Deadlines:\n- Severity 4 has no deadlines in the contract."],
    ],
    [
      "the customer's waiting label and comment (P7)",
      { timeline: [labeled("2026-03-02T06:10:00Z", "customer", WAIT), commented("2026-03-02T06:20:00Z", "customer")], now: "2026-03-02T07:00:00Z" },
      "en",
      ["Waiting labels added by the customer side (ignored: only support can pause the clock):", `- 2026-03-02 09:10 ${MSK}: added by customer.`],
    ],
  ])("%s", (_case, c, language, phrases) => {
    const text = render(c, language);
    for (const phrase of phrases) expect(text).toContain(phrase);
  });

  it("lays out a header, list items and blank lines only: plain Markdown, no terminal colours", () => {
    const text = render(PAUSES_ENDED_AND_CLOSED, "en");
    expect(text.includes("\u001b")).toBe(false);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual(["Incident #5: SSO down", "https://github.com/acme/support/issues/5", ""]);
    for (const line of lines.slice(3)) expect(line).toMatch(/^(- .*|[A-Z][^:]*(\([^)]*\))?[^:]*:|As of .*\.|)$/);
  });

  it("leaves out what an incident does not have (no pauses, closed periods, ignored labels, warnings)", () => {
    const text = render({ now: "2026-03-02T06:10:00Z" }, "en");
    expect(text).not.toMatch(/Pauses|Closed periods|Waiting labels|Warnings/);
  });
});

describe("formatLocal with the explanation's style (offset and zone, seconds when there are any)", () => {
  it.each([
    ["Moscow", "2026-03-10T14:00:00Z", "Europe/Moscow", "2026-03-10 17:00 (UTC+03:00, Europe/Moscow)"],
    ["seconds only when there are some", "2026-03-10T14:00:07Z", "Europe/Moscow", "2026-03-10 17:00:07 (UTC+03:00, Europe/Moscow)"],
    ["UTC", "2026-03-10T14:00:00Z", "UTC", "2026-03-10 14:00 (UTC+00:00, UTC)"],
    ["a half-hour offset", "2026-03-10T14:00:00Z", "Asia/Kolkata", "2026-03-10 19:30 (UTC+05:30, Asia/Kolkata)"],
    ["New York just before daylight saving starts", "2026-03-08T06:59:00Z", "America/New_York", "2026-03-08 01:59 (UTC-05:00, America/New_York)"],
    ["New York just after", "2026-03-08T07:00:00Z", "America/New_York", "2026-03-08 03:00 (UTC-04:00, America/New_York)"],
    ["the local date differs from the UTC date", "2026-03-10T22:30:00Z", "Europe/Moscow", "2026-03-11 01:30 (UTC+03:00, Europe/Moscow)"],
  ])("%s", (_case, iso, zone, expected) => {
    expect(formatLocal(Date.parse(iso), zone, { offset: "zone", seconds: true })).toBe(expected);
  });
});
