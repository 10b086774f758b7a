// The labels the app uses, with colours and descriptions, created when
// missing (on installation, when first needed, and again when one is deleted
// from the repository). The app never deletes or renames a label: managers
// may have recoloured or described them their way. Descriptions are the
// contract language's words (`labels`).
import { type Config, severityLabel } from "../config/schema.js";
import { type Octokit, type RepoRef, statusOf } from "./types.js";
import { wordsFor } from "../words/index.js";

interface LabelDefinition {
  name: string;
  color: string;
  description: string;
}

const SEVERITY_COLOURS = ["b60205", "d93f0b", "fbca04", "c5def5"];

export function labelDefinitions(config: Config): LabelDefinition[] {
  const w = wordsFor(config.language).labels;
  const l = config.labels;
  const d = (name: string, color: string, description: string): LabelDefinition => ({ name, color, description });
  const levels = Object.keys(config.severities).map(Number).sort((a, b) => a - b);
  return [
    ...levels.map((level, i) => d(severityLabel(config, level), SEVERITY_COLOURS[Math.min(i, SEVERITY_COLOURS.length - 1)]!, w.severity(level))),
    d(l.accepted, "0e8a16", w.accepted),
    d(l.waiting, "bfd4f2", w.waiting),
    d(l.workaround, "5319e7", w.workaround),
    d(l.resolved, "0052cc", w.resolved),
    d(l.paused, "d4c5f9", w.paused),
    d(l.atRisk, "fbca04", w.atRisk),
    d(l.breached, "b60205", w.breached),
    d(l.expired, "000000", w.expired),
    d(l.needsDiagnostics, "e99695", w.needsDiagnostics),
  ];
}

const TTL_MS = 10 * 60_000;

interface EnsureOptions {
  /** Re-read the repository's label list when the remembered one is older than this. */
  maxAgeMs?: number;
}

/**
 * Remembers, per repository and for a few minutes, which labels exist, so most
 * events cost no label read. A label deleted from the repository is forgotten
 * at once in the process that hears of it (`forget`), and re-read within a
 * minute by any process that sees an incident lose a label to it.
 */
export class LabelCache {
  private readonly known = new Map<string, { at: number; names: Set<string> }>();
  constructor(private readonly clock: () => number = Date.now) {}

  private static key(ref: RepoRef): string {
    return `${ref.owner}/${ref.repo}`.toLowerCase();
  }

  /** Forgets what the repository's labels are: the next `ensure` reads them again. */
  forget(ref: RepoRef): void {
    this.known.delete(LabelCache.key(ref));
  }

  /** Creates whichever of `names` the repository lacks. */
  async ensure(octokit: Octokit, ref: RepoRef, names: string[], config: Config, beforeWrite?: () => void, options: EnsureOptions = {}): Promise<number> {
    if (names.length === 0) return 0;
    // Only the repository: an issue number in `ref` must not leak into the label's body.
    ref = { owner: ref.owner, repo: ref.repo };
    const key = LabelCache.key(ref);
    let entry = this.known.get(key);
    const lacking = () => names.filter((n) => !entry!.names.has(n.toLowerCase()));
    const maxAge = Math.min(TTL_MS, options.maxAgeMs ?? TTL_MS);
    if (!entry || this.clock() - entry.at > maxAge || lacking().length > 0) {
      const existing = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...ref, per_page: 100 });
      entry = { at: this.clock(), names: new Set(existing.map((l) => l.name.toLowerCase())) };
      this.known.set(key, entry);
    }
    const definitions = new Map(labelDefinitions(config).map((d) => [d.name.toLowerCase(), d]));
    let created = 0;
    for (const name of lacking()) {
      const def = definitions.get(name.toLowerCase()) ?? { name, color: "ededed", description: "" };
      beforeWrite?.();
      try {
        await octokit.rest.issues.createLabel({ ...ref, name: def.name, color: def.color, description: def.description });
        created++;
      } catch (error) {
        // 422: someone created it meanwhile; that is what we wanted.
        if (statusOf(error) !== 422) throw error;
      }
      entry.names.add(name.toLowerCase());
    }
    return created;
  }

  /**
   * A label was deleted from the repository (the `label.deleted` event): forget
   * the list, and create the app's labels again when it was one of them.
   */
  async restoreDeleted(octokit: Octokit, ref: RepoRef, deleted: string, config: Config): Promise<{ appLabel: boolean; created: number }> {
    this.forget(ref);
    const names = labelDefinitions(config).map((d) => d.name);
    if (!names.some((n) => n.toLowerCase() === deleted.toLowerCase())) return { appLabel: false, created: 0 };
    return { appLabel: true, created: await this.ensure(octokit, ref, names, config) };
  }
}
