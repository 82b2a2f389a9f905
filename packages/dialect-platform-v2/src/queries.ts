import type { Site } from "@pulse/metadata";
import type { Dimension, FilterInput, StatsQueryInput } from "@pulse/stats";
import type { Range } from "./range.js";

// Each v2 request as stats-engine queries: the range preset, the site's own time zone (its days are
// the chart's days), and the metrics and dimensions the response fields rename.

/** How many rows each list of the stats endpoint shows; the document does not say, ten is the dashboard's. */
export const TOP = 10;
/** Events are listed whole, a page of the engine's largest size at a time, up to this many names. */
export const EVENTS_PAGE = 100;
export const MAX_EVENTS = 1000;

const base = (site: Site, range: Range) => ({ site_id: site.id, timezone: site.timezone, date_range: range });

/** Rows whose value is empty (no referrer, unknown country) are not a referrer or country to list. */
const known = (field: "referrer_name" | "browser" | "country"): FilterInput => ({ field, op: "is_not", values: [""] });

/** A top list: page views by one dimension, most first (ties by value, as the engine orders them). */
function top(site: Site, range: Range, dimension: Dimension, filters: FilterInput[] = []): StatsQueryInput {
  return { ...base(site, range), metrics: ["pageviews"], dimensions: [dimension], filters, order_by: [["pageviews", "desc"]], limit: TOP };
}

export function statsQueriesOf(site: Site, range: Range) {
  return {
    totals: { ...base(site, range), metrics: ["visitors", "pageviews", "bounce_rate", "avg_session_duration"] } satisfies StatsQueryInput,
    pages: top(site, range, "path"),
    referrers: top(site, range, "referrer_name", [known("referrer_name")]),
    browsers: top(site, range, "browser", [known("browser")]),
    countries: top(site, range, "country", [known("country")]),
  };
}

/** Custom events by name, most frequent first; page views are not events here. */
export function eventsQueryOf(site: Site, range: Range, offset: number): StatsQueryInput {
  return {
    ...base(site, range),
    metrics: ["events"],
    dimensions: ["event"],
    filters: [{ field: "event", op: "is_not", values: [""] }],
    order_by: [["events", "desc"]],
    limit: EVENTS_PAGE,
    offset,
  };
}

/** Totals (page views, unique visitors) and the daily chart, of one path when pathname is given. */
export function pageviewsQueriesOf(site: Site, range: Range, pathname: string | undefined) {
  const filters: FilterInput[] = pathname === undefined ? [] : [{ field: "path", op: "is", values: [pathname] }];
  return {
    totals: { ...base(site, range), metrics: ["pageviews", "visitors"], filters } satisfies StatsQueryInput,
    series: { ...base(site, range), metrics: ["pageviews"], dimensions: ["time:day"], filters } satisfies StatsQueryInput,
  };
}
