import { createClickHouse, isClickHouseReachable } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { createKafka, ensureTopics, isKafkaReachable, pipelineTopics } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { createRedis, isRedisReachable } from "@pulse/redis";
import { startService, stopOnSignals } from "@pulse/service";

const config = loadConfig();
const logger = createLogger("consumer", { level: config.LOG_LEVEL });
const clickhouse = createClickHouse(config);
const redis = createRedis(config);
const kafka = createKafka(config, logger);
await ensureTopics(kafka, pipelineTopics(config));

// The consumer has no public API; its HTTP listener serves health and readiness only.
const service = await startService({
  name: "consumer",
  logger,
  host: config.HOST,
  port: config.CONSUMER_PORT,
  checks: {
    clickhouse: () => isClickHouseReachable(clickhouse),
    kafka: () => isKafkaReachable(kafka),
    redis: () => isRedisReachable(redis),
  },
  onShutdown: async () => {
    await clickhouse.close();
    redis.disconnect();
  },
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});
stopOnSignals(service, logger);
