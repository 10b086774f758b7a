// A posted report has to fit GitHub's limit of 65,536 characters per issue
// body and per comment. The report's sections (head, then one per customer)
// are packed in order into as few parts as fit: the first becomes the issue's
// body, the rest its comments. A section too long for one part is cut between
// lines (a table cut in two gets its header again).
import { marker } from "../domain/texts/markers.js";
import type { ReportPeriod } from "./period.js";

/** GitHub's limit, less room for the hidden markers and the "continued" line. */
export const PART_LIMIT = 65_536 - 1_000;

/** The hidden marker's key of a period's report, and of its continuation parts. */
export const reportKey = (period: ReportPeriod) => `report:${period.from}..${period.to}`;
export const partKey = (period: ReportPeriod, part: number) => `${reportKey(period)}:part-${part}`;

const PARTS = /<!-- incident-sla:report-parts:(\d+) -->/;

/** How many parts the report posted in this body has (1 when it has no continuation). */
export function partsOf(body: string | null | undefined): number {
  const m = body ? PARTS.exec(body) : null;
  return m ? Number(m[1]) : 1;
}

/** A section cut between lines into pieces of at most `limit` characters; a table's header repeats in each piece. */
function cutSection(section: string, limit: number): string[] {
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;
  let header: string[] = [];
  const flush = () => {
    if (current.length > 0) pieces.push(current.join("\n"));
    current = [];
    size = 0;
  };
  const lines = section.split("\n");
  lines.forEach((raw, i) => {
    // A line longer than a whole part (never in practice) is cut where it must be.
    const line = raw.length > limit ? raw.slice(0, limit - 1) + "…" : raw;
    if (line.startsWith("|") && lines[i + 1]?.startsWith("|--")) header = [line, lines[i + 1]!];
    else if (!line.startsWith("|")) header = [];
    if (size + line.length + 1 > limit) {
      flush();
      if (line.startsWith("|") && !line.startsWith("|--") && header.length > 0 && header[0] !== line) {
        current.push(...header);
        size = header.join("\n").length + 1;
      }
    }
    current.push(line);
    size += line.length + 1;
  });
  flush();
  return pieces;
}

/** The sections packed, in order, into parts of at most `limit` characters each. */
export function packParts(sections: readonly string[], limit = PART_LIMIT): string[] {
  const parts: string[] = [];
  let current = "";
  const push = (text: string) => {
    if (current === "") current = text;
    else if (current.length + 1 + text.length <= limit) current = `${current}\n${text}`;
    else {
      parts.push(current);
      current = text;
    }
  };
  for (const section of sections) {
    const trimmed = section.trimEnd();
    if (trimmed.length <= limit) push(trimmed);
    else for (const piece of cutSection(trimmed, limit)) push(piece);
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** The issue body: the report's marker, how many parts there are, and the first part. */
export function issueBody(period: ReportPeriod, parts: readonly string[]): string {
  const head = parts.length > 1 ? `${marker(reportKey(period))}\n<!-- incident-sla:report-parts:${parts.length} -->` : marker(reportKey(period));
  return `${head}\n${parts[0] ?? ""}\n`;
}

/** A continuation comment (part ≥ 2). */
export function partBody(period: ReportPeriod, part: number, parts: readonly string[], continued: string): string {
  return `${marker(partKey(period, part))}\n_${continued}_\n\n${parts[part - 1]}\n`;
}
