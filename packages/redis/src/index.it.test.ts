import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { afterAll, describe, expect, it } from "vitest";
import { createRedis, isRedisReachable } from "./index.js";

// Integration: runs against the Redis at REDIS_URL (the machine's, or one infra/stack.mjs started).
const config = loadConfig();
const prefix = `it:${randomUUID()}:`;
const redis = createRedis(config, prefix);
const raw = createRedis(config, "");

afterAll(async () => {
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length > 0) await raw.del(...keys);
  redis.disconnect();
  raw.disconnect();
});

describe("redis (real server)", () => {
  it("answers the readiness probe", async () => {
    expect(await isRedisReachable(redis)).toBe(true);
  });

  it("round-trips a value under the key prefix, with a TTL", async () => {
    await redis.set("greeting", "hello", "EX", 60);
    expect(await redis.get("greeting")).toBe("hello");
    expect(await raw.get(`${prefix}greeting`)).toBe("hello");
    const ttl = await redis.ttl("greeting");
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});
