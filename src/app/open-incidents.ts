// What this process knows of the open incidents it looks after, between two
// full reconciliations: each one's SLA board row and one-word status, from
// every decision (webhook, wake-up, reconciliation). When a reconciliation
// reads only the issues that changed, the SLA board and the open-incidents
// gauge are kept from here instead of from a read of everything. A full
// reconciliation starts an installation afresh, so an incident closed while
// no event reached the app leaves the board then at the latest.
import type { Config } from "../config/schema.js";
import type { Explanation } from "../domain/clock/evaluate.js";
import { type IncidentStatus, incidentStatus } from "../domain/clock/incident-status.js";
import { type BoardIncident, boardIncident } from "../domain/plans/board.js";
import type { IssueRef } from "../github/types.js";
import type { RepoRead } from "./sweep.js";

interface Known {
  row: BoardIncident;
  status: IncidentStatus;
}

interface KnownRepository {
  repo: string;
  config: Config;
  incidents: Map<number, Known>;
}

const idOf = (installationId: number | string) => String(installationId);

export class OpenIncidents {
  private readonly installations = new Map<string, Map<string, KnownRepository>>();

  /** A full read of the installation begins: an incident not decided again by its end is not open any more. */
  restart(installationId: number | string): void {
    for (const r of this.installations.get(idOf(installationId))?.values() ?? []) r.incidents.clear();
  }

  /** One decision: an open incident's row and status, or a closed one's end. */
  note(installationId: number | string, ref: IssueRef, x: Explanation, assignees: readonly string[]): void {
    const id = idOf(installationId);
    const repos = this.installations.get(id) ?? new Map<string, KnownRepository>();
    this.installations.set(id, repos);
    const name = `${ref.owner}/${ref.repo}`;
    const known = repos.get(name.toLowerCase()) ?? { repo: name, config: x.config, incidents: new Map<number, Known>() };
    known.config = x.config;
    repos.set(name.toLowerCase(), known);
    if (x.issue.state === "closed") known.incidents.delete(ref.issue_number);
    else known.incidents.set(ref.issue_number, { row: boardIncident(name, x, assignees), status: incidentStatus(x) });
  }

  /**
   * The SLA board's input for one installation, as a sweep's reads would give it: one entry per
   * repository known, an emptied one included (its incidents leave the board).
   */
  boardReads(installationId: number | string): RepoRead[] {
    return [...(this.installations.get(idOf(installationId))?.values() ?? [])].map((r) => ({
      result: { repo: r.repo, installation: installationId, ok: true, config: "valid", incidents: r.incidents.size, reads: 0, extraPages: 0, writes: 0, deferred: 0, changed: 0 },
      pending: [],
      config: r.config,
      board: [...r.incidents.values()].map((k) => k.row),
    }));
  }

  /** Open incidents by status over every installation. */
  byStatus(): Partial<Record<IncidentStatus, number>> {
    const counts: Partial<Record<IncidentStatus, number>> = {};
    for (const repos of this.installations.values()) for (const r of repos.values()) for (const k of r.incidents.values()) counts[k.status] = (counts[k.status] ?? 0) + 1;
    return counts;
  }
}
