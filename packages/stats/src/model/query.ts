import { z } from "zod";
import { dateRange } from "./date-range.js";
import { type Dimension, dimension, parseDimension } from "./dimensions.js";
import { filters } from "./filters.js";
import { metric } from "./metrics.js";
import { timeZone } from "./time-zone.js";

export const MAX_LIMIT = 100;
const mapKey = z.string().min(1).max(100);

export const orderBy = z.tuple([z.string().min(1).max(120), z.enum(["asc", "desc"])]);

export const include = z
  .object({
    /** Gives each breakdown row `relative`: its share of the filtered total for the counts (visitors, pageviews, ...). */
    relative: z.boolean().default(false),
    /** Adds the previous period's values and the change ratio ((now - then) / then). */
    comparison: z.literal("previous_period").optional(),
  })
  .strict();

/** Breakdowns of the time on page by these would be wrong: a row knows only the previous page's path. */
function breaksTimeOnPage(d: Dimension): boolean {
  const parsed = parseDimension(d);
  if (parsed.kind === "keyed" || parsed.kind === "keys") return true;
  return parsed.kind === "field" && (parsed.field === "title" || parsed.field === "event");
}

/**
 * The one query model behind the native API and every dialect. `timezone` defaults to UTC here:
 * callers fill in the site's zone when the request names none.
 */
export const statsQuery = z
  .object({
    site_id: z.string().min(1).max(200),
    date_range: dateRange,
    timezone: timeZone.default("UTC"),
    metrics: z.array(metric).min(1).max(20).default(["visitors"]),
    dimensions: z.array(dimension).max(3).default([]),
    filters: filters.default([]),
    /** [[name, direction], ...] over the query's metrics and dimensions; default: first metric, descending. */
    order_by: z.array(orderBy).max(5).optional(),
    limit: z.int().min(1).max(MAX_LIMIT).default(20),
    offset: z.int().min(0).max(1_000_000).default(0),
    /** Keeps breakdown rows whose first dimension contains this text, ignoring case. */
    search: z.string().min(1).max(200).optional(),
    include: include.default({ relative: false }),
    revenue_key: mapKey.optional(),
    custom_metric_key: mapKey.optional(),
    custom_metric_type: z.enum(["integer", "float"]).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const issue = (message: string, path: (string | number)[]) => ctx.addIssue({ code: "custom", message, path });
    if (new Set(q.metrics).size !== q.metrics.length) issue("metrics must not repeat", ["metrics"]);
    if (new Set(q.dimensions).size !== q.dimensions.length) issue("dimensions must not repeat", ["dimensions"]);
    if (q.metrics.includes("revenue") && q.revenue_key === undefined) issue("revenue needs revenue_key", ["revenue_key"]);
    const custom = q.metrics.includes("custom_metric_total") || q.metrics.includes("custom_metric_avg");
    if (custom && (q.custom_metric_key === undefined || q.custom_metric_type === undefined)) {
      issue("custom metrics need custom_metric_key and custom_metric_type", ["custom_metric_key"]);
    }
    const names = new Set<string>([...q.metrics, ...q.dimensions]);
    q.order_by?.forEach(([name], i) => {
      if (!names.has(name)) issue(`cannot order by ${name}: not a metric or dimension of the query`, ["order_by", i, 0]);
    });
    if (q.metrics.includes("avg_time_on_page")) {
      q.dimensions.forEach((d, i) => {
        if (breaksTimeOnPage(d)) issue(`avg_time_on_page cannot be broken down by ${d}`, ["dimensions", i]);
      });
    }
    if (q.include.comparison !== undefined && q.date_range === "all") {
      issue("the whole history has no previous period", ["include", "comparison"]);
    }
  });

export type StatsQuery = z.infer<typeof statsQuery>;
export type StatsQueryInput = z.input<typeof statsQuery>;
