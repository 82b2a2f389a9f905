import type { MetricValues, ResultRow } from "@pulse/stats";
import { type KrafterDimension, shownValueOf } from "../dimensions.js";

export interface Counts {
  pageviews: number;
  visitors: number;
  visits: number;
}

export interface BreakdownRow {
  value: string;
  count: number;
  percent: number;
}

export interface StatsData {
  period: { from: string; to: string };
  totals: Counts;
  timeseries: ({ date: string } & Counts)[];
  breakdown?: Record<string, BreakdownRow[]>;
}

/** Our sessions are Krafter's visits. */
export function countsOf(metrics: MetricValues): Counts {
  return { pageviews: metrics.pageviews ?? 0, visitors: metrics.visitors ?? 0, visits: metrics.sessions ?? 0 };
}

/** One point a day, empty days included. */
export function timeseriesOf(rows: readonly ResultRow[]): ({ date: string } & Counts)[] {
  return rows.map((row) => ({ date: String(row.dimensions["time:day"] ?? ""), ...countsOf(row.metrics) }));
}

/**
 * Krafter's breakdown counts page views (its example: path counts add up to the total page views,
 * each percent their share of it), the percent with one decimal.
 */
export function breakdownOf(dimension: KrafterDimension, engineDimension: string, rows: readonly ResultRow[]): BreakdownRow[] {
  return rows.map((row) => ({
    value: shownValueOf(dimension, String(row.dimensions[engineDimension] ?? "")),
    count: row.metrics.pageviews ?? 0,
    percent: Math.round((row.relative?.pageviews ?? 0) * 1000) / 10,
  }));
}
