// The whitespace test of the form parser and of the form's own field rules,
// in a module of its own so that the field list (form-fields.ts) and the
// parser (issue-form.ts) do not import each other.

/** JavaScript's `\s` (and what String#trim removes): ASCII whitespace, Unicode space separators, line and paragraph separators, U+FEFF. */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
