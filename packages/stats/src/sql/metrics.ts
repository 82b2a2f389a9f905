import type { Metric } from "../model/metrics.js";
import type { StatsQuery } from "../model/query.js";
import type { Scope } from "./scope.js";
import { IS_BOUNCE, SESSION_DURATION } from "./sessions-table.js";

/**
 * Where metrics come from:
 * - ev: rows of `events` matching the filters,
 * - se: collapsed sessions that started in the period,
 * - tp: page views that measure the time spent on their previous page,
 * - cv: rows of `events` matching the filters without hit filters (conversion-rate denominator).
 */
export type SourceName = "ev" | "se" | "tp" | "cv";

export const SOURCE_ORDER: readonly SourceName[] = ["ev", "se", "tp", "cv"];

interface MetricPlan {
  /** Aggregates computed inside the sources, "expr AS alias", by source. */
  raw: Partial<Record<SourceName, string[]>>;
  /** The metric over the joined sources' aliases. */
  value: string;
}

/** Divisions are guarded: an empty group has a rate of 0, not NaN (which JSON cannot carry). */
const ratio = (num: string, den: string, digits?: number) =>
  `if(${den} = 0, 0, round(${num} / ${den}${digits === undefined ? "" : `, ${digits}`}))`;

function customValueOf(query: StatsQuery, scope: Scope): string {
  // Named, so that the total and the average share one expression (and one alias).
  const key = scope.params.named("custom_key", "String", query.custom_metric_key ?? "");
  // An unreadable value (text under the key, or a fraction for an integer metric) is no value at all.
  const parse = query.custom_metric_type === "integer" ? "toInt64OrNull" : "toFloat64OrNull";
  return `toFloat64(${parse}(event_meta[${key}]))`;
}

export function metricPlanOf(metric: Metric, query: StatsQuery, scope: Scope): MetricPlan {
  switch (metric) {
    case "visitors":
      return { raw: { ev: ["uniq(visitor_id) AS ev_visitors"] }, value: "ev_visitors" };
    case "pageviews":
      return { raw: { ev: ["countIf(kind = 'pageview') AS ev_pageviews"] }, value: "ev_pageviews" };
    case "events":
      return { raw: { ev: ["countIf(kind = 'event') AS ev_events"] }, value: "ev_events" };
    case "avg_event_duration":
      return {
        raw: { ev: ["countIf(kind = 'event') AS ev_events", "sumIf(event_duration, kind = 'event') AS ev_event_seconds"] },
        value: ratio("ev_event_seconds", "ev_events"),
      };
    case "event_visitors":
      return { raw: { ev: ["uniqIf(visitor_id, kind = 'event') AS ev_event_visitors"] }, value: "ev_event_visitors" };
    case "revenue": {
      const key = scope.params.named("revenue_key", "String", query.revenue_key ?? "");
      return {
        raw: { ev: [`sumIf(toFloat64OrZero(event_meta[${key}]), kind = 'event') AS ev_revenue`] },
        value: "round(ev_revenue, 2)",
      };
    }
    case "custom_metric_total":
    case "custom_metric_avg": {
      const value = customValueOf(query, scope);
      const raw = {
        ev: [`ifNull(sumIf(${value}, kind = 'event'), 0) AS ev_custom_total`, `countIf(${value} IS NOT NULL AND kind = 'event') AS ev_custom_count`],
      };
      return metric === "custom_metric_total"
        ? { raw, value: "round(ev_custom_total, 4)" }
        : { raw, value: ratio("ev_custom_total", "ev_custom_count", 4) };
    }
    case "conversion_rate":
      return {
        raw: { ev: ["uniq(visitor_id) AS ev_visitors"], cv: ["uniq(visitor_id) AS cv_visitors"] },
        value: ratio("ev_visitors", "cv_visitors", 4),
      };
    case "sessions":
      return { raw: { se: ["count() AS se_sessions"] }, value: "se_sessions" };
    case "bounces":
      return { raw: { se: [`countIf(${IS_BOUNCE}) AS se_bounces`] }, value: "se_bounces" };
    case "bounce_rate":
      return {
        raw: { se: ["count() AS se_sessions", `countIf(${IS_BOUNCE}) AS se_bounces`] },
        value: ratio("se_bounces", "se_sessions", 4),
      };
    case "avg_session_duration":
      return {
        raw: { se: ["count() AS se_sessions", `sum(${SESSION_DURATION}) AS se_duration`] },
        value: ratio("se_duration", "se_sessions"),
      };
    case "views_per_visit":
      return {
        raw: { se: ["count() AS se_sessions", "sum(s_pageviews) AS se_pageviews"] },
        value: ratio("se_pageviews", "se_sessions", 2),
      };
    case "avg_time_on_page":
      return {
        raw: { tp: ["sum(seconds_since_previous) AS tp_seconds", "count() AS tp_count"] },
        value: ratio("tp_seconds", "tp_count"),
      };
  }
}

/** The raw aggregates each needed source computes, without repeats, for the given metrics. */
export function rawBySourceOf(plans: readonly MetricPlan[]): Map<SourceName, string[]> {
  const bySource = new Map<SourceName, string[]>();
  for (const source of SOURCE_ORDER) {
    const raw = [...new Set(plans.flatMap((p) => p.raw[source] ?? []))];
    if (raw.length > 0) bySource.set(source, raw);
  }
  return bySource;
}
