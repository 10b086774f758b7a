// Hidden markers in the app's comments. A marker names what a comment is
// (its key), so that a retry, a duplicated webhook or a second replica finds
// the comment and edits it instead of posting another (DESIGN §1.4, §6).
// A fingerprint of the state the comment shows lets the app skip edits that
// would change nothing that matters.
import { createHash } from "node:crypto";

const PREFIX = "incident-sla:";
const MARKER = /<!-- incident-sla:(\S+?)(?: fp=([0-9a-f]+))? -->/;

export function marker(key: string, fingerprint?: string): string {
  return `<!-- ${PREFIX}${key}${fingerprint ? ` fp=${fingerprint}` : ""} -->`;
}

export function readMarker(body: string | null | undefined): { key: string; fingerprint: string | null } | null {
  const m = body ? MARKER.exec(body) : null;
  return m ? { key: m[1]!, fingerprint: m[2] ?? null } : null;
}

export function fingerprint(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
