// The report's words in English and Russian, in one place so that the two
// languages say the same things.
import type { TargetName } from "../config/schema.js";
import type { Coverage, TargetStatus } from "../domain/evaluate.js";
import type { Language } from "./format.js";

export interface ReportWords {
  title: string;
  period: string;
  asOf: string;
  summary: string;
  noCustomers: string;
  customer: string;
  repository: string;
  incidents: string;
  metOnTime: string;
  breached: string;
  compliance: string;
  outsideSupport: string;
  atRiskNow: string;
  timezone: string;
  supportPeriod: string;
  supportOpen: string;
  supportEnds: (days: number) => string;
  supportEnded: (days: number) => string;
  supportEndsOnPeriodEnd: string;
  endingContracts: string;
  deadlines: string;
  deadline: string;
  requestTypeHeader: string;
  severity: string;
  severityN: (level: number) => string;
  target: Record<TargetName, string>;
  contract: string;
  pending: string;
  cancelled: string;
  metLate: string;
  median: string;
  p90: string;
  timeToMeetNote: string;
  noDeadlines: string;
  complianceChart: string;
  breachesChart: string;
  breachesAxis: string;
  week: string;
  breachList: string;
  noBreaches: string;
  incident: string;
  due: string;
  metAt: string;
  notMet: string;
  overdueBy: string;
  waiting: string;
  pausedIncidents: string;
  total: string;
  all: string;
  requestTypes: string;
  requestType: Record<string, string>;
  count: string;
  startedAt: string;
  coverage: Record<Coverage, string>;
  noneOutside: string;
  atRisk: string;
  noneAtRisk: string;
  used: (percent: string) => string;
  left: (span: string) => string;
  overdue: (span: string) => string;
  errors: (n: number) => string;
  status: Record<TargetStatus, string>;
  definitions: string;
  continued: (part: number, parts: number) => string;
  csv: Record<CsvColumn, string>;
  yes: string;
  no: string;
}

export type CsvColumn =
  | "repository"
  | "customer"
  | "number"
  | "title"
  | "url"
  | "requestType"
  | "severity"
  | "clock"
  | "coverage"
  | "startedAt"
  | "open"
  | "pausedMinutes"
  | "target"
  | "contract"
  | "status"
  | "breached"
  | "dueAt"
  | "metAt"
  | "timeToMeetMinutes"
  | "overdueMinutes"
  | "leftMinutes"
  | "timezone";

const EN: ReportWords = {
  title: "Support compliance report",
  period: "Period",
  asOf: "As of",
  summary: "Summary",
  noCustomers: "No customer repositories were reported on.",
  customer: "Customer",
  repository: "Repository",
  incidents: "Incidents",
  metOnTime: "Met on time",
  breached: "Breached",
  compliance: "Compliance",
  outsideSupport: "Outside the support period",
  atRiskNow: "At risk now",
  timezone: "Time zone",
  supportPeriod: "Support period",
  supportOpen: "not limited",
  supportEnds: (days) => `ends ${days} ${days === 1 ? "day" : "days"} after the period`,
  supportEnded: (days) => `ended ${days} ${days === 1 ? "day" : "days"} before the period's end`,
  supportEndsOnPeriodEnd: "ends on the period's last day",
  endingContracts: "Support periods ending within 60 days of the period's end",
  deadlines: "Deadlines",
  deadline: "Deadline",
  requestTypeHeader: "Type",
  severity: "Severity",
  severityN: (level) => `Severity ${level}`,
  target: { accept: "Acceptance", workaround: "Workaround", resolve: "Permanent solution" },
  contract: "Contract",
  pending: "Not yet due",
  cancelled: "Cancelled",
  metLate: "met late",
  median: "Median time",
  p90: "90th percentile",
  timeToMeetNote:
    "Times are counted clock time from the start to when the deadline was met (business hours on a business clock, pauses and closed periods excluded), over the deadlines met; percentiles by nearest rank.",
  noDeadlines: "No deadlines in this period.",
  complianceChart: "Met on time, % of decided deadlines",
  breachesChart: "Breached deadlines per ISO week (week of the due time)",
  breachesAxis: "breaches",
  week: "Week",
  breachList: "Breached deadlines",
  noBreaches: "No deadline was breached.",
  incident: "Incident",
  due: "Due",
  metAt: "Met",
  notMet: "not met",
  overdueBy: "Overdue by",
  waiting: "Waiting for the customer",
  pausedIncidents: "Paused incidents",
  total: "Total",
  all: "All",
  requestTypes: "Requests by type",
  requestType: {
    incident: "Incident",
    configuration: "Configuration consultation",
    connection: "Connecting an application",
    update: "New version or update",
    patch: "Patch",
    onsite: "On-site visit",
    other: "Other",
  },
  count: "Count",
  startedAt: "Started",
  coverage: { active: "covered", expired: "after the support period", "not-started": "before the support period" },
  noneOutside: "None.",
  atRisk: "Open incidents at risk now",
  noneAtRisk: "None.",
  used: (percent) => `${percent} used`,
  left: (span) => `${span} left`,
  overdue: (span) => `overdue by ${span}`,
  errors: (n) => `${n} ${n === 1 ? "incident" : "incidents"} could not be evaluated and are not counted:`,
  status: { running: "running", paused: "paused", met: "met", breached: "breached", cancelled: "cancelled" },
  definitions:
    "An incident belongs to the period when its clock started (t0) on one of the period's dates in the contract's time zone. Every figure comes from the same evaluation as the incidents' status comments, as of the time above. Compliance = met on time ÷ (met on time + breached); deadlines not yet due and cancelled ones are left out.",
  continued: (part, parts) => `Continued (part ${part} of ${parts}).`,
  csv: {
    repository: "repository",
    customer: "customer",
    number: "issue",
    title: "title",
    url: "url",
    requestType: "request type",
    severity: "severity",
    clock: "clock",
    coverage: "coverage",
    startedAt: "started (local)",
    open: "open",
    pausedMinutes: "paused, minutes",
    target: "deadline",
    contract: "contract",
    status: "status",
    breached: "breached",
    dueAt: "due (local)",
    metAt: "met (local)",
    timeToMeetMinutes: "time to meet, counted minutes",
    overdueMinutes: "overdue, minutes",
    leftMinutes: "left, counted minutes",
    timezone: "time zone",
  },
  yes: "yes",
  no: "no",
};

