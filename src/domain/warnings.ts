// Things an evaluation wants a human to know but that do not stop it. They
// are values (a code and its parameters) so that the JSON contract carries
// English text while explanations and comments speak the contract's language.
import { FORM_FIELDS, type FormFieldId } from "./form-fields.js";

export type Warning =
  | { code: "calendar-guessed"; year: number }
  | { code: "received-at-unreadable"; text: string }
  | { code: "received-at-not-earlier"; text: string }
  | { code: "registration-by-customer"; author: string }
  | { code: "closed-without-event" }
  /** Issue 11 (P11): these fields' headings appear more than once; the one in the form's own place was read. */
  | { code: "form-heading-repeated"; fields: FormFieldId[] }
  /** Issue 11 (P11): `field`'s heading appears only inside the free-text answer `within`: read as text of that answer. */
  | { code: "form-heading-inside-answer"; field: FormFieldId; within: FormFieldId };

/** A person's text quoted in a warning: at most 80 characters, so a pasted page cannot fill a comment. */
const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** Field headings as the form shows them in this language, quoted: «Канал», «Когда получено» / "Channel" and "Received at". */
function headings(ids: readonly FormFieldId[], ru: boolean): string {
  const names = ids.map((id) => (ru ? `«${FORM_FIELDS[id].ru}»` : `"${FORM_FIELDS[id].en}"`));
  if (names.length < 2) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${ru ? "и" : "and"} ${names.at(-1)}`;
}

export function renderWarning(warning: Warning, language: "ru" | "en"): string {
  const ru = language === "ru";
  switch (warning.code) {
    case "calendar-guessed":
      return ru
        ? `Для ${warning.year} года нет данных постановления о переносе выходных: применены только правила ТК РФ (ст. 95, 112); добавьте даты постановления в calendar.holidays и calendar.workingDates.`
        : `The ru calendar has no decree data for ${warning.year}: only the Labour Code's rules (art. 95, 112) were applied; add the decree's dates to calendar.holidays and calendar.workingDates.`;
    case "received-at-unreadable":
      return ru
        ? `Поле «Когда получено» (${quote(warning.text)}) не удалось прочитать (нужно ГГГГ-ММ-ДД ЧЧ:ММ или ISO 8601); отсчёт идёт от создания issue.`
        : `"Received at" (${quote(warning.text)}) could not be read (expected YYYY-MM-DD HH:MM or ISO 8601); the clock starts when the issue was created.`;
    case "received-at-not-earlier":
      return ru
        ? `Поле «Когда получено» (${quote(warning.text)}) не раньше создания issue; отсчёт идёт от создания issue.`
        : `"Received at" (${quote(warning.text)}) is not earlier than the issue's creation; the clock starts when the issue was created.`;
    case "registration-by-customer":
      return ru
        ? `Канал и время получения указаны автором ${warning.author}, который не является инженером поддержки; отсчёт идёт от создания issue.`
        : `The channel and time received were given by ${warning.author}, who is not a support engineer; the clock starts when the issue was created.`;
    case "closed-without-event":
      return ru
        ? "Issue закрыт, но в хронологии нет события закрытия; использовано время closed_at."
        : "The issue is closed but its timeline has no close event; closed_at was used.";
    case "form-heading-repeated": {
      const many = warning.fields.length > 1;
      return ru
        ? `${many ? "Заголовки формы" : "Заголовок формы"} ${headings(warning.fields, true)} ${many ? "встречаются" : "встречается"} в тексте issue больше одного раза (например, во вставленном тексте); учтён ответ под заголовком, стоящим на своём месте в форме.`
        : `The form's ${many ? "headings" : "heading"} ${headings(warning.fields, false)} ${many ? "appear" : "appears"} more than once in the issue's text (pasted text, for example); the answer under the heading in the form's own place was used.`;
    }
    case "form-heading-inside-answer":
      return ru
        ? `Заголовок формы ${headings([warning.field], true)} есть только внутри ответа ${headings([warning.within], true)} (например, во вставленном тексте); он прочитан как часть этого ответа, а не как отдельное поле.`
        : `The form's heading ${headings([warning.field], false)} appears only inside the answer to ${headings([warning.within], false)} (pasted text, for example); it was read as part of that answer, not as a field of its own.`;
  }
}
