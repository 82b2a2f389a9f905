import type { AuthEnv } from "@pulse/api-kit";
import { type Context, Hono } from "hono";
import type { KindmetricsDeps, KindmetricsOptions } from "./deps.js";
import { kindmetricsError } from "./errors.js";
import { domainRoutes } from "./routes/domains.js";
import { listRoutes } from "./routes/lists.js";
import { currentAndGoalRoutes } from "./routes/live.js";

/**
 * The Kindmetrics API (https://app.kindmetrics.io/api) over our engine and sites: a Kindmetrics
 * "domain" is one of our sites and its id is the site id. Mount it behind token authentication.
 */
export function kindmetricsRoutes(deps: KindmetricsDeps, options: KindmetricsOptions = {}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.onError(kindmetricsError);
  const baseUrlOf = (c: Context) => options.publicUrl ?? new URL(c.req.url).origin;
  domainRoutes(app, deps, baseUrlOf);
  listRoutes(app, deps);
  currentAndGoalRoutes(app, deps);
  return app;
}
