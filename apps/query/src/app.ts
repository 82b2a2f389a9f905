import { type AuthEnv, authenticate, freshLookup, rateLimit } from "@pulse/api-kit";
import type { ClickHouseClient } from "@pulse/clickhouse";
import { kindmetricsRoutes } from "@pulse/dialect-kindmetrics";
import { kissmetricsRoutes } from "@pulse/dialect-kissmetrics";
import { krafterRoutes } from "@pulse/dialect-krafter";
import { platformV2Routes } from "@pulse/dialect-platform-v2";
import { pirschManagementRoutes, pirschStatisticsRoutes, pirschTokenRoutes } from "@pulse/dialect-pirsch";
import type { AccessTokens, MetadataCache, MetadataStore } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";
import { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";
import { Hono } from "hono";
import { docsRoutes } from "./docs.js";
import { managementRoutes } from "./routes/management.js";
import { statsRoutes } from "./routes/stats.js";

export interface QueryDeps {
  store: MetadataStore;
  cache: MetadataCache;
  redis: Redis;
  clickhouse: ClickHouseClient;
  engine: StatsEngine;
  accessTokens: AccessTokens;
  rateLimitPerMinute: number;
  /** Headers that carry the caller's address behind your own proxy (TRUSTED_PROXY_HEADERS). */
  trustedProxyHeaders?: readonly string[];
}

/**
 * Every query-service route: docs and the token exchange in the open; the native API and every
 * dialect behind one authentication (all token forms) and one per-key rate limit.
 */
export function queryRoutes(deps: QueryDeps): Hono {
  const registry = new OpenApiRegistry();
  const fresh = freshLookup(deps.cache);
  const sites = (siteId: string) => fresh(() => deps.cache.siteById(siteId));
  const app = new Hono();
  app.route("/", docsRoutes(registry));
  app.route("/", pirschTokenRoutes({ cache: deps.cache, accessTokens: deps.accessTokens, fresh, redis: deps.redis, trustedProxyHeaders: deps.trustedProxyHeaders }, registry));

  const api = new Hono<AuthEnv>();
  const guard = [
    authenticate({ cache: deps.cache, fresh, accessTokens: deps.accessTokens }),
    rateLimit(deps.redis, deps.rateLimitPerMinute, { resetInMilliseconds: (path) => path.startsWith("/api/v2/") }),
  ] as const;
  // Every API prefix the native API and the dialects use (Kissmetrics' live outside /api).
  for (const prefix of ["/api/*", "/core", "/core/*", "/query/*"]) api.use(prefix, ...guard);
  api.route("/", managementRoutes({ ...deps, sites }, registry));
  statsRoutes(api, registry, { engine: deps.engine, sites, cache: deps.cache });
  api.route("/", pirschManagementRoutes({ ...deps, sites }, registry));
  api.route("/", pirschStatisticsRoutes({ engine: deps.engine, cache: deps.cache, store: deps.store, sites }, registry));
  const dialect = { ...deps, sites, registry };
  api.route("/", kindmetricsRoutes(dialect));
  api.route("/", krafterRoutes(dialect));
  api.route("/", kissmetricsRoutes(dialect));
  api.route("/", platformV2Routes(dialect));
  app.route("/", api as unknown as Hono);
  return app;
}
