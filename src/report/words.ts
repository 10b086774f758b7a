// The report's words: the language's `report` section (src/words), with the
// targets and states every text names the same way.
import { type Language, type Words, wordsFor as languageWords } from "../words/index.js";

export type { CsvColumn } from "../words/words.js";

export type ReportWords = Words["report"] & { target: Words["targets"]; status: Words["statuses"]; replyTarget: string };

export function wordsFor(language: Language): ReportWords {
  const w = languageWords(language);
  return { ...w.report, target: w.targets, status: w.statuses, replyTarget: w.reply.name };
}
