import type { SiteLookup } from "@pulse/api-kit";
import type { MetadataCache, MetadataStore } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";

/**
 * What the Kindmetrics routes use of the query service. Structurally a part of api-kit's
 * DialectDeps, declared here so the package needs no test-only import at run time.
 */
export interface KindmetricsDeps {
  /** Creates domains (POST /api/domains) and lists an account's. */
  store: MetadataStore;
  /** The site's goals, for /goals and the goal_id filter. */
  cache: MetadataCache;
  engine: StatsEngine;
  /** A site by id, tolerating one created a moment ago. */
  sites: SiteLookup;
  registry: OpenApiRegistry;
}

export interface KindmetricsOptions {
  /**
   * The public base URL the tracker script is served from, e.g. "https://analytics.example.com";
   * default: the origin of the request (right when one address serves everything).
   */
  publicUrl?: string;
}
