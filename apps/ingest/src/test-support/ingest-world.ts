import { randomUUID } from "node:crypto";
import { freshLookup } from "@pulse/api-kit";
import { createTestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { BatchingProducer, createKafka, createProducer, ensureTopics, pipelineTopics } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { AccessTokens, MetadataCache, MetadataStore } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { ingestRoutes } from "../app.js";
import { redisIdempotencyStore } from "../idempotency.js";
import { kafkaRecordSink } from "../record-sink.js";
import { siteDirectoryOf } from "../site-directory.js";
import { type KafkaRecords, kafkaRecords } from "./kafka-records.js";

export interface IngestWorld {
  store: MetadataStore;
  redis: Redis;
  accessTokens: AccessTokens;
  /** The ingest routes wired as main.ts wires them, over this world's servers. */
  app: Hono;
  /** Everything the app produced to its topic, read back from Kafka. */
  records: KafkaRecords;
  dispose: () => Promise<void>;
}

/**
 * Real ClickHouse (a fresh database), Redis (a fresh prefix) and Kafka (a topic of its own, made
 * with the pipeline's settings) behind an in-process ingest app, so tests run beside others on the
 * same servers. Call `start` after creating the sites and keys the test needs.
 */
export async function ingestWorld(name: string): Promise<{ store: MetadataStore; start: () => Promise<IngestWorld> }> {
  const unique = `${name}-${randomUUID().slice(0, 8)}`;
  const keyPrefix = `it:${unique}:`;
  const config = loadConfig({
    ...process.env,
    KAFKA_HITS_TOPIC: `it.${unique}.hits`,
    KAFKA_DLQ_TOPIC: `it.${unique}.dlq`,
    KAFKA_HITS_PARTITIONS: "3",
  } as Record<string, string>);
  const db = await createTestDatabase(name.replace(/\W/g, "_"), config);
  const redis = createRedis(config, keyPrefix);
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const start = async (): Promise<IngestWorld> => {
    const logger = createLogger("ingest-it", { level: "silent" });
    const kafka = createKafka(config, logger);
    const topics = pipelineTopics(config);
    await ensureTopics(kafka, topics);
    const subscriber = createRedis(config, keyPrefix);
    const cache = new MetadataCache({ source: store, createSubscriber: () => subscriber, keyPrefix });
    await cache.start();
    const producer = createProducer(kafka);
    await producer.connect();
    const batching = new BatchingProducer(producer, config.KAFKA_HITS_TOPIC, { lingerMs: config.INGEST_LINGER_MS, maxMessages: config.INGEST_MAX_BATCH_MESSAGES, bundle: true });
    const records = await kafkaRecords(kafka, config.KAFKA_HITS_TOPIC);
    const accessTokens = new AccessTokens({ redis });
    const app = withJsonErrors(new Hono(), logger);
    app.route(
      "/",
      ingestRoutes(
        {
          sites: siteDirectoryOf(cache, { cache, fresh: freshLookup(cache), accessTokens }),
          sink: kafkaRecordSink(batching),
          idempotency: redisIdempotencyStore(redis),
          now: Date.now,
          ack: { timeoutMs: config.INGEST_ACK_TIMEOUT_MS, graceMs: config.INGEST_ACK_GRACE_MS },
        },
        { trustedProxyHeaders: ["x-forwarded-for"] },
      ),
    );
    return {
      store,
      redis,
      accessTokens,
      app,
      records,
      dispose: async () => {
        await records.stop();
        await batching.drain();
        await producer.disconnect();
        await cache.stop();
        subscriber.disconnect();
        const admin = kafka.admin();
        await admin.connect();
        await admin.deleteTopics({ topics: topics.map((t) => t.topic) }).catch(() => {});
        await admin.disconnect();
        redis.disconnect();
        await db.dispose();
      },
    };
  };
  return { store, start };
}
