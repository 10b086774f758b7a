// GitHub's secondary limits for content-creating requests: 80 a minute and
// 500 an hour per installation (TOOLCHAIN.md). The sweep spends a budget per
// installation and leaves what does not fit to the next sweep, most urgent
// incidents first. The budget is per process: replicas each keep their own,
// so run one sweeper per installation shard.

export class BudgetExhausted extends Error {
  override name = "BudgetExhausted";
}

export interface WriteLimits {
  perMinute: number;
  perHour: number;
}

export const GITHUB_WRITE_LIMITS: WriteLimits = { perMinute: 80, perHour: 500 };

export class WriteBudget {
  private readonly times: number[] = [];
  constructor(
    private readonly limits: WriteLimits = GITHUB_WRITE_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records one write, or throws BudgetExhausted when it would break a limit. */
  take(): void {
    const now = this.clock();
    while (this.times.length > 0 && this.times[0]! <= now - 3_600_000) this.times.shift();
    const lastMinute = this.times.filter((t) => t > now - 60_000).length;
    if (lastMinute >= this.limits.perMinute || this.times.length >= this.limits.perHour) {
      throw new BudgetExhausted(`write budget used up (${lastMinute}/min, ${this.times.length}/h)`);
    }
    this.times.push(now);
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
