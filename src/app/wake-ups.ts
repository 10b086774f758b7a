// Wake-ups: every incident the app has decided carries the
// next instant it needs looking at (domain/plans/wake-at.ts). They wait in one heap
// with one timer for the earliest instant; when instants come, only the
// incidents due are read, batched by repository (100 a GraphQL query, by
// number), decided with the sweep's reminders and written through the sweep's
// write path and budget. A webhook's decision refreshes the incident's
// instant; a sweep's decisions fill the heap.
import type { Explanation } from "../domain/clock/evaluate.js";
import { wakeAt } from "../domain/plans/wake-at.js";
import { pendingWrites } from "../github/apply-plan.js";
import { loadRepoConfig } from "../github/load-config.js";
import { withRateLimitRetry } from "../github/rate-limit.js";
import type { AppComment } from "../github/read-incident.js";
import { readIncidentsByNumber } from "../github/read-incidents-by-number.js";
import type { ReadStats } from "../github/read-open-incidents.js";
import { type Octokit, type RepoRef, messageOf } from "../github/types.js";
import { InstantHeap } from "../units/heap.js";
import { decideIncident } from "./decide-incident.js";
import type { Pending, RepoRead, RepoSweep } from "./sweep.js";
import type { SweepDeps, SweepTarget } from "./sweep-deps.js";
import { writeQueued } from "./sweep.js";

export interface WakeRef {
  installationId: number | string;
  owner: string;
  repo: string;
  number: number;
}

export interface WakeUpDeps {
  sweep: SweepDeps;
  /** The installation's clients and write budget (the sweep's). */
  targetFor: (installationId: number | string) => Promise<SweepTarget>;
  /** One timer at a time; the fake clock's in tests. */
  setTimer: (run: () => void, ms: number) => { cancel: () => void };
  /** Instants this close together are read in one batch: a reminder waits at most this much for company (default 30 s: within the minute, and a quiet hour costs few queries). */
  gatherMs?: number;
  /** When writes were left for later (budget, rate limit, a failure): looked at again after this long (default 5 min). */
  retryMs?: number;
  /** A repository's configuration read by a wake-up serves the next ones this long (default 5 min); webhooks and reconciliations always read it afresh. */
  configTtlMs?: number;
  /** Told of every run the timer started (metrics, log); a reconciliation's run is counted with it. */
  onRun?: (run: WakeRun, ms: number) => void;
}

