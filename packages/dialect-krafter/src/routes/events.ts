import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import { MAX_LIMIT } from "@pulse/stats";
import type { Hono } from "hono";
import { ANALYTICS_READ, siteOfKey } from "../access.js";
import { todayIn } from "../dates.js";
import type { KrafterDeps } from "../deps.js";
import { answer } from "../errors.js";
import { datesOf, periodParams } from "../params.js";
import { SITE, TAG } from "../paths.js";
import { eventsOf } from "../shape/events.js";

/** The event metadata key whose numeric values are an event's revenue (e.g. track("purchase", {revenue: 49})). */
export const REVENUE_KEY = "revenue";

/** GET /analytics/sites/:key/events: custom events with their counts, unique visitors and revenue. */
export function eventsRoute(app: Hono<AuthEnv>, deps: KrafterDeps): void {
  route(
    app,
    deps.registry,
    { method: "get", path: `${SITE}/events`, summary: "Custom events of a period: total, unique visitors, revenue", tag: TAG, scope: ANALYTICS_READ, query: periodParams },
    async (c, { query }) => {
      const site = await siteOfKey(c.get("key"), deps, paramOf(c, "key"));
      const dates = datesOf(query, todayIn(site.timezone, new Date()));
      const result = await answer(() =>
        deps.engine.breakdown({
          site_id: site.id,
          timezone: site.timezone,
          date_range: dates,
          metrics: ["events", "event_visitors", "revenue"],
          revenue_key: REVENUE_KEY,
          dimensions: ["event"],
          // Page views have no event name: only custom events are listed.
          filters: [{ field: "event", op: "is_not", values: [""] }],
          order_by: [
            ["events", "desc"],
            ["event", "asc"],
          ],
          limit: MAX_LIMIT,
        }),
      );
      return c.json({ data: eventsOf(result.rows) });
    },
  );
}
