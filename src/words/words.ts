// The shape of every text a person reads: one structure per language (en.ts,
// ru.ts). A third language is one new file that satisfies `Words` and one line
// in index.ts. Sections are named for where the text is read (status comment,
// reminders, board, report, CLI…); each module that renders text takes the
// reader's `Words` and never spells a sentence itself.
export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Words {
  language: Language;
}
