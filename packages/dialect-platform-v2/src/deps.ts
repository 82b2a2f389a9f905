import type { SiteLookup } from "@pulse/api-kit";
import type { MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";

/**
 * What the v2 routes read, declared structurally so the query service (and dialectWorld's
 * DialectDeps) can pass what it already holds: the store for the site list, the engine for every
 * figure, a site lookup that tolerates a site created a moment ago, and the OpenAPI registry.
 */
export interface PlatformV2Deps {
  store: Pick<MetadataStore, "listSites">;
  engine: Pick<StatsEngine, "aggregate" | "breakdown" | "timeseries" | "realtime">;
  sites: SiteLookup;
  registry: OpenApiRegistry;
}

/** Every v2 endpoint reads statistics (or the sites they belong to). */
export const SCOPE = "statistics:read" as const;
export const TAG = "Analytics Platform API v2";
export const BASE = "/api/v2";
