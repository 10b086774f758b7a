// README, Security: nothing a customer writes can freeze the app or set a field it did
// not answer. Three parts:
//   1. Linear time. Hostile bodies of 65,536 characters (GitHub's limit) are
//      read within a generous ceiling, where the old heading pattern took
//      minutes; and, deterministically, the form modules run no regular
//      expression at all (a scan of their source, checked not to be blind).
//   2. The same answers as before for ordinary bodies: the new scanners agree
//      with the old patterns (kept in bench/forms.ts) on random lines, and
//      the parser with the old one on random form bodies whose headings are
//      each there once, in the form's order.
//   3. One answer per field (P11) and blank answers (P4): each case names the
//      hostile input it shows.
import { readFileSync } from "node:fs";
import { fc, it as prop } from "@fast-check/vitest";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { OLD_PATTERNS, oldParseIssueForm } from "../../bench/forms.js";
import { FORM_SPECS } from "../../scripts/generate-forms.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { missingDiagnostics } from "../../src/domain/forms/diagnostics.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { FORM_FIELDS, type FormField, officialChannel } from "../../src/domain/forms/form-fields.js";
import { parseIncidentForm } from "../../src/domain/forms/incident-form.js";
import { isSpaceCode } from "../../src/domain/forms/is-space-code.js";
import { fenceMark, headingText, isInvisibleCode, parseIssueForm, readIssueForm } from "../../src/domain/forms/issue-form.js";
import { parseLocalOrIso } from "../../src/units/local-time.js";
import { MAX_BODY, NORMAL_FORM, PASTED, PASTED_RU, formOf, hostileBodies, ordinaryBody, registration } from "../fixtures/hostile-bodies.js";
import { ENGINEER, issue } from "../fixtures/incident-builders.js";
import { type Lang, loadIssueForms, submittedBody } from "../forms/issue-forms.js";

const FORMS = loadIssueForms();
const FIELDS = Object.values(FORM_FIELDS) as FormField[];
const config = parseConfig({ timezone: "Europe/Moscow", team: { engineers: [ENGINEER] } });
const answers = (body: string, fields: readonly FormField[] = FIELDS) => Object.fromEntries(parseIssueForm(body, fields));

// ---------------------------------------------------------------- 1. linear time

