import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isClosedPeriod, StatsCache, stableJsonOf } from "./cache.js";
import { resolveRange } from "./model/date-range.js";

// Integration: the real Redis, under a key prefix of our own.
const prefix = `it:${randomUUID()}:`;
let redis: Redis;

beforeAll(() => {
  redis = createRedis(loadConfig(), prefix);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  // KEYS returns full names; DEL through the prefixed client would prefix them again.
  const raw = createRedis(loadConfig(), "");
  if (keys.length > 0) await raw.del(...keys);
  raw.disconnect();
  redis.disconnect();
});

const NOW = new Date("2025-04-02T10:00:00Z");

describe("isClosedPeriod", () => {
  it("is true once the period ended by the start of today in the zone", () => {
    const week = resolveRange({ from: "2025-03-24", to: "2025-03-30" }, "Europe/Berlin", NOW);
    expect(isClosedPeriod(week, "Europe/Berlin", NOW)).toBe(true);
    expect(isClosedPeriod(resolveRange("yesterday", "Europe/Berlin", NOW), "Europe/Berlin", NOW)).toBe(true);
    expect(isClosedPeriod(resolveRange("today", "Europe/Berlin", NOW), "Europe/Berlin", NOW)).toBe(false);
    expect(isClosedPeriod(resolveRange("7d", "Europe/Berlin", NOW), "Europe/Berlin", NOW)).toBe(false);
    expect(isClosedPeriod(resolveRange({ lastSeconds: 60 }, "UTC", NOW), "UTC", NOW)).toBe(false);
    // 04-01 in Berlin ends at 04-01 22:00 UTC, which is today's midnight there.
    const april1 = resolveRange({ from: "2025-04-01", to: "2025-04-01" }, "Europe/Berlin", NOW);
    expect(isClosedPeriod(april1, "Europe/Berlin", NOW)).toBe(true);
    // In Honolulu it is still 04-02 00:00 at 10:00 UTC: 04-01 has just closed; 04-02 has not.
    expect(isClosedPeriod(resolveRange("today", "Pacific/Honolulu", NOW), "Pacific/Honolulu", NOW)).toBe(false);
  });
});

describe("StatsCache", () => {
  it("keys equal calls equally, whatever the order of their fields", () => {
    const cache = new StatsCache(redis, { ttlSeconds: 60 });
    expect(stableJsonOf({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe('{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}');
    expect(cache.keyOf("aggregate", { site: "a", q: 1 })).toBe(cache.keyOf("aggregate", { q: 1, site: "a" }));
    expect(cache.keyOf("aggregate", { site: "a" })).not.toBe(cache.keyOf("aggregate", { site: "b" }));
    expect(cache.keyOf("aggregate", { site: "a" })).not.toBe(cache.keyOf("breakdown", { site: "a" }));
  });

  it("computes once, then answers from Redis until the TTL runs out", async () => {
    const cache = new StatsCache(redis, { ttlSeconds: 30, version: randomUUID() });
    let computed = 0;
    const compute = async () => ({ visitors: ++computed });
    expect(await cache.remember("aggregate", { site: "a" }, compute)).toEqual({ visitors: 1 });
    expect(await cache.remember("aggregate", { site: "a" }, compute)).toEqual({ visitors: 1 });
    expect(await cache.remember("aggregate", { site: "b" }, compute)).toEqual({ visitors: 2 });
    const ttl = await redis.ttl(cache.keyOf("aggregate", { site: "a" }));
    expect(ttl).toBeGreaterThan(25);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it("is off with a TTL of 0", async () => {
    const cache = new StatsCache(redis, { ttlSeconds: 0, version: randomUUID() });
    let computed = 0;
    await cache.remember("aggregate", {}, async () => ++computed);
    await cache.remember("aggregate", {}, async () => ++computed);
    expect(computed).toBe(2);
    expect(await redis.exists(cache.keyOf("aggregate", {}))).toBe(0);
  });

  it("computes the result when Redis fails", async () => {
    const broken = createRedis(loadConfig(), prefix);
    broken.disconnect();
    const cache = new StatsCache(broken, { ttlSeconds: 30 });
    expect(await cache.remember("aggregate", {}, async () => 42)).toBe(42);
  });
});
