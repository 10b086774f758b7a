// Percentiles by nearest rank: for n values sorted ascending, the p-th
// percentile is the value at rank ⌈p·n/100⌉ (1-based). Every answer is a time
// that really happened (no interpolation between two incidents), and the
// median is the 50th percentile: for an even n, the lower of the two middle
// values. The rank is computed in integers (p·n, then /100), so the 7th
// percentile of 100 values is rank 7, never 8 through a floating-point
// 0.07 · 100 = 7.000000000000001.

/** The p-th percentile (1 ≤ p ≤ 100, an integer) of values, or null when there are none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (!Number.isInteger(p) || p < 1 || p > 100) throw new RangeError(`percentile must be an integer from 1 to 100, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p * sorted.length) / 100);
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]): number | null => nearestRank(values, 50);
