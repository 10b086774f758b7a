// Reading issue-form answers (the "### Label" sections GitHub renders). Bodies
// come from the form, from the API without a form, and from people editing
// either, so the parser must cope with _No response_, code fences, headings
// inside fenced text, CRLF and both languages' headings (P11 registration
// fields are the ones evaluate reads).
import { describe, expect, it } from "vitest";
import type { FormField } from "../../src/domain/forms/form-fields.js";
import { parseIssueForm } from "../../src/domain/forms/issue-form.js";
import { loadForm } from "../fixtures/incident-builders.js";

// The two registration fields (P11), spelt as in src/domain/forms/form-fields.ts; two other form sections for the
// cases where the caller knows about more fields.
const channel: FormField = { id: "channel", en: "Channel", ru: "Канал" };
const receivedAt: FormField = { id: "receivedAt", en: "Received at", ru: "Когда получено" };
const productVersion: FormField = { id: "productVersion", en: "Product version", ru: "Версия продукта" };
const description: FormField = { id: "description", en: "Description", ru: "Описание", multiline: true };
const registration = [channel, receivedAt];

const answers = (body: string, fields: FormField[] = registration) => Object.fromEntries(parseIssueForm(body, fields));

describe("parseIssueForm", () => {
  const cases: { name: string; body: string; fields?: FormField[]; expected: Record<string, string | null> }[] = [
    { name: "a registration by e-mail (fixture)", body: loadForm("form-registration-by-email.md"), expected: { channel: "Email", receivedAt: "2026-03-02 09:30" } },
    { name: "a registration by phone with an ISO time (fixture)", body: loadForm("form-registration-by-phone.md"), expected: { channel: "Phone", receivedAt: "2026-03-02T08:15:00+03:00" } },
    { name: "Russian headings (fixture)", body: loadForm("form-registration-ru-headings.md"), expected: { channel: "Телефон", receivedAt: "2026-03-02 09:30" } },
    { name: "_No response_ is no answer (fixture)", body: loadForm("form-no-response.md"), expected: { channel: null, receivedAt: null } },
    { name: "a value in a code fence is the fence's content (fixture)", body: loadForm("form-received-at-in-code-fence.md"), expected: { channel: "Email", receivedAt: "2026-03-02 09:30" } },
    { name: "a value in a tilde fence", body: "### Received at\n\n~~~\n2026-03-02 09:30\n~~~\n", expected: { receivedAt: "2026-03-02 09:30" } },
    { name: "an empty code fence is no answer", body: "### Received at\n\n```text\n```\n", expected: { receivedAt: null } },
    {
      // The fenced log quotes "### Channel / Telegram": those lines are log text, not fields.
      name: "### lines inside a fenced text area are not headings (fixture)",
      body: loadForm("form-heading-inside-fenced-logs.md"),
      expected: { channel: "Phone", receivedAt: "2026-03-02 09:30" },
    },
    {
      name: "a longer fence is closed only by a fence at least as long",
      body: "### Logs\n\n````md\n```\n### Channel\nTelegram\n```\n````\n\n### Channel\n\nPhone\n",
      expected: { channel: "Phone" },
    },
    { name: "a fence left open hides the rest of the body", body: "### Logs\n\n```\n### Channel\n\nEmail\n", expected: {} },
    {
      // After a one-line answer (dropdown, input) a heading the caller did not ask about is the next form section
      // and ends the answer: the registration form has more fields after "Received at".
      name: "a heading that is not a known field ends a one-line answer (fixture)",
      body: loadForm("form-received-at-before-other-fields.md"),
      expected: { channel: "Email", receivedAt: "2026-03-02 09:30" },
    },
    {
      name: "an unknown heading right after a dropdown answer ends it",
      body: "### Channel\n\nPhone\n### Anything else?\n\nCall back after 15:00\n",
      expected: { channel: "Phone" },
    },
    {
      // Inside a free-text answer (a text area), a customer's own markdown heading stays part of the answer.
      name: "a heading that is not a known field stays in a free-text answer",
      body: "### Description\n\nLogins fail.\n\n### What we tried\n\nRestarted the IdP.\n\n### Channel\n\nEmail\n",
      fields: [description, channel],
      expected: { description: "Logins fail.\n\n### What we tried\n\nRestarted the IdP.", channel: "Email" },
    },
    {
      // When the caller knows every form section, each known heading ends the answer before it.
      name: "known headings end the previous answer (fixture)",
      body: loadForm("form-received-at-before-other-fields.md"),
      fields: [channel, receivedAt, productVersion, description],
      expected: { channel: "Email", receivedAt: "2026-03-02 09:30", productVersion: "5.2.1", description: 'SAML logins fail with "invalid signature".' },
    },
    { name: "CRLF line ends", body: loadForm("form-registration-by-email.md").replace(/\n/g, "\r\n"), expected: { channel: "Email", receivedAt: "2026-03-02 09:30" } },
    { name: "CR-only line ends", body: "### Channel\r\rPhone\r\r### Received at\r\r2026-03-02 09:30\r", expected: { channel: "Phone", receivedAt: "2026-03-02 09:30" } },
    { name: "CRLF inside a code fence", body: "### Received at\r\n\r\n```text\r\n2026-03-02 09:30\r\n```\r\n", expected: { receivedAt: "2026-03-02 09:30" } },
    { name: "headings in other letter case and spacing", body: "###   CHANNEL  \n\nEmail\n\n### received   AT ###\n\n2026-03-02 09:30\n", expected: { channel: "Email", receivedAt: "2026-03-02 09:30" } },
    { name: "Russian headings in upper case", body: "### КАНАЛ\n\nЭлектронная почта\n", expected: { channel: "Электронная почта" } },
    { name: "a level-4 heading is not a field", body: "#### Channel\n\nEmail\n", expected: {} },
    { name: "a heading without an answer is null", body: "### Channel\n\n### Received at\n\n2026-03-02 09:30", expected: { channel: null, receivedAt: "2026-03-02 09:30" } },
    { name: "answers are trimmed", body: "### Channel\n\n   Email   \n\n\n", expected: { channel: "Email" } },
    { name: "missing headings are absent", body: "### Description\n\nSSO is down\n", expected: {} },
    { name: "a body without any form", body: "SSO is down since 09:00, please call me", expected: {} },
    { name: "an empty body", body: "", expected: {} },
  ];
  it.each(cases)("$name", ({ body, fields, expected }) => {
    expect(answers(body, fields)).toEqual(expected);
  });
});
