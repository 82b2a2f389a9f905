import { statsGoalOf } from "@pulse/api-kit";
import type { MetadataCache, Site } from "@pulse/metadata";
import type { StatsQueryInput } from "@pulse/stats";
import { HTTPException } from "hono/http-exception";
import { filtersOf } from "./filters.js";
import { datesOf, type StatsParams } from "./params.js";

/**
 * The part of every query a Kindmetrics request decides: the domain, its zone, the dates and the
 * filters. A goal_id must name a goal of this domain (404 otherwise, as Kindmetrics answered).
 */
export function baseQueryOf(cache: MetadataCache, site: Site, params: StatsParams, now: Date = new Date()): StatsQueryInput {
  const dates = datesOf(params, site.timezone, now);
  let goal: ReturnType<typeof statsGoalOf> | undefined;
  if (params.goal_id !== undefined) {
    const stored = cache.goalsOf(site.id).find((g) => g.id === params.goal_id);
    if (stored === undefined) throw new HTTPException(404, { message: "No such goal for this domain" });
    goal = statsGoalOf(stored);
  }
  return { site_id: site.id, timezone: site.timezone, date_range: dates, filters: filtersOf(params, goal) };
}
