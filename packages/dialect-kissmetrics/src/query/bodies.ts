import type { BreakdownResult, TimeseriesResult } from "@pulse/stats";
import { z } from "zod";
import { type Hrefs, type Link, link, linkOf } from "../http/links.js";
import { listBodyOf, pagination } from "../http/paging.js";
import { type MetricEntry, metricIdOf, metricValueOf, targetOf, titleOf, unitTypeOf } from "../model/metrics.js";
import type { PropertyRef } from "../model/properties.js";

const context = {
  metric_id: z.string(),
  product_id: z.string(),
  title: z.string(),
  unit_type: z.enum(["numeric", "time", "percent"]),
  start_date: z.string(),
  end_date: z.string(),
};

export const overTimeBody = z.object({
  links: z.array(link),
  ...context,
  interval: z.enum(["hour", "day", "week", "month"]),
  total: z.number(),
  data: z.array(z.object({ date: z.string(), value: z.number() })),
});
export type OverTimeBody = z.infer<typeof overTimeBody>;

export const bySegmentBody = z.object({
  links: z.array(link),
  pagination,
  ...context,
  segment: z.string(),
  data: z.array(z.object({ segment: z.string(), value: z.number() })),
});
export type BySegmentBody = z.infer<typeof bySegmentBody>;

function contextOf(entry: MetricEntry, days: { from: string; to: string }) {
  return {
    metric_id: metricIdOf(entry),
    product_id: entry.site.id,
    title: titleOf(entry),
    unit_type: unitTypeOf(entry),
    start_date: days.from,
    end_date: days.to,
  };
}

const metricLinkOf = (entry: MetricEntry, hrefs: Hrefs): Link => linkOf(hrefs.core("metrics", metricIdOf(entry)), "metric", "Metric");

/** Engine bucket labels as dates: "2026-03-10" stays, an hour "2026-03-10 14:00:00" becomes "2026-03-10T14:00:00". */
export const dateOfLabel = (label: string) => label.replace(" ", "T");

export function overTimeBodyOf(
  entry: MetricEntry,
  interval: OverTimeBody["interval"],
  days: { from: string; to: string },
  total: number | undefined,
  series: TimeseriesResult,
  self: URL,
  hrefs: Hrefs,
): OverTimeBody {
  const { metric } = targetOf(entry);
  return {
    links: [linkOf(self.toString(), "self", "Self"), metricLinkOf(entry, hrefs)],
    ...contextOf(entry, days),
    interval,
    total: metricValueOf(entry, total),
    data: series.rows.map((row) => ({ date: dateOfLabel(String(Object.values(row.dimensions)[0] ?? "")), value: metricValueOf(entry, row.metrics[metric]) })),
  };
}

export function bySegmentBodyOf(
  entry: MetricEntry,
  segment: PropertyRef,
  days: { from: string; to: string },
  result: BreakdownResult,
  page: { offset: number; limit: number },
  self: URL,
  hrefs: Hrefs,
): BySegmentBody {
  const { metric } = targetOf(entry);
  const rows = result.rows.map((row) => ({ segment: String(Object.values(row.dimensions)[0] ?? ""), value: metricValueOf(entry, row.metrics[metric]) }));
  const list = listBodyOf(self, rows, { total: result.total_rows, offset: page.offset, limit: page.limit }, [metricLinkOf(entry, hrefs)]);
  return { links: list.links, pagination: list.pagination, ...contextOf(entry, days), segment: segment.key, data: list.data };
}
