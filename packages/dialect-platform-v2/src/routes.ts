import type { AuthEnv } from "@pulse/api-kit";
import { Hono } from "hono";
import { BASE, type PlatformV2Deps } from "./deps.js";
import { resetInMilliseconds } from "./rate-limit-headers.js";
import { eventsRoute } from "./routes/events.js";
import { pageviewsRoute } from "./routes/pageviews.js";
import { realtimeRoute } from "./routes/realtime.js";
import { sitesRoute } from "./routes/sites.js";
import { statsRoute } from "./routes/stats.js";

/**
 * The Analytics Platform API v2 (/api/v2/sites...) over the stats engine, to be mounted behind
 * token authentication and the rate limiter. Errors leave as {"error": ...} through the service's
 * JSON error handler; the middleware is limited to /api/v2 so other dialects mounted beside it are untouched.
 */
export function platformV2Routes(deps: PlatformV2Deps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use(`${BASE}/*`, resetInMilliseconds);
  sitesRoute(app, deps);
  statsRoute(app, deps);
  realtimeRoute(app, deps);
  eventsRoute(app, deps);
  pageviewsRoute(app, deps);
  return app;
}