/** setTimeout's longest delay (about 24.8 days); a later instant is armed again when this one fires. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface WakeRun {
  due: number;
  repositories: RepoSweep[];
}

const keyOf = (r: WakeRef) => `${r.installationId}|${r.owner}/${r.repo}#${r.number}`.toLowerCase();

export class WakeUps {
  private readonly heap = new InstantHeap();
  private readonly refs = new Map<string, WakeRef>();
  private timer: { cancel: () => void; at: number } | null = null;
  private running: Promise<WakeRun> | null = null;
  private stopped = true;
  private readonly configs = new Map<string, { at: number; loaded: Awaited<ReturnType<typeof loadRepoConfig>> }>();

  constructor(private readonly deps: WakeUpDeps) {}

  get size(): number {
    return this.heap.size;
  }

  /** The earliest instant waited for, if any. */
  get next(): number | null {
    return this.heap.peek()?.at ?? null;
  }

  /** The instant an incident is waiting for, if any. */
  instantOf(ref: WakeRef): number | undefined {
    return this.heap.get(keyOf(ref));
  }

  /** Records a decision: the incident's next instant (or none). Webhooks and sweeps call this. */
  note(ref: WakeRef, explanation: Explanation, appComments?: ReadonlyMap<string, AppComment[]>): void {
    this.schedule(ref, wakeAt(explanation, { posted: new Set(appComments?.keys() ?? []) }));
  }

  schedule(ref: WakeRef, at: number | null): void {
    const key = keyOf(ref);
    if (at === null) {
      this.heap.delete(key);
      this.refs.delete(key);
    } else {
      this.refs.set(key, ref);
      this.heap.set(key, at);
    }
    this.arm();
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  /** One timer, for the earliest instant plus the gathering window. */
  private arm(): void {
    if (this.stopped || this.running) return;
    const top = this.heap.peek();
    const fireAt = top ? top.at + (this.deps.gatherMs ?? 30_000) : null;
    if (this.timer && this.timer.at === fireAt) return;
    this.timer?.cancel();
    this.timer = null;
    if (fireAt === null) return;
    const handle = this.deps.setTimer(
      () => {
        this.timer = null;
        const started = this.deps.sweep.now();
        this.runDue()
          .then((run) => this.deps.onRun?.(run, this.deps.sweep.now() - started))
          .catch((error: unknown) => this.deps.sweep.log.error({ error: messageOf(error) }, "wake-ups failed"));
      },
      Math.min(LONGEST_TIMER_MS, Math.max(0, fireAt - this.deps.sweep.now())),
    );
    this.timer = { ...handle, at: fireAt };
  }

  /** Reads, decides and writes every incident whose instant has come; then arms the timer again. */
  async runDue(): Promise<WakeRun> {
    if (this.running) return this.running;
    this.running = this.work().finally(() => {
      this.running = null;
      this.arm();
    });
    return this.running;
  }

  private async work(): Promise<WakeRun> {
    const now = this.deps.sweep.now();
    // Installation → repository → numbers: one client per installation, one query for up to 100 incidents of any of its repositories.
    const installations = new Map<string, { installationId: number | string; repos: Map<string, { ref: RepoRef; numbers: number[] }> }>();
    const due = this.heap.popDue(now);
    for (const { key } of due) {
      const ref = this.refs.get(key)!;
      this.refs.delete(key);
      const i = String(ref.installationId);
      if (!installations.has(i)) installations.set(i, { installationId: ref.installationId, repos: new Map() });
      const repos = installations.get(i)!.repos;
      const r = `${ref.owner}/${ref.repo}`.toLowerCase();
      if (!repos.has(r)) repos.set(r, { ref: { owner: ref.owner, repo: ref.repo }, numbers: [] });
      repos.get(r)!.numbers.push(ref.number);
    }
    const repositories: RepoSweep[] = [];
    for (const { installationId, repos } of installations.values()) repositories.push(...(await this.wakeInstallation(installationId, [...repos.values()])));
    return { due: due.length, repositories };
  }

  /** Looked at again after `retryMs` (unless something else gave them an instant meanwhile). */
  private retry(installationId: number | string, ref: RepoRef, numbers: readonly number[]): void {
    const at = this.deps.sweep.now() + (this.deps.retryMs ?? 300_000);
    for (const number of numbers) if (this.instantOf({ installationId, ...ref, number }) === undefined) this.schedule({ installationId, ...ref, number }, at);
  }

  /**
   * One installation's due incidents: 1. each repository's configuration (kept a while) →
   * 2. one read for up to 100 incidents across the repositories → 3. decide → 4. write, most
   * urgent first, through the sweep's write path and budget → 5. each incident's next instant.
   */
  private async wakeInstallation(installationId: number | string, wanted: { ref: RepoRef; numbers: number[] }[]): Promise<RepoSweep[]> {
    const deps = this.deps.sweep;
    const reads = new Map<string, { read: RepoRead; numbers: number[]; stats: ReadStats }>();
    for (const w of wanted) {
      const result: RepoSweep = { repo: `${w.ref.owner}/${w.ref.repo}`, installation: installationId, ok: true, config: "missing", incidents: 0, reads: 0, extraPages: 0, writes: 0, deferred: 0, changed: 0 };
      reads.set(result.repo.toLowerCase(), { read: { result, pending: [] }, numbers: w.numbers, stats: { requests: 0, extraPages: 0 } });
    }
    const entryOf = (ref: RepoRef) => reads.get(`${ref.owner}/${ref.repo}`.toLowerCase())!;
    const failed = (entries: Iterable<{ read: RepoRead; numbers: number[] }>, error: unknown, what: string) => {
      for (const e of entries) {
        e.read.result.ok = false;
        e.read.result.error = messageOf(error);
        deps.log.error({ installation: installationId, repo: e.read.result.repo, error: e.read.result.error, incidents: e.numbers.length }, `${what}: tried again later`);
        const [owner, repo] = e.read.result.repo.split("/") as [string, string];
        this.retry(installationId, { owner, repo }, e.numbers);
      }
    };
    let target: SweepTarget;
    try {
      target = await this.deps.targetFor(installationId);
    } catch (error) {
      failed(reads.values(), error, "wake-up failed: no client for the installation");
      return [...reads.values()].map((e) => e.read.result);
    }
    const waits = { now: deps.now, sleep: deps.sleep, maxWaitMs: deps.maxRateLimitWaitMs ?? 60_000, onWait: deps.onRateLimitWait };
    const graphql = ((query: string, variables: Record<string, unknown>) => withRateLimitRetry(() => target.graphql(query, variables), waits)) as Octokit["graphql"];

    // 1. Configurations. Without one the repository is no customer's any more: its incidents are dropped. An invalid
    // one is reported by webhooks and reconciliations; its incidents are looked at again after `retryMs`.
    const valid: { ref: RepoRef; numbers: number[] }[] = [];
    for (const w of wanted) {
      const e = entryOf(w.ref);
      try {
        const loaded = await this.configOf(w.ref, () => withRateLimitRetry(() => loadRepoConfig(target.octokit, w.ref), waits));
        e.read.result.config = loaded.kind;
        if (loaded.kind === "valid") {
          e.read.config = loaded.config;
          valid.push(w);
        } else if (loaded.kind === "invalid") this.retry(installationId, w.ref, w.numbers);
      } catch (error) {
        failed([e], error, "wake-up could not read the configuration");
      }
    }

    // 2–3. Read and decide.
    const now = deps.now();
    const decided: { ref: WakeRef; explanation: Explanation; comments: ReadonlyMap<string, AppComment[]>; pending?: Pending }[] = [];
    try {
      for await (const { ref, ownerType, incident } of readIncidentsByNumber(graphql, valid, deps.botLogin, (r) => entryOf(r).stats)) {
        const { read } = entryOf(ref);
        const config = read.config!;
        const number = incident.issue.number as number;
        read.result.incidents++;
        const trusted = !config.team.orgMembersAreEngineers ? [] : ownerType === "Organization" ? await deps.members.members(target.octokit, Number(installationId), ref.owner) : [];
        const planned = decideIncident({ config, issue: incident.issue, timeline: incident.timeline, now, bot: deps.botLogin, engineers: trusted }, incident.assignees);
        const writes = pendingWrites(planned.plan, incident.appComments);
        const entry: (typeof decided)[number] = { ref: { installationId, ...ref, number }, explanation: planned.explanation, comments: incident.appComments };
        if (writes.length > 0) {
          const urgency = Math.min(...planned.explanation.targets.filter((t) => !t.met && t.status !== "cancelled").map((t) => t.due), Number.POSITIVE_INFINITY);
          entry.pending = { ref: { ...ref, issue_number: number }, writes, urgency };
          read.pending.push(entry.pending);
        }
        decided.push(entry);
        deps.onDecided?.({ installationId, ref: { ...ref, issue_number: number }, explanation: planned.explanation, appComments: incident.appComments, assignees: incident.assignees });
      }
    } catch (error) {
      // What was decided before the failure is still written; the rest is read again later.
      const seen = new Set(decided.map((d) => `${d.ref.owner}/${d.ref.repo}#${d.ref.number}`.toLowerCase()));
      for (const w of valid) {
        const left = w.numbers.filter((n) => !seen.has(`${w.ref.owner}/${w.ref.repo}#${n}`.toLowerCase()));
        if (left.length > 0) failed([{ read: entryOf(w.ref).read, numbers: left }], error, "wake-up read failed");
      }
    }
    const all = [...reads.values()];
    for (const { read, stats } of all) {
      read.result.reads = stats.requests;
      read.result.extraPages = stats.extraPages;
      read.result.changed = read.pending.length;
    }

    // 4. Writes, most urgent first across the installation's repositories.
    const queue = all.flatMap(({ read }) => read.pending.map((p) => ({ read, p }))).sort((a, b) => a.p.urgency - b.p.urgency);
    if (!deps.dryRun && queue.length > 0) {
      try {
        await writeQueued(deps, () => target, all.map((e) => e.read), queue);
      } catch (error) {
        failed(all.filter((e) => e.read.pending.length > 0), error, "wake-up writes failed");
      }
    }

    // 5. Next instants. Writes left for later are looked at again soon, whatever the plan's next instant.
    for (const d of decided) {
      const { result } = entryOf(d.ref).read;
      const next = wakeAt(d.explanation, { posted: new Set(d.comments.keys()) });
      const retryAt = d.pending && (!result.ok || result.deferred > 0) ? deps.now() + (this.deps.retryMs ?? 300_000) : null;
      this.schedule(d.ref, retryAt === null ? next : next === null ? retryAt : Math.min(next, retryAt));
    }
    return all.map((e) => e.read.result);
  }

  /** The repository's configuration, read at most once per `configTtlMs` by wake-ups. */
  private async configOf(ref: { owner: string; repo: string }, read: () => ReturnType<typeof loadRepoConfig>): ReturnType<typeof loadRepoConfig> {
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const now = this.deps.sweep.now();
    const kept = this.configs.get(key);
    if (kept && now - kept.at < (this.deps.configTtlMs ?? 300_000)) return kept.loaded;
    const loaded = await read();
    this.configs.set(key, { at: now, loaded });
    return loaded;
  }

  /** A configuration changed (a push to it): the next wake-up reads it again. */
  forgetConfig(ref: { owner: string; repo: string }): void {
    this.configs.delete(`${ref.owner}/${ref.repo}`.toLowerCase());
  }
}
