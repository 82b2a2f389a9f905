import { createHash } from "node:crypto";
import type { Redis } from "@pulse/redis";
import type { IdempotencyStore } from "./ports.js";

const TTL_SECONDS = 24 * 3600;
const PENDING = "pending";

/** Idempotency-Keys in Redis, scoped by site and hashed (they are the client's data), kept for a day. */
export function redisIdempotencyStore(redis: Redis): IdempotencyStore {
  const keyOf = (scope: string, key: string) => `idem:${scope}:${createHash("sha256").update(key).digest("hex")}`;
  return {
    async claim(scope, key) {
      const k = keyOf(scope, key);
      if ((await redis.set(k, PENDING, "EX", TTL_SECONDS, "NX")) === "OK") return { state: "new" };
      const stored = await redis.get(k);
      if (stored === null) return this.claim(scope, key);
      return stored === PENDING ? { state: "pending" } : { state: "done", response: JSON.parse(stored) };
    },
    async complete(scope, key, response) {
      await redis.set(keyOf(scope, key), JSON.stringify(response), "EX", TTL_SECONDS);
    },
    async release(scope, key) {
      await redis.del(keyOf(scope, key));
    },
  };
}
