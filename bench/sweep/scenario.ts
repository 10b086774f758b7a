// What the sweep benchmark measures on: two sizes of a vendor's support
// organisation (one private repository per customer, as POLICY.md maps the
// policy onto GitHub), a fixed clock and fixed seeds, shared by the benchmark
// and the fake GitHub's process so both sides agree on every name.

export interface Scenario {
  name: string;
  /** Open incidents across all repositories. */
  incidents: number;
  repos: number;
  seed: number;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: "1k", incidents: 1_000, repos: 10, seed: 20_260_318 },
  { name: "10k", incidents: 10_000, repos: 50, seed: 20_260_319 },
];

/**
 * The sweep's `now` and the fake GitHub's clock: a Wednesday, 14:40 in
 * Moscow. Incidents reach 30 days back, over the ru holidays of 23 February
 * and 9 March 2026 (calendar-ru.md), so business clocks meet real holidays.
 */
export const NOW = Date.parse("2026-03-18T11:40:00Z");

export const OWNER = "vendor-support";
/** The sweep writes as GitHub Actions' token does in a scheduled workflow. */
export const BOT = "github-actions[bot]";
export const TOKEN = "ghs_bench_sweep_token";

/** Support engineers: members of the vendor's organisation. */
export const ENGINEERS = ["anna-k", "boris-l", "vera-m", "gleb-n", "daria-o", "egor-p", "zoya-r", "ilya-s"] as const;
export const MANAGERS = ["olga-manager", "pavel-manager"] as const;

export const repoName = (index: number): string => `customer-${String(index + 1).padStart(2, "0")}`;

/** Per repository: what the seed put there, and the request counts it implies. */
export interface RepoExpectation {
  repo: string;
  open: number;
  closed: number;
  /** Open issues with more than 100 timeline items of the kinds the sweep asks GraphQL for. */
  over100: number;
  /** GraphQL pages of open issues: ceil(open / 100), at least one. */
  issuePages: number;
  /** Extra GraphQL timeline pages: Σ over open issues of ceil(items / 100) − 1. */
  extraPages: number;
  /** REST pages listing open issues (100 a page), at least one. */
  restListPages: number;
  /** REST timeline pages (100 a page, every event kind), at least one per open issue. */
  restTimelinePages: number;
}

export const pagesOf = (items: number): number => Math.max(1, Math.ceil(items / 100));
