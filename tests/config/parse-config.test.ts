// Configuration (DESIGN §3): defaults exactly as designed, and every invalid
// file refused with a message naming the file, the field and what would be
// valid (DESIGN §1.5: the app does not guess).
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, parseConfigText } from "../../src/config/parse-config.js";
import { severityLabel } from "../../src/config/schema.js";

/** The ConfigError a raw configuration produces (fails the test when none is thrown). */
function errorOf(parse: () => unknown): ConfigError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError, but the configuration was accepted");
}

describe("parseConfig({}): the defaults of DESIGN §3", () => {
  const config = parseConfig({});

  it("top-level values", () => {
    expect({ timezone: config.timezone, language: config.language, defaultSeverity: config.defaultSeverity }).toEqual({
      timezone: "Europe/Moscow",
      language: "ru",
      defaultSeverity: 3,
    });
  });

  it("contract: no customer and no support period (both bounds optional)", () => {
    expect(config.contract).toEqual({});
  });

  it("calendar", () => {
    expect(config.calendar).toEqual({
      preset: "ru",
      workingDays: ["mon", "tue", "wed", "thu", "fri"],
      hours: "09:00-18:00",
      holidays: [],
      workingDates: {},
    });
  });

  it("team", () => {
    expect(config.team).toEqual({ engineers: [], orgMembersAreEngineers: true });
  });

  it("severities, exactly three levels", () => {
    expect(config.severities).toEqual({
      1: { clock: "24x7", accept: "30m", workaround: "4h", resolve: "3d" },
      2: { clock: "24x7", accept: "1h", workaround: "8h", resolve: "5d" },
      3: { clock: "business", accept: "8h", resolve: "10d" },
    });
  });

  it("labels: severity N and the four state labels", () => {
    // DESIGN writes labels.severity as {1: "severity: 1", …}; the schema keeps the map empty and derives
    // "severity: N" for every configured level, which gives the same names.
    expect([1, 2, 3].map((level) => severityLabel(config, level))).toEqual(["severity: 1", "severity: 2", "severity: 3"]);
    expect({ accepted: config.labels.accepted, waiting: config.labels.waiting, workaround: config.labels.workaround, resolved: config.labels.resolved }).toEqual({
      accepted: "state: accepted",
      waiting: "state: waiting for customer",
      workaround: "state: workaround",
      resolved: "state: resolved",
    });
  });

  // Each field's default is written once, on the field: an omitted section is read as an empty one.
  it.each(["contract", "calendar", "team", "labels", "diagnostics", "contacts", "texts", "reminders"] as const)(
    "an omitted %s is the same as an empty one",
    (section) => {
      expect(parseConfig({ [section]: {} })[section]).toEqual(config[section]);
    },
  );

  it.each([null, undefined])("%s is the same as {}", (raw) => {
    expect(parseConfig(raw)).toEqual(config);
  });

  it("parses DESIGN §3's example file to the same values", () => {
    const text = [
      "timezone: Europe/Moscow          # IANA zone of the contract",
      "language: ru",
      "contract:",
      "  customer: ACME Bank",
      "  supportFrom: 2026-01-01",
      "  supportUntil: 2026-12-31",
      "calendar:",
      "  preset: ru",
      "  workingDays: [mon, tue, wed, thu, fri]",
      '  hours: "09:00-18:00"',
      "  holidays: []",
      "  workingDates: {}",
      "team:",
      "  engineers: []",
      "  orgMembersAreEngineers: true",
      "defaultSeverity: 3",
      "severities:",
      "  1: { clock: 24x7,     accept: 30m, workaround: 4h, resolve: 3d }",
      "  2: { clock: 24x7,     accept: 1h,  workaround: 8h, resolve: 5d }",
      "  3: { clock: business, accept: 8h,  resolve: 10d }",
      "labels:",
      '  severity: { 1: "severity: 1", 2: "severity: 2", 3: "severity: 3" }',
      '  accepted: "state: accepted"',
      '  waiting: "state: waiting for customer"',
      '  workaround: "state: workaround"',
      '  resolved: "state: resolved"',
    ].join("\n");
    const parsed = parseConfigText(text);
    expect(parsed.contract).toEqual({ customer: "ACME Bank", supportFrom: "2026-01-01", supportUntil: "2026-12-31" });
    expect({ ...parsed, contract: {}, labels: { ...parsed.labels, severity: {} } }).toEqual(config);
  });
});

