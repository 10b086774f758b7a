// The command line's own language: --language ru|en on every command, else
// INCIDENT_SLA_LANGUAGE, else English; never the host's LANG or LC_*.
// Machine outputs (evaluate's JSON lines) are the same in every language.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG, fixture, runCli } from "./run-cli.js";

const RU = { INCIDENT_SLA_LANGUAGE: "ru" };

describe("the command line's language", () => {
  it("--language ru: a usage error and its hint in Russian, exit 2", async () => {
    expect(await runCli(["--language", "ru", "frobnicate"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "incident-sla: неизвестная команда \"frobnicate\"\nСправка: 'incident-sla --help'.\n",
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
    const english = "incident-sla evaluate: unknown option --fast\nRun 'incident-sla evaluate --help' for usage.\n";
    expect((await runCli(["evaluate", "--config", CONFIG, "--fast", "--language=en"], { env: RU })).stderr).toBe(english);
    expect((await runCli(["evaluate", "--language", "ru", "--config", CONFIG, "--fast"])).stderr).toBe(
      "incident-sla evaluate: неизвестный параметр --fast\nСправка: 'incident-sla evaluate --help'.\n",
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
