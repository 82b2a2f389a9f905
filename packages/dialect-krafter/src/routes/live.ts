import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { ANALYTICS_READ, siteOfKey } from "../access.js";
import type { KrafterDeps } from "../deps.js";
import { answer } from "../errors.js";
import { SITE, TAG } from "../paths.js";

/** Krafter's realtime: visitors active in the last 5 minutes. */
const REALTIME_SECONDS = 300;

/** GET /analytics/sites/:key/realtime, from the realtime counters. */
export function realtimeRoute(app: Hono<AuthEnv>, deps: KrafterDeps): void {
  route(app, deps.registry, { method: "get", path: `${SITE}/realtime`, summary: "Visitors active in the last 5 minutes", tag: TAG, scope: ANALYTICS_READ }, async (c) => {
    const site = await siteOfKey(c.get("key"), deps, paramOf(c, "key"));
    const live = await answer(() => deps.engine.realtime(site.id, REALTIME_SECONDS));
    return c.json({ data: { current_visitors: live.visitors } });
  });
}
