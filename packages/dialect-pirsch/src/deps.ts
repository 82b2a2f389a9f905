import type { SiteLookup } from "@pulse/api-kit";
import type { ClickHouseClient } from "@pulse/clickhouse";
import type { AccessTokens, MetadataCache, MetadataStore } from "@pulse/metadata";
import type { Redis } from "@pulse/redis";

/** What the Pirsch management routes need; the query app already holds all of it. */
export interface PirschDeps {
  store: MetadataStore;
  cache: MetadataCache;
  /** Issues and revokes access tokens (revoked when their client is deleted). */
  accessTokens: AccessTokens;
  /** Counts failed webhook deliveries (reset when a webhook is saved again). */
  redis: Redis;
  /** Runs the goal regex test in RE2, the engine statistics match goals with. */
  clickhouse: ClickHouseClient;
  /** A site by id tolerating one created a moment ago; default: the cache with a fresh lookup. */
  sites?: SiteLookup;
  /**
   * The public base URL the tracker script is served from, e.g. "https://analytics.example.com";
   * default: the origin of the request (right when one address serves everything, as designed).
   */
  publicUrl?: string;
}
