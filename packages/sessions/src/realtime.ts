import type { Redis } from "@pulse/redis";
import { TRIM_STALE_VISITORS, WHERE_SINCE } from "./realtime-scripts.js";

const MAX_WINDOW_SECONDS = 3600;
const KEY_TTL_SECONDS = 7200;
/** Trimming is for memory, not correctness (reads filter by score), so once a minute per site is plenty. */
const TRIM_INTERVAL_MS = 60_000;

export interface RealtimeHit {
  siteId: string;
  visitorId: string;
  time: number;
  path: string;
  countryCode: string;
}

export interface ActivePage {
  path: string;
  visitors: number;
}

export interface ActiveCountry {
  countryCode: string;
  visitors: number;
}

interface Where {
  path: string;
  countryCode: string;
}

/** The {siteId} hash tag keeps a site's two keys in one Redis Cluster slot, as the Lua scripts need. */
function visitorsKey(siteId: string): string {
  return `rt:{${siteId}}:visitors`;
}

function whereKey(siteId: string): string {
  return `rt:{${siteId}}:where`;
}

/**
 * Who is on each site now: a sorted set of visitor → last seen (ms) and a hash of visitor → where
 * they are. Counting is O(log n); listing pages or countries is O(log n + m) for m visitors.
 */
export class Realtime {
  private readonly lastTrim = new Map<string, number>();

  constructor(private readonly redis: Redis) {}

  /** Records a batch in one pipeline; a visitor's place is their latest hit of the batch. */
  async record(hits: readonly RealtimeHit[], now = Date.now()): Promise<void> {
    if (hits.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [siteId, latest] of latestBySite(hits)) {
      const scoreMembers: (string | number)[] = [];
      const where: Record<string, string> = {};
      for (const [visitorId, hit] of latest) {
        scoreMembers.push(hit.time, visitorId);
        where[visitorId] = JSON.stringify({ path: hit.path, countryCode: hit.countryCode } satisfies Where);
      }
      // GT: a late batch never moves a visitor's last seen back.
      pipeline.zadd(visitorsKey(siteId), "GT", ...scoreMembers);
      pipeline.hset(whereKey(siteId), where);
      pipeline.expire(visitorsKey(siteId), KEY_TTL_SECONDS);
      pipeline.expire(whereKey(siteId), KEY_TTL_SECONDS);
      if (now - (this.lastTrim.get(siteId) ?? 0) >= TRIM_INTERVAL_MS) {
        this.lastTrim.set(siteId, now);
        pipeline.eval(TRIM_STALE_VISITORS, 2, visitorsKey(siteId), whereKey(siteId), now - MAX_WINDOW_SECONDS * 1000);
      }
    }
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  /** Visitors seen in the last `seconds` (1..3600). */
  async activeVisitors(siteId: string, seconds = 300, now = Date.now()): Promise<number> {
    return this.redis.zcount(visitorsKey(siteId), sinceMs(seconds, now), "+inf");
  }

  /** Pages by visitors currently on them, most visited first. */
  async activePages(siteId: string, seconds = 300, now = Date.now(), limit = 10): Promise<ActivePage[]> {
    const counts = countBy(await this.whereSince(siteId, seconds, now), (where) => where.path);
    return topOf(counts, limit).map(([path, visitors]) => ({ path, visitors }));
  }

  /** Countries of the visitors seen in the window, most visitors first. */
  async activeCountries(siteId: string, seconds = 300, now = Date.now(), limit = 10): Promise<ActiveCountry[]> {
    const counts = countBy(await this.whereSince(siteId, seconds, now), (where) => where.countryCode);
    return topOf(counts, limit).map(([countryCode, visitors]) => ({ countryCode, visitors }));
  }

  private async whereSince(siteId: string, seconds: number, now: number): Promise<Where[]> {
    const values = (await this.redis.eval(WHERE_SINCE, 2, visitorsKey(siteId), whereKey(siteId), sinceMs(seconds, now))) as string[];
    return values.map((value) => JSON.parse(value) as Where);
  }
}

function sinceMs(seconds: number, now: number): number {
  if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= MAX_WINDOW_SECONDS)) {
    throw new RangeError(`seconds must be an integer in 1..${MAX_WINDOW_SECONDS}: ${seconds}`);
  }
  return now - seconds * 1000;
}

function latestBySite(hits: readonly RealtimeHit[]): Map<string, Map<string, RealtimeHit>> {
  const sites = new Map<string, Map<string, RealtimeHit>>();
  for (const hit of hits) {
    let visitors = sites.get(hit.siteId);
    if (!visitors) {
      visitors = new Map();
      sites.set(hit.siteId, visitors);
    }
    const seen = visitors.get(hit.visitorId);
    if (!seen || hit.time >= seen.time) visitors.set(hit.visitorId, hit);
  }
  return sites;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}

/** Highest counts first; ties by name so the order is stable between polls. */
function topOf(counts: Map<string, number>, limit: number): [string, number][] {
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, limit));
}
