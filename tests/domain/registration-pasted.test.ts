// The start of the clock (P11) when customer text pasted into an engineer's
// registration holds the registration's own headings (P11): the form's
// answers win, and the evaluation says which headings it saw twice, or only
// inside another answer. The status comment shows these warnings
// (tests/app/hostile-forms.test.ts shows it through the handler).
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { evaluate } from "../../src/domain/clock/evaluate.js";
import { type Warning, renderWarning } from "../../src/domain/clock/warnings.js";
import { PASTED, PASTED_RU, formOf, registration } from "../fixtures/hostile-bodies.js";
import { ENGINEER, issue } from "../fixtures/incident-builders.js";
import { submittedBody } from "../forms/issue-forms.js";

const config = parseConfig({ timezone: "Europe/Moscow", team: { engineers: [ENGINEER] } });

describe("pasted registration text does not move the start of the clock (P11, issue 11)", () => {
  it("evaluate: a pasted registration does not backdate the start, and says why", () => {
    const r = evaluate({ config, issue: issue({ createdAt: "2026-03-02T07:00:00Z", author: ENGINEER, body: registration("en", PASTED, { channel: "Email" }) }), timeline: [], now: "2026-03-02T08:00:00Z" });
    // The real answer: Email, received 09:30 MSK = 06:30Z; the pasted one would be 2026-01-01.
    expect(r.startedAt).toBe("2026-03-02T06:30:00.000Z");
    expect(r.warnings).toEqual([
      `The form's headings "Channel" and "Received at" appear more than once in the issue's text (pasted text, for example); the answer under the heading in the form's own place was used.`,
    ]);
    expect(r.targets.accept?.breached).toBe(false);
  });

  it("evaluate: an unofficial registration with a pasted official one starts when registered", () => {
    const r = evaluate({ config, issue: issue({ createdAt: "2026-03-02T07:00:00Z", author: ENGINEER, body: registration("ru", PASTED_RU) }), timeline: [], now: "2026-03-02T08:00:00Z" });
    expect(r.startedAt).toBe("2026-03-02T07:00:00.000Z");
    expect(r.warnings).toHaveLength(1);
  });

  it("evaluate: pasted registration text in an incident form starts at creation, with a warning naming both headings", () => {
    const body = submittedBody(formOf("incident", "en"), { description: PASTED });
    const r = evaluate({ config, issue: issue({ createdAt: "2026-03-02T07:00:00Z", author: ENGINEER, body }), timeline: [], now: "2026-03-02T08:00:00Z" });
    expect(r.startedAt).toBe("2026-03-02T07:00:00.000Z");
    expect(r.warnings).toEqual([
      `The form's heading "Channel" appears only inside the answer to "Description" (pasted text, for example); it was read as part of that answer, not as a field of its own.`,
      `The form's heading "Received at" appears only inside the answer to "Description" (pasted text, for example); it was read as part of that answer, not as a field of its own.`,
    ]);
  });

  it("the warnings in Russian name the headings as the Russian form shows them, with no policy codes", () => {
    expect(renderWarning({ code: "form-heading-repeated", fields: ["channel", "receivedAt"] }, "ru")).toBe(
      "Заголовки формы «Канал» и «Когда получено» встречаются в тексте issue больше одного раза (например, во вставленном тексте); учтён ответ под заголовком, стоящим на своём месте в форме.",
    );
    expect(renderWarning({ code: "form-heading-repeated", fields: ["logs"] }, "en")).toBe(
      `The form's heading "Logs" appears more than once in the issue's text (pasted text, for example); the answer under the heading in the form's own place was used.`,
    );
    expect(renderWarning({ code: "form-heading-inside-answer", field: "channel", within: "description" }, "ru")).toBe(
      "Заголовок формы «Канал» есть только внутри ответа «Описание» (например, во вставленном тексте); он прочитан как часть этого ответа, а не как отдельное поле.",
    );
    for (const lang of ["ru", "en"] as const) {
      const warnings: Warning[] = [
        { code: "form-heading-repeated", fields: ["channel", "receivedAt", "logs"] },
        { code: "form-heading-inside-answer", field: "receivedAt", within: "logs" },
      ];
      for (const w of warnings) {
        expect(renderWarning(w, lang)).not.toMatch(/\bP\d+\b/);
      }
    }
  });

  it("an unreadable Received at of a whole page is quoted short", () => {
    const text = renderWarning({ code: "received-at-unreadable", text: "x".repeat(65_000) }, "en");
    expect(text.length).toBeLessThan(300);
    expect(text).toContain(`"${"x".repeat(79)}…"`);
  });
});
