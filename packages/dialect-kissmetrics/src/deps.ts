import type { SiteLookup } from "@pulse/api-kit";
import type { MetadataCache, MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";

/**
 * What the Kissmetrics routes read, declared structurally so the query service (and
 * dialectWorld's DialectDeps) can pass what it already holds.
 */
export interface KissmetricsDeps {
  store: Pick<MetadataStore, "getAccount" | "listSites" | "listSavedViews" | "getSavedView">;
  cache: Pick<MetadataCache, "goalsOf" | "funnelsOf" | "funnelById">;
  engine: Pick<StatsEngine, "aggregate" | "breakdown" | "timeseries" | "filterOptions">;
  sites: SiteLookup;
  registry: OpenApiRegistry;
}

/** Kissmetrics tokens only read: every endpoint needs the statistics scope (products and reports are what statistics are of). */
export const SCOPE = "statistics:read" as const;
export const TAG = "Kissmetrics Core API";
