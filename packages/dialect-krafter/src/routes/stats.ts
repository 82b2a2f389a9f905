import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import { MAX_LIMIT, type Metric, type StatsQueryInput } from "@pulse/stats";
import type { Hono } from "hono";
import { ANALYTICS_READ, siteOfKey } from "../access.js";
import { todayIn } from "../dates.js";
import type { KrafterDeps } from "../deps.js";
import { DIMENSIONS } from "../dimensions.js";
import { answer } from "../errors.js";
import { datesOf, statsParams } from "../params.js";
import { SITE, TAG } from "../paths.js";
import { breakdownOf, countsOf, type StatsData, timeseriesOf } from "../shape/stats.js";

const COUNTS: Metric[] = ["pageviews", "visitors", "sessions"];

/** GET /analytics/sites/:key/stats: totals, a daily timeseries and one breakdown per dimension asked for. */
export function statsRoute(app: Hono<AuthEnv>, deps: KrafterDeps): void {
  const { engine, registry } = deps;
  route(
    app,
    registry,
    { method: "get", path: `${SITE}/stats`, summary: "Totals, daily timeseries and breakdowns of a period", tag: TAG, scope: ANALYTICS_READ, query: statsParams },
    async (c, { query }) => {
      const site = await siteOfKey(c.get("key"), deps, paramOf(c, "key"));
      const dates = datesOf(query, todayIn(site.timezone, new Date()));
      const base: StatsQueryInput = { site_id: site.id, timezone: site.timezone, date_range: dates };
      const [totals, series, breakdowns] = await answer(() =>
        Promise.all([
          engine.aggregate({ ...base, metrics: COUNTS }),
          engine.timeseries({ ...base, metrics: COUNTS, dimensions: ["time:day"] }),
          Promise.all(
            query.dimensions.map((d) =>
              engine.breakdown({
                ...base,
                metrics: ["pageviews"],
                dimensions: [DIMENSIONS[d]],
                include: { relative: true },
                limit: MAX_LIMIT,
                order_by: [
                  ["pageviews", "desc"],
                  [DIMENSIONS[d], "asc"],
                ],
              }),
            ),
          ),
        ]),
      );
      const data: StatsData = {
        period: dates,
        totals: countsOf(totals.metrics),
        timeseries: timeseriesOf(series.rows),
      };
      // Without dimensions Krafter leaves the breakdown object out altogether.
      if (query.dimensions.length > 0) {
        data.breakdown = Object.fromEntries(query.dimensions.map((d, i) => [d, breakdownOf(d, DIMENSIONS[d], breakdowns[i]!.rows)]));
      }
      return c.json({ data });
    },
  );
}
