import { type AuthEnv, requireScope, route, type SiteLookup } from "@pulse/api-kit";
import type { MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import { changeOf, type StatsEngine } from "@pulse/stats";
import type { Hono } from "hono";
import { answer, one, type Params, type PirschRequest, paramsOf, pirschRequestOf } from "./request.js";
import { API, handlerOf, type StatisticsHandlers, TAG } from "./routes-common.js";

export interface OverviewDeps {
  engine: StatsEngine;
  store: MetadataStore;
  sites: SiteLookup;
  handlers: StatisticsHandlers;
}

/** The platform has no team members (Pirsch's member management is not supported), so none to count. */
const MEMBERS = 0;

/** Growth as /statistics/growth gives it: 0 where there is no ratio (from nothing). */
const growthOf = (current: number, previous: number) => changeOf(current, previous) ?? 0;

/**
 * Pirsch's overview: visitors and page views of a period with their growth against the period
 * before, and the number of members. With `id`, for that domain, with its visitors per day; without,
 * summed over every domain the key sees. The period is from/to (or start), by default the last 30
 * days up to today.
 */
export function overviewRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: OverviewDeps): void {
  const { engine, store, sites, handlers } = deps;

  const totalsOf = async (request: PirschRequest) => {
    const result = await engine.aggregate({ ...request.base, metrics: ["visitors", "pageviews"], include: { comparison: "previous_period" } });
    const before = result.comparison?.metrics ?? {};
    return { visitors: result.metrics.visitors ?? 0, views: result.metrics.pageviews ?? 0, previousVisitors: before.visitors ?? 0, previousViews: before.pageviews ?? 0 };
  };

  route(
    app,
    registry,
    { method: "get", path: `${API}/overview`, summary: "Visitors and views with their growth, and members (0): of a domain (id), or of every domain the key sees", tag: TAG, scope: "statistics:read" },
    async (c) => {
      const key = c.get("key");
      const params = paramsOf(c);
      const body = await answer(async () => {
        if (one(params, "id") !== undefined) {
          const request = await pirschRequestOf(key, params, sites, { defaultRange: "30d" });
          const [totals, series] = await Promise.all([totalsOf(request), handlerOf(handlers, "/visitor")({ ...request, scale: "day" })]);
          const visitorsGrowth = growthOf(totals.visitors, totals.previousVisitors);
          return {
            visitors: totals.visitors,
            views: totals.views,
            visitors_growth: visitorsGrowth,
            // The reference's domain example spells it so; its account example, visitors_growth.
            visitor_growth: visitorsGrowth,
            views_growth: growthOf(totals.views, totals.previousViews),
            visitors_time_series: series,
            member: MEMBERS,
          };
        }
        requireScope(key, "statistics:read");
        const all = await store.listSites({ account_id: key.account_id });
        const visible = key.site_id === "" ? all : all.filter((site) => site.id === key.site_id);
        const sum = { visitors: 0, views: 0, previousVisitors: 0, previousViews: 0 };
        for (const site of visible) {
          const siteParams: Params = { ...params, id: [site.id] };
          const totals = await totalsOf(await pirschRequestOf(key, siteParams, sites, { defaultRange: "30d" }));
          sum.visitors += totals.visitors;
          sum.views += totals.views;
          sum.previousVisitors += totals.previousVisitors;
          sum.previousViews += totals.previousViews;
        }
        return {
          visitors: sum.visitors,
          views: sum.views,
          visitors_growth: growthOf(sum.visitors, sum.previousVisitors),
          views_growth: growthOf(sum.views, sum.previousViews),
          member: MEMBERS,
        };
      });
      return c.json(body);
    },
  );
}
