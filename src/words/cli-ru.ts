// The command line's texts in Russian (the `cli` section of ru.ts; the shape:
// CliWords in words.ts). An operator's words: «инцидент», «уровень
// критичности», «принятие в работу», «обходное решение», «постоянное решение».
import type { Words } from "./words.js";

/** "a", "a или b", "a, b или c". */
const or = (choices: readonly string[]) => (choices.length < 2 ? choices.join("") : `${choices.slice(0, -1).join(", ")} или ${choices.at(-1)}`);

export const ruCli: Words["cli"] = {
  usageHint: (hint) => `Справка: '${hint}'.`,
  unexpectedError: (message) => `непредвиденная ошибка: ${message}`,
  stackHint: "(чтобы увидеть трассировку стека, задайте DEBUG=1)",
  unknownCommand: (name) => `неизвестная команда ${name}`,
  unknownOption: (option) => `неизвестный параметр ${option}`,
  needsValue: (option) => `параметру ${option} нужно значение`,
  needsValueDash: (option) => `параметру ${option} нужно значение (значение, которое начинается с «-», пишите так: ${option}=ЗНАЧЕНИЕ)`,
  takesNoValue: (option) => `параметр ${option} не принимает значения`,
  languageExpected: (source, choices, got) => `${source}: ожидается ${or(choices)}, получено ${got}`,
  expectsOneOf: (option, choices, got) => `${option}: ожидается ${or(choices)}, получено ${got}`,
  expectedOneOf: (option, choices, got) => `${option}: ожидается ${or(choices)}, получено ${got}`,
  repoExpected: (got) => `--repo: ожидается владелец/репозиторий (owner/name), получено ${got}`,
  ownerExpected: (got) => `--owner: ожидается владелец на GitHub (пользователь или организация), получено ${got}`,
  shardExpected: (got) => `--shard: ожидается i/N, где 1 ≤ i ≤ N, например 1/3; получено ${got}`,
  maxWaitExpected: (got) => `--max-wait: ожидается число секунд, получено ${got}`,
  nowExpected: (zone, got) =>
    `ожидается время в ISO 8601, например "2026-03-02T09:00:00Z" (время без смещения читается ${zone === null ? "как UTC" : `в часовом поясе договора, ${zone}`}), получено ${got}`,
  configRequired: "нужен параметр --config FILE",
  unexpectedArgument: (got) => `лишний аргумент ${got}`,
  unexpectedArgumentStdin: (got) => `лишний аргумент ${got}: инциденты читаются со стандартного ввода`,
  files: { configuration: "файл конфигурации", input: "входной файл", issue: "файл задачи", timeline: "файл хронологии" },
  cannotRead: (what, path, reason) => `не удалось прочитать ${what} ${path}: ${reason}`,
  reasons: {
    noSuchFile: "файл не найден",
    isDirectory: "это каталог",
    permissionDenied: "нет доступа",
    missingOrUnreadable: "файл не найден или недоступен для чтения",
    notAFile: "— это каталог, а не файл",
    notRegular: "— это не обычный файл",
    unreadable: "не читается (нет доступа)",
  },
  json: {
    empty: (source) => `${source}: пусто, ожидался JSON`,
    invalid: (source, message) => `${source === null ? "" : `${source}: `}некорректный JSON: ${message}`,
    valueInvalid: (source, index, message) => `${source}: JSON-значение ${index} некорректно: ${message}`,
    notAnArray: (source, index) =>
      `${source}: ${index === null ? "JSON-значение" : `JSON-значение ${index}`} — не массив: ожидаются события в том виде, в каком их выводит gh api --paginate repos/OWNER/REPO/issues/N/timeline`,
    mixesPages: (source) => `${source}: смешаны массивы (страницы) и события; нужно что-то одно`,
    notAnObject: (shape, got) => `ожидается объект ${shape}, получено ${got ?? "массив"}`,
    unknownKeys: (keys, shape) => `${keys.length === 1 ? "неизвестный ключ" : "неизвестные ключи"} ${keys.map((k) => JSON.stringify(k)).join(", ")}: ожидается ${shape}`,
    missingIssue: (shape) => `нет "issue" (объекта, который выводит gh api repos/OWNER/REPO/issues/N): ожидается ${shape}`,
    missingTimeline: (shape) => `нет "timeline" (событий, которые выводит gh api --paginate repos/OWNER/REPO/issues/N/timeline): ожидается ${shape}`,
    oneIncident: (source, values) => `${source}: ожидается один инцидент, а JSON-значений в файле: ${values} (для нескольких инцидентов есть evaluate)`,
    oneIssue: (source) => `${source}: ожидается один объект задачи, как его выводит gh api repos/OWNER/REPO/issues/N`,
    couldNotEvaluate: (message) => `не удалось оценить: ${message}`,
  },
  evaluate: {
    failed: (failed, incidents) => `не удалось оценить инцидентов: ${failed} из ${incidents} (см. строки с "error")`,
    debugLine: (line, stack) => `строка ${line}: ${stack}`,
  },
  explain: {
    atMostOneInput: (n) => `ожидается не больше одного INPUT, получено: ${n}`,
    inputOrFiles: "укажите либо INPUT, либо --issue и --timeline, но не всё сразу",
    filesTogether: "--issue и --timeline указываются вместе: нужны оба файла",
  },
  checkConfig: {
    fileExpected: "укажите файл конфигурации (FILE), который нужно проверить",
    valid: (file) => `${file}: конфигурация верна`,
    mergedOver: (files) => `наложена поверх ${files.join(", затем ")}`,
    notChecked: (file, note) => `${file}: не проверено: ${note}`,
    summary: (s) => `часовой пояс ${s.zone}, язык ${s.language}, календарь ${s.calendar}, уровни критичности ${s.severities.join("; ")}, по умолчанию ${s.defaultSeverity}`,
    unknownRepository: (file, repo) =>
      `неизвестно, в каком репозитории лежит ${file} (выше нет каталога .git), поэтому ${repo} не удалось найти рядом с ним; укажите --extends-root DIR`,
    noCheckout: (repo, path) => `нет локальной копии ${repo} в ${path}; укажите в --extends-root DIR, где лежат копии репозиториев владельца`,
  },
  github: {
    shardWithToken: "--shard делит между процессами установки приложения; с GITHUB_TOKEN перечислите репозитории в --repo",
    botRequired: "с GITHUB_TOKEN укажите, от чьего имени пишет токен: --bot LOGIN (в GitHub Actions по умолчанию github-actions[bot])",
    noCredentials: "нет учётных данных: задайте APP_ID и PRIVATE_KEY (ключ приложения) или GITHUB_TOKEN вместе с --repo owner/name",
    notInstalled: "приложение не установлено в этом репозитории (или такого репозитория нет)",
  },
  sweep: {
    summary: (s) =>
      `обойдено репозиториев: ${s.repositories} (с ошибкой: ${s.failed}); открытых инцидентов: ${s.incidents}, чтений: ${s.reads}, записей: ${s.writes}, отложено: ${s.deferred}${s.dryRun ? " (пробный запуск: ничего не записано)" : ""}`,
  },
  report: {
    inputNeedsConfig: "--input требует --config FILE (договор выгруженного репозитория)",
    inputOneRepo: "в --input инциденты одного репозитория: укажите не больше одного --repo (его имя в отчёте)",
    ownNow: (lines, at) => `входных строк со своим "now": ${lines}; отчёт оценивает все инциденты на один момент, ${at}`,
    inputErrors: (lines) => `не удалось оценить входных строк: ${lines} (они перечислены в отчёте и не учтены)`,
    summaryNeedsPost: "--output summary используется только с --post (сам отчёт называет каждого заказчика)",
    fromAndTo: "укажите и --from, и --to (даты включительно, YYYY-MM-DD)",
    fromToRequired: "нужны --from и --to (даты включительно, в часовом поясе каждого договора, YYYY-MM-DD)",
    postWithInput: "--post читает репозитории с GitHub и пишет туда же; вместе с --input его использовать нельзя",
    configWithInput: "--config используется с --input; с GitHub конфигурация каждого репозитория читается из его основной ветки",
    notSeenCount: (n) => `репозиториев из --repo, которых не видит ни одна установка приложения: ${n}`,
    notSeen: (repo) => `${repo}: этого репозитория не видит ни одна установка приложения`,
    failed: "ошибка",
    noReportRepository: (owner) => `в настройках организации по умолчанию нет report.repository (${owner}/.github, .github/incident-sla.yml)`,
    summary: (s) =>
      `в отчёте репозиториев заказчиков: ${s.customers} (с ошибкой: ${s.failed}, без конфигурации: ${s.unconfigured}); инцидентов за период: ${s.incidents}, запросов GraphQL: ${s.requests}${s.notEvaluated > 0 ? `, не оценено инцидентов: ${s.notEvaluated}` : ""}`,
  },
};
