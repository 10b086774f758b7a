// The committed issue forms as GitHub reads them, and issue bodies rendered
// the way GitHub renders a submitted form: one "### <label>" section per
// input element in form order, "_No response_" for an empty answer, every
// checkbox as "- [X] label" or "- [ ] label", and a textarea with `render:`
// wrapped in a code fence of that language. Markdown elements are not
// submitted.
import { readFileSync, readdirSync } from "node:fs";
import { parse } from "yaml";

export type Lang = "en" | "ru";

export interface FormElement {
  type: "markdown" | "textarea" | "input" | "dropdown" | "checkboxes";
  id?: string;
  attributes: {
    label?: string;
    value?: string;
    description?: string;
    placeholder?: string;
    render?: string;
    multiple?: boolean;
    default?: number;
    options?: string[] | { label: string; required?: boolean }[];
  };
  validations?: { required?: boolean };
}

export interface IssueFormFile {
  file: string;
  kind: string;
  lang: Lang;
  text: string;
  form: { name: string; description: string; title?: string; labels?: unknown; body: FormElement[] } & Record<string, unknown>;
}

export const TEMPLATE_DIR = new URL("../../.github/ISSUE_TEMPLATE/", import.meta.url);

/** Every committed issue form (not config.yml), parsed as YAML 1.1 like GitHub does. */
export function loadIssueForms(): IssueFormFile[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((f) => f !== "config.yml")
    .sort()
    .map((file) => {
      const m = /^(.+)-(en|ru)\.yml$/.exec(file);
      if (!m) throw new Error(`${file}: expected <kind>-<en|ru>.yml`);
      const text = readFileSync(new URL(file, TEMPLATE_DIR), "utf8");
      return { file, kind: m[1]!, lang: m[2] as Lang, text, form: parse(text, { version: "1.1" }) };
    });
}

export const inputs = (form: IssueFormFile["form"]) => form.body.filter((e) => e.type !== "markdown");

export const optionLabels = (e: FormElement): string[] =>
  (e.attributes.options ?? []).map((o) => (typeof o === "string" ? o : o.label));

/**
 * An answer per element id: dropdowns take the option's text, checkboxes the
 * texts of the ticked boxes, inputs and text areas their text. Missing or
 * empty: "_No response_" (checkboxes: none ticked).
 */
export type Answers = Record<string, string | string[] | undefined>;

export function submittedBody(form: IssueFormFile["form"], answers: Answers, eol = "\n"): string {
  const sections = inputs(form).map((e) => {
    const answer = answers[e.id!];
    const options = optionLabels(e);
    const chosen = Array.isArray(answer) ? answer : answer ? [answer] : [];
    // A dropdown or checkbox answer must be one the form offers: a table of
    // answers then also checks the committed options.
    if (e.type === "dropdown" || e.type === "checkboxes") {
      for (const c of chosen) if (!options.includes(c)) throw new Error(`${e.id}: the form offers no ${JSON.stringify(c)} (${options.join(" | ")})`);
    }
    let value: string;
    if (e.type === "checkboxes") {
      const ticked = new Set(chosen);
      value = options
        .map((label) => `- [${ticked.has(label) ? "X" : " "}] ${label}`)
        .join("\n");
    } else {
      const text = Array.isArray(answer) ? answer.join(", ") : (answer ?? "");
      if (text.trim() === "") value = "_No response_";
      else value = e.attributes.render ? `\`\`\`${e.attributes.render}\n${text}\n\`\`\`` : text;
    }
    return `### ${e.attributes.label}\n\n${value}`;
  });
  return sections.join("\n\n").replace(/\n/g, eol);
}

/** The form element with this id (throws when the form lacks it). */
export function element(form: IssueFormFile["form"], id: string): FormElement {
  const found = form.body.find((e) => e.id === id);
  if (!found) throw new Error(`the form has no element ${id}`);
  return found;
}
