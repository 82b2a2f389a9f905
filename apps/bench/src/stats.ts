/** Median, min and max of a figure measured over repeated runs. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** The middle value (the mean of the two middle ones for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = finite(values).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max of the runs' values; values that are not finite numbers are ignored. */
export function summarize(runs: readonly number[]): Summary {
  const values = finite(runs);
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, runs: [...runs] };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: [...runs] };
}

/**
 * Nearest-rank percentile (the smallest value with at least p% of the values at or below it), as
 * latency tools report them; `p` in 0..100. NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const sorted = finite(values).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Several percentiles of one set of values, sorting it once. */
export function percentiles(values: readonly number[], ps: readonly number[]): Record<string, number> {
  const sorted = finite(values).sort((a, b) => a - b);
  return Object.fromEntries(ps.map((p) => [`p${p}`, percentile(sorted, p)]));
}

/** A value seen `weight` times, e.g. the lag of a bucket of events that became visible together. */
export interface Weighted {
  value: number;
  weight: number;
}

/** Nearest-rank percentile of weighted values: the value below which p% of the total weight lies. */
export function weightedPercentile(items: readonly Weighted[], p: number): number {
  if (p < 0 || p > 100) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const usable = items.filter((i) => Number.isFinite(i.value) && i.weight > 0).sort((a, b) => a.value - b.value);
  const total = usable.reduce((sum, i) => sum + i.weight, 0);
  if (total === 0) return Number.NaN;
  const target = Math.max(Number.MIN_VALUE, (p / 100) * total);
  let seen = 0;
  for (const item of usable) {
    seen += item.weight;
    if (seen >= target) return item.value;
  }
  return usable.at(-1)!.value;
}

/** a / b, NaN when either is missing or b is 0: a ratio is only ever taken within one run. */
export function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}
