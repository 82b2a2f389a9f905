import { createClickHouse, isClickHouseReachable } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { createRedis, isRedisReachable } from "@pulse/redis";
import { startService, stopOnSignals } from "@pulse/service";
import { queryRoutes } from "./routes.js";

const config = loadConfig();
const logger = createLogger("query", { level: config.LOG_LEVEL });
const clickhouse = createClickHouse(config);
const redis = createRedis(config);

const service = await startService({
  name: "query",
  logger,
  host: config.HOST,
  port: config.QUERY_PORT,
  routes: queryRoutes(),
  checks: { clickhouse: () => isClickHouseReachable(clickhouse), redis: () => isRedisReachable(redis) },
  onShutdown: async () => {
    await clickhouse.close();
    redis.disconnect();
  },
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
stopOnSignals(service, logger);