const RU: ReportWords = {
  title: "Отчёт о соблюдении сроков поддержки",
  period: "Период",
  asOf: "Состояние на",
  summary: "Сводка",
  noCustomers: "В отчёт не попал ни один репозиторий заказчика.",
  customer: "Заказчик",
  repository: "Репозиторий",
  incidents: "Обращений",
  metOnTime: "В срок",
  breached: "Нарушено",
  compliance: "Соблюдение",
  outsideSupport: "Вне периода поддержки",
  atRiskNow: "Под угрозой сейчас",
  timezone: "Часовой пояс",
  supportPeriod: "Период поддержки",
  supportOpen: "без ограничения",
  supportEnds: (days) => `заканчивается через ${days} дн. после периода отчёта`,
  supportEnded: (days) => `закончился за ${days} дн. до конца периода отчёта`,
  supportEndsOnPeriodEnd: "заканчивается в последний день периода отчёта",
  endingContracts: "Периоды поддержки, заканчивающиеся в пределах 60 дней от конца периода",
  deadlines: "Сроки",
  deadline: "Срок",
  requestTypeHeader: "Тип",
  severity: "Уровень",
  severityN: (level) => `Уровень ${level}`,
  target: { accept: "Принятие в работу", workaround: "Обходное решение", resolve: "Постоянное решение" },
  contract: "По договору",
  pending: "Срок не наступил",
  cancelled: "Отменено",
  metLate: "выполнено с опозданием",
  median: "Медиана",
  p90: "90-й процентиль",
  timeToMeetNote:
    "Время — учитываемое время от начала отсчёта до выполнения срока (рабочие часы для режима business, без пауз и периодов, когда issue был закрыт), по выполненным срокам; процентили — по ближайшему рангу.",
  noDeadlines: "В этом периоде сроков нет.",
  complianceChart: "Выполнено в срок, % от наступивших сроков",
  breachesChart: "Нарушенные сроки по ISO-неделям (неделя срока)",
  breachesAxis: "нарушения",
  week: "Неделя",
  breachList: "Нарушенные сроки",
  noBreaches: "Ни один срок не нарушен.",
  incident: "Обращение",
  due: "Крайний срок",
  metAt: "Выполнено",
  notMet: "не выполнено",
  overdueBy: "Просрочка",
  waiting: "Ожидание заказчика",
  pausedIncidents: "Обращений с паузами",
  total: "Всего",
  all: "Все",
  requestTypes: "Обращения по типам",
  requestType: {
    incident: "Инцидент",
    configuration: "Консультация по настройке",
    connection: "Подключение приложения",
    update: "Новая версия или обновление",
    patch: "Патч",
    onsite: "Выезд специалиста",
    other: "Другое",
  },
  count: "Количество",
  startedAt: "Начало",
  coverage: { active: "в периоде поддержки", expired: "после окончания поддержки", "not-started": "до начала поддержки" },
  noneOutside: "Нет.",
  atRisk: "Открытые обращения под угрозой сейчас",
  noneAtRisk: "Нет.",
  used: (percent) => `использовано ${percent}`,
  left: (span) => `осталось ${span}`,
  overdue: (span) => `просрочено на ${span}`,
  errors: (n) => `Не удалось оценить обращений: ${n}; они не учтены:`,
  status: { running: "идёт", paused: "на паузе", met: "выполнено", breached: "нарушено", cancelled: "отменено" },
  definitions:
    "Обращение относится к периоду, если его отсчёт начался (t0) в одну из дат периода в часовом поясе договора. Все цифры получены той же оценкой, что и комментарии о статусе обращений, на указанный выше момент. Соблюдение = в срок ÷ (в срок + нарушено); сроки, которые ещё не наступили, и отменённые не учитываются.",
  continued: (part, parts) => `Продолжение (часть ${part} из ${parts}).`,
  csv: {
    repository: "репозиторий",
    customer: "заказчик",
    number: "issue",
    title: "заголовок",
    url: "ссылка",
    requestType: "тип обращения",
    severity: "уровень",
    clock: "режим отсчёта",
    coverage: "период поддержки",
    startedAt: "начало (местное)",
    open: "открыто",
    pausedMinutes: "паузы, минут",
    target: "срок",
    contract: "по договору",
    status: "статус",
    breached: "нарушен",
    dueAt: "крайний срок (местное)",
    metAt: "выполнено (местное)",
    timeToMeetMinutes: "время до выполнения, учитываемых минут",
    overdueMinutes: "просрочка, минут",
    leftMinutes: "осталось, учитываемых минут",
    timezone: "часовой пояс",
  },
  yes: "да",
  no: "нет",
};

export const wordsFor = (language: Language): ReportWords => (language === "ru" ? RU : EN);
