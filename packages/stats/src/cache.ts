import { createHash } from "node:crypto";
import type { Logger } from "@pulse/logger";
import type { Redis } from "@pulse/redis";
import { type Period, startOfTodayIn } from "./model/date-range.js";

export interface StatsCacheOptions {
  /** How long a result stays; hits may still arrive up to a week late, so keep it short (minutes). 0 disables. */
  ttlSeconds: number;
  /** Bump when the shape of results changes, so old entries are never read back. */
  version?: string;
  logger?: Logger;
}

/**
 * Only periods that ended before today (in the query's zone) are cached: today's figures change
 * with every hit, while a closed period changes only by the rare late hit, which the TTL bounds.
 */
export function isClosedPeriod(period: Period, tz: string, now: Date): boolean {
  return period.end.getTime() <= startOfTodayIn(tz, now).getTime();
}

/** JSON with object keys sorted, so equal queries give equal keys whatever order their fields came in. */
export function stableJsonOf(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Results of closed periods in Redis, keyed by a hash of the call: its kind and everything that
 * decides the answer (the normalized query with its site and resolved period, plus the call's
 * own arguments). A Redis failure costs only the cache: the result is computed instead.
 */
export class StatsCache {
  private readonly version: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: StatsCacheOptions,
  ) {
    this.version = options.version ?? "v1";
  }

  keyOf(kind: string, call: unknown): string {
    const digest = createHash("sha256").update(stableJsonOf(call)).digest("base64url");
    return `stats:${this.version}:${kind}:${digest}`;
  }

  async remember<T>(kind: string, call: unknown, compute: () => Promise<T>): Promise<T> {
    if (this.options.ttlSeconds <= 0) return compute();
    const key = this.keyOf(kind, call);
    try {
      const cached = await this.redis.get(key);
      if (cached !== null) return JSON.parse(cached) as T;
    } catch (error) {
      this.options.logger?.warn({ err: error }, "stats cache read failed");
    }
    const result = await compute();
    try {
      await this.redis.set(key, JSON.stringify(result), "EX", this.options.ttlSeconds);
    } catch (error) {
      this.options.logger?.warn({ err: error }, "stats cache write failed");
    }
    return result;
  }
}