describe("valid edge cases", () => {
  it.each([
    ["hours may close at 24:00", { calendar: { hours: "00:00-24:00" } }],
    ["hours may close at 24:00 after a late opening", { calendar: { hours: "18:00-24:00" } }],
    ["a one-minute day", { calendar: { hours: "09:00-09:01" } }],
    ["29 February in a leap year", { calendar: { holidays: ["2028-02-29"] } }],
    ["supportFrom equal to supportUntil", { contract: { supportFrom: "2026-06-01", supportUntil: "2026-06-01" } }],
    ["a bot login", { team: { engineers: ["incident-sla[bot]", "octo-cat", "A1"] } }],
    ["severity levels 1 to 9", { defaultSeverity: 9, severities: { 9: { clock: "24x7" } } }],
    ["a severity without targets", { severities: { 1: { clock: "business" } }, defaultSeverity: 1 }],
    ["_extends", { _extends: ".github" }],
  ])("%s", (_, raw) => {
    expect(() => parseConfig(raw)).not.toThrow();
  });

  it("accepts js-yaml style Date objects for dates (Probot's loader turns 2026-01-01 into a Date)", () => {
    const config = parseConfig({
      contract: { supportFrom: new Date("2026-01-01T00:00:00Z"), supportUntil: new Date("2026-12-31T00:00:00Z") },
      calendar: { holidays: [new Date("2026-03-10T00:00:00Z"), "2026-03-11"] },
    });
    expect(config.contract).toEqual({ supportFrom: "2026-01-01", supportUntil: "2026-12-31" });
    expect(config.calendar.holidays).toEqual(["2026-03-10", "2026-03-11"]);
  });

  it("an invalid Date object is refused, not turned into a date", () => {
    const error = errorOf(() => parseConfig({ contract: { supportFrom: new Date("nonsense") } }));
    expect(error.problems.map((p) => p.path)).toEqual(["contract.supportFrom"]);
  });
});

// Regression test for a fixed bug: knownKeysAt() never unwraps the schema of the last path segment, so below the top level (contract,
// calendar, team, labels, all wrapped in .default()) an unknown key gets neither "did you mean" nor the list of
// valid keys: the message is just `unknown key "suportFrom"`. Keys inside a severity work (record values are not
// wrapped).
const NESTED_UNKNOWN_KEY = "unknown keys below the top level get no hint";
// Regression test for a fixed bug: zod reports a bad record key as an "invalid_key" issue whose message is "Invalid key in record"; the
// key schema's own message ("severity levels are the digits 1 to 9", "expected a real date…") sits in
// issue.issues and describeIssue() does not look there. For workingDates the record's own error ("expected a
// mapping of dates to hours") shows instead, which misleads for a mapping whose only fault is 30 February.
const RECORD_KEY = "a bad record key loses the key schema's message";

