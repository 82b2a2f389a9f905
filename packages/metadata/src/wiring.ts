import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Config } from "@pulse/config";
import type { Logger } from "@pulse/logger";
import { createRedis, type Redis } from "@pulse/redis";
import { MetadataCache } from "./cache.js";
import { MetadataStore } from "./store.js";

/** The store and its cache as every service uses them; call `cache.start()` before serving. */
export function createMetadata(
  config: Pick<Config, "REDIS_URL" | "REDIS_KEY_PREFIX">,
  deps: { clickhouse: ClickHouseClient; redis: Redis; logger: Logger },
) {
  const store = new MetadataStore({ ...deps, keyPrefix: config.REDIS_KEY_PREFIX });
  const cache = new MetadataCache({
    source: store,
    createSubscriber: () => createRedis(config),
    keyPrefix: config.REDIS_KEY_PREFIX,
    logger: deps.logger,
  });
  return { store, cache };
}
