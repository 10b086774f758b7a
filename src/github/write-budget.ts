// GitHub's secondary limits for content-creating requests: 80 a minute and
// 500 an hour per installation (TOOLCHAIN.md). The sweep spends a budget per
// installation and leaves what does not fit to the next sweep, most urgent
// incidents first.
//
// A budget counts two kinds of writes: those this process made (`take`), and
// those GitHub shows the app made, read from the timelines the sweep reads
// anyway (`observe`: the app's comments, label events and the edit log its
// edited comments carry). So sweeps run as separate processes (a CronJob, an
// Actions workflow), which keep nothing between runs, and webhooks handled by
// other replicas are counted too: consecutive runs stay within the limits in
// sum. Not seen on GitHub, so counted only by the process that made them:
// labels created in a repository, comments deleted, writes on closed issues.

export class BudgetExhausted extends Error {
  override name = "BudgetExhausted";
}

export interface WriteLimits {
  perMinute: number;
  perHour: number;
}

export const GITHUB_WRITE_LIMITS: WriteLimits = { perMinute: 80, perHour: 500 };

const HOUR = 3_600_000;
const MINUTE = 60_000;

export class WriteBudget {
  /** This process's writes, with the issue each was made on ("" when none). */
  private readonly own: { at: number; key: string }[] = [];
  /** The app's writes GitHub showed when each issue was last read. */
  private readonly observed = new Map<string, number[]>();

  constructor(
    private readonly limits: WriteLimits = GITHUB_WRITE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether the limits are finite (a benchmark may lift them). */
  get bounded(): boolean {
    return Number.isFinite(this.limits.perHour) || Number.isFinite(this.limits.perMinute);
  }

  get perHour(): number {
    return this.limits.perHour;
  }

  /**
   * What an issue's timeline, read at `readAt`, shows of the app's writes (epoch ms). It
   * replaces what was seen on that issue before, and this process's own writes on it up to
   * `readAt`, which the timeline now shows.
   */
  observe(key: string, times: number[], readAt: number): void {
    const since = readAt - HOUR;
    const recent = times.filter((t) => t > since);
    if (recent.length > 0) this.observed.set(key, recent);
    else this.observed.delete(key);
    for (let i = this.own.length - 1; i >= 0; i--) if (this.own[i]!.key === key && this.own[i]!.at <= readAt) this.own.splice(i, 1);
  }

  /** Writes counted in the last minute and hour. */
  used(now: number = this.clock()): { minute: number; hour: number } {
    let minute = 0;
    let hour = 0;
    const count = (t: number) => {
      if (t > now - HOUR && t <= now) hour++;
      if (t > now - MINUTE && t <= now) minute++;
    };
    for (const w of this.own) count(w.at);
    for (const [key, times] of this.observed) {
      const kept = times.filter((t) => t > now - HOUR);
      if (kept.length === 0) this.observed.delete(key);
      for (const t of kept) count(t);
    }
    return { minute, hour };
  }

  /** Records one write (on issue `key`), or throws BudgetExhausted when it would break a limit. */
  take(key = ""): void {
    const now = this.clock();
    while (this.own.length > 0 && this.own[0]!.at <= now - HOUR) this.own.shift();
    const { minute, hour } = this.used(now);
    if (minute >= this.limits.perMinute || hour >= this.limits.perHour) {
      throw new BudgetExhausted(`write budget used up (${minute}/min, ${hour}/h, counting the app's writes GitHub shows)`);
    }
    this.own.push({ at: now, key });
  }
}

/** One budget per installation, kept across sweeps in this process. */
export class WriteBudgets {
  private readonly budgets = new Map<string, WriteBudget>();
  constructor(
    private readonly limits: WriteLimits = GITHUB_WRITE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}
  for(installation: number | string): WriteBudget {
    const key = String(installation);
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = new WriteBudget(this.limits, this.clock);
      this.budgets.set(key, budget);
    }
    return budget;
  }
}
