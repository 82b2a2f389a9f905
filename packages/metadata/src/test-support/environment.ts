import { randomUUID } from "node:crypto";
import { type ClickHouseClient, MIGRATIONS_DIR, createClickHouse, migrate, readMigrations } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { type Redis, createRedis } from "@pulse/redis";
import { MetadataStore } from "../store.js";

/**
 * A throwaway world for one integration test file: a fresh database with every shipped migration
 * applied (so the test sees the real schema) and a Redis prefix no other run shares.
 */
export interface TestEnvironment {
  database: string;
  keyPrefix: string;
  clickhouse: ClickHouseClient;
  redis: Redis;
  store: MetadataStore;
  /** A new Redis connection (for subscribers); closed by dispose. */
  connectRedis: () => Redis;
  dispose: () => Promise<void>;
}

export async function createTestEnvironment(name: string): Promise<TestEnvironment> {
  const config = loadConfig();
  const database = `it_${name}_${process.pid}_${Date.now()}`;
  const keyPrefix = `it:${randomUUID()}:`;
  const admin = createClickHouse(config, "default");
  const clickhouse = createClickHouse(config, database);
  await migrate(admin, clickhouse, database, await readMigrations(MIGRATIONS_DIR));
  const connections: Redis[] = [];
  const connectRedis = () => {
    const connection = createRedis(config, keyPrefix);
    connections.push(connection);
    return connection;
  };
  const redis = connectRedis();
  return {
    database,
    keyPrefix,
    clickhouse,
    redis,
    store: new MetadataStore({ clickhouse, redis, keyPrefix }),
    connectRedis,
    dispose: async () => {
      await admin.command({ query: "DROP DATABASE IF EXISTS {db:Identifier}", query_params: { db: database } });
      for (const connection of connections) connection.disconnect();
      await Promise.all([admin.close(), clickhouse.close()]);
    },
  };
}

/** Polls until `read` returns something `accept` likes; fails with the last value after the timeout. */
export async function eventually<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
