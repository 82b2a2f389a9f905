import type { Site } from "@pulse/metadata";
import type { FilterInput, Metric, StatsQueryInput } from "@pulse/stats";
import { dimensionOf, filterOf, hasValue, type PropertyRef } from "../model/properties.js";
import { daysOf } from "./dates.js";
import { type BySegmentParams, type FilterParams, OPERATORS, type OverTimeParams } from "./params.js";
import { propertyRefOf } from "./properties.js";

/** What a metric counts (see model/metrics.ts targetOf). */
export interface Target {
  metric: Metric;
  filters: FilterInput[];
}

/** The target's filters and the request's condition, if any. */
function filtersOf(site: Site, target: Target, params: FilterParams): FilterInput[] {
  if (params.property === undefined || params.value === undefined) return target.filters;
  const ref = propertyRefOf(site.id, params.property, "property");
  return [...target.filters, filterOf(ref, OPERATORS[params.operator], params.value)];
}

/** Over time: the period's total and one bucket per interval, in the product's zone. */
export function overTimeQueriesOf(site: Site, target: Target, params: OverTimeParams, now: Date) {
  const days = daysOf(params, site.timezone, now);
  const base = { site_id: site.id, timezone: site.timezone, date_range: days, metrics: [target.metric], filters: filtersOf(site, target, params) } satisfies StatsQueryInput;
  return { days, total: base, series: { ...base, dimensions: [`time:${params.interval}` as const] } satisfies StatsQueryInput };
}

/**
 * By segment: the metric per value of the segment property. Hits without a value for it (no such
 * key, no referrer) have no segment and are left out.
 */
export function bySegmentQueryOf(site: Site, target: Target, params: BySegmentParams, now: Date): { days: { from: string; to: string }; segment: PropertyRef; query: StatsQueryInput } {
  const days = daysOf(params, site.timezone, now);
  const segment = propertyRefOf(site.id, params.segment, "segment");
  const dimension = dimensionOf(segment);
  const query: StatsQueryInput = {
    site_id: site.id,
    timezone: site.timezone,
    date_range: days,
    metrics: [target.metric],
    dimensions: [dimension],
    filters: [...filtersOf(site, target, params), hasValue(segment)],
    order_by: [params.sort === "value" ? [target.metric, params.order] : [dimension, params.order]],
    limit: params.limit,
    offset: params.offset,
    ...(params.search === undefined ? {} : { search: params.search }),
  };
  return { days, segment, query };
}