describe("invalid configurations: the field and what would be valid", () => {
  const cases: { name: string; raw: unknown; path: string; message: string; bug?: string }[] = [
    { name: "a zone that does not exist", raw: { timezone: "Moscow/Europe" }, path: "timezone", message: 'expected an IANA time zone such as Europe/Moscow or America/New_York, got "Moscow/Europe"' },
    { name: "a zone abbreviation", raw: { timezone: "MSK" }, path: "timezone", message: "expected an IANA time zone" },
    { name: "a zone that is a number", raw: { timezone: 3 }, path: "timezone", message: "expected string" },
    { name: "an unsupported language", raw: { language: "de" }, path: "language", message: 'expected one of "ru", "en"' },
    { name: "an unknown top-level key", raw: { timezon: "Europe/Moscow" }, path: "timezon", message: 'unknown key "timezon": did you mean "timezone"?' },
    { name: "a misspelt labels", raw: { lables: {} }, path: "lables", message: 'did you mean "labels"?' },
    { name: "an unknown key with nothing near", raw: { colour: "red" }, path: "colour", message: "valid keys here: " },
    { name: "an unknown key in contract", raw: { contract: { suportFrom: "2026-01-01" } }, path: "contract.suportFrom", message: 'did you mean "supportFrom"?', bug: NESTED_UNKNOWN_KEY },
    { name: "an unknown key in calendar", raw: { calendar: { holiday: [] } }, path: "calendar.holiday", message: 'did you mean "holidays"?', bug: NESTED_UNKNOWN_KEY },
    { name: "an unknown key in calendar (workingDay)", raw: { calendar: { workingDay: ["mon"] } }, path: "calendar.workingDay", message: 'did you mean "workingDays"?', bug: NESTED_UNKNOWN_KEY },
    { name: "an unknown key in team", raw: { team: { engineer: ["anna"] } }, path: "team.engineer", message: 'did you mean "engineers"?', bug: NESTED_UNKNOWN_KEY },
    { name: "an unknown key in a severity", raw: { severities: { 1: { clock: "24x7", acept: "30m" } }, defaultSeverity: 1 }, path: "severities.1.acept", message: 'did you mean "accept"?' },
    { name: "an unknown key in labels", raw: { labels: { waitng: "x" } }, path: "labels.waitng", message: 'did you mean "waiting"?', bug: NESTED_UNKNOWN_KEY },
    { name: "opening after closing", raw: { calendar: { hours: "18:00-09:00" } }, path: "calendar.hours", message: 'the opening time must be before the closing time, got "18:00-09:00"' },
    { name: "opening equal to closing", raw: { calendar: { hours: "09:00-09:00" } }, path: "calendar.hours", message: "the opening time must be before the closing time" },
    { name: "hours without minutes", raw: { calendar: { hours: "9-18" } }, path: "calendar.hours", message: 'expected working hours written "HH:MM-HH:MM", e.g. "09:00-18:00", got "9-18"' },
    { name: "hours with one digit", raw: { calendar: { hours: "9:00-18:00" } }, path: "calendar.hours", message: 'expected working hours written "HH:MM-HH:MM"' },
    { name: "hours past 24:00", raw: { calendar: { hours: "09:00-24:30" } }, path: "calendar.hours", message: "expected times between 00:00 and 24:00" },
    { name: "an hour 25", raw: { calendar: { hours: "25:00-26:00" } }, path: "calendar.hours", message: "expected times between 00:00 and 24:00" },
    { name: "minute 60", raw: { calendar: { hours: "09:60-18:00" } }, path: "calendar.hours", message: "expected times between 00:00 and 24:00" },
    { name: "hours as a list", raw: { calendar: { hours: ["09:00", "18:00"] } }, path: "calendar.hours", message: 'expected working hours written "HH:MM-HH:MM"' },
    { name: "an impossible holiday", raw: { calendar: { holidays: ["2026-02-30"] } }, path: "calendar.holidays.0", message: 'expected a real date written YYYY-MM-DD, got "2026-02-30"' },
    { name: "29 February in a common year", raw: { calendar: { holidays: ["2026-03-10", "2027-02-29"] } }, path: "calendar.holidays.1", message: "expected a real date" },
    { name: "a holiday written D.M.Y", raw: { calendar: { holidays: ["10.03.2026"] } }, path: "calendar.holidays.0", message: 'expected a date written YYYY-MM-DD, got "10.03.2026"' },
    { name: "an impossible working date", raw: { calendar: { workingDates: { "2026-02-30": "09:00-17:00" } } }, path: "calendar.workingDates.2026-02-30", message: "expected a real date written YYYY-MM-DD", bug: RECORD_KEY },
    { name: "a working date with bad hours", raw: { calendar: { workingDates: { "2026-03-07": "10-15" } } }, path: "calendar.workingDates.2026-03-07", message: 'expected working hours written "HH:MM-HH:MM"' },
    { name: "working dates as a list", raw: { calendar: { workingDates: ["2026-03-07"] } }, path: "calendar.workingDates", message: "expected a mapping of dates to hours" },
    { name: "an impossible supportFrom", raw: { contract: { supportFrom: "2026-13-01" } }, path: "contract.supportFrom", message: "expected a real date written YYYY-MM-DD" },
    { name: "supportFrom after supportUntil", raw: { contract: { supportFrom: "2026-12-31", supportUntil: "2026-01-01" } }, path: "contract.supportUntil", message: "supportFrom must not be after supportUntil" },
    { name: "a weekday that is not one", raw: { calendar: { workingDays: ["mon", "funday"] } }, path: "calendar.workingDays.1", message: 'expected one of "mon", "tue", "wed", "thu", "fri", "sat", "sun"' },
    { name: "a capitalised weekday", raw: { calendar: { workingDays: ["Mon"] } }, path: "calendar.workingDays.0", message: 'expected one of "mon", "tue"' },
    { name: "a weekday listed twice", raw: { calendar: { workingDays: ["mon", "tue", "mon"] } }, path: "calendar.workingDays", message: "a weekday is listed twice" },
    { name: "no working days", raw: { calendar: { workingDays: [] } }, path: "calendar.workingDays", message: "at least one working day is needed" },
    { name: "an unknown preset", raw: { calendar: { preset: "us" } }, path: "calendar.preset", message: 'expected one of "ru", "none"' },
    { name: "a duration 4x", raw: { severities: { 1: { clock: "24x7", accept: "4x" } }, defaultSeverity: 1 }, path: "severities.1.accept", message: 'expected a duration such as 30m, 4h, 2d or 1d4h, got "4x"' },
    { name: "a zero duration", raw: { severities: { 1: { clock: "24x7", workaround: "0m" } }, defaultSeverity: 1 }, path: "severities.1.workaround", message: 'a target must be longer than zero, got "0m"' },
    { name: "a duration as a number", raw: { severities: { 1: { clock: "24x7", resolve: 30 } }, defaultSeverity: 1 }, path: "severities.1.resolve", message: "expected a duration such as 30m, 4h, 2d or 1d4h" },
    { name: "a clock that does not exist", raw: { severities: { 1: { clock: "always", accept: "1h" } }, defaultSeverity: 1 }, path: "severities.1.clock", message: 'expected one of "24x7", "business"' },
    { name: "a severity without a clock", raw: { severities: { 1: { accept: "1h" } }, defaultSeverity: 1 }, path: "severities.1.clock", message: 'expected one of "24x7", "business"' },
    { name: "severity level 0", raw: { severities: { 0: { clock: "24x7" } } }, path: "severities.0", message: "severity levels are the digits 1 to 9", bug: RECORD_KEY },
    { name: "severity level high", raw: { severities: { high: { clock: "24x7" } } }, path: "severities.high", message: "severity levels are the digits 1 to 9", bug: RECORD_KEY },
    { name: "no severity levels", raw: { severities: {} }, path: "severities", message: "at least one severity level is needed" },
    { name: "defaultSeverity not configured", raw: { defaultSeverity: 4 }, path: "defaultSeverity", message: "expected one of the configured severity levels (1, 2, 3), got 4" },
    { name: "defaultSeverity not configured after replacing the table", raw: { severities: { 1: { clock: "24x7" }, 2: { clock: "business" } } }, path: "defaultSeverity", message: "expected one of the configured severity levels (1, 2), got 3" },
    { name: "defaultSeverity as text", raw: { defaultSeverity: "high" }, path: "defaultSeverity", message: "expected a severity level such as 3" },
    { name: "a severity label for an unconfigured level", raw: { labels: { severity: { 4: "P4" } } }, path: "labels.severity.4", message: "severity 4 is not configured under severities (1, 2, 3)" },
    { name: "a label key that is not a level", raw: { labels: { severity: { urgent: "P0" } } }, path: "labels.severity.urgent", message: "severity levels are the digits 1 to 9", bug: RECORD_KEY },
    { name: "two state labels with one name", raw: { labels: { accepted: "state: waiting for customer" } }, path: "labels", message: 'share the name "state: waiting for customer"' },
    { name: "label names differing only in case", raw: { labels: { resolved: "STATE: ACCEPTED" } }, path: "labels", message: "labels.resolved and labels.accepted share the name" },
    { name: "a severity label equal to a state label", raw: { labels: { severity: { 1: "state: resolved" } } }, path: "labels", message: 'share the name "state: resolved"' },
    { name: "an empty label", raw: { labels: { accepted: "" } }, path: "labels.accepted", message: "a label name cannot be empty" },
    { name: "a label over 50 characters", raw: { labels: { waiting: "w".repeat(51) } }, path: "labels.waiting", message: "at most 50 characters" },
    { name: "an engineer with a space", raw: { team: { engineers: ["anna smith"] } }, path: "team.engineers.0", message: "expected a GitHub login such as octocat" },
    { name: "an engineer with @", raw: { team: { engineers: ["anna", "@bob"] } }, path: "team.engineers.1", message: "expected a GitHub login such as octocat" },
    { name: "an engineer as a profile URL", raw: { team: { engineers: ["https://github.com/anna"] } }, path: "team.engineers.0", message: "expected a GitHub login" },
    { name: "an engineer as an e-mail address", raw: { team: { engineers: ["anna@vendor.example"] } }, path: "team.engineers.0", message: "expected a GitHub login" },
    { name: "engineers as one string", raw: { team: { engineers: "anna" } }, path: "team.engineers", message: "expected array" },
    { name: "orgMembersAreEngineers as yes", raw: { team: { orgMembersAreEngineers: "yes" } }, path: "team.orgMembersAreEngineers", message: "expected boolean" },
    { name: "calendar as a string", raw: { calendar: "ru" }, path: "calendar", message: "expected object" },
  ];

  it("has at least 25 cases", () => expect(cases.length).toBeGreaterThanOrEqual(25));

  const check = ({ raw, path, message }: (typeof cases)[number]) => {
    const error = errorOf(() => parseConfig(raw));
    const problem = error.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(error.problems)}`).toBeDefined();
    expect(problem!.message).toContain(message);
    // The thrown message names the file and carries the same field and explanation, without a stack trace.
    expect(error.message).toContain("Invalid configuration in .github/incident-sla.yml");
    expect(error.message).toContain(`${path}: `);
    expect(error.message).toContain(message);
    expect(error.message).not.toMatch(/\n\s+at /);
    expect(error.message).not.toMatch(/ZodError|\.ts:\d+/);
  };
  it.each(cases.filter((c) => !c.bug))("$name → $path", check);
  // Bugs once in src/config/parse-config.ts (see the constants), kept as regression tests.
  it.each(cases.filter((c) => c.bug))("$name → $path (regression)", check);

  it("reports every problem at once, each with its own path", () => {
    const error = errorOf(() => parseConfig({ timezone: "Nowhere/City", calendar: { hours: "9-18", workingDays: [] }, lables: {} }));
    expect(error.problems.map((p) => p.path).sort()).toEqual(["calendar.hours", "calendar.workingDays", "lables", "timezone"]);
  });

  it("the configuration must be a mapping", () => {
    expect(errorOf(() => parseConfig([1, 2])).problems[0]!.path).toBe("");
    expect(errorOf(() => parseConfig("timezone: x")).message).toContain("(file)");
  });

  it("a custom file name appears in the message", () => {
    expect(errorOf(() => parseConfig({ language: "de" }, "acme/.github:incident-sla.yml")).message).toMatch(/^Invalid configuration in acme\/\.github:incident-sla\.yml:/);
  });
});

describe("parseConfigText: YAML with lines", () => {
  const file = ".github/incident-sla.yml";
  const cases: { name: string; text: string; path: string; line: number; message: string; bug?: string }[] = [
    {
      name: "a field error carries the line of the field",
      text: ["timezone: Europe/Moscow", "calendar:", "  preset: ru", '  hours: "18:00-09:00"', ""].join("\n"),
      path: "calendar.hours",
      line: 4,
      message: "the opening time must be before the closing time",
    },
    {
      bug: NESTED_UNKNOWN_KEY,
      name: "an unknown key is located at the key",
      text: ["timezone: Europe/Moscow", "language: en", "calendar:", "  hollidays: [2026-03-10]", ""].join("\n"),
      path: "calendar.hollidays",
      line: 4,
      message: 'did you mean "holidays"?',
    },
    {
      name: "a bad duration inside a flow mapping",
      text: ["severities:", "  1: { clock: 24x7, accept: 30m }", "  2: { clock: 24x7, accept: 4x }", "defaultSeverity: 2", ""].join("\n"),
      path: "severities.2.accept",
      line: 3,
      message: 'got "4x"',
    },
    {
      // Regression test for a fixed bug (parse-config.ts locate): YAML reads the key 1 as a number, and doc.getIn(["severities", "1"]) with the
      // string "1" finds nothing, so the problem is placed on the line of the key "1:" (2) instead of "accept:" (4).
      // In a flow mapping (above) both are on one line, which hides it.
      bug: "numeric YAML keys are not found below the key itself",
      name: "a bad duration in a block mapping",
      text: ["severities:", "  1:", "    clock: 24x7", "    accept: 4x", "defaultSeverity: 1", ""].join("\n"),
      path: "severities.1.accept",
      line: 4,
      message: 'got "4x"',
    },
    {
      // Keys that are text are found: the line is the field's own.
      name: "a bad label name under a text key",
      text: ["labels:", '  accepted: "state: accepted"', '  waiting: ""', ""].join("\n"),
      path: "labels.waiting",
      line: 3,
      message: "a label name cannot be empty",
    },
    {
      name: "an item of a list",
      text: ["calendar:", "  holidays:", "    - 2026-03-10", "    - 2026-02-30", ""].join("\n"),
      path: "calendar.holidays.1",
      line: 4,
      message: "expected a real date",
    },
    {
      name: "a refinement on the whole file is located at its field",
      text: ["timezone: Europe/Moscow", "", "defaultSeverity: 7", ""].join("\n"),
      path: "defaultSeverity",
      line: 3,
      message: "expected one of the configured severity levels",
    },
  ];
  const check = ({ text, path, line, message }: (typeof cases)[number]) => {
    const error = errorOf(() => parseConfigText(text, file));
    const problem = error.problems.find((p) => p.path === path);
    expect(problem, `problems: ${JSON.stringify(error.problems)}`).toMatchObject({ path, line });
    expect(problem!.message).toContain(message);
    expect(error.message).toContain(`Invalid configuration in ${file}:`);
    expect(error.message).toContain(`${path}, line ${line}: `);
  };
  it.each(cases.filter((c) => !c.bug))("$name", check);
  it.each(cases.filter((c) => c.bug))("$name (regression)", check);


  it.each([
    ["an unclosed flow mapping", ["timezone: Europe/Moscow", "severities:", "  1: { clock: 24x7, accept: 30m", "language: ru", ""].join("\n")],
    ["a duplicate key", ["timezone: Europe/Moscow", "language: ru", "timezone: Europe/Berlin", ""].join("\n")],
    ["a tab in the indentation", ["calendar:", "\tpreset: ru", ""].join("\n")],
  ])("a YAML syntax error (%s) names its line", (_, text) => {
    const error = errorOf(() => parseConfigText(text, file));
    expect(error.problems).not.toHaveLength(0);
    expect(error.problems[0]!.message).toMatch(/^YAML syntax error: /);
    expect(error.problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration in ${file.replace(/\./g, "\\.")}:\\n  - \\(file\\), line \\d+: YAML syntax error`));
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it("the duplicate key is reported on its second occurrence's line", () => {
    const error = errorOf(() => parseConfigText(["timezone: Europe/Moscow", "language: ru", "timezone: Europe/Berlin", ""].join("\n"), file));
    expect(error.problems[0]!.line).toBe(3);
  });

  it("a file that is not a mapping", () => {
    const error = errorOf(() => parseConfigText("- timezone: Europe/Moscow\n", file));
    expect(error.problems).toEqual([{ path: "", line: 1, message: expect.stringContaining("expected a mapping") }]);
  });

  it.each([
    ["an empty file", ""],
    ["a file with only comments", "# nothing configured yet\n"],
  ])("%s gives the defaults", (_, text) => {
    expect(parseConfigText(text)).toEqual(parseConfig({}));
  });

  it("JSON is YAML too", () => {
    expect(parseConfigText('{"timezone": "Europe/Berlin", "calendar": {"preset": "none"}}').timezone).toBe("Europe/Berlin");
  });

  it("unquoted dates and numeric severity keys come through as text", () => {
    const config = parseConfigText(["contract:", "  supportFrom: 2026-01-01", "labels:", "  severity:", "    1: P1", ""].join("\n"));
    expect(config.contract.supportFrom).toBe("2026-01-01");
    expect(config.labels.severity).toEqual({ 1: "P1" });
  });
});
