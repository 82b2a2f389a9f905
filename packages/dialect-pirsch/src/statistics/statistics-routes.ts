import { type AuthEnv, goalResultsOf, route, type SiteLookup, statsGoalOf, statsStepsOf } from "@pulse/api-kit";
import type { MetadataCache, MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import { type BreakdownResult, type Dimension, type FilterInput, fieldScopeOf, type Metric, type ResultRow, type StatsEngine, type StatsQueryInput, shareOf } from "@pulse/stats";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { funnelView } from "../funnels/funnel-view.js";
import { goalView } from "../goals/goal-view.js";
import { notFound } from "../http/not-found.js";
import { deletionRoutes } from "./deletion-routes.js";
import { exportRoutes } from "./export-routes.js";
import { overviewRoutes } from "./overview-routes.js";
import { answer, customMetrics, one, orderOf, type PirschRequest, pirschRequest } from "./request.js";
import { API, type StatisticsHandlers, TAG } from "./routes-common.js";
import { pirschMetrics, pirschRelative, sessionStepView, sessionView, timeFields } from "./shape.js";

export interface PirschStatisticsDeps {
  engine: StatsEngine;
  cache: MetadataCache;
  /** Lists the sites of an account, for the account-wide overview. */
  store: MetadataStore;
  sites: SiteLookup;
}

const SCOPE = "statistics:read";

const invalidParam = (field: string, message: string) => new HTTPException(400, { message: `${field}: ${message}` });

/** Simple breakdowns: visitors and their share per value of one or more fields (reference: Languages, OS, Browser, Country, ...). */
const SIMPLE: readonly (readonly [string, readonly Dimension[], string])[] = [
  ["language", ["language"], "Visitors per language"],
  ["os", ["os"], "Visitors per operating system"],
  ["os/version", ["os", "os_version"], "Visitors per operating system version"],
  ["browser", ["browser"], "Visitors per browser"],
  ["browser/version", ["browser", "browser_version"], "Visitors per browser version"],
  ["country", ["country"], "Visitors per country"],
  ["region", ["country", "region"], "Visitors per region"],
  ["city", ["country", "region", "city"], "Visitors per city"],
  ["screen", ["screen_class"], "Visitors per screen class"],
  ["utm/source", ["utm_source"], "Visitors per UTM source"],
  ["utm/medium", ["utm_medium"], "Visitors per UTM medium"],
  ["utm/campaign", ["utm_campaign"], "Visitors per UTM campaign"],
  ["utm/content", ["utm_content"], "Visitors per UTM content"],
  ["utm/term", ["utm_term"], "Visitors per UTM term"],
];

/** The filter options endpoints and the field whose values they list. */
const OPTIONS: readonly (readonly [string, Dimension])[] = [
  ["referrer/name", "referrer_name"],
  ["hostname", "hostname"],
  ["page", "path"],
  ["referrer", "referrer"],
  ["channel", "channel"],
  ["event", "event"],
  ["country", "country"],
  ["region", "region"],
  ["city", "city"],
  ["language", "language"],
  ["metadata", "event_meta_key"],
  ["utm/source", "utm_source"],
  ["utm/medium", "utm_medium"],
  ["utm/campaign", "utm_campaign"],
  ["utm/content", "utm_content"],
  ["utm/term", "utm_term"],
  ["tag", "tag_key"],
];

/** Pirsch's name of a field in responses. */
const OUT_NAMES: Partial<Record<string, string>> = { country: "country_code" };

function fieldsOf(row: ResultRow, dims: readonly Dimension[]): Record<string, string | number> {
  return Object.fromEntries(
    dims.map((d) => {
      const value = row.dimensions[d] ?? "";
      return [OUT_NAMES[d] ?? d, d === "country" ? String(value).toLowerCase() : value];
    }),
  );
}

/**
 * Pirsch's statistics API (`/api/v1/statistics/...`, seeds/pirsch-api.txt "Statistics") over the
 * stats engine: the filter parameters become one engine query, the results Pirsch's field names.
 * Mount it behind the same authentication as pirschManagementRoutes; it needs `statistics:read`.
 */
export function pirschStatisticsRoutes(deps: PirschStatisticsDeps, registry: OpenApiRegistry): Hono<AuthEnv> {
  const { engine, cache, sites } = deps;
  const app = new Hono<AuthEnv>();
  /** Every GET endpoint's answer by path, for the CSV export and the overview to reuse. */
  const handlers: StatisticsHandlers = new Map();

  const get = (path: string, summary: string, handler: (request: PirschRequest) => Promise<unknown>) => {
    handlers.set(path, handler);
    route(app, registry, { method: "get", path: `${API}${path}`, summary, tag: TAG, scope: SCOPE }, async (c: Context<AuthEnv>) => {
      const request = await pirschRequest(c, sites);
      return c.json((await answer(() => handler(request))) as object);
    });
  };

  /** One page of a breakdown with relative shares, sort/direction/search/limit/offset applied. */
  const breakdown = (request: PirschRequest, dimensions: Dimension[], metrics: Metric[], extra: { filters?: FilterInput[]; limit?: number } = {}): Promise<BreakdownResult> =>
    engine.breakdown({
      ...request.base,
      filters: [...(request.base.filters ?? []), ...(extra.filters ?? [])],
      dimensions,
      metrics,
      include: { relative: true },
      ...request.paging,
      ...(extra.limit !== undefined ? { limit: extra.limit, offset: 0 } : {}),
      ...orderOf(request, metrics, dimensions[0]),
    });

  const visitorMetrics = (request: PirschRequest): Metric[] => ["visitors", "pageviews", "sessions", "bounces", "bounce_rate", "conversion_rate", ...customMetrics(request)];
  const withCustomDefaults = (request: PirschRequest, out: Record<string, number>) =>
    customMetrics(request).length > 0 ? out : { ...out, custom_metric_avg: 0, custom_metric_total: 0 };

  get("/total", "Visitors, views, sessions, bounces, bounce rate, conversion rate and custom metrics of the period", async (request) => {
    const result = await engine.aggregate({ ...request.base, metrics: visitorMetrics(request) });
    return withCustomDefaults(request, pirschMetrics(result.metrics));
  });

  get("/visitor", "Visitors per day, week, month or year (scale)", async (request) => {
    const result = await engine.timeseries({ ...request.base, metrics: visitorMetrics(request), dimensions: [`time:${request.scale}`] });
    return result.rows.map((row) => ({
      ...timeFields(row.dimensions[`time:${request.scale}`] ?? "", request.scale),
      ...withCustomDefaults(request, pirschMetrics(row.metrics)),
    }));
  });

  get("/growth", "Change of visitors, views, sessions, bounces, time spent and conversion rate against the previous period", async (request) => {
    const metrics: Metric[] = ["visitors", "pageviews", "sessions", "bounces", "avg_session_duration", "conversion_rate", ...customMetrics(request)];
    const result = await engine.aggregate({ ...request.base, metrics, include: { comparison: "previous_period" } });
    const change = result.comparison?.change ?? {};
    return {
      visitors_growth: change.visitors ?? 0,
      views_growth: change.pageviews ?? 0,
      sessions_growth: change.sessions ?? 0,
      bounces_growth: change.bounces ?? 0,
      time_spent_growth: change.avg_session_duration ?? 0,
      cr_growth: change.conversion_rate ?? 0,
      custom_metric_avg_growth: change.custom_metric_avg ?? 0,
      custom_metric_total_growth: change.custom_metric_total ?? 0,
    };
  });

  get("/hostname", "Visitors per hostname", async (request) => {
    const result = await breakdown(request, ["hostname"], ["visitors", "pageviews", "sessions", "bounces", "bounce_rate"]);
    return result.rows.map((row) => ({ hostname: row.dimensions.hostname, ...pirschMetrics(row.metrics), ...pirschRelative(row, ["visitors", "views"]) }));
  });

  const pages = async (request: PirschRequest, extra: { filters?: FilterInput[] } = {}) => {
    const byTitle = one(request.params, "include_title") === "true";
    const timeOnPage = one(request.params, "include_avg_time_on_page") === "true" && !byTitle;
    const metrics: Metric[] = ["visitors", "pageviews", "sessions", "bounces", "bounce_rate", ...(timeOnPage ? (["avg_time_on_page"] as const) : [])];
    const result = await breakdown(request, byTitle ? ["path", "title"] : ["path"], metrics, extra);
    return result.rows.map((row) => ({
      path: row.dimensions.path,
      title: row.dimensions.title ?? "",
      ...pirschMetrics(row.metrics),
      ...pirschRelative(row, ["visitors", "views"]),
      average_time_spent_seconds: Math.round(row.metrics.avg_time_on_page ?? 0),
    }));
  };
  get("/page", "Visitors, views, sessions and bounces per page", (request) => pages(request));
  get("/event/page", "Pages on which an event (the event filter, required) was triggered", async (request) => {
    if (one(request.params, "event") === undefined) throw invalidParam("event", "required");
    return pages(request);
  });

  /** The average time on each of these pages (Pirsch's time of an entry page is that of the page). */
  const timeOnPages = async (request: PirschRequest, paths: string[]): Promise<Map<string, number>> => {
    if (paths.length === 0) return new Map();
    const filters = [...(request.base.filters ?? []), { field: "path", values: paths } as const];
    const result = await engine.breakdown({ ...request.base, filters, dimensions: ["path"], metrics: ["avg_time_on_page"], limit: paths.length });
    return new Map(result.rows.map((row) => [String(row.dimensions.path), Math.round(row.metrics.avg_time_on_page ?? 0)]));
  };

  /** Entry or exit pages; with include_title by page and title, with include_avg_time_on_page (entries) the page's time. */
  const entryExit = (kind: "entry" | "exit") => async (request: PirschRequest) => {
    const field = kind === "entry" ? "entry_path" : "exit_path";
    const byTitle = one(request.params, "include_title") === "true";
    const dims: Dimension[] = byTitle ? [field, kind === "entry" ? "entry_title" : "exit_title"] : [field];
    const result = await breakdown(request, dims, ["visitors", "sessions"]);
    const paths = [...new Set(result.rows.map((row) => String(row.dimensions[field])))];
    const times = kind === "entry" && one(request.params, "include_avg_time_on_page") === "true" ? await timeOnPages(request, paths) : new Map<string, number>();
    return result.rows.map((row) => ({
      path: row.dimensions[field],
      title: byTitle ? row.dimensions[dims[1]!] : "",
      visitors: row.metrics.visitors ?? 0,
      sessions: row.metrics.sessions ?? 0,
      [kind === "entry" ? "entries" : "exits"]: row.metrics.sessions ?? 0,
      [`${kind}_rate`]: row.relative?.sessions ?? 0,
      ...(kind === "entry" ? { average_time_spent_seconds: times.get(String(row.dimensions[field])) ?? 0 } : {}),
    }));
  };
  get("/page/entry", "Sessions per entry page", entryExit("entry"));
  get("/page/exit", "Sessions per exit page", entryExit("exit"));

  get("/referrer", "Visitors, sessions and bounces per referrer", async (request) => {
    const result = await breakdown(request, ["referrer", "referrer_name"], ["visitors", "sessions", "bounces", "bounce_rate"]);
    return result.rows.map((row) => ({
      referrer: row.dimensions.referrer,
      referrer_name: row.dimensions.referrer_name,
      referrer_icon: "",
      ...pirschMetrics(row.metrics),
      ...pirschRelative(row),
    }));
  });

  get("/channel", "Visitors, views, sessions and bounces per channel", async (request) => {
    const result = await breakdown(request, ["channel"], ["visitors", "pageviews", "sessions", "bounces", "bounce_rate"]);
    return result.rows.map((row) => ({ channel: row.dimensions.channel, ...pirschMetrics(row.metrics), ...pirschRelative(row, ["visitors", "views"]) }));
  });

  for (const [path, dims, summary] of SIMPLE) {
    get(`/${path}`, summary, async (request) => {
      const result = await breakdown(request, [...dims], ["visitors"]);
      return result.rows.map((row) => ({ visitors: row.metrics.visitors ?? 0, ...pirschRelative(row), ...fieldsOf(row, dims) }));
    });
  }

  get("/platform", "Visitors on desktop, mobile and unknown platforms", async (request) => {
    const result = await breakdown(request, ["platform"], ["visitors"], { limit: 100 });
    const of = (platform: string) => result.rows.find((row) => row.dimensions.platform === platform);
    const out: Record<string, number> = {};
    for (const platform of ["desktop", "mobile", "unknown"]) out[`platform_${platform}`] = of(platform)?.metrics.visitors ?? 0;
    for (const platform of ["desktop", "mobile", "unknown"]) out[`relative_platform_${platform}`] = of(platform)?.relative?.visitors ?? 0;
    return out;
  });

  get("/tags", "Visitors and views per tag key", async (request) => {
    const result = await breakdown(request, ["tag_key"], ["visitors", "pageviews"]);
    return result.rows.map((row) => ({ key: row.dimensions.tag_key, visitors: row.metrics.visitors ?? 0, views: row.metrics.pageviews ?? 0, ...pirschRelative(row, ["visitors", "views"]) }));
  });

  get("/tag/details", "Visitors and views per value of one tag (the tag parameter, required)", async (request) => {
    const key = one(request.params, "tag");
    if (key === undefined) throw invalidParam("tag", "required");
    const dim = `tag:${key}` as Dimension;
    const result = await breakdown(request, [dim], ["visitors", "pageviews"]);
    return result.rows.map((row) => ({ key, value: row.dimensions[dim], visitors: row.metrics.visitors ?? 0, views: row.metrics.pageviews ?? 0, ...pirschRelative(row, ["visitors", "views"]) }));
  });

  const someEvent: FilterInput = { field: "event", op: "is_not", values: [""] };
  const eventMetrics: Metric[] = ["events", "visitors", "avg_event_duration"];
  /**
   * The visitors an event row's conversion rate is taken of: all of the period, hit filters (event,
   * path, ...) aside, as Pirsch divides by the period's visitors. The engine's per-row
   * conversion_rate would divide by the row's own visitors: always 1 for a row of an event.
   */
  const allVisitorsOf = async (request: PirschRequest) => {
    const filters = (request.base.filters ?? []).filter((f) => fieldScopeOf(f.field) !== "hit");
    return (await engine.aggregate({ ...request.base, filters, metrics: ["visitors"] })).metrics.visitors ?? 0;
  };
  // Pirsch counts the event rows as their views.
  const eventFields = (row: ResultRow, allVisitors: number) => ({
    count: row.metrics.events ?? 0,
    visitors: row.metrics.visitors ?? 0,
    views: row.metrics.events ?? 0,
    cr: shareOf(row.metrics.visitors ?? 0, allVisitors),
    average_duration_seconds: row.metrics.avg_event_duration ?? 0,
  });

  get("/events", "Events with their counts, visitors and metadata keys", async (request) => {
    const [events, keys, allVisitors] = await Promise.all([
      breakdown(request, ["event"], eventMetrics, { filters: [someEvent] }),
      engine.breakdown({ ...request.base, filters: [...(request.base.filters ?? []), someEvent], dimensions: ["event", "event_meta_key"], metrics: ["events"], limit: 100 }),
      allVisitorsOf(request),
    ]);
    return events.rows.map((row) => ({
      name: row.dimensions.event,
      ...eventFields(row, allVisitors),
      meta_keys: keys.rows.filter((k) => k.dimensions.event === row.dimensions.event && k.dimensions.event_meta_key !== "").map((k) => k.dimensions.event_meta_key),
    }));
  });

  get("/event/meta", "One event broken down by the values of one metadata key (event and event_meta_key, required)", async (request) => {
    const name = one(request.params, "event");
    const key = one(request.params, "event_meta_key");
    if (name === undefined) throw invalidParam("event", "required");
    if (key === undefined) throw invalidParam("event_meta_key", "required");
    const dim = `event_meta:${key}` as Dimension;
    const [result, allVisitors] = await Promise.all([breakdown(request, [dim], eventMetrics), allVisitorsOf(request)]);
    return result.rows.filter((row) => row.dimensions[dim] !== "").map((row) => ({ name, ...eventFields(row, allVisitors), meta_value: row.dimensions[dim] }));
  });

  get("/event/list", "Events grouped by name and metadata (up to two metadata keys per event)", async (request) => {
    const filters = [...(request.base.filters ?? []), someEvent];
    const keys = await engine.breakdown({ ...request.base, filters, dimensions: ["event", "event_meta_key"], metrics: ["events"], limit: 100 });
    const names = await engine.breakdown({ ...request.base, filters, dimensions: ["event"], metrics: ["visitors", "events"], limit: 100 });
    const out: { name: string; meta: Record<string, string>; visitors: number; count: number }[] = [];
    for (const event of names.rows) {
      const name = String(event.dimensions.event);
      const metaKeys = keys.rows.filter((k) => k.dimensions.event === name && k.dimensions.event_meta_key !== "").map((k) => String(k.dimensions.event_meta_key)).slice(0, 2);
      if (metaKeys.length === 0) {
        out.push({ name, meta: {}, visitors: event.metrics.visitors ?? 0, count: event.metrics.events ?? 0 });
        continue;
      }
      const dims = metaKeys.map((k) => `event_meta:${k}` as Dimension);
      const rows = await engine.breakdown({ ...request.base, filters: [...filters, { field: "event", values: [name] }], dimensions: dims, metrics: ["visitors", "events"], limit: 100 });
      for (const row of rows.rows) {
        const meta = Object.fromEntries(metaKeys.map((k, i) => [k, String(row.dimensions[dims[i]!] ?? "")]).filter(([, v]) => v !== ""));
        out.push({ name, meta, visitors: row.metrics.visitors ?? 0, count: row.metrics.events ?? 0 });
      }
    }
    out.sort((a, b) => b.visitors - a.visitors || b.count - a.count);
    return out.slice(request.paging.offset, request.paging.offset + request.paging.limit);
  });

  get("/goals", "Visitors, conversions and conversion rate per conversion goal", async (request) => {
    const stored = cache.goalsOf(request.site.id);
    if (stored.length === 0) return [];
    const result = await goalResultsOf(engine, request.base, stored.map(statsGoalOf));
    return stored.map((goal, i) => {
      const stats = result.goals[i]!;
      return { page_goal: goalView(goal), stats: { visitors: stats.visitors, views: stats.conversions, cr: stats.conversion_rate } };
    });
  });

  get("/active", "Active visitors, their pages and countries of the last `start` seconds (default 600)", async (request) => {
    const seconds = Number(one(request.params, "start") ?? 600);
    const live = await engine.realtime(request.site.id, seconds);
    return {
      stats: live.pages.map((p) => ({ path: p.path, visitors: p.visitors })),
      countries: live.countries.map((c) => ({ visitors: c.visitors, relative_visitors: live.visitors > 0 ? c.visitors / live.visitors : 0, country_code: c.country.toLowerCase() })),
      visitors: live.visitors,
    };
  });

  get("/hours", "Visitors per hour of the day (0-23, in the zone)", async (request) => {
    const result = await engine.breakdown({ ...request.base, dimensions: ["hour"], metrics: visitorMetrics(request), limit: 24, order_by: [["hour", "asc"]] });
    return Array.from({ length: 24 }, (_, hour) => {
      const row = result.rows.find((r) => Number(r.dimensions.hour) === hour);
      return { hour, ...withCustomDefaults(request, pirschMetrics(row?.metrics ?? zeros(visitorMetrics(request)))) };
    });
  });

  get("/minutes", "Visitors per minute of the hour (0-59, in the zone)", async (request) => {
    const result = await engine.breakdown({ ...request.base, dimensions: ["minute"], metrics: visitorMetrics(request), limit: 60, order_by: [["minute", "asc"]] });
    return Array.from({ length: 60 }, (_, minute) => {
      const row = result.rows.find((r) => Number(r.dimensions.minute) === minute);
      return { minute, ...withCustomDefaults(request, pirschMetrics(row?.metrics ?? zeros(visitorMetrics(request)))) };
    });
  });

  get("/weekdays", "Visitors per weekday (Monday = 0) and hour", async (request) => {
    const query: StatsQueryInput = { ...request.base, dimensions: ["weekday", "hour"], metrics: ["visitors", "pageviews", "sessions", "bounces"], limit: 100 };
    const first = await engine.breakdown(query);
    const rows = first.total_rows > 100 ? [...first.rows, ...(await engine.breakdown({ ...query, offset: 100 })).rows] : first.rows;
    const out = [];
    for (let weekday = 0; weekday < 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const row = rows.find((r) => Number(r.dimensions.weekday) === weekday + 1 && Number(r.dimensions.hour) === hour);
        out.push({ weekday, hour, ...pirschMetrics(row?.metrics ?? zeros(["visitors", "pageviews", "sessions", "bounces"])) });
      }
    }
    return out;
  });

  get("/duration/session", "Average session duration per day, week, month or year", async (request) => {
    const result = await engine.timeseries({ ...request.base, metrics: ["avg_session_duration"], dimensions: [`time:${request.scale}`] });
    return result.rows.map((row) => ({
      ...timeFields(row.dimensions[`time:${request.scale}`] ?? "", request.scale),
      average_time_spent_seconds: Math.round(row.metrics.avg_session_duration ?? 0),
    }));
  });

  get("/duration/page", "Average time on page per day, week, month or year", async (request) => {
    const result = await engine.timeseries({ ...request.base, metrics: ["avg_time_on_page"], dimensions: [`time:${request.scale}`] });
    const path = one(request.params, "path") ?? "";
    return result.rows.map((row) => ({
      ...timeFields(row.dimensions[`time:${request.scale}`] ?? "", request.scale),
      path,
      average_time_spent_seconds: Math.round(row.metrics.avg_time_on_page ?? 0),
    }));
  });

  get("/funnel", "A stored funnel (funnel_id) with visitors per step", async (request) => {
    const id = one(request.params, "funnel_id");
    if (id === undefined) throw invalidParam("funnel_id", "required");
    const funnel = cache.funnelById(id);
    if (!funnel || funnel.site_id !== request.site.id) throw notFound("funnel");
    const result = await engine.funnel(request.base, statsStepsOf(funnel), { windowSeconds: funnel.window_seconds });
    return {
      definition: funnelView(funnel),
      data: result.steps.map((s) => ({
        step: s.step,
        visitors: s.visitors,
        relative_visitors: s.share_of_first,
        previous_visitors: s.previous_visitors,
        relative_previous_visitors: s.share_of_previous,
        dropped: s.dropped,
        drop_off: s.drop_off,
      })),
    };
  });

  get("/session/list", "Sessions of the period, newest first", async (request) => {
    const result = await engine.sessionsList({ ...request.base, limit: request.paging.limit, offset: request.paging.offset });
    return result.rows.map(sessionView);
  });

  get("/session/details", "The page views and events of one session (session_id), in order", async (request) => {
    const sessionId = one(request.params, "session_id");
    if (sessionId === undefined) throw invalidParam("session_id", "required");
    const hits = await engine.sessionDetails(request.site.id, sessionId);
    return hits.map((hit) => sessionStepView(hit, sessionId));
  });

  for (const [path, field] of OPTIONS) {
    get(`/options/${path}`, `The ${field} values of the period`, async (request) => {
      const values = await engine.filterOptions(request.base, field);
      return field === "country" ? values.map((v) => v.toLowerCase()) : values;
    });
  }
  get("/options/tag/value", "The values of one tag (one tag_<key> filter or the tag parameter)", async (request) => {
    const key = one(request.params, "tag") ?? tagKeyOf(request.base.filters);
    if (key === undefined) throw invalidParam("tag", "set exactly one tag");
    return engine.filterOptions(request.base, `tag:${key}` as Dimension);
  });

  overviewRoutes(app, registry, { engine, store: deps.store, sites, handlers });
  exportRoutes(app, registry, { sites, handlers });
  deletionRoutes(app, registry, { engine, sites });

  route(app, registry, { method: "get", path: `${API}/keywords`, summary: "Search keywords (needs Google Search Console: not supported)", tag: TAG, scope: SCOPE }, () => {
    throw new HTTPException(501, { message: "Keywords need the Google Search Console integration, which is not supported yet" });
  });

  return app;
}

function zeros(metrics: readonly Metric[]) {
  return Object.fromEntries(metrics.map((m) => [m, 0]));
}

function tagKeyOf(filters: readonly FilterInput[] | undefined): string | undefined {
  for (const f of filters ?? []) if ("key" in f && f.field === "tag") return f.key;
  return undefined;
}
