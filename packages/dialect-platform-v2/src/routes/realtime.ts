import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { answer, siteOf } from "../answer.js";
import { BASE, type PlatformV2Deps, SCOPE, TAG } from "../deps.js";
import { realtimeBody, realtimeBodyOf } from "../shapes.js";

/** "Currently active" is the document's last five minutes. */
export const ACTIVE_SECONDS = 300;

/** GET /api/v2/sites/:siteId/realtime: active visitors and their pages, from Redis alone. */
export function realtimeRoute(app: Hono<AuthEnv>, deps: PlatformV2Deps): void {
  route(
    app,
    deps.registry,
    { method: "get", path: `${BASE}/sites/:siteId/realtime`, summary: "Visitors active in the last 5 minutes and their pages", tag: TAG, scope: SCOPE, response: realtimeBody },
    async (c) => {
      const site = await siteOf(c, deps.sites, paramOf(c, "siteId"));
      return c.json(realtimeBodyOf(await answer(() => deps.engine.realtime(site.id, ACTIVE_SECONDS))));
    },
  );
}
