import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { ResultRow } from "@pulse/stats";
import type { Hono } from "hono";
import { answer, siteOf } from "../answer.js";
import { BASE, type PlatformV2Deps, SCOPE, TAG } from "../deps.js";
import { eventsQueryOf, MAX_EVENTS } from "../queries.js";
import { rangeQuery } from "../range.js";
import { eventsBody, eventsBodyOf } from "../shapes.js";

/** GET /api/v2/sites/:siteId/events: every custom event name of the range with its count. */
export function eventsRoute(app: Hono<AuthEnv>, deps: PlatformV2Deps): void {
  route(
    app,
    deps.registry,
    { method: "get", path: `${BASE}/sites/:siteId/events`, summary: "Custom events grouped by name with counts", tag: TAG, scope: SCOPE, query: rangeQuery, response: eventsBody },
    async (c, { query }) => {
      const site = await siteOf(c, deps.sites, paramOf(c, "siteId"));
      // The document's list is unpaged, so the engine's pages are joined (up to MAX_EVENTS names).
      const rows: ResultRow[] = [];
      for (;;) {
        const page = await answer(() => deps.engine.breakdown(eventsQueryOf(site, query.range, rows.length)));
        rows.push(...page.rows);
        if (page.rows.length === 0 || rows.length >= page.total_rows || rows.length >= MAX_EVENTS) break;
      }
      return c.json(eventsBodyOf(rows.slice(0, MAX_EVENTS)));
    },
  );
}
