import { type AuthEnv, freshLookup } from "@pulse/api-kit";
import type { OpenApiRegistry } from "@pulse/service";
import { Hono } from "hono";
import { clientRoutes } from "./clients/client-routes.js";
import type { PirschDeps } from "./deps.js";
import { accessLinkRoutes } from "./domains/access-link-routes.js";
import { alternativeDomainRoutes } from "./domains/alternative-domain-routes.js";
import { domainRoutes } from "./domains/domain-routes.js";
import { domainSettingRoutes } from "./domains/domain-setting-routes.js";
import { snippetRoutes } from "./domains/snippet-routes.js";
import { trafficFilterRoutes } from "./filters/traffic-filter-routes.js";
import { funnelRoutes } from "./funnels/funnel-routes.js";
import { goalRoutes } from "./goals/goal-routes.js";
import { writerFor } from "./http/writer.js";
import { unsupportedRoutes } from "./unsupported/unsupported-routes.js";
import { viewRoutes } from "./views/view-routes.js";
import { webhookRoutes } from "./webhooks/webhook-routes.js";

/**
 * Pirsch's management API at Pirsch's paths (/api/v1/...), with Pirsch's field names, over our
 * sites, keys, filters, goals, funnels, views, access links and webhooks. Mount it behind the same
 * authentication (one that accepts access tokens: authenticateBearer) and rate limit as the native
 * API; POST /api/v1/token is separate (pirschTokenRoutes), as it must be reachable without a token.
 */
export function pirschManagementRoutes(deps: PirschDeps, registry: OpenApiRegistry): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store, cache } = deps;
  const fresh = freshLookup(cache);
  const sites = deps.sites ?? ((siteId: string) => fresh(() => cache.siteById(siteId)));
  const write = writerFor(cache);
  const shared = { store, sites, write };

  domainRoutes(app, registry, { ...shared, cache });
  domainSettingRoutes(app, registry, shared);
  accessLinkRoutes(app, registry, shared);
  alternativeDomainRoutes(app, registry, shared);
  snippetRoutes(app, registry, { ...shared, publicUrl: deps.publicUrl });
  clientRoutes(app, registry, { ...shared, accessTokens: deps.accessTokens });
  trafficFilterRoutes(app, registry, shared);
  goalRoutes(app, registry, { ...shared, clickhouse: deps.clickhouse });
  funnelRoutes(app, registry, shared);
  viewRoutes(app, registry, shared);
  webhookRoutes(app, registry, { ...shared, redis: deps.redis });
  unsupportedRoutes(app, registry);
  return app;
}
