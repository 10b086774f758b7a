// Things an evaluation wants a human to know but that do not stop it. They
// are values (a code and its parameters) so that the JSON contract carries
// English text while explanations and comments speak the contract's language.

export type Warning =
  | { code: "calendar-guessed"; year: number }
  | { code: "received-at-unreadable"; text: string }
  | { code: "received-at-not-earlier"; text: string }
  | { code: "registration-by-customer"; author: string }
  | { code: "closed-without-event" };

export function renderWarning(warning: Warning, language: "ru" | "en"): string {
  const ru = language === "ru";
  switch (warning.code) {
    case "calendar-guessed":
      return ru
        ? `Для ${warning.year} года нет данных постановления о переносе выходных: применены только правила ТК РФ (ст. 95, 112); добавьте даты постановления в calendar.holidays и calendar.workingDates.`
        : `The ru calendar has no decree data for ${warning.year}: only the Labour Code's rules (art. 95, 112) were applied; add the decree's dates to calendar.holidays and calendar.workingDates.`;
    case "received-at-unreadable":
      return ru
        ? `Поле «Когда получено» (${JSON.stringify(warning.text)}) не удалось прочитать (нужно ГГГГ-ММ-ДД ЧЧ:ММ или ISO 8601); отсчёт идёт от создания issue.`
        : `"Received at" (${JSON.stringify(warning.text)}) could not be read (expected YYYY-MM-DD HH:MM or ISO 8601); the clock starts when the issue was created.`;
    case "received-at-not-earlier":
      return ru
        ? `Поле «Когда получено» (${JSON.stringify(warning.text)}) не раньше создания issue; отсчёт идёт от создания issue.`
        : `"Received at" (${JSON.stringify(warning.text)}) is not earlier than the issue's creation; the clock starts when the issue was created.`;
    case "registration-by-customer":
      return ru
        ? `Канал и время получения указаны автором ${warning.author}, который не является инженером поддержки; отсчёт идёт от создания issue (P11).`
        : `The channel and time received were given by ${warning.author}, who is not a support engineer; the clock starts when the issue was created (P11).`;
    case "closed-without-event":
      return ru
        ? "Issue закрыт, но в хронологии нет события закрытия; использовано время closed_at."
        : "The issue is closed but its timeline has no close event; closed_at was used.";
  }
}
