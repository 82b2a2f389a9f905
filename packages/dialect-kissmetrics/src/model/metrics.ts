import { statsGoalOf } from "@pulse/api-kit";
import type { Goal, MetadataCache, Site } from "@pulse/metadata";
import { type FilterInput, goalFiltersOf, type Metric } from "@pulse/stats";
import { z } from "zod";
import { type DecodedId, encodeId, ID_KINDS } from "../http/ids.js";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { kmTime, kmTimeOfVersion } from "../http/times.js";
import { productLinkOf } from "./products.js";

export type UnitType = "numeric" | "time" | "percent";

/** The engine's metrics a product offers, with Kissmetrics-style titles, in this order. */
export const BUILT_IN_METRICS = [
  ["visitors", "People", "The number of unique people who visited during the given time period.", "numeric"],
  ["sessions", "Visits", "The number of visits started during the given time period.", "numeric"],
  ["pageviews", "Page Views", "The number of pages viewed during the given time period.", "numeric"],
  ["views_per_visit", "Page Views per Visit", "The average number of pages viewed per visit.", "numeric"],
  ["bounce_rate", "Bounce Rate", "The percentage of visits with one page view and nothing else.", "percent"],
  ["avg_session_duration", "Average Visit Duration", "The average time from the first to the last hit of a visit, in seconds.", "time"],
  ["avg_time_on_page", "Average Time on Page", "The average time spent on a page before the next one, in seconds.", "time"],
  ["events", "Events", "The number of custom events tracked during the given time period.", "numeric"],
  ["event_visitors", "People Who Did Events", "The number of unique people who did a custom event.", "numeric"],
] as const satisfies readonly (readonly [Metric, string, string, UnitType])[];

type BuiltIn = (typeof BUILT_IN_METRICS)[number];
const BUILT_IN = new Map<string, BuiltIn>(BUILT_IN_METRICS.map((m) => [m[0], m]));

/** A metric of a product: a built-in one, or a goal (people who reached it). */
export type MetricEntry = { kind: "built_in"; site: Site; builtIn: BuiltIn; index: number } | { kind: "goal"; site: Site; goal: Goal; index: number };

/** The built-ins first, then the product's goals oldest first; sort_index is the position. */
export function metricCatalogOf(cache: Pick<MetadataCache, "goalsOf">, site: Site): MetricEntry[] {
  const builtIns = BUILT_IN_METRICS.map((builtIn, index): MetricEntry => ({ kind: "built_in", site, builtIn, index }));
  const goals = cache.goalsOf(site.id).map((goal, i): MetricEntry => ({ kind: "goal", site, goal, index: BUILT_IN_METRICS.length + i }));
  return [...builtIns, ...goals];
}

/** The metric a decoded id names, if the product has it. */
export function metricEntryOf(cache: Pick<MetadataCache, "goalsOf">, site: Site, id: DecodedId): MetricEntry | undefined {
  if (id.kind === ID_KINDS.builtInMetric && BUILT_IN.has(id.key)) {
    return metricCatalogOf(cache, site).find((m) => m.kind === "built_in" && m.builtIn[0] === id.key);
  }
  if (id.kind === ID_KINDS.goalMetric) return metricCatalogOf(cache, site).find((m) => m.kind === "goal" && m.goal.id === id.key);
  return undefined;
}

export function metricIdOf(entry: MetricEntry): string {
  return entry.kind === "built_in" ? encodeId(entry.site.id, ID_KINDS.builtInMetric, entry.builtIn[0]) : encodeId(entry.site.id, ID_KINDS.goalMetric, entry.goal.id);
}

export const unitTypeOf = (entry: MetricEntry): UnitType => (entry.kind === "built_in" ? entry.builtIn[3] : "numeric");
export const titleOf = (entry: MetricEntry) => (entry.kind === "built_in" ? entry.builtIn[1] : entry.goal.name);

/** What a metric counts, as the engine's metric and the filters that select its hits. A goal counts people. */
export function targetOf(entry: MetricEntry): { metric: Metric; filters: FilterInput[] } {
  if (entry.kind === "built_in") return { metric: entry.builtIn[0], filters: [] };
  return { metric: "visitors", filters: goalFiltersOf(statsGoalOf(entry.goal)) };
}

/** Engine values in the metric's unit: rates (0..1) as percentages, durations in whole seconds. */
export function metricValueOf(entry: MetricEntry, raw: number | undefined): number {
  const value = raw ?? 0;
  const unit = unitTypeOf(entry);
  if (unit === "percent") return Math.round(value * 10_000) / 100;
  if (unit === "time") return Math.round(value);
  return value;
}

export const metricBody = z.object({
  links: z.array(link),
  config_last_changed_at: z.string(),
  color: z.null(),
  id: z.string(),
  product_id: z.string(),
  title: z.string(),
  description: z.string(),
  unit_type: z.enum(["numeric", "time", "percent"]),
  status: z.string(),
  sort_index: z.number().int(),
  is_visible: z.boolean(),
});
export type MetricBody = z.infer<typeof metricBody>;

function goalDescriptionOf(goal: Goal): string {
  const target = goal.event_name !== "" ? `did the event "${goal.event_name}"` : `viewed a page matching ${goal.path_pattern}`;
  return `The number of unique people who ${target} during the given time period.`;
}

/** A built-in metric's configuration is the product's; a goal's changes with each save of it. */
export function metricBodyOf(entry: MetricEntry, hrefs: Hrefs): MetricBody {
  const id = metricIdOf(entry);
  return {
    links: [
      linkOf(hrefs.core("metrics", id), "self", "Self"),
      productLinkOf(entry.site.id, hrefs),
      linkOf(hrefs.metricQuery(id, "over-time"), "metric-over-time", "Metrics Over Time Query"),
      linkOf(hrefs.metricQuery(id, "by-segment"), "metric-by-segment", "Metrics By Segment Query"),
    ],
    config_last_changed_at: entry.kind === "built_in" ? kmTime(entry.site.created_at) : kmTimeOfVersion(entry.goal.version),
    color: null,
    id,
    product_id: entry.site.id,
    title: titleOf(entry),
    description: entry.kind === "built_in" ? entry.builtIn[2] : goalDescriptionOf(entry.goal),
    unit_type: unitTypeOf(entry),
    status: "active",
    sort_index: entry.index,
    is_visible: true,
  };
}
