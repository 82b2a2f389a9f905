import type { AuthEnv } from "@pulse/api-kit";
import { Hono } from "hono";
import type { KrafterDeps } from "./deps.js";
import { krafterError } from "./errors.js";
import { eventsRoute } from "./routes/events.js";
import { realtimeRoute } from "./routes/live.js";
import { statsRoute } from "./routes/stats.js";

/**
 * Krafter's Stats and Realtime API (https://app.krafter.dev/api/v1/analytics) over our engine:
 * :key is our site id or the site's domain. Mount it behind token authentication.
 */
export function krafterRoutes(deps: KrafterDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError(krafterError);
  statsRoute(app, deps);
  realtimeRoute(app, deps);
  eventsRoute(app, deps);
  return app;
}
