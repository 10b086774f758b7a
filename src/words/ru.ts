// Every text a person reads, in Russian (the shape: words.ts). The policy's
// terms: «принятие в работу», «обходное решение», «постоянное решение».
import type { Words } from "./words.js";

/** Russian plural: 1 день, 2 дня, 5 дней (21 день, 11 дней, 22 дня). */
function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (units === 1 && tens !== 11) return one;
  if (units >= 2 && units <= 4 && (tens < 12 || tens > 14)) return few;
  return many;
}

export const ru: Words = {
  language: "ru",
  board: {
    title: "Табло SLA",
    asOf: (time) => `По состоянию на ${time}. Табло правится, только когда на нём что-то меняется; оставшееся время показано крупными шагами.`,
    summary: (open) => `Открытых обращений: ${open}`,
    groups: { breached: "Сроки нарушены", "at-risk": "Под угрозой", running: "Идут", paused: "На паузе (ждём заказчика)", met: "Сроки выполнены, обращение открыто", "not-covered": "Вне периода поддержки" },
    columns: { customer: "Заказчик", incident: "Обращение", severity: "Уровень", target: "Ближайший срок", due: "Срок (время договора)", left: "Осталось", assignees: "Исполнители" },
    under: (span) => `< ${span}`,
    atLeast: (span) => `≥ ${span}`,
    overdue: (span) => `просрочено ${span}`,
    pausedLeft: (span) => `${span}, часы стоят`,
    none: "—",
    noIncidents: "Открытых обращений нет.",
    more: (n, groups) => `Ещё обращений не показано: ${n} (${groups}): в issue помещается не больше 65 536 символов.`,
    notRead: (repos) => `Не прочитаны в этом обходе, их обращений здесь нет: ${repos}.`,
    gantt: { heading: (zone) => `Сроки ближайших 7 дней (${zone})`, axisFormat: "%d.%m", more: (n) => `Ещё сроков ближайших 7 дней: ${n}, они только в таблицах.`, none: "В ближайшие 7 дней сроков нет." },
  },
  durations: {
    days: (n, working) => `${n} ${working ? plural(n, "рабочий день", "рабочих дня", "рабочих дней") : plural(n, "день", "дня", "дней")}`,
    hours: (n) => `${n} ч`,
    minutes: (n) => `${n} мин`,
    dayLength: (hours) => `(по ${hours})`,
  },
  dates: {
    date: (iso) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
  },
};
