import { type AuthEnv, type SiteLookup, siteFor } from "@pulse/api-kit";
import type { ApiKey, Site } from "@pulse/metadata";
import { fieldProblemsOf, ValidationError } from "@pulse/service";
import { type DatePreset, type Filter, filtersFromPirschParams, MAX_LIMIT, type Metric, StatsQueryError, type StatsQueryInput, type TimeInterval } from "@pulse/stats";
import type { Context } from "hono";
import { z } from "zod";

/** The query parameters of a request, repeated ones as arrays. */
export type Params = Record<string, string[]>;

export interface PirschRequest {
  site: Site;
  params: Params;
  /** The site, period, zone, filters and custom metric; endpoints add metrics, dimensions, paging. */
  base: StatsQueryInput;
  scale: TimeInterval;
  paging: { limit: number; offset: number; search?: string };
  sort?: string;
  direction: "asc" | "desc";
}

const SCALES = new Set(["day", "week", "month", "year"]);

/** The first value of a parameter, blank counting as absent. */
export function one(params: Params, name: string): string | undefined {
  const value = params[name]?.[0]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

const invalid = (field: string, message: string) => new ValidationError("Invalid query", [{ field, message }]);

/** Pirsch's from/to are dates; the SDKs send a JavaScript Date, which arrives as an ISO instant. */
function dateOf(params: Params, name: string): string | undefined {
  const value = one(params, name);
  if (value === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value);
  if (!match) throw invalid(name, "must be a date as YYYY-MM-DD");
  return match[1];
}

function intOf(params: Params, name: string, min: number, max: number): number | undefined {
  const value = one(params, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(name, `must be an integer in ${min}..${max}`);
  return n;
}

/** The engine's refusals are the client's mistakes: 400 with the field named. */
export async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StatsQueryError) throw new ValidationError(error.message, [{ field: error.path.join(".") || "(query)", message: error.message }]);
    if (error instanceof z.ZodError) throw new ValidationError("Invalid query", fieldProblemsOf(error));
    throw error;
  }
}

/** The request's query parameters, repeated ones as arrays. */
export function paramsOf(c: Context): Params {
  const url = new URL(c.req.url);
  const params: Params = {};
  for (const name of new Set(url.searchParams.keys())) params[name] = url.searchParams.getAll(name);
  return params;
}

export interface PirschRequestOptions {
  /** The period when the request names none (neither from nor start); without it, from is required. */
  defaultRange?: DatePreset;
}

/** pirschRequestOf for the request's own key and parameters. */
export function pirschRequest(c: Context<AuthEnv>, sites: SiteLookup, options: PirschRequestOptions = {}): Promise<PirschRequest> {
  return pirschRequestOf(c.get("key"), paramsOf(c), sites, options);
}

/**
 * Pirsch's filter parameters (seeds/pirsch-api.txt, "Filter") as the engine's query: `id` is the site,
 * `start` (seconds) wins over from/to, `tz` defaults to the site's zone, `!`/`~`/`^` prefixes and
 * meta_/tag_ parameters are filters (filtersFromPirschParams).
 */
export async function pirschRequestOf(key: ApiKey, params: Params, sites: SiteLookup, options: PirschRequestOptions = {}): Promise<PirschRequest> {
  const id = one(params, "id");
  if (id === undefined) throw invalid("id", "required");
  const site = await siteFor(key, sites, id, "statistics:read");

  const start = intOf(params, "start", 1, 3600);
  let dateRange: StatsQueryInput["date_range"];
  if (start !== undefined) dateRange = { lastSeconds: start };
  else if (options.defaultRange !== undefined && one(params, "from") === undefined) dateRange = options.defaultRange;
  else {
    const from = dateOf(params, "from");
    const to = dateOf(params, "to") ?? from;
    if (from === undefined || to === undefined) throw invalid("from", "required (YYYY-MM-DD), or start");
    const fromTime = one(params, "from_time");
    const toTime = one(params, "to_time");
    dateRange = from === to && (fromTime !== undefined || toTime !== undefined) ? { from, to, from_time: fromTime ?? "00:00", to_time: toTime ?? "23:59" } : { from, to };
  }

  const scale = one(params, "scale") ?? "day";
  if (!SCALES.has(scale)) throw invalid("scale", "must be day, week, month or year");
  const direction = one(params, "direction") ?? "desc";
  if (direction !== "asc" && direction !== "desc") throw invalid("direction", "must be asc or desc");
  const filterParams: Record<string, string[]> = { ...params };
  // The session filter of session/details is read by that endpoint, not used as a filter.
  delete filterParams["visitor_id"];
  const filters: Filter[] = await answer(async () => filtersFromPirschParams(filterParams));
  const customKey = one(params, "custom_metric_key");
  const customType = one(params, "custom_metric_type");
  const base: StatsQueryInput = {
    site_id: site.id,
    date_range: dateRange,
    timezone: one(params, "tz") ?? site.timezone,
    filters,
    ...(customKey !== undefined && customType !== undefined ? { custom_metric_key: customKey, custom_metric_type: customType as "integer" | "float" } : {}),
  };
  const search = one(params, "search");
  return {
    site,
    params,
    base,
    scale: scale as TimeInterval,
    paging: { limit: Math.min(intOf(params, "limit", 0, 1_000_000) || MAX_LIMIT, MAX_LIMIT), offset: intOf(params, "offset", 0, 1_000_000) ?? 0, ...(search ? { search } : {}) },
    ...(one(params, "sort") !== undefined ? { sort: one(params, "sort") } : {}),
    direction,
  };
}

/** Pirsch's names of sortable fields, as the engine's metrics. */
const SORT_METRICS: Record<string, Metric> = {
  visitors: "visitors",
  views: "pageviews",
  sessions: "sessions",
  bounces: "bounces",
  bounce_rate: "bounce_rate",
  cr: "conversion_rate",
  count: "events",
  entries: "sessions",
  exits: "sessions",
  average_time_spent_seconds: "avg_time_on_page",
  average_duration_seconds: "avg_event_duration",
};

/** `sort`/`direction` as order_by when the field is one of the query's metrics or its first dimension; else the default order. */
export function orderOf(request: PirschRequest, metrics: readonly Metric[], primary: string | undefined): { order_by?: [string, "asc" | "desc"][] } {
  if (request.sort === undefined) return {};
  const metric = SORT_METRICS[request.sort];
  if (metric !== undefined && metrics.includes(metric)) return { order_by: [[metric, request.direction]] };
  if (primary !== undefined && (request.sort === primary || request.sort === "path" || request.sort === "name")) return { order_by: [[primary, request.direction]] };
  return {};
}

/** The custom metrics when the request names a custom_metric_key and type. */
export function customMetrics(request: PirschRequest): Metric[] {
  return request.base.custom_metric_key !== undefined ? ["custom_metric_avg", "custom_metric_total"] : [];
}
