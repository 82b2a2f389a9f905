import type { TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";

/** Ends an integration test's world: its Redis keys (under `prefix`), its Redis client, its database. */
export async function disposeWorld(db: TestDatabase, redis: Redis, prefix: string): Promise<void> {
  const raw = createRedis(loadConfig(), "");
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length > 0) await raw.del(...keys);
  raw.disconnect();
  redis.disconnect();
  await db.dispose();
}
