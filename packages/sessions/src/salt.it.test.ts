import { afterAll, describe, expect, it } from "vitest";
import { SaltStore, saltKey } from "./salt.js";
import { roundTripCounter, testRedis } from "./test-support/redis.js";

const { redis, cleanUp } = testRedis();
afterAll(cleanUp);

describe("SaltStore (real Redis)", () => {
  it("creates one 32-byte salt per day, shared by every store, expiring after 8 days", async () => {
    const [a, b] = [new SaltStore(redis), new SaltStore(redis)];
    const [fromA, fromB] = await Promise.all([a.saltsFor(["2026-11-23", "2026-11-24"]), b.saltsFor(["2026-11-24"])]);
    expect(fromA.get("2026-11-24")!.length).toBe(32);
    expect(fromA.get("2026-11-24")!.equals(fromB.get("2026-11-24")!)).toBe(true);
    expect(fromA.get("2026-11-23")!.equals(fromA.get("2026-11-24")!)).toBe(false);
    const ttl = await redis.ttl(saltKey("2026-11-24"));
    expect(ttl).toBeGreaterThan(7 * 86_400);
    expect(ttl).toBeLessThanOrEqual(8 * 86_400);
  });

  it("asks Redis once per day, then answers from memory", async () => {
    const store = new SaltStore(redis);
    const counter = await roundTripCounter(redis);
    try {
      await store.saltsFor(["2026-11-20", "2026-11-21"]);
      expect(counter.roundTrips()).toBe(1);
      await store.saltsFor(["2026-11-21", "2026-11-20"]);
      expect(counter.roundTrips()).toBe(1);
    } finally {
      counter.restore();
    }
  });

  it("rejects what is not a day", async () => {
    await expect(new SaltStore(redis).saltsFor(["2026-11-24T00:00"])).rejects.toThrow(RangeError);
  });
});
