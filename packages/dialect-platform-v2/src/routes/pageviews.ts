import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { answer, siteOf } from "../answer.js";
import { BASE, type PlatformV2Deps, SCOPE, TAG } from "../deps.js";
import { pageviewsQueriesOf } from "../queries.js";
import { pageviewsQuery } from "../range.js";
import { pageviewsBody, pageviewsBodyOf } from "../shapes.js";

/** GET /api/v2/sites/:siteId/pageviews: page views, unique visitors and a daily chart, optionally of one path. */
export function pageviewsRoute(app: Hono<AuthEnv>, deps: PlatformV2Deps): void {
  route(
    app,
    deps.registry,
    { method: "get", path: `${BASE}/sites/:siteId/pageviews`, summary: "Page view totals and a daily chart, optionally for one path", tag: TAG, scope: SCOPE, query: pageviewsQuery, response: pageviewsBody },
    async (c, { query }) => {
      const site = await siteOf(c, deps.sites, paramOf(c, "siteId"));
      const q = pageviewsQueriesOf(site, query.range, query.pathname);
      const [totals, series] = await answer(() => Promise.all([deps.engine.aggregate(q.totals), deps.engine.timeseries(q.series)]));
      return c.json(pageviewsBodyOf(totals, series));
    },
  );
}
