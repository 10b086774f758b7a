// Every text a person reads, in Russian (the shape: words.ts). The policy's
// terms: «принятие в работу», «обходное решение», «постоянное решение».
import type { Words } from "./words.js";

export const ru: Words = {
  language: "ru",
};
