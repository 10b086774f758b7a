// Issue bodies that no form produced: what people paste, what scripts send
// through the API, what a broken client mangles. Used to show the app answers
// every delivery, never crashes, and keeps its comments and labels consistent.
import fc from "fast-check";
import { expect } from "vitest";
import { readMarker } from "../../../src/domain/texts/markers.js";
import { FORM_FIELDS } from "../../../src/domain/forms/form-fields.js";
import type { FakeGitHub } from "../../support/fake-github/index.js";
import { BOT } from "./world.js";

/** GitHub's limit on an issue body, in characters. */
export const MAX_BODY = 65_536;

export interface Mutilation {
  what: string;
  body: string | null;
  /** Whether the preliminary diagnostics are still all there (no diagnostics comment then). */
  complete: boolean;
}

/** Fixed extremes around a complete form (`form`), each with what the app should make of it. */
export function extremeBodies(form: string): Mutilation[] {
  const logsAt = form.indexOf("```text\n") + "```text\n".length;
  const padded = (size: number) => {
    const filler = "2026-03-02 02:10:44 ERROR c.e.idp.store.JdbcStore - Cannot get a connection\n";
    const room = size - form.length;
    return form.slice(0, logsAt) + filler.repeat(Math.ceil(room / filler.length)).slice(0, room) + form.slice(logsAt);
  };
  return [
    { what: "65,536 characters: a complete form whose logs fill the rest", body: padded(MAX_BODY), complete: true },
    { what: "a complete form with CRLF line ends", body: form.replace(/\n/g, "\r\n"), complete: true },
    { what: "a complete form with bare CR line ends", body: form.replace(/\n/g, "\r"), complete: true },
    { what: "3,000 levels of nested quotes and lists before a complete form", body: `${"> ".repeat(3000)}deep\n${Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n")}\n\n${form}`, complete: true },
    { what: "NUL, lone surrogates and right-to-left marks inside a complete form", body: form.replace("One department", "One\u0000 depart\uD800ment \u202Egnol\u202C"), complete: true },
    { what: "a ### storm: 3,000 empty '### Severity' headings and nothing else", body: "### Severity\n\n".repeat(3000), complete: false },
    { what: "random bytes (invalid UTF-8 decoded as GitHub stores it)", body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString("utf8"), complete: false },
    { what: "no body at all (null, as the API allows)", body: null, complete: false },
  ];
}

const HEADINGS = Object.values(FORM_FIELDS).flatMap((f) => [f.en, f.ru]);

/** Bodies built from pieces of forms and noise, with every line ending, up to GitHub's limit. */
export function fuzzedBodies(): fc.Arbitrary<string> {
  const line = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(...HEADINGS).map((h) => `### ${h}`),
    fc.constantFrom("```", "~~~~", "- [X] DBMS", "- [x] Мы проверили свою базу инцидентов на похожие проблемы и прежние решения", "_No response_", "###", "### ", "1: service completely unavailable (PROD)", "TEST", "<!-- incident-sla:status -->"),
  );
  const formLike = fc.tuple(fc.array(line, { maxLength: 80 }), fc.constantFrom("\n", "\r\n", "\r")).map(([lines, eol]) => lines.join(eol));
  const bytes = fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b).toString("utf8"));
  const nested = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.constantFrom("> ", "- ", "  ", "1. ", "* > ")).map(([depth, unit]) => `${unit.repeat(depth)}x\n### Severity\n\n1`);
  const storm = fc.tuple(fc.integer({ min: 10, max: 4000 }), fc.constantFrom(...HEADINGS, "")).map(([n, h]) => `### ${h}\n`.repeat(n));
  const huge = fc.tuple(fc.string({ minLength: 1, maxLength: 16 }), fc.constantFrom("\n", "\r\n", "")).map(([unit, eol]) => `${unit}${eol}`.repeat(Math.ceil(MAX_BODY / (unit.length + eol.length))));
  return fc.oneof({ arbitrary: formLike, weight: 3 }, bytes, nested, storm, huge).map((b) => b.slice(0, MAX_BODY));
}

/**
 * What must hold for an incident whatever its body: one status comment, at most one
 * diagnostics comment and `needs: diagnostics` exactly when there is one, one severity
 * label, no label twice, and no app comment without its marker or twice.
 */
export function incidentInvariants(fake: FakeGitHub, repo: string, number: number): void {
  const labels = fake.labelsOf(repo, number);
  const keys = fake.commentsOf(repo, number).filter((c) => c.user?.login === BOT).map((c) => readMarker(c.body)?.key ?? "(none)");
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels.filter((l) => l.startsWith("severity: "))).toHaveLength(1);
  expect(keys.filter((k) => k === "status")).toEqual(["status"]);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).not.toContain("(none)");
  expect(labels.includes("needs: diagnostics")).toBe(keys.includes("diagnostics"));
}
