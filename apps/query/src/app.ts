import type { MetadataCache, MetadataStore } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import { OpenApiRegistry } from "@pulse/service";
import { Hono } from "hono";
import { type AuthEnv, authenticate, freshLookup, rateLimit } from "@pulse/api-kit";
import { docsRoutes } from "./docs.js";
import { API, managementRoutes } from "./routes/management.js";
import { statsRoutes } from "./routes/stats.js";
import type { StatsEngine } from "@pulse/stats";

export interface QueryDeps {
  store: MetadataStore;
  cache: MetadataCache;
  redis: Redis;
  engine: StatsEngine;
  rateLimitPerMinute: number;
}

/** Every query-service route: docs in the open, everything under the API behind a token and a rate limit. */
export function queryRoutes(deps: QueryDeps): Hono {
  const registry = new OpenApiRegistry();
  const fresh = freshLookup(deps.cache);
  const sites = (siteId: string) => fresh(() => deps.cache.siteById(siteId));
  const api = new Hono<AuthEnv>();
  api.use(`${API}/*`, authenticate(deps.cache, fresh), rateLimit(deps.redis, deps.rateLimitPerMinute));
  api.route("/", managementRoutes({ ...deps, sites }, registry));
  statsRoutes(api, registry, { engine: deps.engine, sites, cache: deps.cache });
  const app = new Hono();
  app.route("/", docsRoutes(registry));
  app.route("/", api as unknown as Hono);
  return app;
}
