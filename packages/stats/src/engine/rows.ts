import type { Dimension } from "../model/dimensions.js";
import { type Metric, RELATIVE_METRICS } from "../model/metrics.js";
import { changeOf, shareOf } from "./change.js";
import type { ComparisonOut, MetricValues, ResultRow } from "./results.js";

/** A row as ClickHouse returns it: dim_0.. and one column per metric. */
export type RawRow = Record<string, string | number>;

export function metricsOf(raw: RawRow | undefined, metrics: readonly Metric[]): MetricValues {
  return Object.fromEntries(metrics.map((m) => [m, Number(raw?.[m] ?? 0)]));
}

export function dimensionsOf(raw: RawRow, dimensions: readonly Dimension[]): Record<string, string | number> {
  return Object.fromEntries(dimensions.map((d, i) => [d, raw[`dim_${i}`]!]));
}

/** The text form of a row's dimension values, as the comparison query matches them. */
export function keyOf(raw: RawRow, dimensions: readonly Dimension[]): string[] {
  return dimensions.map((_, i) => String(raw[`dim_${i}`]));
}

export function comparisonOf(current: MetricValues, previous: MetricValues, metrics: readonly Metric[]): ComparisonOut {
  return {
    metrics: previous,
    change: Object.fromEntries(metrics.map((m) => [m, changeOf(current[m] ?? 0, previous[m] ?? 0)])),
  };
}

/** Each count's share of the filtered total. */
export function relativeOf(row: ResultRow, totals: MetricValues): MetricValues {
  const relative: MetricValues = {};
  for (const m of RELATIVE_METRICS) {
    const value = row.metrics[m];
    if (value !== undefined) relative[m] = shareOf(value, totals[m] ?? 0);
  }
  return relative;
}
