import { createClickHouse, isClickHouseReachable } from "@pulse/clickhouse";
import { httpLimitsOf, loadConfig } from "@pulse/config";
import { createKafka, createProducer, ensureTopics, isKafkaReachable, pipelineTopics } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { createMetadata } from "@pulse/metadata";
import { BatchProcessor } from "@pulse/pipeline";
import { createRedis, isRedisReachable } from "@pulse/redis";
import { startService, stopOnSignals } from "@pulse/service";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import { deadLetterSender } from "./dead-letters.js";
import { startHitsConsumer } from "./hits-consumer.js";

const config = loadConfig();
const logger = createLogger("consumer", { level: config.LOG_LEVEL });
const clickhouse = createClickHouse(config);
const redis = createRedis(config);
const kafka = createKafka(config, logger);
await ensureTopics(kafka, pipelineTopics(config));

const { cache: metadata } = createMetadata(config, { clickhouse, redis, logger });
await metadata.start();

const dlqProducer = createProducer(kafka);
await dlqProducer.connect();

const processor = new BatchProcessor(
  {
    clickhouse,
    sessionizer: new Sessionizer(redis, { saltStore: new SaltStore(redis) }),
    realtime: new Realtime(redis),
    hostnamesOf: (siteId) => {
      const site = metadata.siteById(siteId);
      return site ? [site.domain, ...site.alternative_domains] : [];
    },
    deadLetter: deadLetterSender(dlqProducer, config.KAFKA_DLQ_TOPIC),
    // Ingest answered by the same rule (the broker's append time against ack_by), so no grace here.
    lateAppendGraceMs: 0,
    logger,
  },
  config.KAFKA_HITS_TOPIC,
);
const hits = await startHitsConsumer(kafka, processor, config, logger);

// The consumer has no public API; its HTTP listener serves health and readiness only.
const service = await startService({
  name: "consumer",
  logger,
  host: config.HOST,
  port: config.CONSUMER_PORT,
  checks: {
    group: async () => hits.isReady(),
    clickhouse: () => isClickHouseReachable(clickhouse),
    kafka: () => isKafkaReachable(kafka),
    redis: () => isRedisReachable(redis),
  },
  onShutdown: async () => {
    await hits.stop();
    await dlqProducer.disconnect();
    await metadata.stop();
    await clickhouse.close();
    redis.disconnect();
  },
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  limits: httpLimitsOf(config),
});
stopOnSignals(service, logger);
