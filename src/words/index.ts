// The words of a language, for every module that renders text.
import { en } from "./en.js";
import { ru } from "./ru.js";
import type { Language, Words } from "./words.js";

export { LANGUAGES, type Language, type Words, isLanguage } from "./words.js";

const WORDS: { readonly [lang in Language]: Words } = { en, ru };

export function wordsFor(lang: Language): Words {
  return WORDS[lang];
}
