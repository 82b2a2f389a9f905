import type { AuthEnv } from "@pulse/api-kit";
import { Hono } from "hono";
import type { KissmetricsDeps } from "./deps.js";
import { jsonOnly } from "./http/accept.js";
import { metricQueryRoutes } from "./query/routes.js";
import { accountRoutes } from "./routes/accounts.js";
import { eventRoutes } from "./routes/events.js";
import { metricRoutes } from "./routes/metrics.js";
import { productRoutes } from "./routes/products.js";
import { propertyRoutes } from "./routes/properties.js";
import { reportRoutes } from "./routes/reports.js";
import { rootRoute } from "./routes/root.js";

/**
 * Kissmetrics' Core API (/core...) and the metric queries its links name (/query/metrics/...), to
 * be mounted behind token authentication and the rate limiter. Content negotiation applies to
 * these paths only, so other dialects mounted beside them are untouched.
 */
export function kissmetricsRoutes(deps: KissmetricsDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  for (const path of ["/core", "/core/*", "/query/metrics/*"]) app.use(path, jsonOnly);
  rootRoute(app, deps);
  accountRoutes(app, deps);
  productRoutes(app, deps);
  reportRoutes(app, deps);
  eventRoutes(app, deps);
  propertyRoutes(app, deps);
  metricRoutes(app, deps);
  metricQueryRoutes(app, deps);
  return app;
}