describe("hostile bodies of 65,536 characters are read in time bounded by their size (issue 11)", () => {
  const table = hostileBodies();
  const evaluateBody = (body: string) =>
    evaluate({ config, issue: issue({ createdAt: "2026-03-02T07:00:00Z", author: ENGINEER, body }), timeline: [], now: "2026-03-02T08:00:00Z" });

  it("every body in the table is exactly GitHub's limit long, and the names are unique", () => {
    expect(table.map((b) => b.body.length)).toEqual(table.map(() => MAX_BODY));
    expect(new Set(table.map((b) => b.name)).size).toBe(table.length);
    expect(ordinaryBody().length).toBe(MAX_BODY);
  });

  it.each(table)("$name: parsed, and every answer is text the body holds", ({ body }) => {
    const reading = readIssueForm(body, FIELDS);
    for (const value of reading.answers.values()) if (value !== null) expect(body.replace(/\r\n?/g, "\n")).toContain(value);
    expect(parseIncidentForm(body).present).toEqual(new Set(reading.answers.keys()));
  });

  // The old parser took about 6 s on 2,500 spaces and grew with the cube of the
  // run: on this table it would not finish in minutes. Today the whole table,
  // read the way the app reads it on every event (the form, the start of the
  // clock, the evaluation), takes a few hundred milliseconds on this machine;
  // the ceiling is generous so a busy CI host cannot make it flaky.
  it("the whole table, through parseIncidentForm, readIssueForm and evaluate, in under 3 s", () => {
    const started = performance.now();
    for (const { body } of table) {
      parseIncidentForm(body);
      readIssueForm(body, FIELDS);
      evaluateBody(body);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('"### Notes" + 65k spaces + "x" is no heading, and ends a one-line answer like any unknown heading', () => {
    const body = `### Channel\n\nEmail\n${table[0]!.body}`;
    expect(answers(body)).toEqual({ channel: "Email" });
  });
});

/** Regular-expression literals and RegExp constructions in a TypeScript source, found with the compiler's own scanner (not fooled by comments or strings). */
function regexesIn(source: string): string[] {
  const found: string[] = [];
  const file = ts.createSourceFile("x.ts", source, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(node.getText(file));
    if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") found.push(node.getText(file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

describe("no regular expression runs on form text (issue 11)", () => {
  // Everything that reads an issue body or its answers for the form and the
  // diagnostics. With no pattern there is no backtracking: the scanners look at
  // each character a bounded number of times.
  it.each(["src/domain/forms/issue-form.ts", "src/domain/forms/incident-form.ts", "src/domain/forms/diagnostics.ts", "src/domain/forms/form-fields.ts"])("%s has none", (path) => {
    expect(regexesIn(source(path))).toEqual([]);
  });

  it("the scan is not blind: it finds the old parser's patterns, and a RegExp built from a string", () => {
    expect(regexesIn(source("bench/forms.ts"))).toEqual(
      expect.arrayContaining(["/^\\s{0,3}###\\s+(.*?)\\s*#*\\s*$/", "/^\\s{0,3}(`{3,}|~{3,})/", "/^(`{3,}|~{3,})[^\\n]*\\n([\\s\\S]*?)\\n?\\1\\s*$/"]),
    );
    expect(regexesIn('const a = "/x+/"; // /y+/\nconst b = new RegExp("z+");')).toEqual(['new RegExp("z+")']);
  });

  // The start of the clock reads "Received at" with parseLocalOrIso
  // (local-time.ts), the one pattern left on answer text. Both of its patterns
  // are anchored at both ends, every quantifier but one is a fixed count of
  // digits, and the one open run (\.\d+) is followed by Z, + or -, which no
  // digit is: at most one way to match each character, so linear. Pinned here
  // so that a new pattern there gets the same review.
  it("local-time.ts: only the reviewed, linear patterns, and a 65k Received at is refused at once", () => {
    expect(regexesIn(source("src/units/local-time.ts"))).toEqual([
      "/^(\\d{2}):(\\d{2})-(\\d{2}):(\\d{2})$/",
      "/^(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?$/",
      "/^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})$/i",
    ]);
    const started = performance.now();
    expect(parseLocalOrIso(`2026-03-02T09:30:00.${"1".repeat(MAX_BODY)}x`, "Europe/Moscow")).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

// ---------------------------------------------------------------- 2. ordinary bodies read as before

describe("the scanners agree with the old patterns on every short line", () => {
  const chars = fc.constantFrom(" ", "\t", "#", "#", "#", "a", "x", "`", "~", "\u00a0", "\u3000", "\u2028", "\ufeff", "\v");
  const line = fc.array(chars, { maxLength: 14 }).map((a) => a.join(""));

  prop.prop([line], { numRuns: 3000 })("headingText is the old heading pattern", (l) => {
    expect(headingText(l)).toBe(OLD_PATTERNS.heading.exec(l)?.[1]);
  });
  prop.prop([line], { numRuns: 3000 })("fenceMark is the old fence pattern", (l) => {
    expect(fenceMark(l)).toBe(OLD_PATTERNS.fence.exec(l)?.[1]);
  });

  it("the known near misses", () => {
    for (const l of ["### Channel", "###\tChannel", "   ### Channel", "    ### Channel", "#### Channel", "###Channel", "### Channel ###", "### Channel#", "### ", "###", "### #", "### a\u2028b", "### a \u2028", "\u00a0### x"]) {
      expect(headingText(l), JSON.stringify(l)).toBe(OLD_PATTERNS.heading.exec(l)?.[1]);
    }
  });
});

/** A form body as GitHub renders it or a person tidies it: known headings each at most once, in the form's order, with the odd extra. */
const formishBody = fc
  .record({
    fields: fc.subarray(FIELDS, { minLength: 0 }),
    extra: fc.array(fc.constantFrom("### Notes", "### Anything else?", "### ", "#### Channel", "    ### Channel"), { maxLength: 3 }),
    headingStyle: fc.array(fc.constantFrom("plain", "upper", "closed", "indented", "tab", "ru"), { minLength: 20, maxLength: 20 }),
    answers: fc.array(
      fc.array(
        fc.constantFrom(
          "",
          "Email",
          "2026-03-02 09:30",
          "_No response_",
          "   ",
          "5.2.1",
          "- [X] DNS",
          "- [ ] DBMS",
          "* [x] Сертификаты",
          "Level 2 (PROD)",
          "### Not a field",
          "### Channel",
          "```shell",
          "```",
          "~~~",
          "````",
          "text with a `tick`",
          "  indented text  ",
        ),
        { maxLength: 5 },
      ),
      { minLength: 24, maxLength: 24 },
    ),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
  })
  .map(({ fields, extra, headingStyle, answers, eol }) => {
    const heading = (f: FormField, i: number) => {
      switch (headingStyle[i % 20]) {
        case "upper":
          return `###   ${f.en.toUpperCase()}  `;
        case "closed":
          return `### ${f.en} ###`;
        case "indented":
          return `   ### ${f.en}`;
        case "tab":
          return `###\t${f.en}`;
        case "ru":
          return `### ${f.ru}`;
        default:
          return `### ${f.en}`;
      }
    };
    // The known heading lines the answers could make: "### Channel" in an answer is a heading only
    // when no fence is open, so answers that hold it are kept inside a fence.
    const sections = fields.map((f, i) => {
      const lines = answers[i]!.map((l) => (l === "### Channel" ? "```\n### Channel\n```" : l));
      return [heading(f, i), "", ...lines].join("\n");
    });
    extra.forEach((e, i) => sections.splice(Math.min(sections.length, i * 2 + 1), 0, `${e}\n\n${answers[20 + i]!.join("\n")}`));
    return sections.join("\n\n").replace(/\n/g, eol);
  });

/**
 * Whether every known heading outside code fences appears at most once and in
 * the fields' order, told with the old patterns (independent of the new code):
 * what a body GitHub renders, or a tidy edit of one, looks like.
 */
function ordinary(body: string, fields: readonly FormField[] = FIELDS): boolean {
  const rank = new Map(fields.flatMap((f, i) => [[f.en.toLowerCase(), i] as const, [f.ru.toLowerCase(), i] as const]));
  let last = -1;
  let fence: string | null = null;
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const mark = OLD_PATTERNS.fence.exec(line)?.[1];
    if (fence) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = null;
      continue;
    }
    if (mark) {
      fence = mark;
      continue;
    }
    const heading = OLD_PATTERNS.heading.exec(line)?.[1];
    const at = heading === undefined ? undefined : rank.get(heading.trim().replace(/\s+/g, " ").toLowerCase());
    if (at === undefined) continue;
    if (at <= last) return false;
    last = at;
  }
  return true;
}

/**
 * What the old parser read, with its one answer that changed on purpose: a
 * code block holding only "_No response_" (typed into a text area with
 * `render:`) was an answer, and now is none, like the unfenced one.
 */
const oldAnswers = (body: string, fields: readonly FormField[] = FIELDS) =>
  Object.fromEntries([...oldParseIssueForm(body, fields)].map(([id, value]) => [id, value === "_No response_" ? null : value]));

describe("ordinary bodies read exactly as before issue 11", () => {
  prop.prop([formishBody], { numRuns: 1500 })("every field, as the old parser read it", (body) => {
    fc.pre(ordinary(body));
    // A fence the random answers left open may hide a later heading: then it hides it from both.
    expect(answers(body)).toEqual(oldAnswers(body));
  });
  prop.prop([formishBody], { numRuns: 500 })("the registration fields alone, as the old parser read them", (body) => {
    const fields = [FORM_FIELDS.channel, FORM_FIELDS.receivedAt];
    fc.pre(ordinary(body, fields));
    expect(answers(body, fields)).toEqual(oldAnswers(body, fields));
  });
  prop.prop([formishBody], { numRuns: 500 })("nothing repeated, nothing read as text of another answer", (body) => {
    fc.pre(ordinary(body));
    const reading = readIssueForm(body, FIELDS);
    expect([reading.repeated, reading.enclosed]).toEqual([[], []]);
  });

  it.each([
    ["a normal form", NORMAL_FORM],
    ["an ordinary 65,536-character body", ordinaryBody()],
    ...FORMS.map((f) => [`${f.file} submitted empty`, submittedBody(f.form, {})] as [string, string]),
  ])("%s", (_name, body) => {
    expect(answers(body)).toEqual(Object.fromEntries(oldParseIssueForm(body, FIELDS)));
    expect(answers(body)).toEqual(oldAnswers(body));
  });

  it("the generator is not trivial: it makes bodies with fences, one-line and free-text answers", () => {
    const samples = fc.sample(formishBody, { numRuns: 300, seed: 11 });
    expect(samples.filter((b) => ordinary(b)).length).toBeGreaterThan(200);
    expect(samples.filter((b) => !ordinary(b)).length).toBeGreaterThan(0);
    expect(samples.some((b) => b.includes("```") && b.includes("### Description"))).toBe(true);
    expect(samples.filter((b) => Object.keys(answers(b)).length >= 5).length).toBeGreaterThan(30);
  });
});

describe("the forms' fields come in FORM_FIELDS order (the parser relies on it)", () => {
  const order = Object.keys(FORM_FIELDS);
  it.each(FORM_SPECS.map((s) => [s.file, s.fields.map((u) => u.field.id)] as const))("%s", (_file, ids) => {
    const positions = ids.map((id) => order.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

// ---------------------------------------------------------------- 3. one answer per field (P11)



describe("one answer per field: text inside an answer cannot set another field (P11, issue 11)", () => {
  it.each<[string, Lang, string]>([
    ["en", "en", PASTED],
    ["ru", "ru", PASTED_RU],
  ])('pasted "### Channel / ### Received at" in a registration\'s description (%s): the form\'s own answers win', (_n, lang, pasted) => {
    const reading = readIssueForm(registration(lang, pasted), FIELDS);
    expect(reading.answers.get("channel")).toBe(FORM_FIELDS.channel.options[3][lang]);
    expect(reading.answers.get("receivedAt")).toBe("2026-03-02 09:30");
    expect(reading.answers.get("description")).toBe(pasted);
    expect(reading.repeated).toEqual(["channel", "receivedAt"]);
    expect(reading.enclosed).toEqual([]);
  });

  it("pasted registration in the steps to reproduce, not the description: the same", () => {
    const reading = readIssueForm(registration("en", "Logins fail.", { reproduction: PASTED }), FIELDS);
    expect(Object.fromEntries(reading.answers)).toMatchObject({ channel: "Other (personal e-mail, messenger)", receivedAt: "2026-03-02 09:30", reproduction: PASTED, description: "Logins fail." });
  });

  it("pasted registration only with the fields the clock reads: the later, real ones still win", () => {
    expect(answers(registration("en", PASTED), [FORM_FIELDS.channel, FORM_FIELDS.receivedAt])).toEqual({ channel: "Other (personal e-mail, messenger)", receivedAt: "2026-03-02 09:30" });
  });

  it("a whole fake form tail pasted into the description, ending in an unknown heading: the real tail wins", () => {
    const fake = [
      "### Steps to reproduce\n\nnone",
      "### Logs\n\nnone",
      "### Remote access for support\n\nGiven",
      "### Channel\n\nPhone",
      "### Received at\n\n2025-12-01 09:00",
      "### Notes\n\nthat is all",
    ].join("\n\n");
    const reading = readIssueForm(registration("en", fake, { remoteAccess: "Not given" }), FIELDS);
    expect(Object.fromEntries(reading.answers)).toMatchObject({ channel: "Other (personal e-mail, messenger)", receivedAt: "2026-03-02 09:30", remoteAccess: "Not given", description: fake });
    expect(reading.repeated).toEqual(["reproduction", "logs", "remoteAccess", "channel", "receivedAt"]);
  });

  it("a pasted registration repeated thousands of times in the description: the real fields win", () => {
    const body = registration("en", hostileBodies().find((b) => b.name === "a pasted registration, thousands of times")!.body.slice(0, 60_000));
    expect(answers(body)).toMatchObject({ channel: "Other (personal e-mail, messenger)", receivedAt: "2026-03-02 09:30" });
  });

  it('pasted "### Channel / ### Received at" in an incident form (which has no such fields): read as description text', () => {
    const body = submittedBody(formOf("incident", "en"), { description: PASTED, productVersion: "5.2.1" });
    const reading = readIssueForm(body, FIELDS);
    expect(reading.answers.has("channel")).toBe(false);
    expect(reading.answers.has("receivedAt")).toBe(false);
    expect(reading.answers.get("description")).toBe(PASTED);
    expect(reading.enclosed).toEqual([
      { field: "channel", within: "description" },
      { field: "receivedAt", within: "description" },
    ]);
  });

  it.each<[string, string, Record<string, string | null>]>([
    // Channel is one line: the first copy can only be text of the description above it.
    ["a one-line field's heading twice after a free-text answer: the later is the field", "### Description\n\nx\n\n### Channel\n\nEmail\n\n### Channel\n\nPhone\n", { description: "x\n\n### Channel\n\nEmail", channel: "Phone" }],
    // Nothing above the first copy could hold it as text: the second is text of the first.
    ["a free-text answer that repeats its own heading keeps it as text", "### Description\n\nA\n\n### Description\n\nB\n", { description: "A\n\n### Description\n\nB" }],
    // The copy is behind its place (logs come after severity): the one in the form's order is the field.
    ["an earlier field's heading pasted into the logs: the field in its place wins", "### Severity\n\n3: other\n\n### Logs\n\nERROR\n### Severity\n\n1: service completely unavailable (PROD)\n", { severity: "3: other", logs: "ERROR\n### Severity\n\n1: service completely unavailable (PROD)" }],
    ["the registration fields moved to the top are still read", "### Channel\n\nEmail\n\n### Received at\n\n2026-03-02 09:30\n\n### Request type\n\nPatch\n\n### Description\n\nx\n", { channel: "Email", receivedAt: "2026-03-02 09:30", requestType: "Patch", description: "x" }],
    ["Received at before Channel, each once, is read", "### Received at\n\n2026-03-02 10:00\n\n### Channel\n\nPhone\n\n### Product version\n\n5.2\n", { receivedAt: "2026-03-02 10:00", channel: "Phone", productVersion: "5.2" }],
    ["a field added at the end by an edit, after the last free-text answer, is read", "### Description\n\nx\n\n### Product version\n\n5.2.1\n", { description: "x", productVersion: "5.2.1" }],
  ])("%s", (_name, body, expected) => {
    expect(answers(body)).toEqual(expected);
  });
});

// ---------------------------------------------------------------- blank answers (P4)

describe("answers of only invisible or whitespace characters are missing (P4, issue 11)", () => {
  const required = parseConfig({});
  const incident = (answers: Record<string, string | string[]>) =>
    submittedBody(formOf("incident", "en"), {
      productVersion: "5.2.1",
      reproduction: "1. Sign in",
      logs: "ERROR ldap",
      infrastructureChecks: ["DNS"],
      incidentDbChecked: [FORM_FIELDS.incidentDbChecked.options[0].en],
      ...answers,
    });

  it("the complete form owes nothing (the baseline the cases below change)", () => {
    expect(missingDiagnostics(parseIncidentForm(incident({})), required)).toEqual([]);
  });

  const INVISIBLE: [string, string][] = [
    ["zero-width space U+200B", "\u200b"],
    ["zero-width non-joiner U+200C", "\u200c"],
    ["zero-width joiner U+200D", "\u200d"],
    ["word joiner U+2060", "\u2060"],
    ["byte-order mark U+FEFF", "\ufeff"],
    ["soft hyphen U+00AD (format)", "\u00ad"],
    ["left-to-right mark U+200E (format)", "\u200e"],
    ["Mongolian vowel separator U+180E (format)", "\u180e"],
    ["a tag character U+E0041 (format, astral)", "\u{e0041}"],
    ["no-break space U+00A0", "\u00a0"],
    ["em space U+2003", "\u2003"],
    ["ideographic space U+3000", "\u3000"],
    ["Hangul filler U+3164", "\u3164"],
    ["braille blank U+2800", "\u2800"],
    ["all of them, repeated", "\u200b\u200c\u200d\u2060\ufeff\u00a0\u3000 \t".repeat(50)],
    ["_No response_ wrapped in zero-width spaces", "\u200b_No response_\u200b"],
    ["_No response_ wrapped in a word joiner and a BOM", "\u2060 _No response_ \ufeff"],
  ];

  it.each(INVISIBLE)("a product version of only %s is missing", (_name, text) => {
    const form = parseIncidentForm(incident({ productVersion: text }));
    expect(form.productVersion).toBeNull();
    expect(missingDiagnostics(form, required)).toEqual(["productVersion"]);
  });

  it.each(INVISIBLE)("steps and logs of only %s are missing", (_name, text) => {
    expect(missingDiagnostics(parseIncidentForm(incident({ reproduction: text, logs: text })), required)).toEqual(["reproduction", "logs"]);
  });

  it("logs whose code block (render: shell) holds only zero-width characters, or _No response_ typed in, are missing", () => {
    for (const logs of ["\u200b\u200d\n\u2060", "_No response_"]) {
      const body = incident({ logs });
      expect(body).toContain("```shell\n");
      expect(missingDiagnostics(parseIncidentForm(body), required)).toEqual(["logs"]);
    }
  });

  it("a ticked box whose label is only zero-width characters ticks nothing", () => {
    const body = incident({}).replace(/### Infrastructure checked\n\n[\s\S]*?\n\n###/, "### Infrastructure checked\n\n- [X] \u200b\u200c\n\n###");
    expect(missingDiagnostics(parseIncidentForm(body), required)).toEqual(["infrastructureChecks"]);
  });

  it("a real answer keeps its text, without invisible characters at its ends", () => {
    expect(parseIncidentForm(incident({ productVersion: "\u200b5.2.1\u2060" })).productVersion).toBe("5.2.1");
    expect(parseIncidentForm(incident({ productVersion: "5.2\u200b.1" })).productVersion).toBe("5.2\u200b.1");
  });

  it("an option wrapped in invisible characters is still that option", () => {
    expect(parseIncidentForm("### Environment\n\n\u200bPROD\u200b").environment).toBe("PROD");
    expect(officialChannel("Email (support@vendor.example)")).toBe("email");
    expect(officialChannel("Phone - the duty line")).toBe("phone");
    expect(officialChannel("Telegram")).toBeUndefined();
  });
});

describe("the character tables are the runtime's Unicode data", () => {
  it("isSpaceCode is exactly JavaScript's \\s", () => {
    const wrong: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it("isInvisibleCode is exactly Unicode's format and default-ignorable code points, and U+2800", () => {
    const invisible = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
    const wrong: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (isInvisibleCode(c) !== (c === 0x2800 || invisible.test(String.fromCodePoint(c)))) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });
});
