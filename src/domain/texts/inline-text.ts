// Outside text (an issue's title, a customer's name, an error message) put
// into the app's Markdown: reports, the SLA board.

/** Issue titles and other outside text, safe inside a table cell or a list item. */
export function inlineText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    // A zero-width space after "@" keeps a title from mentioning a person or a team.
    .replace(/@/g, "@\u200b")
    .trim();
}
