import { createClickHouse } from "@pulse/clickhouse";
import { httpLimitsOf, loadConfig } from "@pulse/config";
import {
  BatchingProducer,
  createKafka,
  createProducer,
  ensureTopics,
  isKafkaReachable,
  pipelineTopics,
} from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { freshLookup } from "@pulse/api-kit";
import { AccessTokens, createMetadata } from "@pulse/metadata";
import { createRedis, isRedisReachable } from "@pulse/redis";
import { startService, stopOnSignals } from "@pulse/service";
import { ingestRoutes } from "./app.js";
import { beaconLimitsOf } from "./beacon-limits.js";
import { redisBeaconLimiter } from "./beacon-rate-limit.js";
import { redisIdempotencyStore } from "./idempotency.js";
import { kafkaRecordSink } from "./record-sink.js";
import { siteDirectoryOf } from "./site-directory.js";

const config = loadConfig();
const beacon = beaconLimitsOf();
const logger = createLogger("ingest", { level: config.LOG_LEVEL });
const clickhouse = createClickHouse(config);
const redis = createRedis(config);
// One attempt per produce call, answered or given up on only after ingest stopped waiting for it
// (the records' ack_by plus the grace): a retry would put a second copy in the broker (see createProducer).
const kafka = createKafka(config, logger, { requestTimeoutMs: config.INGEST_ACK_TIMEOUT_MS + config.INGEST_ACK_GRACE_MS + 1000 });
await ensureTopics(kafka, pipelineTopics(config));

const { cache: metadata } = createMetadata(config, { clickhouse, redis, logger });
await metadata.start();

const producer = createProducer(kafka, { retries: 0 });
await producer.connect();
const batching = new BatchingProducer(producer, config.KAFKA_HITS_TOPIC, {
  lingerMs: config.INGEST_LINGER_MS,
  maxMessages: config.INGEST_MAX_BATCH_MESSAGES,
  bundle: true,
});

const routes = ingestRoutes(
  {
    sites: siteDirectoryOf(metadata, { cache: metadata, fresh: freshLookup(metadata), accessTokens: new AccessTokens({ redis }) }), sink: kafkaRecordSink(batching), idempotency: redisIdempotencyStore(redis), now: Date.now, ack: { timeoutMs: config.INGEST_ACK_TIMEOUT_MS, graceMs: config.INGEST_ACK_GRACE_MS } },
  {
    trustedProxyHeaders: config.TRUSTED_PROXY_HEADERS,
    beaconBodyBytes: beacon.bodyBytes,
    limiter: beacon.ratePerMinute > 0 ? redisBeaconLimiter(redis, beacon.ratePerMinute) : undefined,
  },
);

const service = await startService({
  name: "ingest",
  logger,
  host: config.HOST,
  port: config.INGEST_PORT,
  routes,
  checks: { kafka: () => isKafkaReachable(kafka), redis: () => isRedisReachable(redis) },
  onShutdown: async () => {
    await batching.drain();
    await producer.disconnect();
    await metadata.stop();
    await clickhouse.close();
    redis.disconnect();
  },
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  limits: httpLimitsOf(config),
});
stopOnSignals(service, logger);
