// The hidden log of the app's own edits at the end of a comment it edited:
// GitHub keeps only the last edit's time, and the per-issue write cap
// (plans/write-cap.ts) counts every edit within the hour.

/** How far back an edit log keeps the app's edits: the write cap's window. */
export const EDIT_LOG_WINDOW_MS = 60 * 60_000;

const EDIT_LOG = /\n?<!-- incident-sla-edits: ([^>]*?) -->\s*$/;

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The app's edits of a comment, as its hidden edit log lists them (epoch ms). */
export function editTimes(body: string): number[] {
  const m = EDIT_LOG.exec(body);
  if (!m) return [];
  return m[1]!
    .split(/\s+/)
    .map((t) => Date.parse(t))
    .filter((t) => !Number.isNaN(t));
}

/** A comment body without its edit log: what the app compares with what it would write. */
export function withoutEditLog(body: string): string {
  return body.replace(EDIT_LOG, "");
}

/**
 * The body of an edit at `now`: `body` with the log of the app's edits within
 * the window (from the comment being edited) and this one.
 */
export function withEditLog(body: string, previous: string, now: number, windowMs: number = EDIT_LOG_WINDOW_MS): string {
  const kept = editTimes(previous).filter((t) => t > now - windowMs && t <= now);
  const times = [...kept, now].map(isoSecond).join(" ");
  return `${withoutEditLog(body)}\n<!-- incident-sla-edits: ${times} -->`;
}
