import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { MetadataStore } from "@pulse/metadata";
import { createRedis, type Redis } from "@pulse/redis";

const APPS = fileURLToPath(new URL("../../../", import.meta.url));

export interface RunningPipeline {
  ingestUrl: string;
  consumerUrl: string;
  token: string;
  siteId: string;
  domain: string;
  db: TestDatabase;
  redis: Redis;
  env: Record<string, string>;
  /** Output of both services, for diagnosing a failure. */
  output: () => string;
  startConsumer: () => Promise<void>;
  stopConsumer: (signal?: NodeJS.Signals) => Promise<void>;
  stop: () => Promise<void>;
}

let nextPort = 24_000 + (process.pid % 500) * 8;

async function waitReady(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/**
 * Real ingest and consumer processes on a topic, consumer group, database and Redis prefix of their
 * own, so tests can run beside others on the same servers. `overrides` points them elsewhere (the
 * fault tests use servers of their own).
 */
export async function startPipeline(name: string, overrides: Record<string, string> = {}): Promise<RunningPipeline> {
  const unique = `${name}-${randomUUID().slice(0, 8)}`;
  const ingestPort = nextPort++;
  const consumerPort = nextPort++;
  const keyPrefix = `it:${unique}:`;
  const base = { ...process.env, ...overrides } as Record<string, string>;
  const config = loadConfig(base);
  const db = await createTestDatabase(name.replace(/\W/g, "_"), config);
  const redis = createRedis(config, keyPrefix);
  const store = new MetadataStore({ clickhouse: db.client, redis, keyPrefix });
  const account = await store.createAccount({ name: unique });
  const domain = `${unique}.example.com`;
  const site = await store.createSite({ account_id: account.id, domain, alternative_domains: [`www.${domain}`] });
  const { token } = await store.createApiKey({ account_id: account.id, site_id: site.id, scopes: ["hit", "event", "session"] });

  const env: Record<string, string> = {
    ...base,
    CLICKHOUSE_DATABASE: db.database,
    KAFKA_HITS_TOPIC: `it.${unique}.hits`,
    KAFKA_DLQ_TOPIC: `it.${unique}.dlq`,
    KAFKA_HITS_PARTITIONS: "3",
    KAFKA_CONSUMER_GROUP: `it-${unique}`,
    REDIS_KEY_PREFIX: keyPrefix,
    INGEST_PORT: String(ingestPort),
    CONSUMER_PORT: String(consumerPort),
    CONSUMER_FLUSH_MS: "200",
    LOG_LEVEL: "warn",
    TRUSTED_PROXY_HEADERS: "x-forwarded-for",
  };
  let output = "";
  const launch = (app: string) => {
    const child = spawn("node", [`${APPS}${app}/dist/main.js`], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    return child;
  };
  const ingestUrl = `http://127.0.0.1:${ingestPort}`;
  const consumerUrl = `http://127.0.0.1:${consumerPort}`;
  const ingest = launch("ingest");
  let consumer: ChildProcess | undefined;
  const startConsumer = async () => {
    consumer = launch("consumer");
    await waitReady(consumerUrl);
  };
  const stopConsumer = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!consumer) return;
    consumer.kill(signal);
    await exited(consumer);
    consumer = undefined;
  };
  await Promise.all([waitReady(ingestUrl), startConsumer()]);
  return {
    ingestUrl,
    consumerUrl,
    token,
    siteId: site.id,
    domain,
    db,
    redis,
    env,
    output: () => output,
    startConsumer,
    stopConsumer,
    stop: async () => {
      ingest.kill("SIGTERM");
      await Promise.all([exited(ingest), stopConsumer()]);
      redis.disconnect();
      await db.dispose();
    },
  };
}

/** Polls `read` until `done` accepts its value; throws with the last value after the timeout. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}
