// The status comment (README, Using it): one per incident, in the contract's
// language, with severity and why, start and why (P11), each target's due time
// in local time with the zone, status, time left, and the pauses. Whole bodies
// below were checked by hand (comments show the arithmetic); Moscow is UTC+3.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { readMarker } from "../../src/domain/texts/markers.js";
import { renderStatusComment } from "../../src/domain/texts/status-comment.js";
import { CUSTOMER, ENGINEER, closed, issue, labeled, loadForm } from "../fixtures/incident-builders.js";
import { level1AfterReply } from "../fixtures/status-comment-examples.js";

const WAITING = "state: waiting for customer";
const config = (language: "en" | "ru", extra: Record<string, unknown> = {}) => parseConfig({ language, team: { engineers: [ENGINEER] }, ...extra });

describe("renderStatusComment", () => {
  it("en, level 1 (24×7): acceptance met, a pause ended by the customer's reply, time left", () => {
    // Opened 10:00 MSK; accepted 10:20 (due 10:30); paused 11:00–12:00; now 13:00.
    // Workaround 4h + 1h paused → 15:00; 2h used, 2h left. Resolve 72h + 1h → Thu 5 March 11:00; 70h = 2d 22h left.
    const x = level1AfterReply("en");
    const { body, fingerprint } = renderStatusComment(x);
    expect(body).toBe(
      [
        `<!-- incident-sla:status fp=${fingerprint} -->`,
        "### SLA status",
        '**Severity 1** (label "severity: 1"); clock: around the clock (24×7).',
        "Clock started: 2026-03-02 10:00 UTC+3, when the issue was opened.",
        "",
        "| Deadline | Target | Due | Status |",
        "|---|---|---|---|",
        "| Acceptance | 30 min | 2026-03-02 10:30 UTC+3 | ✅ met 2026-03-02 10:20 UTC+3 |",
        "| Workaround | 4 h | 2026-03-02 15:00 UTC+3 | ▶️ running |",
        "| Permanent solution | 3 days | 2026-03-05 11:00 UTC+3 | ▶️ running |",
        "",
        "**Pauses (waiting for the customer):**",
        "- 2026-03-02 11:00 UTC+3, @eng-anna: until 2026-03-02 12:00 UTC+3 (reply from @cust-bob)",
        "The clock resumed at 2026-03-02 12:00 UTC+3.",
        "",
        "Workaround: left 2 h; Permanent solution: left 2 days 22 h (as of 2026-03-02 13:00 UTC+3).",
        "",
        "<sub>Times are in Europe/Moscow. Updated 2026-03-02 13:00 UTC+3.</sub>",
      ].join("\n"),
    );
    expect(readMarker(body)).toEqual({ key: "status", fingerprint });
  });

  it("ru, level 3 (working hours): acceptance met by the waiting label, resolution paused", () => {
    // Opened Mon 10:00; paused from 11:00 (acceptance met then, due 18:00). 1 of 90 working hours used;
    // the due time assumes the pause ends now (13:00): 5h Mon + 36h Tue–Fri + (Mon 9 March is a holiday)
    // + 36h 10–13 March + 9h Mon 16 + 3h → Tue 17 March 12:00; 89h left = 9 working days and 8h.
    // That due time moves with `now`, so the table shows "—" and the line below the pauses gives it.
    const x = explainIncident({
      config: config("ru"),
      issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 3", WAITING] }),
      timeline: [labeled("2026-03-02T07:00:00Z", ENGINEER, "severity: 3"), labeled("2026-03-02T08:00:00Z", ENGINEER, WAITING)],
      now: "2026-03-02T10:00:00Z",
    });
    const { body, fingerprint } = renderStatusComment(x);
    expect(body).toBe(
      [
        `<!-- incident-sla:status fp=${fingerprint} -->`,
        "### Сроки по обращению",
        "**Уровень 3** (метка «severity: 3»); отсчёт: рабочее время (09:00-18:00, календарь ru).",
        "Начало отсчёта: 2026-03-02 10:00 UTC+3, когда открыт issue.",
        "",
        "| Срок | Норматив | До | Состояние |",
        "|---|---|---|---|",
        "| Принятие в работу | 8 ч | 2026-03-02 18:00 UTC+3 | ✅ выполнено 2026-03-02 11:00 UTC+3 |",
        "| Постоянное решение | 10 рабочих дней (по 9 ч) | — | ⏸️ на паузе, осталось 9 рабочих дней 8 ч |",
        "",
        "**Паузы (ожидание ответа клиента):**",
        "- 2026-03-02 11:00 UTC+3, @eng-anna: идёт сейчас",
        "",
        "Постоянное решение: если отсчёт возобновится сейчас, срок 2026-03-17 12:00 UTC+3 (на 2026-03-02 13:00 UTC+3).",
        "",
        "<sub>Время указано в часовом поясе Europe/Moscow. Обновлено 2026-03-02 13:00 UTC+3.</sub>",
      ].join("\n"),
    );
  });

  it.each<["en" | "ru", string, string]>([
    [
      "en",
      "| Acceptance | 30 min | 2026-03-02 10:30 UTC+3 | 🔴 breached: overdue |",
      "Acceptance: overdue by 15 min; Workaround: left 3 h 15 min; Permanent solution: left 2 days 23 h 15 min (as of 2026-03-02 10:45 UTC+3).",
    ],
    [
      "ru",
      "| Принятие в работу | 30 мин | 2026-03-02 10:30 UTC+3 | 🔴 нарушено: срок истёк |",
      "Принятие в работу: просрочено на 15 мин; Обходное решение: осталось 3 ч 15 мин; Постоянное решение: осталось 2 дня 23 ч 15 мин (на 2026-03-02 10:45 UTC+3).",
    ],
  ])("a breached target (%s): the row says so, the volatile line says by how much", (lang, row, volatile) => {
    // Level 1, 24×7 from 10:00; now 10:45: acceptance (30m) is 15m overdue, the workaround (4h) has 3h 15m left.
    const x = explainIncident({ config: config(lang), issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 1"] }), timeline: [], now: "2026-03-02T07:45:00Z" });
    const lines = renderStatusComment(x).body.split("\n");
    expect(lines).toContain(row);
    expect(lines).toContain(volatile);
  });

  it.each<[string, unknown[], string[], string, string]>([
    ["running", [], ["severity: 1"], "2026-03-02T07:05:00Z", "2026-03-02T07:25:00Z"],
    ["breached (the overdue time grows)", [], ["severity: 1"], "2026-03-02T07:45:00Z", "2026-03-02T08:45:00Z"],
    ["paused (the projected due time moves)", [labeled("2026-03-02T07:10:00Z", ENGINEER, WAITING)], ["severity: 1", WAITING], "2026-03-02T07:20:00Z", "2026-03-03T07:20:00Z"],
  ])("only time passing while %s: same fingerprint, a fresher body", (_name, timeline, labels, early, late) => {
    const render = (now: string) => renderStatusComment(explainIncident({ config: config("en"), issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels }), timeline, now }));
    const a = render(early);
    const b = render(late);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(b.body).not.toBe(a.body);
  });

  it("a paused target (en): no due time in the table; the volatile line gives it if the clock resumed now", () => {
    // Level 1, 24×7 from 10:00, paused at 10:10 by an engineer; now 11:00. Acceptance met by the
    // waiting label (P9). Workaround: 10m used, 3h 50m left → due 14:50 if resumed now.
    const x = explainIncident({
      config: config("en"),
      issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 1", WAITING] }),
      timeline: [labeled("2026-03-02T07:10:00Z", ENGINEER, WAITING)],
      now: "2026-03-02T08:00:00Z",
    });
    const lines = renderStatusComment(x).body.split("\n");
    expect(lines).toContain("| Workaround | 4 h | — | ⏸️ paused, 3 h 50 min left |");
    expect(lines).toContain("| Permanent solution | 3 days | — | ⏸️ paused, 2 days 23 h 50 min left |");
    expect(lines).toContain(
      "Workaround: if the clock resumed now, due 2026-03-02 14:50 UTC+3; Permanent solution: if the clock resumed now, due 2026-03-05 10:50 UTC+3 (as of 2026-03-02 11:00 UTC+3).",
    );
  });

  it.each<["en" | "ru", string]>([
    ["en", "| Acceptance | 30 min | 2026-03-02 10:30 UTC+3 | ⚠️ met late at 2026-03-02 10:45 UTC+3 (by 15 min) |"],
    ["ru", "| Принятие в работу | 30 мин | 2026-03-02 10:30 UTC+3 | ⚠️ выполнено с опозданием 2026-03-02 10:45 UTC+3 (на 15 мин) |"],
  ])("a target met late (%s)", (lang, row) => {
    const x = explainIncident({
      config: config(lang),
      issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 1", "state: accepted"] }),
      timeline: [labeled("2026-03-02T07:45:00Z", ENGINEER, "state: accepted")],
      now: "2026-03-02T08:00:00Z",
    });
    expect(renderStatusComment(x).body.split("\n")).toContain(row);
  });

  it.each<["en" | "ru", string[]]>([
    [
      "en",
      [
        "| Acceptance | 30 min | 2026-03-02 10:30 UTC+3 | ✅ met 2026-03-02 10:10 UTC+3 |",
        "| Workaround | 4 h | — | ➖ cancelled (closed as not planned) |",
        "| Permanent solution | 3 days | — | ➖ cancelled (closed as not planned) |",
      ],
    ],
    [
      "ru",
      [
        "| Принятие в работу | 30 мин | 2026-03-02 10:30 UTC+3 | ✅ выполнено 2026-03-02 10:10 UTC+3 |",
        "| Обходное решение | 4 ч | — | ➖ отменено (закрыт как не запланированный) |",
        "| Постоянное решение | 3 дня | — | ➖ отменено (закрыт как не запланированный) |",
      ],
    ],
  ])("closed as not planned (%s): unmet targets cancelled, no due time and no volatile line", (lang, rows) => {
    // The close meets acceptance (P9). A cancelled target's due time would assume the issue reopens
    // now (10:00 + 4h + the closed 10:10–11:00 = 14:50 for the workaround): it moves, so it is not shown.
    const x = explainIncident({
      config: config(lang),
      issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 1"], state: "closed", closedAt: "2026-03-02T07:10:00Z", stateReason: "not_planned" }),
      timeline: [closed("2026-03-02T07:10:00Z", CUSTOMER, "not_planned")],
      now: "2026-03-02T08:00:00Z",
    });
    const lines = renderStatusComment(x).body.split("\n");
    expect(lines.filter((l) => l.startsWith("| ") && !l.startsWith("| Deadline") && !l.startsWith("| Срок"))).toEqual(rows);
    expect(lines.some((l) => l.includes("14:50"))).toBe(false);
    expect(lines.at(-2)).toBe("");
    expect(lines.at(-3)).toBe(rows.at(-1));
  });

  it.each<["en" | "ru", string]>([
    ["en", "Clock started: 2026-03-02 08:15 UTC+3: the request came through Phone and was registered by @eng-anna."],
    ["ru", "Начало отсчёта: 2026-03-02 08:15 UTC+3: обращение получено по каналу «Phone», зарегистрировал @eng-anna."],
  ])("a request registered from another channel starts when it was received (P11, %s)", (lang, line) => {
    const x = explainIncident({
      config: config(lang),
      issue: issue({ createdAt: "2026-03-02T06:00:00Z", author: ENGINEER, body: loadForm("form-registration-by-phone.md") }),
      timeline: [],
      now: "2026-03-02T06:10:00Z",
    });
    expect(renderStatusComment(x).body.split("\n")).toContain(line);
  });

  it("without a severity label the default is named as the reason", () => {
    const x = explainIncident({ config: config("en"), issue: issue({ createdAt: "2026-03-02T07:00:00Z" }), timeline: [], now: "2026-03-02T07:10:00Z" });
    expect(renderStatusComment(x).body.split("\n")).toContain("**Severity 3** (the default: no severity label); clock: working hours (09:00-18:00, ru calendar).");
  });

  it("times are shown in the contract's zone, whatever the host's", () => {
    const x = explainIncident({
      config: config("en", { timezone: "Asia/Kolkata", calendar: { preset: "none" } }),
      issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 1"] }),
      timeline: [],
      now: "2026-03-02T07:10:00Z",
    });
    const lines = renderStatusComment(x).body.split("\n");
    expect(lines).toContain("| Acceptance | 30 min | 2026-03-02 13:00 UTC+5:30 | ▶️ running |");
    expect(lines.at(-1)).toBe("<sub>Times are in Asia/Kolkata. Updated 2026-03-02 12:40 UTC+5:30.</sub>");
  });
});
