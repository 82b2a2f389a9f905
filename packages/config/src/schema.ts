import { z } from "zod";

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const csv = z
  .string()
  .transform((s) => s.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string()).min(1));

/**
 * Every environment variable the platform reads, in one place.
 * Defaults match the local stack started by `npm start`, so a fresh clone needs no .env file.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  CLICKHOUSE_URL: z.url().default("http://127.0.0.1:8123"),
  CLICKHOUSE_USER: z.string().default("default"),
  CLICKHOUSE_PASSWORD: z.string().default(""),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a plain identifier")
    .default("analytics"),
  /** Kept below the server's keep_alive_timeout (10 s by default) so sockets are never reused after the server closed them. */
  /** Events older than this many days are dropped by ClickHouse (TTL); 0 keeps them forever. */
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  CLICKHOUSE_KEEP_ALIVE_IDLE_MS: positiveInt.default(2500),
  CLICKHOUSE_REQUEST_TIMEOUT_MS: positiveInt.default(30_000),

  KAFKA_BROKERS: csv.default(["127.0.0.1:9092"]),
  KAFKA_CLIENT_ID: z.string().min(1).default("pulse"),
  KAFKA_HITS_TOPIC: z.string().min(1).default("analytics.hits"),
  KAFKA_DLQ_TOPIC: z.string().min(1).default("analytics.hits.dlq"),
  KAFKA_HITS_PARTITIONS: positiveInt.default(6),
  KAFKA_REPLICATION_FACTOR: positiveInt.default(1),
  KAFKA_CONSUMER_GROUP: z.string().min(1).default("pulse-consumer"),

  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").default("redis://127.0.0.1:6379"),
  REDIS_KEY_PREFIX: z.string().default("pulse:"),

  /** Request headers that carry the client IP, trusted only behind your own proxy, e.g. "x-forwarded-for". */
  TRUSTED_PROXY_HEADERS: z
    .string()
    .transform((s) => s.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean))
    .default([]),
  /** Ingest waits this long to gather concurrent requests into one Kafka produce call. */
  INGEST_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(3),
  INGEST_MAX_BATCH_MESSAGES: positiveInt.default(5000),
  /**
   * The deadline ingest writes into each record (`ack_by`): the consumer drops a record the broker
   * appended after it, so an answer can be given for every request (README, "Reliability").
   */
  INGEST_ACK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /**
   * How long past the deadline ingest still waits for Kafka's answer, whose append time says whether
   * the consumer will count the request (202) or drop it (503); no answer by then is a 503.
   */
  INGEST_ACK_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /** Consumer: a ClickHouse insert is written when Kafka has this many bytes ready or after CONSUMER_FLUSH_MS. */
  CONSUMER_FLUSH_BYTES: positiveInt.default(1_000_000),
  CONSUMER_FLUSH_MS: positiveInt.default(1000),
  CONSUMER_MAX_BATCH_BYTES: positiveInt.default(4_000_000),

  /** Query API: requests per minute per key, unless the key sets its own limit. */
  QUERY_RATE_LIMIT_PER_MINUTE: positiveInt.default(100),
  /** Query API: how long results of closed periods stay cached in Redis. */
  STATS_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(300),

  /**
   * Limits of every service's HTTP server (docs/limits.md). Unset means the default of
   * DEFAULT_HTTP_LIMITS in @pulse/service, which owns them.
   */
  HTTP_MAX_HEADER_BYTES: positiveInt.optional(),
  HTTP_MAX_URL_BYTES: positiveInt.optional(),
  HTTP_MAX_QUERY_BYTES: positiveInt.optional(),
  HTTP_MAX_BODY_BYTES: positiveInt.optional(),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt.optional(),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt.optional(),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt.optional(),
  HTTP_MAX_CONNECTIONS: positiveInt.optional(),

  HOST: z.string().default("127.0.0.1"),
  INGEST_PORT: port.default(3001),
  QUERY_PORT: port.default(3002),
  CONSUMER_PORT: port.default(3003),
  /** How long a stopping service waits for in-flight work before it exits anyway. */
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
});

export type Config = z.infer<typeof envSchema>;
