import { afterAll, describe, expect, it } from "vitest";
import { Realtime, type RealtimeHit } from "./realtime.js";
import { roundTripCounter, testRedis } from "./test-support/redis.js";

const { redis, cleanUp } = testRedis();
afterAll(cleanUp);

const now = Date.now();
const S = 1000;

function hit(visitorId: string, secondsAgo: number, path: string, countryCode = "DE", siteId = "rt-site"): RealtimeHit {
  return { siteId, visitorId, time: now - secondsAgo * S, path, countryCode };
}

describe("Realtime (real Redis)", () => {
  it("counts visitors in the window, by page and by country, from hits just recorded", async () => {
    const realtime = new Realtime(redis);
    const counter = await roundTripCounter(redis);
    try {
      await realtime.record(
        [
          hit("v1", 10, "/"),
          hit("v2", 20, "/pricing", "FR"),
          hit("v3", 30, "/pricing", "FR"),
          hit("v1", 5, "/pricing"), // v1's latest place wins
          hit("v4", 400, "/old", "US"), // outside five minutes, inside the hour
          hit("v5", 4000, "/gone", "JP"), // older than an hour: trimmed
          hit("other", 1, "/", "DE", "rt-other"),
        ],
        now,
      );
      expect(counter.roundTrips()).toBe(1);
    } finally {
      counter.restore();
    }
    expect(await realtime.activeVisitors("rt-site", 300, now)).toBe(3);
    expect(await realtime.activeVisitors("rt-site", 3600, now)).toBe(4);
    expect(await realtime.activeVisitors("rt-site", 25, now)).toBe(2);
    expect(await realtime.activePages("rt-site", 300, now)).toEqual([{ path: "/pricing", visitors: 3 }]);
    expect(await realtime.activePages("rt-site", 3600, now)).toEqual([
      { path: "/pricing", visitors: 3 },
      { path: "/old", visitors: 1 },
    ]);
    expect(await realtime.activePages("rt-site", 3600, now, 1)).toEqual([{ path: "/pricing", visitors: 3 }]);
    expect(await realtime.activeCountries("rt-site", 300, now)).toEqual([
      { countryCode: "FR", visitors: 2 },
      { countryCode: "DE", visitors: 1 },
    ]);
    expect(await realtime.activeVisitors("rt-other", 300, now)).toBe(1);
    // The visitor older than an hour is gone from both keys, which expire within two hours.
    expect(await redis.zcard("rt:{rt-site}:visitors")).toBe(4);
    expect(await redis.hexists("rt:{rt-site}:where", "v5")).toBe(0);
    expect(await redis.ttl("rt:{rt-site}:where")).toBeGreaterThan(7000);
  });

  it("never moves a visitor's last seen back", async () => {
    const realtime = new Realtime(redis);
    await realtime.record([hit("late", 10, "/", "DE", "rt-gt")], now);
    await realtime.record([hit("late", 1000, "/", "DE", "rt-gt")], now);
    expect(await realtime.activeVisitors("rt-gt", 60, now)).toBe(1);
  });

  it("answers zero and empty lists for a site without visitors, and rejects windows outside 1..3600 s", async () => {
    const realtime = new Realtime(redis);
    expect(await realtime.activeVisitors("rt-none")).toBe(0);
    expect(await realtime.activePages("rt-none")).toEqual([]);
    expect(await realtime.activeCountries("rt-none")).toEqual([]);
    await expect(realtime.activeVisitors("rt-none", 0)).rejects.toThrow(RangeError);
    await expect(realtime.activeVisitors("rt-none", 3601)).rejects.toThrow(RangeError);
  });
});
