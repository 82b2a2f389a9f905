import type { SiteLookup } from "@pulse/api-kit";
import type { MetadataCache } from "@pulse/metadata";
import type { OpenApiRegistry } from "@pulse/service";
import type { StatsEngine } from "@pulse/stats";

/**
 * What the Krafter routes use of the query service. Structurally a part of api-kit's DialectDeps,
 * declared here so the package needs no test-only import at run time.
 */
export interface KrafterDeps {
  /** Sites by hostname, for a :key that is a domain. */
  cache: MetadataCache;
  engine: StatsEngine;
  /** A site by id, tolerating one created a moment ago. */
  sites: SiteLookup;
  registry: OpenApiRegistry;
}
