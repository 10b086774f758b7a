// Checkouts of an owner's repositories in a new directory, for the commands
// that follow `_extends` on the local disk (check-config, and --config).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** "repo/path" → text, each repository with a .git directory; returns the directory holding them. */
export function checkouts(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "incident-sla-checkouts-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true });
    mkdirSync(join(root, path.split("/")[0]!, ".git"), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
