import { randomUUID } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createLogger } from "@pulse/logger";
import { createRedis, type Redis } from "@pulse/redis";
import { type RunningService, withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { ingestRoutes } from "./app.js";
import { redisBeaconLimiter } from "./beacon-rate-limit.js";
import type { BeaconOptions } from "./routes/beacon.js";
import { beacon, browserHeaders, hit, memoryIngest, type MemoryIngest, serverHeaders, startIngestServer } from "./test-support/hostile.js";

// Integration: the beacon's per-address limit counted in the real Redis (a prefix of its own per test).

const config = loadConfig();
const connections: Redis[] = [];
const redisFor = (url = config.REDIS_URL) => {
  const redis = createRedis({ REDIS_URL: url, REDIS_KEY_PREFIX: `it:${randomUUID()}:` });
  redis.on("error", () => {}); // the unreachable one reconnects forever; its errors are the point
  connections.push(redis);
  return redis;
};
afterAll(() => {
  for (const redis of connections) redis.disconnect();
});

let world: MemoryIngest;
beforeEach(async () => {
  world = memoryIngest();
  // Counts live in one-minute windows: a test that crossed a window's end would see its count restart.
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 50));
});

function appWith(options: BeaconOptions) {
  const app = withJsonErrors(new Hono(), createLogger("t", { level: "silent" }));
  app.route("/", ingestRoutes(world.deps, options));
  return app;
}
const send = (app: Hono, from: string, path = "/api/event", body: unknown = beacon, headers: Record<string, string> = browserHeaders) =>
  app.request(path, { method: "POST", headers: { ...headers, "X-Forwarded-For": from }, body: JSON.stringify(body) });

describe("the beacon's per-address rate limit", () => {
  it("refuses the beacon beyond the limit with 429, Retry-After and CORS, and sends nothing for it", async () => {
    const app = appWith({ trustedProxyHeaders: ["x-forwarded-for"], limiter: redisBeaconLimiter(redisFor(), 3) });
    for (let i = 0; i < 3; i++) expect((await send(app, "81.2.69.142")).status).toBe(202);
    const refused = await send(app, "81.2.69.142");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: `Rate limit of 3 beacons a minute per address exceeded; retry in ${retryAfter} s` });
    expect(world.sent.flat()).toHaveLength(3);
    // Another address has its own count; preflights and the server-side routes are not counted.
    expect((await send(app, "81.2.69.143")).status).toBe(202);
    const preflight = await app.request("/api/event", { method: "OPTIONS", headers: { Origin: "https://www.example.com", "Access-Control-Request-Method": "POST", "X-Forwarded-For": "81.2.69.142" } });
    expect(preflight.status).toBe(204);
    for (let i = 0; i < 4; i++) expect((await send(app, "81.2.69.142", "/api/v1/hit", hit, serverHeaders)).status).toBe(202);
  });

  it("counts an IPv6 client by its /64", async () => {
    const app = appWith({ trustedProxyHeaders: ["x-forwarded-for"], limiter: redisBeaconLimiter(redisFor(), 2) });
    expect((await send(app, "2001:db8:1:2::1")).status).toBe(202);
    expect((await send(app, "2001:db8:1:2:aaaa::7")).status).toBe(202);
    expect((await send(app, "2001:db8:1:2:ffff:ffff:ffff:ffff")).status).toBe(429);
    expect((await send(app, "2001:db8:1:3::1")).status).toBe(202);
  });

  it("counts the socket's address when no proxy header is trusted: a forged X-Forwarded-For does not escape it", async () => {
    const service: RunningService = await startIngestServer(world, { trustedProxyHeaders: [], limiter: redisBeaconLimiter(redisFor(), 2) });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${service.url}/api/event`, { method: "POST", headers: { ...browserHeaders, "X-Forwarded-For": `81.2.69.${i}` }, body: JSON.stringify(beacon) });
        statuses.push(response.status);
        await response.text();
      }
      expect(statuses).toEqual([202, 202, 429, 429]);
    } finally {
      await service.stop();
    }
  });

  it("lets beacons through, promptly, while Redis does not answer", async () => {
    const app = appWith({ trustedProxyHeaders: ["x-forwarded-for"], limiter: redisBeaconLimiter(redisFor("redis://127.0.0.1:1"), 1, 100) });
    const started = Date.now();
    for (let i = 0; i < 3; i++) expect((await send(app, "81.2.69.142")).status).toBe(202);
    expect(Date.now() - started).toBeLessThan(3 * 100 + 500);
    expect(world.sent.flat()).toHaveLength(3);
  });
});
