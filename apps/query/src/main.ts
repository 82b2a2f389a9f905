import { createClickHouse, isClickHouseReachable } from "@pulse/clickhouse";
import { httpLimitsOf, loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { startPirschWebhooks } from "@pulse/dialect-pirsch";
import { AccessTokens, createMetadata } from "@pulse/metadata";
import { createRedis, isRedisReachable } from "@pulse/redis";
import { startService, stopOnSignals } from "@pulse/service";
import { Realtime } from "@pulse/sessions";
import { StatsCache, StatsEngine } from "@pulse/stats";
import { queryRoutes } from "./app.js";

const config = loadConfig();
const logger = createLogger("query", { level: config.LOG_LEVEL });
const clickhouse = createClickHouse(config);
const redis = createRedis(config);
const { store, cache } = createMetadata(config, { clickhouse, redis, logger });
await cache.start();

const engine = new StatsEngine(clickhouse, {
  cache: new StatsCache(redis, { ttlSeconds: config.STATS_CACHE_TTL_SECONDS }),
  realtime: new Realtime(redis),
});

const accessTokens = new AccessTokens({ redis });
const webhooks = startPirschWebhooks({ store, cache, redis, clickhouse, logger });

const service = await startService({
  name: "query",
  logger,
  host: config.HOST,
  port: config.QUERY_PORT,
  routes: queryRoutes({ store, cache, redis, clickhouse, engine, accessTokens, rateLimitPerMinute: config.QUERY_RATE_LIMIT_PER_MINUTE, trustedProxyHeaders: config.TRUSTED_PROXY_HEADERS }),
  checks: { clickhouse: () => isClickHouseReachable(clickhouse), redis: () => isRedisReachable(redis) },
  onShutdown: async () => {
    await webhooks.stop();
    await cache.stop();
    await clickhouse.close();
    redis.disconnect();
  },
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  limits: httpLimitsOf(config),
});
stopOnSignals(service, logger);
