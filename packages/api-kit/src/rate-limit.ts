import type { Redis } from "@pulse/redis";
import type { MiddlewareHandler } from "hono";
import type { AuthEnv } from "./authenticate.js";

// One atomic step per request: count it in the key's current one-minute window and report the
// count and the window's remaining lifetime. Shared by every query instance through Redis.
const COUNT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`;
const WINDOW_MS = 60_000;

/**
 * Counts one request against `bucket` in the current one-minute window: the count so far and the
 * seconds until the window ends. For limits keyed by something else than an API key.
 */
export async function countRequest(redis: Redis, bucket: string): Promise<{ count: number; resetSeconds: number }> {
  const window = Math.floor(Date.now() / WINDOW_MS);
  const [count, ttl] = (await redis.eval(COUNT, 1, `rl:${bucket}:${window}`, WINDOW_MS)) as [number, number];
  return { count, resetSeconds: Math.max(1, Math.ceil((ttl > 0 ? ttl : WINDOW_MS) / 1000)) };
}

export interface RateLimitOptions {
  /** Paths whose API gives X-RateLimit-Reset in epoch milliseconds (Analytics Platform API v2) rather than seconds. */
  resetInMilliseconds?: (path: string) => boolean;
}

/** Per-key limits with X-RateLimit-* headers on every response and 429 + Retry-After beyond them. */
export function rateLimit(redis: Redis, defaultPerMinute: number, options: RateLimitOptions = {}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const key = c.get("key");
    const limit = key.rate_limit_per_minute > 0 ? key.rate_limit_per_minute : defaultPerMinute;
    const { count, resetSeconds } = await countRequest(redis, key.id);
    c.header("X-RateLimit-Limit", String(limit));
    c.header("X-RateLimit-Remaining", String(Math.max(0, limit - count)));
    const resetAt = Math.floor(Date.now() / 1000) + resetSeconds;
    c.header("X-RateLimit-Reset", String(options.resetInMilliseconds?.(c.req.path) ? resetAt * 1000 : resetAt));
    if (count > limit) {
      c.header("Retry-After", String(resetSeconds));
      return c.json({ error: `Rate limit of ${limit} requests a minute exceeded; retry in ${resetSeconds} s` }, 429);
    }
    await next();
  };
}
