// Things an evaluation wants a human to know but that do not stop it. They
// are values (a code and its parameters) so that the JSON contract carries
// English text while explanations and comments speak the contract's language
// (the words' `warnings` section).
import { FORM_FIELDS, type FormFieldId } from "../forms/form-fields.js";
import { type Language, wordsFor } from "../../words/index.js";

export type Warning =
  | { code: "calendar-guessed"; year: number }
  | { code: "received-at-unreadable"; text: string }
  | { code: "received-at-not-earlier"; text: string }
  | { code: "registration-by-customer"; author: string }
  | { code: "closed-without-event" }
  /** P11 (README, Security): these fields' headings appear more than once; the one in the form's own place was read. */
  | { code: "form-heading-repeated"; fields: FormFieldId[] }
  /** P11 (README, Security): `field`'s heading appears only inside the free-text answer `within`: read as text of that answer. */
  | { code: "form-heading-inside-answer"; field: FormFieldId; within: FormFieldId };

/** A person's text quoted in a warning: at most 80 characters, so a pasted page cannot fill a comment. */
const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** Field headings as the form shows them in this language, quoted: «Канал», «Когда получено» / "Channel" and "Received at". */
function headings(ids: readonly FormFieldId[], language: Language): string {
  const w = wordsFor(language).warnings;
  const names = ids.map((id) => w.quoteHeading(FORM_FIELDS[id][language]));
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${w.and} ${names.at(-1)}`;
}

export function renderWarning(warning: Warning, language: Language): string {
  const w = wordsFor(language).warnings;
  switch (warning.code) {
    case "calendar-guessed":
      return w[warning.code](warning.year);
    case "received-at-unreadable":
    case "received-at-not-earlier":
      return w[warning.code](quote(warning.text));
    case "registration-by-customer":
      return w[warning.code](warning.author);
    case "closed-without-event":
      return w[warning.code];
    case "form-heading-repeated":
      return w[warning.code](headings(warning.fields, language), warning.fields.length > 1);
    case "form-heading-inside-answer":
      return w[warning.code](headings([warning.field], language), headings([warning.within], language));
  }
}
