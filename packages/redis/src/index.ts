import type { Config } from "@pulse/config";
import { Redis } from "ioredis";

export type { Redis };

/**
 * One Redis connection per use (a subscriber cannot issue commands, so pub/sub takes its own).
 * Keys are prefixed so several deployments or test runs can share one Redis.
 */
export function createRedis(config: Pick<Config, "REDIS_URL" | "REDIS_KEY_PREFIX">, keyPrefix = config.REDIS_KEY_PREFIX): Redis {
  return new Redis(config.REDIS_URL, {
    keyPrefix,
    lazyConnect: false,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** Readiness probe. */
export async function isRedisReachable(redis: Redis): Promise<boolean> {
  return (await redis.ping()) === "PONG";
}
