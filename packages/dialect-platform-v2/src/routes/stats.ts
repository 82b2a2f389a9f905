import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { answer, siteOf } from "../answer.js";
import { BASE, type PlatformV2Deps, SCOPE, TAG } from "../deps.js";
import { statsQueriesOf } from "../queries.js";
import { rangeQuery } from "../range.js";
import { statsBody, statsBodyOf } from "../shapes.js";

/** GET /api/v2/sites/:siteId/stats: totals and the top pages, referrers, browsers and countries. */
export function statsRoute(app: Hono<AuthEnv>, deps: PlatformV2Deps): void {
  const { engine } = deps;
  route(
    app,
    deps.registry,
    { method: "get", path: `${BASE}/sites/:siteId/stats`, summary: "Aggregated analytics of a site over 7, 30 or 90 days", tag: TAG, scope: SCOPE, query: rangeQuery, response: statsBody },
    async (c, { query }) => {
      const site = await siteOf(c, deps.sites, paramOf(c, "siteId"));
      const q = statsQueriesOf(site, query.range);
      const [totals, pages, referrers, browsers, countries] = await answer(() =>
        Promise.all([engine.aggregate(q.totals), engine.breakdown(q.pages), engine.breakdown(q.referrers), engine.breakdown(q.browsers), engine.breakdown(q.countries)]),
      );
      return c.json(statsBodyOf(totals, { pages, referrers, browsers, countries }));
    },
  );
}
