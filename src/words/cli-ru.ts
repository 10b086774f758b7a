// The command line's texts in Russian (the `cli` section of ru.ts; the shape:
// CliWords in words.ts). An operator's words: «инцидент», «уровень
// критичности», «принятие в работу», «обходное решение», «постоянное решение».
import { CLI_EXAMPLES } from "./cli-examples.js";
import type { Words } from "./words.js";

/** "a", "a или b", "a, b или c". */
const or = (choices: readonly string[]) => (choices.length < 2 ? choices.join("") : `${choices.slice(0, -1).join(", ")} или ${choices.at(-1)}`);

const EXIT_CODES = `Коды завершения:
  0  успешно
  1  входные данные не удалось оценить или конфигурация неверна
  2  ошибка вызова: неизвестная команда или параметр, нет аргумента, файл не читается`;

/** Справка: для каждой команды вызов, параметры, примеры и коды завершения. Без кодов правил политики. */
const help: Words["cli"]["help"] = {
  main: `использование: incident-sla <команда> [параметры]

Сроки SLA договора поддержки для задач GitHub, рассчитанные по задаче и её
хронологии (см. README, «How the clock works»).

Команды:
  evaluate      оценить инциденты из JSON Lines на стандартном вводе: по строке JSON на инцидент
  explain       объяснить один инцидент: начало, уровень критичности, сроки, паузы, периоды закрытия
  check-config  проверить файл конфигурации (.github/incident-sla.yml)
  sweep         заново оценить открытые инциденты на GitHub: напоминания, эскалация, метки
  report        отчёт о соблюдении сроков за период: по заказчикам, уровням критичности и срокам
  help [CMD]    эта справка или справка по команде

Параметры:
  -h, --help    справка (также: incident-sla CMD --help)
  --version     версия программы
  --language ru|en
                язык этих сообщений и справки, у любой команды (по умолчанию:
                INCIDENT_SLA_LANGUAGE, иначе en; LANG системы не читается)

Время показывается в часовом поясе договора (\`timezone\` в конфигурации);
часовой пояс машины ни на что не влияет. Машинный вывод (строки JSON evaluate,
отчёты в CSV и JSON, строки JSON sweep и report --post) не зависит от
--language; язык отчёта или объяснения задаёт их собственный --lang, иначе
\`language\` в конфигурации.

${EXIT_CODES}
`,
  commands: {
    report: `использование: incident-sla report --from YYYY-MM-DD --to YYYY-MM-DD [--repo OWNER/NAME]... [параметры]
               incident-sla report --from DATE --to DATE --input FILE.jsonl --config FILE [параметры]
               incident-sla report --post [--from DATE --to DATE] [--repo OWNER/NAME]... [--output summary]

Отчёт о соблюдении сроков для руководителей: по каждому заказчику
(репозиторию), уровню критичности и сроку — сколько инцидентов, сколько сроков
соблюдено и какие нарушены (со ссылками и на сколько), медиана и 90-й
процентиль времени до принятия в работу, обходного и постоянного решения,
время паузы в ожидании заказчика, обращения по типам, инциденты вне периода
поддержки, периоды поддержки, которые кончаются в течение 60 дней после --to,
и открытые инциденты, которым сейчас грозит нарушение. Для уровней, где задан
'reply', — ещё ответ заказчику: сколько ожиданий ответа из учтённых получили
ответ в срок, медиана и 90-й процентиль времени ответа.

Инцидент относится к периоду, если его отсчёт начался (t0) в одну из дат
--from..--to (включительно) по часовому поясу его договора. Все инциденты
оцениваются на один момент (--now), в точности как в 'evaluate', поэтому
отчёт совпадает с комментариями о сроках в самих инцидентах. Медианы и 90-е
процентили — по ближайшему рангу: время с рангом ⌈p·n/100⌉ среди n
упорядоченных значений.

Источники:
  GitHub      конфигурация каждого репозитория из его основной ветки, задачи и
              хронологии пакетами через GraphQL (100 задач за запрос).
              Учётные данные как у 'sweep': APP_ID и PRIVATE_KEY (все репозитории
              всех установок или только указанные в --repo) либо GITHUB_TOKEN с --repo;
              GHE_HOST/GHE_PROTOCOL, GITHUB_API_URL, GITHUB_GRAPHQL_URL.
  --input     без GitHub: JSON Lines во входном формате 'evaluate', по инциденту
              в строке ("-" — стандартный ввод), с --config FILE, договором репозитория.

Параметры:
  --from DATE        первый день периода (YYYY-MM-DD, включительно)
  --to DATE          последний день периода (включительно)
  --repo OWNER/NAME  репозиторий для отчёта (можно несколько); без GitHub: его имя в отчёте
  --input FILE       выгрузка JSON Lines (без GitHub), вместе с --config FILE
  --config FILE      конфигурация договора, для --input; её _extends
                     прослеживается, как в check-config
  --extends-root DIR где лежат копии репозиториев владельца, вместо ".."
  --format FORMAT    markdown (по умолчанию: таблицы и диаграммы Mermaid для GitHub), csv
                     (строка на каждый срок каждого инцидента, RFC 4180) или json
  --lang ru|en       язык отчёта: даты, длительности и слова (по умолчанию: \`language\` в
                     конфигурации; с GitHub — английский, если языки репозиториев разные)
  --now ISO          оценить на этот момент (по умолчанию: сейчас); время без смещения:
                     в часовом поясе договора без GitHub, в UTC с GitHub
  --bot LOGIN        логин бота приложения, которому доверяют как инженеру (по умолчанию:
                     бот приложения с его учётными данными, github-actions[bot] в Actions,
                     иначе incident-sla[bot])
  --post             опубликовать отчёт задачей в репозитории, который назван в report.repository
                     в настройках организации по умолчанию (OWNER/.github, .github/incident-sla.yml),
                     один раз за период; без --from/--to: за прошлый месяц. Никогда не в
                     репозиторий заказчика. Выводит по строке JSON на организацию.
  --output summary   с --post: вместо этого одна строка JSON с итогами ({"organisations":3,
                     "created":1,"exists":1,"skipped":1,…}) для журналов, которые читают
                     другие: ни организация, ни репозиторий не называются, журнал не пишется,
                     что бы ни говорил LOG_LEVEL, код завершения тот же
  --language ru|en   язык сообщений и справки этой команды (не отчёта: это --lang)
  -h, --help         эта справка

Примеры:
  incident-sla report --from 2026-03-01 --to 2026-03-31 --repo acme/support > march.md
  incident-sla report --from 2026-03-01 --to 2026-03-31 --format csv --lang ru   # все установки
  incident-sla report --from 2026-03-01 --to 2026-03-31 --input acme.jsonl --config incident-sla.yml
  incident-sla report --post                                # прошлый месяц, из CronJob или Actions
  incident-sla report --post --output summary               # то же для общего журнала Actions

Коды завершения:
  0  отчёт выведен (или опубликован, или уже был опубликован)
  1  какой-то репозиторий не прочитан, какой-то инцидент не удалось оценить (он указан
     в отчёте) или публикацию отклонили либо она не удалась
  2  ошибка вызова: неизвестный параметр, нет --from/--to, нет учётных данных, файл не читается
`,
    sweep: `использование: incident-sla sweep [--repo OWNER/NAME]... [--shard I/N] [--dry-run] [--bot LOGIN] [--max-wait SECONDS]
                                  [--output lines|summary]

Заново оценивает каждый открытый инцидент и действует: напоминания до сроков,
эскалация при нарушении, комментарий о сроках и метки для руководителей. Это
тот же обход, который приложение делает каждые SWEEP_INTERVAL секунд; запускайте
его по расписанию из GitHub Actions или как Kubernetes CronJob, если сервер не
работает, или рядом с сервером (маркеры не дают комментариям повторяться).

Учётные данные (переменные окружения):
  APP_ID, PRIVATE_KEY или PRIVATE_KEY_PATH  данные приложения: все установки (или --shard)
  GHE_HOST, GHE_PROTOCOL                    GitHub Enterprise Server, как их читает Probot
  GITHUB_TOKEN с --repo                     токен (например, собственный токен Actions) для
                                            перечисленных репозиториев
  GITHUB_API_URL, GITHUB_GRAPHQL_URL        адреса API, как их задаёт GitHub Actions

Параметры:
  --repo OWNER/NAME   репозиторий для обхода (можно несколько); с данными приложения — только эти
  --shard I/N         только установки, у которых id mod N равен I-1 (N процессов, I = 1..N)
  --dry-run           вывести строками JSON, что было бы записано по каждому инциденту; ничего не писать
  --bot LOGIN         логин, от имени которого пишет токен (по умолчанию с GITHUB_TOKEN в Actions:
                      github-actions[bot]; с данными приложения: бот приложения)
  --max-wait SECONDS  самое долгое ожидание из-за лимита запросов внутри обхода (по умолчанию 60);
                      при более долгом остаток переходит на следующий обход
  --output lines      по строке JSON на репозиторий на стандартный вывод (по умолчанию)
  --output summary    только итоги, для журналов, которые читают другие (общий журнал
                      Actions): ни репозиторий, ни организация не называются, журнал не
                      пишется, что бы ни говорил LOG_LEVEL, код завершения тот же
  --language ru|en    язык сообщений в stderr; строки JSON не меняются

Вывод: по строке JSON на репозиторий на стандартный вывод
  {"repo":"acme/support","ok":true,"config":"valid","incidents":42,"reads":1,
   "extraPages":0,"writes":3,"deferred":0,"changed":2}
и сводка в stderr. С --output summary — одна строка итогов на стандартный вывод
  {"repositories":12,"failed":0,"incidents":42,"reads":14,"writes":3,"deferred":0,"dryRun":false}
и та же сводка в stderr.

Коды завершения:
  0  обойдены все репозитории (записи, отложенные до следующего обхода из-за
     лимитов GitHub, тоже считаются обходом)
  1  хотя бы один репозиторий обойти не удалось (остальные обойдены)
  2  ошибка вызова: неизвестный параметр, нет учётных данных
`,
    evaluate: `использование: incident-sla evaluate --config FILE [--now ISO] [--bot LOGIN] < incidents.jsonl

Читает JSON Lines со стандартного ввода, по инциденту в строке:
  {"issue": <GET /repos/O/R/issues/N>, "timeline": [<GET …/issues/N/timeline>], "now"?: "ISO 8601"}
и выводит по строке JSON на каждую непустую входную строку, в том же порядке:
  {"number": 12, "coverage": "active", "severity": 1, "clock": "24x7", "startedAt": "…",
   "paused": false, "pausedMinutes": 95, "warnings": [],
   "targets": {"accept": {"status": "met", "dueAt": "…", "metAt": "…", "breached": false}, …}}
Для строки, которую не удалось оценить, выводится {"error": "…", "line": N} (N
считает все входные строки с 1, пустые тоже; текст ошибки всегда на английском);
остальные строки всё равно выводятся, а код завершения — 1. Пустые строки
пропускаются. Ввод обрабатывается построчно.

Параметры:
  --config FILE  конфигурация договора (YAML или JSON), обязательно; её _extends
                 прослеживается в локальные копии рядом с репозиторием FILE, как
                 в check-config (что проследить нельзя, сказано в stderr)
  --extends-root DIR
                 где лежат копии репозиториев владельца, вместо ".."
  --now ISO      оценить на этот момент (по умолчанию: текущее время); "now" в
                 самой строке важнее. Время без смещения читается в часовом поясе
                 договора ("2026-03-02 12:00" или "2026-03-02T12:00").
  --bot LOGIN    логин бота приложения, которому доверяют как инженеру (по умолчанию incident-sla[bot])
  --language ru|en
                 язык сообщений в stderr; строки JSON не меняются
  -h, --help     эта справка

Примеры:
${CLI_EXAMPLES.evaluate}

${EXIT_CODES}
`,
    explain: `использование: incident-sla explain --config FILE [--now ISO] [--bot LOGIN] [--json] [--lang ru|en] [INPUT]
               incident-sla explain --config FILE --issue FILE --timeline FILE [параметры]

Объясняет один инцидент словами: когда и почему начался отсчёт, уровень
критичности и режим отсчёта, каждый срок с его моментом по местному времени
договора, состояние и сколько осталось или насколько просрочено, каждую паузу
(кто её начал и кто закончил), каждый период закрытия, неучтённые метки
ожидания и предупреждения.

INPUT — файл (стандартный ввод, если его нет или это "-") с одним инцидентом:
  {"issue": …, "timeline": […], "now"?: "ISO 8601"}
либо передайте вывод gh api отдельными файлами в --issue и --timeline.

Параметры:
  --config FILE     конфигурация договора (YAML или JSON), обязательно; её
                    _extends прослеживается, как в check-config
  --extends-root DIR
                    где лежат копии репозиториев владельца, вместо ".."
  --issue FILE      задача в том виде, в каком её выводит gh api repos/OWNER/REPO/issues/N
  --timeline FILE   её хронология в том виде, в каком её выводит gh api --paginate
                    repos/OWNER/REPO/issues/N/timeline (несколько массивов подряд),
                    с --slurp (массив массивов) или простой массив
  --now ISO         объяснить на этот момент (по умолчанию: текущее время); "now" во
                    входных данных важнее. Время без смещения: в часовом поясе договора.
  --bot LOGIN       логин бота приложения, которому доверяют как инженеру (по умолчанию incident-sla[bot])
  --json            вывести объект оценки (как evaluate) вместо текста
  --lang ru|en      язык текста объяснения (по умолчанию: язык конфигурации)
  --language ru|en  язык сообщений и справки команды (не текста объяснения: это --lang)
  -h, --help        эта справка

Примеры:
${CLI_EXAMPLES.explain}

${EXIT_CODES}
`,
    "check-config": `использование: incident-sla check-config [--owner OWNER] [--extends-root DIR] FILE...

Проверяет файлы конфигурации (.github/incident-sla.yml; YAML или JSON) по тем
же правилам и ограничениям, с которыми их читает приложение (не больше 64 КиБ,
32 уровней вложенности и 100 раскрытий псевдонимов), и выводит "FILE:
конфигурация верна" со сводкой в одну строку или что не так: файл, поле,
строку и какое значение было бы верным (эти сообщения пока на английском).
Приложение читает конфигурацию только из основной ветки репозитория, так что
проверяйте файл, который влит туда.

_extends прослеживается в локальные копии репозиториев владельца, которые
ищутся рядом с репозиторием, где лежит FILE (ближайший каталог над FILE с .git,
иначе каталог над его .github): ".github" — это ../.github/.github/incident-sla.yml,
"repo:path" — ../repo/path; или в --extends-root DIR вместо "..". Проверяется
результат слияния, как его сливает приложение. Копия без названного файла —
ошибка, как и на GitHub. Если копии этого репозитория нет, _extends здесь не
прослеживается: FILE проверяется отдельно, наследуемые ключи заменяются
значениями по умолчанию, а в stderr сказано, что не проверено.

_extends может называть только репозиторий того же владельца, что и у FILE.
"owner/repo" с другим владельцем, чем в --owner, отклоняется, как его отклоняет
приложение; без --owner владельцем FILE считается написанный, и в stderr
сказано, что это не проверено.

Параметры:
  --owner OWNER       пользователь или организация, которой принадлежит репозиторий FILE
  --extends-root DIR  каталог с локальными копиями репозиториев владельца, по
                      каталогу на репозиторий (по умолчанию: тот, где лежит
                      репозиторий FILE)
  --language ru|en    язык того, что выводит команда
  -h, --help          эта справка

Примеры:
${CLI_EXAMPLES.checkConfig}

${EXIT_CODES}
`,
  },
};

export const ruCli: Words["cli"] = {
  help,
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
  extendsNotFollowed: (file, note) => `${file}: _extends не прослежен: ${note}; файл используется поверх значений по умолчанию`,
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
