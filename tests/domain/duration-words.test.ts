// Durations in the reader's words (issue 12, item 5): ru and en units, Russian
// plural forms of день and рабочий день, and a working day's length where a
// target counts in working days.
import { describe, expect, it } from "vitest";
import { WALL_DAY, durationWords, targetHasDays, targetWords } from "../../src/domain/texts/duration-words.js";

const WORKING = { minutes: 540, working: true };

describe("durationWords", () => {
  it.each([
    [0, "ru", undefined, "0 мин"],
    [30, "ru", undefined, "30 мин"],
    [240, "ru", undefined, "4 ч"],
    [1440 + 60, "ru", WALL_DAY, "1 день 1 ч"],
    [2 * 1440, "ru", WALL_DAY, "2 дня"],
    [5 * 1440 + 1, "ru", WALL_DAY, "5 дней 1 мин"],
    [11 * 1440, "ru", WALL_DAY, "11 дней"],
    [21 * 1440, "ru", WALL_DAY, "21 день"],
    [22 * 1440, "ru", WALL_DAY, "22 дня"],
    [112 * 1440, "ru", WALL_DAY, "112 дней"],
    [540, "ru", WORKING, "1 рабочий день"],
    [3 * 540, "ru", WORKING, "3 рабочих дня"],
    [9 * 540 + 60, "ru", WORKING, "9 рабочих дней 1 ч"],
    [14 * 540, "ru", WORKING, "14 рабочих дней"],
    [30, "en", undefined, "30 min"],
    [270, "en", undefined, "4 h 30 min"],
    [1440, "en", WALL_DAY, "1 day"],
    [2 * 1440 + 1320, "en", WALL_DAY, "2 days 22 h"],
    [540, "en", WORKING, "1 working day"],
    [9 * 540 + 480, "en", WORKING, "9 working days 8 h"],
    [1439.6, "en", WALL_DAY, "1 day"],
    [-5, "en", WALL_DAY, "0 min"],
  ] as const)("%s minutes in %s (%o) = %s", (minutes, lang, day, text) => {
    expect(durationWords(minutes, lang, day)).toBe(text);
  });
});

describe("targetWords", () => {
  it.each([
    ["30m", "ru", WALL_DAY, "30 мин"],
    ["4h", "ru", WALL_DAY, "4 ч"],
    ["3d", "ru", WALL_DAY, "3 дня"],
    ["10d", "ru", WORKING, "10 рабочих дней (по 9 ч)"],
    ["1d4h30m", "ru", WORKING, "1 рабочий день 4 ч 30 мин (по 9 ч)"],
    ["8h", "ru", WORKING, "8 ч"],
    ["10d", "en", WORKING, "10 working days (9 h each)"],
    ["1d", "en", WALL_DAY, "1 day"],
    ["26h", "en", WALL_DAY, "26 h"],
    ["10d", "en", { minutes: 510, working: true }, "10 working days (8 h 30 min each)"],
    ["soon", "en", WALL_DAY, "soon"],
  ] as const)("%s in %s = %s", (target, lang, day, text) => {
    expect(targetWords(target, lang, day)).toBe(text);
  });
});

describe("targetHasDays", () => {
  it.each([
    ["10d", true],
    ["1d4h", true],
    ["8h", false],
    ["90m", false],
    ["soon", false],
  ] as const)("%s: %s", (target, days) => {
    expect(targetHasDays(target)).toBe(days);
  });
});
