import type { HitRecord } from "@pulse/hits";

/** What ingest needs to know about sites and keys (implemented by @pulse/metadata's cache). */
export interface SiteDirectory {
  /** The site a write key may send to, or why not. */
  writeAccessOf(token: string, scope: "hit" | "event" | "session"): Promise<WriteAccess>;
  siteIdOfDomain(domain: string): string | undefined;
  /** True when `hostname` is the site's domain or one of its alternative domains. */
  servesHostname(siteId: string, hostname: string): boolean;
  isFiltered(siteId: string, hit: { ip: string; path: string; userAgent: string }): boolean;
}

export type WriteAccess = { ok: true; siteId: string } | { ok: false; status: 401 | 403; error: string };

/**
 * Durably hands records to Kafka; resolves only once the broker acknowledged them, with when the
 * broker appended them (epoch ms, an upper bound) when the topic records that, else undefined.
 */
export interface RecordSink {
  send(records: HitRecord[]): Promise<number | undefined>;
}

/** Remembers Idempotency-Keys so a client's retry of the same request counts once. */
export interface IdempotencyStore {
  /** "new" when this call claimed the key; otherwise the stored answer or "pending". */
  claim(scope: string, key: string): Promise<{ state: "new" } | { state: "pending" } | { state: "done"; response: unknown }>;
  complete(scope: string, key: string, response: unknown): Promise<void>;
  release(scope: string, key: string): Promise<void>;
}

/** A per-client-address limit on the keyless beacon. */
export interface BeaconLimiter {
  perMinute: number;
  /** Counts one beacon of `ip`; refused with the seconds until its window ends. */
  check(ip: string): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}
