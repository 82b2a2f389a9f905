import type { FilterInput, GoalInput } from "@pulse/stats";
import { goalFiltersOf } from "@pulse/stats";
import { channelsOfMedium } from "./medium.js";
import type { StatsParams } from "./params.js";

/**
 * Kindmetrics' filters as the query model's: site_path is the page path, source_name our
 * referrer name ("Google", "indiehackers.com"), medium_name a group of our channels, and goal_id
 * the conditions of that goal. Values go to the engine as query parameters, never into SQL text.
 */
export function filtersOf(params: StatsParams, goal: GoalInput | undefined): FilterInput[] {
  const filters: FilterInput[] = [];
  if (params.site_path !== undefined) filters.push({ field: "path", op: "is", values: [params.site_path] });
  if (params.source_name !== undefined) filters.push({ field: "referrer_name", op: "is", values: [params.source_name] });
  if (params.medium_name !== undefined) filters.push({ field: "channel", op: "is", values: channelsOfMedium(params.medium_name) });
  if (goal !== undefined) filters.push(...goalFiltersOf(goal));
  return filters;
}
