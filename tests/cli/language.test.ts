// The command line's own language: --language ru|en on every command, else
// INCIDENT_SLA_LANGUAGE, else English; never the host's LANG or LC_*.
// Machine outputs (evaluate's JSON lines) are the same in every language.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { wordsFor } from "../../src/words/index.js";
import { CONFIG, fixture, runCli } from "./run-cli.js";

const RU = { INCIDENT_SLA_LANGUAGE: "ru" };

describe("the command line's language", () => {
  it("--language ru: a usage error and its hint in Russian, the hint keeping the option, exit 2", async () => {
    expect(await runCli(["--language", "ru", "frobnicate"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "incident-sla: неизвестная команда \"frobnicate\"\nСправка: 'incident-sla --help --language ru'.\n",
    });
  });

  it("INCIDENT_SLA_LANGUAGE=ru: a command's own error in Russian", async () => {
    const result = await runCli(["evaluate", "--config", "no-such.yml"], { env: RU });
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr: "incident-sla evaluate: не удалось прочитать файл конфигурации no-such.yml: файл не найден\nСправка: 'incident-sla evaluate --help'.\n",
    });
  });

  it("--language after the command, in either spelling, and over the variable", async () => {
    const english = "incident-sla evaluate: unknown option --fast\nRun 'incident-sla evaluate --help --language en' for usage.\n";
    expect((await runCli(["evaluate", "--config", CONFIG, "--fast", "--language=en"], { env: RU })).stderr).toBe(english);
    expect((await runCli(["evaluate", "--language", "ru", "--config", CONFIG, "--fast"])).stderr).toBe(
      "incident-sla evaluate: неизвестный параметр --fast\nСправка: 'incident-sla evaluate --help --language ru'.\n",
    );
  });

  it("English by default, whatever the host's locale says", async () => {
    const result = await runCli(["frobnicate"], { env: { LANG: "ru_RU.UTF-8", LC_ALL: "ru_RU.UTF-8", LC_MESSAGES: "ru_RU.UTF-8" } });
    expect(result.stderr).toBe("incident-sla: unknown command \"frobnicate\"\nRun 'incident-sla --help' for usage.\n");
  });

  it.each([
    ["--language de", ["--language", "de", "--help"], {}, 'incident-sla: --language expects en or ru, got "de"\n'],
    ["--language without a value", ["evaluate", "--language"], {}, "incident-sla evaluate: option --language needs a value\n"],
    ["INCIDENT_SLA_LANGUAGE=de", ["--help"], { INCIDENT_SLA_LANGUAGE: "de" }, 'incident-sla: INCIDENT_SLA_LANGUAGE expects en or ru, got "de"\n'],
  ])("%s is a usage error (exit 2)", async (_case, argv, env, first) => {
    const result = await runCli(argv, { env });
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(first)).toBe(true);
  });

  it("a --language that names a language wins over a variable that names none", async () => {
    expect((await runCli(["--language", "en", "--version"], { env: { INCIDENT_SLA_LANGUAGE: "de" } })).code).toBe(0);
  });

  it("evaluate's JSON lines are the same in Russian; only what stderr says changes", async () => {
    const stdin = readFileSync(fixture("incidents-two-good-three-bad-one-blank.jsonl"), "utf8");
    const english = await runCli(["evaluate", "--config", CONFIG], { stdin });
    const russian = await runCli(["evaluate", "--config", CONFIG, "--language", "ru"], { stdin });
    expect(english.code).toBe(1);
    expect(russian.code).toBe(1);
    expect(russian.stdout).toBe(english.stdout);
    expect(english.stderr).toMatch(/^incident-sla evaluate: 3 of 5 incidents could not be evaluated/);
    expect(russian.stderr).toBe('incident-sla evaluate: не удалось оценить инцидентов: 3 из 5 (см. строки с "error")\n');
  });
});

describe("help in the command line's language", () => {
  const english = wordsFor("en").cli.help;
  const russian = wordsFor("ru").cli.help;

  it("--language ru --help: the overview in Russian, --language itself documented, exit 0", async () => {
    const result = await runCli(["--language", "ru", "--help"]);
    expect(result).toEqual({ code: 0, stdout: russian.main, stderr: "" });
    expect(result.stdout).toMatch(/^использование: incident-sla <команда> \[параметры\]/);
    for (const line of ["--language ru|en", "INCIDENT_SLA_LANGUAGE", "Коды завершения:", "  2  ошибка вызова"]) expect(result.stdout).toContain(line);
    // English by default, with the option documented there too.
    expect((await runCli(["--help"])).stdout).toContain("--language ru|en\n                language of these messages and help");
  });

  it.each(["evaluate", "explain", "check-config", "sweep", "report"] as const)("INCIDENT_SLA_LANGUAGE=ru: %s --help and help CMD in Russian, every option of the English help named", async (command) => {
    const viaFlag = await runCli([command, "--help"], { env: RU });
    const viaHelp = await runCli(["help", command], { env: RU });
    expect(viaFlag).toEqual({ code: 0, stdout: russian.commands[command], stderr: "" });
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaFlag.stdout).toMatch(new RegExp(`^использование: incident-sla ${command} `));
    const options = (text: string) => [...new Set(text.match(/--[a-z][a-z-]+/g))].sort();
    expect(options(viaFlag.stdout)).toEqual(options(english.commands[command]));
    expect(english.commands[command]).toContain("--language ru|en");
  });

  it("a usage error's hint points at the help in the same language", async () => {
    const result = await runCli(["report", "--language", "ru", "--from", "2026-03-01"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("incident-sla report: укажите и --from, и --to (даты включительно, YYYY-MM-DD)\nСправка: 'incident-sla report --help --language ru'.\n");
    // The hint says --language only when the help would otherwise come in another language.
    expect((await runCli(["report", "--language", "ru", "--from", "2026-03-01"], { env: RU })).stderr).toMatch(/Справка: 'incident-sla report --help'\.\n$/);
    expect((await runCli(["report", "--language", "en", "--from", "2026-03-01"], { env: RU })).stderr).toMatch(/Run 'incident-sla report --help --language en' for usage\.\n$/);
  });
});
