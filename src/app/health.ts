// Whether the app can do its time-driven work, for GET /healthz: the outcome
// of the last sweeps, kept in memory (a restart starts healthy again). A
// sweep fails when it threw or could sweep nothing at all (every installation
// or repository failed: a bad key, GitHub unreachable). A partial failure
// (one repository) is reported but stays healthy: taking every replica out of
// service for one customer's repository would stop webhooks for all of them.

export interface SweepRecord {
  at: number;
  ok: boolean;
  /** Installations and repositories swept, and how many of them failed. */
  swept: number;
  failed: number;
  /** The first few failures: "acme/support: Bad credentials". */
  problems: string[];
}

export interface HealthReport {
  healthy: boolean;
  body: {
    status: "ok" | "failing";
    reason?: string;
    sweeps: "off" | "on";
    intervalSeconds?: number;
    consecutiveFailures?: number;
    lastSweep?: { at: string; ok: boolean; swept: number; failed: number; problems: string[] };
    lastSuccess?: string;
    /** Incidents waiting for their next instant in this process, and the earliest one. */
    wakeUps?: { scheduled: number; next: string | null };
  };
}

export interface SweepHealthOptions {
  /** 0: sweeps are off in this process (a CronJob sweeps): always healthy. */
  intervalSeconds: number;
  now: () => number;
  /** Failed sweeps in a row before the app reports itself failing. */
  failuresBeforeFailing?: number;
  /** The wake-ups' heap (app/wake-ups.ts), null before the first reconciliation. */
  wakeUps?: () => { scheduled: number; next: number | null } | null;
}

export class SweepHealth {
  private readonly startedAt: number;
  private last: SweepRecord | null = null;
  private lastSuccess: number | null = null;
  private consecutiveFailures = 0;

  constructor(private readonly options: SweepHealthOptions) {
    this.startedAt = options.now();
  }

  /** Records a finished sweep. */
  record(sweep: Omit<SweepRecord, "at" | "ok">): void {
    const ok = sweep.swept === 0 || sweep.failed < sweep.swept;
    this.last = { ...sweep, at: this.options.now(), ok };
    if (ok) {
      this.consecutiveFailures = 0;
      this.lastSuccess = this.last.at;
    } else this.consecutiveFailures++;
  }

  /** Records a sweep that threw before it could say what it swept. */
  recordError(problem: string): void {
    this.last = { at: this.options.now(), ok: false, swept: 0, failed: 0, problems: [problem] };
    this.consecutiveFailures++;
  }

  report(): HealthReport {
    const { intervalSeconds } = this.options;
    if (intervalSeconds <= 0) return { healthy: true, body: { status: "ok", sweeps: "off" } };
    const iso = (ms: number) => new Date(ms).toISOString();
    const body: HealthReport["body"] = {
      status: "ok",
      sweeps: "on",
      intervalSeconds,
      consecutiveFailures: this.consecutiveFailures,
      ...(this.last ? { lastSweep: { at: iso(this.last.at), ok: this.last.ok, swept: this.last.swept, failed: this.last.failed, problems: this.last.problems } } : {}),
      ...(this.lastSuccess !== null ? { lastSuccess: iso(this.lastSuccess) } : {}),
    };
    const wakeUps = this.options.wakeUps?.();
    if (wakeUps) body.wakeUps = { scheduled: wakeUps.scheduled, next: wakeUps.next === null ? null : iso(wakeUps.next) };
    const threshold = this.options.failuresBeforeFailing ?? 2;
    if (this.consecutiveFailures >= threshold) {
      return { healthy: false, body: { ...body, status: "failing", reason: `the last ${this.consecutiveFailures} sweeps failed: ${this.last?.problems.join("; ") ?? "unknown"}` } };
    }
    // A sweep that never ends (a hung GitHub) shows as no success for three intervals.
    const since = this.lastSuccess ?? this.startedAt;
    const staleMs = 3 * intervalSeconds * 1000 + 60_000;
    if (this.options.now() - since > staleMs) {
      return { healthy: false, body: { ...body, status: "failing", reason: `no sweep has succeeded since ${iso(since)}` } };
    }
    return { healthy: true, body };
  }
}
