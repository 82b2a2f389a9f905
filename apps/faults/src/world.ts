import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createKafka } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { MetadataStore } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";
import { ServiceProcess } from "./service-process.js";

/** A port the OS says is free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * One scenario's pipeline on the private stack: a database, topic, consumer group, Redis prefix, site
 * and write key of its own, and the ingest and consumer processes that serve it. `serviceEnv`
 * overrides settings of both services (a scenario may want a longer linger or a shorter timeout).
 */
export async function createWorld(name: string, stackEnv: Record<string, string>, serviceEnv: Record<string, string> = {}) {
  const unique = `${name}-${randomUUID().slice(0, 8)}`;
  const keyPrefix = `faults:${unique}:`;
  const base = { ...process.env, ...stackEnv } as Record<string, string>;
  const config = loadConfig(base);
  const db: TestDatabase = await createTestDatabase(`faults_${name.replace(/\W/g, "_")}`, config);
  const redis: Redis = createRedis(config, keyPrefix);
  // Redis is killed on purpose in one scenario; ioredis reconnects, and commands report their own errors.
  redis.on("error", () => {});
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const account = await store.createAccount({ name: unique });
  const domain = `${unique}.example.com`;
  const site = await store.createSite({ account_id: account.id, domain });
  const { token } = await store.createApiKey({ account_id: account.id, site_id: site.id, scopes: ["hit", "event", "session"] });

  const topic = `faults.${unique}.hits`;
  const group = `faults-${unique}`;
  const env: Record<string, string> = {
    ...base,
    CLICKHOUSE_DATABASE: db.database,
    KAFKA_HITS_TOPIC: topic,
    KAFKA_DLQ_TOPIC: `faults.${unique}.dlq`,
    KAFKA_HITS_PARTITIONS: "3",
    KAFKA_CONSUMER_GROUP: group,
    REDIS_KEY_PREFIX: keyPrefix,
    CONSUMER_FLUSH_MS: "200",
    LOG_LEVEL: "warn",
    ...serviceEnv,
  };
  const kafka = createKafka(loadConfig(env), createLogger("faults", { level: "silent" }));
  const admin = kafka.admin();
  let adminConnected = false;

  const ingestPort = await freePort();
  const consumers: ServiceProcess[] = [];
  const consumerLogListeners: ((entry: Record<string, unknown>) => void)[] = [];
  const world = {
    name,
    domain,
    siteId: site.id,
    token,
    topic,
    database: db.database,
    clickhouse: db.client,
    redis,
    env,
    ingest: undefined as ServiceProcess | undefined,
    consumers,
    get ingestUrl() {
      return `http://127.0.0.1:${ingestPort}`;
    },
    /** Ingest always comes back on the same port, so traffic resumes where it was sent. */
    startIngest: async (extra: Record<string, string> = {}) => {
      const ingest = new ServiceProcess("ingest", ingestPort, { ...env, ...extra });
      world.ingest = ingest;
      await ingest.waitReady();
      return ingest;
    },
    startConsumer: async (extra: Record<string, string> = {}) => {
      const consumer = new ServiceProcess("consumer", await freePort(), { ...env, ...extra });
      consumer.onLine((line) => {
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return;
        }
        for (const listener of consumerLogListeners) listener(entry);
      });
      consumers.push(consumer);
      await consumer.waitReady();
      return consumer;
    },
    /** Every JSON log line of every consumer started from now on. */
    onConsumerLog: (listener: (entry: Record<string, unknown>) => void) => {
      consumerLogListeners.push(listener);
    },
    /** Messages in the topic not yet committed by the consumer group. */
    lag: async (): Promise<number> => {
      if (!adminConnected) {
        await admin.connect();
        adminConnected = true;
      }
      const [ends, committed] = await Promise.all([
        admin.fetchTopicOffsets(topic),
        admin.fetchOffsets({ groupId: group, topics: [topic] }),
      ]);
      const done = new Map(committed[0]?.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]) ?? []);
      return ends.reduce((sum, p) => sum + Number(p.high) - (done.get(p.partition) ?? 0), 0);
    },
    /** Output of every service started, for diagnosing a failure. */
    output: () =>
      [world.ingest, ...consumers]
        .filter((s) => s !== undefined)
        .map((s) => `--- ${s.app} ${s.port}\n${s.output()}`)
        .join("\n"),
    dispose: async () => {
      await Promise.all([world.ingest?.stop(), ...consumers.map((c) => c.stop())]);
      if (adminConnected) await admin.disconnect().catch(() => {});
      redis.disconnect();
      await db.dispose().catch(() => {});
    },
  };
  return world;
}
