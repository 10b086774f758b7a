// Every text a person reads, in English (the shape: words.ts).
import type { Words } from "./words.js";

export const en: Words = {
  language: "en",
};
