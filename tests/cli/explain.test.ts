// `incident-sla explain`: one incident in words (ru or en) or as the §5 object,
// from one JSON file, stdin, or the files gh api writes for an issue and its timeline.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG, fixture, jsonLines, runCli } from "./run-cli.js";

const text = (name: string) => readFileSync(fixture(name), "utf8");
const INCIDENT_12 = fixture("incident-12-sev1-workaround-overdue.json");
const ZONE = "(UTC+03:00, Europe/Moscow)";

describe("explain: text", () => {
  it.each([
    [
      "en",
      ["--lang", "en"],
      [
        "Incident #12: Login fails for all users in PROD",
        `- Start: 2026-03-02 09:00 ${ZONE}: the issue was created (by customer-eng).`,
        '- Severity: 1 (label "severity: 1").',
        "- Clock: 24x7, every hour counts.",
        `- Acceptance (accept, 30 min): due 2026-03-02 09:30 ${ZONE}; met at 2026-03-02 09:10 ${ZONE} by alice (label "state: accepted"), on time.`,
        `- Workaround (workaround, 4 h): due 2026-03-02 14:35 ${ZONE}; BREACHED, overdue by 25 min.`,
        `- Permanent solution (resolve, 3 days): due 2026-03-05 10:35 ${ZONE}; running, 2 days 19 h 35 min left.`,
        "Pauses (waiting for the customer), in total 1 h 35 min:",
        `- 2026-03-02 09:30 ${ZONE} – 2026-03-02 11:05 ${ZONE}, 1 h 35 min: started by alice (label "state: waiting for customer"), ended by a comment from customer-eng (customer side).`,
        `- 2026-03-02 11:20 ${ZONE}: added by customer-eng.`,
        `As of 2026-03-02 15:00 ${ZONE}.`,
      ],
    ],
    [
      "ru (the config's language)",
      [],
      [
        "Инцидент #12: Login fails for all users in PROD",
        `- Начало отсчёта: 2026-03-02 09:00 ${ZONE}: создание issue (автор customer-eng).`,
        "- Уровень критичности: 1 (метка «severity: 1»).",
        `- Обходное решение (workaround, 4 ч): срок 2026-03-02 14:35 ${ZONE}; НАРУШЕН, просрочено на 25 мин.`,
        `- Постоянное решение (resolve, 3 дня): срок 2026-03-05 10:35 ${ZONE}; идёт, осталось 2 дня 19 ч 35 мин.`,
        `1 ч 35 мин: начал alice (метка «state: waiting for customer»), закончилась комментарием customer-eng (сторона заказчика).`,
        `- 2026-03-02 11:20 ${ZONE}: поставил customer-eng.`,
      ],
    ],
  ])("#12 in %s: due times with their zone, the breach, the pause with its actors, the ignored label (P7)", async (_lang, flags, phrases) => {
    const result = await runCli(["explain", "--config", CONFIG, ...flags, INCIDENT_12]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
    expect(result.stdout.includes("\u001b")).toBe(false); // no terminal colours: the text is reused in GitHub comments
  });

  it.each([
    [
      "en",
      [
        `- Start: 2026-03-06 17:00 ${ZONE}: the request was received through Phone; alice registered it on the customer's behalf at 2026-03-10 10:00 ${ZONE}, so the clock starts when it was received.`,
        "- Severity: 3 (the default: the issue has no severity label).",
        "- Clock: business, working time only: Mon–Fri 09:00–18:00, Russian production calendar (ru), zone Europe/Moscow.",
        `- Acceptance (accept, 8 h working time): due 2026-03-10 16:00 ${ZONE}; met at 2026-03-10 11:00 ${ZONE} by bob (closed the issue), on time.`,
        `- Permanent solution (resolve, 10 working days (9 h each)): due 2026-03-23 18:00 ${ZONE}; running, 82 h of working time left.`,
        `- 2026-03-10 11:00 ${ZONE} – 2026-03-10 12:00 ${ZONE}, 1 h: closed by bob as not planned, reopened by customer-eng.`,
      ],
    ],
    [
      "ru",
      [
        `- Начало отсчёта: 2026-03-06 17:00 ${ZONE}: обращение получено через канал «Phone»; alice зарегистрировал его от имени заказчика 2026-03-10 10:00 ${ZONE}, поэтому отсчёт идёт от момента получения.`,
        "- Режим отсчёта: business, только рабочее время: пн–пт 09:00–18:00, производственный календарь РФ (ru), часовой пояс Europe/Moscow.",
        `- Постоянное решение (resolve, 10 рабочих дней (по 9 ч)): срок 2026-03-23 18:00 ${ZONE}; идёт, осталось 82 ч рабочего времени.`,
        `1 ч: закрыл bob как не планируемый, переоткрыл customer-eng.`,
      ],
    ],
  ])("#31 in %s: registered on the customer's behalf (P11), business clock, working time left, a closed period", async (lang, phrases) => {
    const result = await runCli(["explain", "--config", CONFIG, "--lang", lang, fixture("incident-31-sev3-registered-by-phone-closed-and-reopened.json")]);
    expect(result.code).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
  });

  it.each([
    [
      "en",
      [
        "Warnings:\n- The channel and time received were given by customer-eng, who is not a support engineer; the clock starts when the issue was created.",
        "- The ru calendar has no decree data for 2027: only the Labour Code's rules (art. 95, 112) were applied",
      ],
    ],
    [
      "ru",
      [
        "Предупреждения:\n- Канал и время получения указаны автором customer-eng, который не является инженером поддержки; отсчёт идёт от создания issue.",
        "- Для 2027 года нет данных постановления о переносе выходных",
      ],
    ],
  ])("#40 in %s: warnings in the language of the text", async (lang, phrases) => {
    const result = await runCli(["explain", "--config", CONFIG, "--lang", lang, fixture("incident-40-customer-filled-channel-in-2027.json")]);
    expect(result.code).toBe(0);
    for (const phrase of phrases) expect(result.stdout).toContain(phrase);
  });

  it.each([
    ["en", "- Coverage: not started: the incident started on 2025-12-20, before the support period starts on 2026-01-01; no deadline runs."],
    ["ru", "- Период поддержки: ещё не начался: инцидент начался 2025-12-20, до начала поддержки 2026-01-01; сроки не идут."],
  ])("#7 in %s: outside the support period no deadline is listed (P1)", async (lang, phrase) => {
    const result = await runCli(["explain", "--config", CONFIG, "--lang", lang, fixture("incident-7-before-support-period.json")]);
    expect(result.stdout).toContain(phrase);
    expect(result.stdout).not.toMatch(/Deadlines|Сроки/);
  });

  it("reads the incident from stdin when INPUT is absent or -", async () => {
    const stdin = text("incident-12-sev1-workaround-overdue.json");
    const fromFile = await runCli(["explain", "--config", CONFIG, INCIDENT_12]);
    for (const args of [[], ["-"]]) {
      const result = await runCli(["explain", "--config", CONFIG, ...args], { stdin });
      expect(result).toEqual(fromFile);
    }
  });
});

describe("explain --json", () => {
  it.each([
    "incident-12-sev1-workaround-overdue.json",
    "incident-31-sev3-registered-by-phone-closed-and-reopened.json",
    "incident-40-customer-filled-channel-in-2027.json",
    "incident-7-before-support-period.json",
  ])("equals what evaluate writes for %s", async (name) => {
    const explained = await runCli(["explain", "--config", CONFIG, "--json", fixture(name)]);
    const evaluated = await runCli(["evaluate", "--config", CONFIG], { stdin: JSON.stringify(JSON.parse(text(name))) });
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^\{\n {2}"number": /); // pretty-printed
    expect(JSON.parse(explained.stdout)).toEqual(jsonLines(evaluated.stdout)[0]);
  });
});

describe("explain --issue --timeline (the files gh api writes)", () => {
  const issue = fixture("issue-12-sev1-login-down.json");
  const expected = async () => JSON.parse((await runCli(["explain", "--config", CONFIG, "--json", INCIDENT_12])).stdout);
  it.each([
    ["a plain array", "timeline-12-paused-then-customer-reply.json"],
    ["gh api --paginate: arrays one after another", "timeline-12-paginated-two-pages.json"],
    ["gh api --paginate --slurp: an array of arrays", "timeline-12-slurped.json"],
  ])("a timeline as %s gives the same result", async (_case, timeline) => {
    const result = await runCli(["explain", "--config", CONFIG, "--json", "--now", "2026-03-02T12:00:00Z", "--issue", issue, "--timeline", fixture(timeline)]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(await expected());
  });

  it("explains in text too, with the current time from the clock when no --now is given", async () => {
    const result = await runCli(["explain", "--config", CONFIG, "--lang", "en", "--issue", issue, "--timeline", fixture("timeline-12-paginated-two-pages.json")], {
      now: Date.parse("2026-03-02T12:00:00Z"),
    });
    expect(result.stdout).toContain(`- Workaround (workaround, 4 h): due 2026-03-02 14:35 ${ZONE}; BREACHED, overdue by 25 min.`);
  });
});

describe("explain: which now", () => {
  const workaround = async (args: string[], now?: number) =>
    (JSON.parse((await runCli(["explain", "--config", CONFIG, "--json", ...args], now === undefined ? {} : { now })).stdout) as { targets: { workaround: { status: string } } })
      .targets.workaround.status;
  it("the input's now wins over --now", async () => {
    expect(await workaround(["--now", "2026-03-02T07:00:00Z", INCIDENT_12])).toBe("breached");
  });
  it("--now wins over the clock (inside the pause the workaround is paused)", async () => {
    const args = ["--issue", fixture("issue-12-sev1-login-down.json"), "--timeline", fixture("timeline-12-slurped.json")];
    expect(await workaround([...args, "--now", "2026-03-02T07:00:00Z"], Date.parse("2026-03-02T12:00:00Z"))).toBe("paused");
    expect(await workaround(args, Date.parse("2026-03-02T07:00:00Z"))).toBe("paused");
    expect(await workaround(args, Date.parse("2026-03-02T12:00:00Z"))).toBe("breached");
  });
});

describe("explain: mistakes", () => {
  const issue = fixture("issue-12-sev1-login-down.json");
  const timeline = fixture("timeline-12-slurped.json");
  it.each([
    ["no --config", [INCIDENT_12], /--config FILE is required/],
    ["--issue without --timeline", ["--config", CONFIG, "--issue", issue], /--issue and --timeline go together/],
    ["--timeline without --issue", ["--config", CONFIG, "--timeline", timeline], /--issue and --timeline go together/],
    ["INPUT and --issue", ["--config", CONFIG, "--issue", issue, "--timeline", timeline, INCIDENT_12], /either INPUT or --issue and --timeline, not both/],
    ["two INPUTs", ["--config", CONFIG, INCIDENT_12, INCIDENT_12], /at most one INPUT, got 2/],
    ["an unknown language", ["--config", CONFIG, "--lang", "de", INCIDENT_12], /--lang: expected en or ru, got "de"/],
    ["a missing INPUT file", ["--config", CONFIG, fixture("no-such-incident.json")], /cannot read input file .*no-such-incident\.json: no such file/],
    ["a missing timeline file", ["--config", CONFIG, "--issue", issue, "--timeline", fixture("no-such-timeline.json")], /cannot read timeline file .*: no such file/],
    ["an unknown option", ["--config", CONFIG, "--format", "md", INCIDENT_12], /unknown option --format/],
  ])("%s: usage error, exit 2", async (_case, args, message) => {
    const result = await runCli(["explain", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("Run 'incident-sla explain --help' for usage.");
    expect(result.stdout).toBe("");
  });

  it.each<[string, string[], string, RegExp]>([
    ["invalid JSON on stdin", [], '{"issue": ', /^incident-sla explain: stdin: not valid JSON: /],
    ["two incidents on stdin", [], "{}\n{}\n", /stdin: expected one incident, got 2 JSON values \(use evaluate for many\)/],
    ["no issue", [], '{"timeline": []}', /stdin: missing "issue"/],
    ["an unreadable now in the input", [], JSON.stringify({ ...JSON.parse(text("incident-12-sev1-workaround-overdue.json")), now: "later" }), /stdin: now: expected an ISO 8601 time/],
    ["an issue the engine cannot read", [], JSON.stringify({ issue: { number: "12" }, timeline: [] }), /^incident-sla explain: issue\.number: expected an integer, got "12"/],
    ["a timeline file holding an object", ["--issue", issue, "--timeline", issue], "", /issue-12-sev1-login-down\.json: the JSON value is not an array/],
    ["an issue file holding an array of events", ["--issue", timeline, "--timeline", timeline], "", /timeline-12-slurped\.json: expected one issue object/],
  ])("%s: exit 1 with a clear message and no stack", async (_case, args, stdin, message) => {
    const result = await runCli(["explain", "--config", CONFIG, ...args], { stdin });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });

  it("an invalid configuration: exit 1 with the ConfigError", async () => {
    const result = await runCli(["explain", "--config", fixture("config-invalid-duration-and-typo.yml"), INCIDENT_12]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/severities\.1\.accept, line 4: /);
  });
});

describe("explain: regressions of fixed engine bugs", () => {
  // Bug in src/domain/forms/issue-form.ts (parseIssueForm): only known field headings end a
  // field, so a form heading the parser does not know ("### Screenshots") that follows
  // "Received at" is swallowed into its value. The value then cannot be read, and a request
  // registered by an engineer for a phone call received Fri 6 March 17:00 MSK starts at the
  // issue's creation (Tue 10 March) instead (P11), with a misleading warning.
  it("a registered request whose form has another field after Received at starts when it was received", async () => {
    const result = await runCli(["explain", "--config", CONFIG, "--json", fixture("incident-32-registered-form-with-field-after-received-at.json")]);
    expect(JSON.parse(result.stdout)).toMatchObject({ startedAt: "2026-03-06T14:00:00.000Z", warnings: [] });
  });
});
