// The README's "Using it" shows a status comment in English and in Russian
// (issue 12, item 5). Both are the real renderer's output for fixed incidents,
// so the README cannot drift from what the app posts: this test compares them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explainIncident } from "../../src/domain/clock/evaluate.js";
import { renderStatusComment } from "../../src/domain/texts/status-comment.js";
import { exampleConfig, level1AfterReply } from "../fixtures/status-comment-examples.js";
import { ENGINEER, issue, labeled } from "../fixtures/incident-builders.js";

/** The two example incidents: level 1 around the clock (en), level 3 in working hours (ru). */
function exampleStatusComments(): Record<"en" | "ru", string> {
  const en = level1AfterReply("en");
  // Opened Mon 2 March 10:00 MSK as level 3, accepted 10:30; now Wed 4 March 15:00.
  const ru = explainIncident({
    config: exampleConfig("ru"),
    issue: issue({ createdAt: "2026-03-02T07:00:00Z", labels: ["severity: 3", "state: accepted"] }),
    timeline: [labeled("2026-03-02T07:00:00Z", ENGINEER, "severity: 3"), labeled("2026-03-02T07:30:00Z", ENGINEER, "state: accepted")],
    now: "2026-03-04T12:00:00Z",
  });
  // The first line is the app's hidden marker; GitHub does not show it, and neither does the README.
  const visible = (body: string) => body.split("\n").slice(1).join("\n");
  return { en: visible(renderStatusComment(en).body), ru: visible(renderStatusComment(ru).body) };
}

/** The fenced block between <!-- status-comment-example:LANG --> and <!-- /status-comment-example:LANG --> in README.md. */
function readmeExample(readme: string, lang: string): string | undefined {
  const open = `<!-- status-comment-example:${lang} -->\n\`\`\`markdown\n`;
  const close = `\n\`\`\`\n<!-- /status-comment-example:${lang} -->`;
  const from = readme.indexOf(open);
  const to = readme.indexOf(close, from);
  return from < 0 || to < 0 ? undefined : readme.slice(from + open.length, to);
}

describe("README: the status comment examples are the renderer's output", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const examples = exampleStatusComments();
  it.each(["en", "ru"] as const)("%s", (lang) => {
    expect(readmeExample(readme, lang)).toBe(examples[lang]);
  });
});
