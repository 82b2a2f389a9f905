import type { Site } from "@pulse/metadata";
import type { AggregateResult, BreakdownResult, RealtimeResult, ResultRow, TimeseriesResult } from "@pulse/stats";
import { z } from "zod";

// The response bodies of the v2 document, field for field. The schemas document the routes in the
// OpenAPI registry; the functions below fill them from engine results (renaming, never computing).

export const siteBody = z.object({
  siteId: z.string(),
  name: z.string(),
  domain: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
});
export const sitesBody = z.object({ sites: z.array(siteBody) });

export const statsBody = z.object({
  visitors: z.number().int(),
  pageviews: z.number().int(),
  /** Percent, 0..100, rounded (42 means 42 %). */
  bounceRate: z.number().int(),
  /** Seconds, rounded. */
  avgDuration: z.number().int(),
  topPages: z.array(z.object({ pathname: z.string(), views: z.number().int() })),
  topReferrers: z.array(z.object({ referrer: z.string(), count: z.number().int() })),
  browsers: z.array(z.object({ browser: z.string(), count: z.number().int() })),
  countries: z.array(z.object({ country: z.string(), count: z.number().int() })),
});

export const realtimeBody = z.object({
  activeVisitors: z.number().int(),
  activePages: z.array(z.object({ path: z.string(), visitors: z.number().int() })),
});

export const eventsBody = z.object({ events: z.array(z.object({ name: z.string(), count: z.number().int() })) });

export const pageviewsBody = z.object({
  total: z.number().int(),
  unique: z.number().int(),
  chart: z.array(z.object({ date: z.string(), count: z.number().int() })),
});

export type SiteBody = z.infer<typeof siteBody>;
export type StatsBody = z.infer<typeof statsBody>;
export type RealtimeBody = z.infer<typeof realtimeBody>;
export type EventsBody = z.infer<typeof eventsBody>;
export type PageviewsBody = z.infer<typeof pageviewsBody>;

/** Sites have no name of their own: the domain is what the dashboard shows, so it is the name too. */
export function siteBodyOf(site: Site): SiteBody {
  return { siteId: site.id, name: site.domain, domain: site.domain, isActive: true, createdAt: site.created_at };
}

const text = (row: ResultRow, dimension: string) => String(row.dimensions[dimension] ?? "");
const count = (row: ResultRow, metric: "pageviews" | "events" | "visitors") => row.metrics[metric] ?? 0;

/** The four breakdowns the stats endpoint lists, by the dimension each was asked for. */
export interface StatsBreakdowns {
  pages: BreakdownResult;
  referrers: BreakdownResult;
  browsers: BreakdownResult;
  countries: BreakdownResult;
}

export function statsBodyOf(totals: AggregateResult, lists: StatsBreakdowns): StatsBody {
  const m = totals.metrics;
  return {
    visitors: m.visitors ?? 0,
    pageviews: m.pageviews ?? 0,
    // The engine's rates are 0..1; the document's bounceRate is a whole percentage.
    bounceRate: Math.round((m.bounce_rate ?? 0) * 100),
    avgDuration: Math.round(m.avg_session_duration ?? 0),
    topPages: lists.pages.rows.map((r) => ({ pathname: text(r, "path"), views: count(r, "pageviews") })),
    topReferrers: lists.referrers.rows.map((r) => ({ referrer: text(r, "referrer_name"), count: count(r, "pageviews") })),
    browsers: lists.browsers.rows.map((r) => ({ browser: text(r, "browser"), count: count(r, "pageviews") })),
    countries: lists.countries.rows.map((r) => ({ country: text(r, "country"), count: count(r, "pageviews") })),
  };
}

export function realtimeBodyOf(live: RealtimeResult): RealtimeBody {
  return { activeVisitors: live.visitors, activePages: live.pages.map((p) => ({ path: p.path, visitors: p.visitors })) };
}

export function eventsBodyOf(rows: readonly ResultRow[]): EventsBody {
  return { events: rows.map((r) => ({ name: text(r, "event"), count: count(r, "events") })) };
}

export function pageviewsBodyOf(totals: AggregateResult, series: TimeseriesResult): PageviewsBody {
  return {
    total: totals.metrics.pageviews ?? 0,
    unique: totals.metrics.visitors ?? 0,
    chart: series.rows.map((r) => ({ date: text(r, "time:day"), count: count(r, "pageviews") })),
  };
}
