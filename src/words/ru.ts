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
  targets: { accept: "Принятие в работу", workaround: "Обходное решение", resolve: "Постоянное решение" },
  statuses: { running: "идёт", paused: "на паузе", met: "выполнено", breached: "нарушено", cancelled: "отменено" },
  diagnostics: {
    title: "### Не хватает предварительной диагностики",
    intro: "Перед обращением в поддержку нужно выполнить предварительную диагностику. Пожалуйста, дополните описание issue (кнопка «Edit»), указав:",
    hints: {
      productVersion: "версию продукта",
      reproduction: "сценарий воспроизведения проблемы",
      logs: "подготовленные и просмотренные журналы или удалённый доступ для поддержки",
      infrastructureChecks: "какие компоненты инфраструктуры проверены: СУБД, каталог/LDAP, сеть и балансировщики, DNS, сертификаты",
      incidentDbChecked: "что вы проверили свою базу инцидентов на похожие проблемы и прежние решения",
    },
    paused: "До тех пор отсчёт сроков приостановлен: поддержка ждёт от вас этих сведений. Ответ в комментарии тоже возобновит отсчёт.",
    running: "Отсчёт сроков при этом не останавливается: если решить проблему самостоятельно не удаётся, присылайте то, что уже собрано.",
    goesAway: "Этот комментарий исчезнет, когда всё будет заполнено.",
  },
  severityCorrection: {
    title: (level, claimed) => `### Уровень критичности: ${level} вместо ${claimed}`,
    intro: "По правилам поддержки:",
    reasons: {
      "test-environment": "проблема в среде TEST, а это всегда уровень 3",
      "not-all-users": "уровень 1 означает полную недоступность, а по форме затронута только часть пользователей",
      "few-users": "для уровня 2 должно быть затронуто более 10% пользователей",
      "workaround-available": "уровень 2 ставится, только если нет обходного решения",
    },
    ifWrong: "Если это не так, поправьте форму или напишите нам: инженер поддержки может изменить уровень.",
  },
  phone: {
    workingHours:
      "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Сейчас рабочее время ({hours}, {zone}): позвоните по телефону компании {companyPhone}.",
    outsideHours:
      "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Сейчас нерабочее время: позвоните дежурным инженерам по телефону {onDutyPhone}.",
    askForNumbers:
      "### Пожалуйста, позвоните нам\nЭто обращение уровня {severity}: его нужно продублировать звонком. Позвоните дежурным инженерам поддержки. Если у вас нет их номеров, запросите их в комментарии здесь.",
    alreadyCalled: "Вы отметили в форме, что уже позвонили: спасибо.",
  },
  coverage: {
    title: "### Обращение вне срока поддержки",
    ended: (until) => `Срок технической поддержки закончился ${until}.`,
    starts: (from) => `Срок технической поддержки начинается ${from}.`,
    noDeadlines: "Обращение зарегистрировано, но сроки по нему не отсчитываются.",
    renewWith: (contact) => `По вопросам продления поддержки обращайтесь: ${contact}.`,
    renewAsk: "По вопросам продления поддержки обратитесь к вашему менеджеру.",
  },
  refusals: {
    attempts: (n, at) => `Всего попыток: ${n}, последняя — ${at}.`,
    pause: (by, label) =>
      `@${by}, метку «${label}» ставят только инженеры поддержки: она приостанавливает отсчёт сроков, пока поддержка ждёт ответа клиента. Метка снята.`,
    stateLabel: (by, label) =>
      `@${by}, метку «${label}» ставят только инженеры поддержки: метки состояния отмечают ход работы поддержки (принятие в работу, обходное решение, постоянное решение), и по ним считаются сроки. Метка снята.`,
  },
  goneLabel: {
    head: (label) => `Метки «${label}» больше нет в репозитории (её удалили или переименовали), поэтому GitHub снял её с этого issue.`,
    severity: (level, label) => `Уровень теперь ${level}, по метке «${label}».`,
    severityDefault: (level) => `Пока метку уровня не поставят снова, обращение считается уровня ${level} (уровень по умолчанию).`,
    waiting: "Пауза, которую она начала, продолжается, пока клиент не ответит или issue не закроют; чтобы завершить её сейчас, поставьте метку снова и снимите её.",
    state: "То, что она отметила, по-прежнему учитывается; приложение создаёт метку в репозитории заново, инженер поддержки может поставить её снова.",
  },
  statusComment: {
    title: "### Сроки по обращению",
    severity: (level, why, clock) => `**Уровень ${level}** (${why}); отсчёт: ${clock}.`,
    severityByLabel: (label) => `метка «${label}»`,
    severityDefault: "по умолчанию: метки уровня нет",
    clockBusiness: (hours, calendar) => `рабочее время (${hours}, календарь ${calendar})`,
    clock24x7: "круглосуточно (24×7)",
    startRegistered: (at, channel, by) => `Начало отсчёта: ${at}: обращение получено по каналу «${channel}», зарегистрировал @${by}.`,
    startUnofficial: (at, channel) => `Начало отсчёта: ${at}: момент регистрации, так как канал «${channel}» неофициальный.`,
    startOpened: (at) => `Начало отсчёта: ${at}, когда открыт issue.`,
    outsideSupport: "**Вне срока поддержки**: сроки не отсчитываются.",
    columns: ["Срок", "Норматив", "До", "Состояние"],
    state: {
      met: (title, at) => `✅ ${title} ${at}`,
      metLate: (at, overdue) => `⚠️ выполнено с опозданием ${at} (на ${overdue})`,
      breached: (title) => `🔴 ${title}: срок истёк`,
      paused: (title, left) => `⏸️ ${title}, осталось ${left}`,
      cancelled: (title) => `➖ ${title} (закрыт как не запланированный)`,
      running: (title) => `▶️ ${title}`,
    },
    ofWorkingTime: " рабочего времени",
    live: {
      left: (target, span) => `${target}: осталось ${span}`,
      overdue: (target, span) => `${target}: просрочено на ${span}`,
      pausedDue: (target, at) => `${target}: если отсчёт возобновится сейчас, срок ${at}`,
      asOf: (at) => `(на ${at})`,
    },
    pauses: "**Паузы (ожидание ответа клиента):**",
    pauseRunning: "идёт сейчас",
    pauseUntil: (at, why) => `до ${at} (${why})`,
    pauseEnded: { "label-removed": (by) => `метку снял @${by}`, "customer-comment": (by) => `ответ клиента @${by}`, closed: "issue закрыт" },
    resumed: (at) => `Отсчёт возобновлён ${at}.`,
    severityChanged: (label, added, login, at) =>
      `⚠️ Метку уровня «${label}» ${added ? "поставил" : "снял"} @${login} (сторона клиента) ${at}. Уровень учтён; инженер поддержки может его изменить.`,
    footer: (zone, at) => `<sub>Время указано в часовом поясе ${zone}. Обновлено ${at}.</sub>`,
  },
  warnings: {
    "calendar-guessed": (year) =>
      `Для ${year} года нет данных постановления о переносе выходных: применены только правила ТК РФ (ст. 95, 112); добавьте даты постановления в calendar.holidays и calendar.workingDates.`,
    "received-at-unreadable": (text) => `Поле «Когда получено» (${text}) не удалось прочитать (нужно ГГГГ-ММ-ДД ЧЧ:ММ или ISO 8601); отсчёт идёт от создания issue.`,
    "received-at-not-earlier": (text) => `Поле «Когда получено» (${text}) не раньше создания issue; отсчёт идёт от создания issue.`,
    "registration-by-customer": (author) =>
      `Канал и время получения указаны автором ${author}, который не является инженером поддержки; отсчёт идёт от создания issue.`,
    "closed-without-event": "Issue закрыт, но в хронологии нет события закрытия; использовано время closed_at.",
    "form-heading-repeated": (headings, many) =>
      `${many ? "Заголовки формы" : "Заголовок формы"} ${headings} ${many ? "встречаются" : "встречается"} в тексте issue больше одного раза (например, во вставленном тексте); учтён ответ под заголовком, стоящим на своём месте в форме.`,
    "form-heading-inside-answer": (heading, within) =>
      `Заголовок формы ${heading} есть только внутри ответа ${within} (например, во вставленном тексте); он прочитан как часть этого ответа, а не как отдельное поле.`,
    quoteHeading: (heading) => `«${heading}»`,
    and: "и",
  },
  explanation: {
    incident: "Инцидент",
    start: "Начало отсчёта",
    severity: "Уровень критичности",
    clock: "Режим отсчёта",
    coverage: "Период поддержки",
    targets: "Сроки",
    noTargets: (level) => `Для уровня ${level} договор не устанавливает сроков.`,
    pauses: "Паузы (ожидание заказчика)",
    pausedTotal: "всего",
    closedPeriods: "Периоды, когда issue был закрыт (время не считается)",
    ignoredPauses: "Метки ожидания, поставленные стороной заказчика (проигнорированы: приостановить отсчёт может только поддержка)",
    warnings: "Предупреждения",
    asOf: "Состояние на",
    workingTime: "рабочего времени",
    due: "срок",
    lessThanMinute: "меньше минуты",
    reason: { completed: "выполненный", not_planned: "не планируемый", duplicate: "дубликат" },
    weekdays: ["пн", "вт", "ср", "чт", "пт", "сб", "вс"],
    created: (author) => `создание issue (автор ${author})`,
    createdWithChannel: (author, channel) => `создание issue (автор ${author}; канал: ${channel})`,
    registered: (channel, by, created) =>
      `обращение получено через канал «${channel}»; ${by} зарегистрировал его от имени заказчика ${created}, поэтому отсчёт идёт от момента получения`,
    unofficial: (channel, by) =>
      `создание issue (автор ${by}); обращение пришло через «${channel}», это не официальный канал, поэтому отсчёт идёт от регистрации в поддержке`,
    severityLabel: (level, label) => `${level} (метка «${label}»)`,
    severityDefault: (level) => `${level} (по умолчанию: у issue нет метки уровня)`,
    clock24x7: "24x7, считается всё время",
    clockBusiness: (days, hours, calendar, zone) => `business, только рабочее время: ${days} ${hours}, ${calendar}, часовой пояс ${zone}`,
    presetRu: "производственный календарь РФ (ru)",
    presetNone: "без производственного календаря",
    extraHolidays: (n) => `дополнительных выходных дат: ${n}`,
    extraWorkingDates: (n) => `дополнительных рабочих дат: ${n}`,
    expired: (date, until) => `истёк: инцидент начался ${date}, после окончания поддержки ${until}; сроки не идут`,
    notStarted: (date, from) => `ещё не начался: инцидент начался ${date}, до начала поддержки ${from}; сроки не идут`,
    met: (at, by, how) => `выполнено ${at}: ${by}, ${how}`,
    metByLabel: (label) => `метка «${label}»`,
    metByClose: "закрыл issue",
    onTime: "в срок",
    late: (span) => `с опозданием на ${span}`,
    running: (left) => `идёт, ${left}`,
    paused: (left) => `на паузе, ${left}; срок указан в предположении, что пауза заканчивается сейчас`,
    breached: (span) => `НАРУШЕН, просрочено на ${span}`,
    cancelled: (reason) => `отменён: issue закрыт как ${reason}`,
    left: (span, business) => (business ? `осталось ${span} рабочего времени` : `осталось ${span}`),
    pauseStarted: (by, label) => `начал ${by} (метка «${label}»)`,
    pauseEnded: {
      "label-removed": (by) => `закончилась: ${by} снял метку`,
      "customer-comment": (by) => `закончилась комментарием ${by} (сторона заказчика)`,
      closed: (by) => `закончилась: ${by} закрыл issue`,
    },
    stillRunning: "продолжается",
    stillClosed: "всё ещё закрыт",
    untilNow: "сейчас",
    closedBy: (by, reason) => `закрыл ${by} как ${reason}`,
    reopenedBy: (by) => `переоткрыл ${by}`,
    ignoredBy: (by) => `поставил ${by}`,
  },
  reminders: {
    approaching: (target, people, percent, due, left) => `### ⏰ Срок «${target}» приближается\n${people}Использовано ${percent}% времени: срок ${due}, осталось ${left}.`,
    breached: (target, people, due) => `### 🔴 Срок «${target}» нарушен\n${people}Срок истёк ${due}, а цель не достигнута; нарушение учитывается в отчёте о сроках.`,
  },
};
