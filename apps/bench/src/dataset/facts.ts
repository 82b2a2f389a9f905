import type { ClickHouseClient } from "@pulse/clickhouse";
import type { RealtimeHit } from "@pulse/sessions";
import { clickhouseTimeOf } from "../clickhouse-time.js";
import { sleep } from "../processes.js";

/** What a generated dataset holds, as the report shows it. */
export interface DatasetFacts {
  events: number;
  pageviews: number;
  sessions: number;
  visitors: number;
  pages: number;
  /** Active parts of the events and sessions tables when the measurement started. */
  eventParts: number;
  sessionParts: number;
}

async function rows<T>(client: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: "JSONEachRow" });
  return result.json<T>();
}

export async function datasetFacts(client: ClickHouseClient, database: string, siteId: string): Promise<DatasetFacts> {
  const [counts] = await rows<Record<string, number | string>>(
    client,
    `SELECT count() AS events, countIf(kind = 'pageview') AS pageviews, uniqExact(session_id) AS sessions,
            uniqExact(visitor_id) AS visitors, uniqExactIf(path, kind = 'pageview') AS pages
     FROM events WHERE site_id = {site:String}`,
    { site: siteId },
  );
  const parts = await rows<{ table: string; n: number | string }>(
    client,
    "SELECT table, count() AS n FROM system.parts WHERE database = {db:String} AND active AND table IN ('events', 'sessions') GROUP BY table",
    { db: database },
  );
  const partsOf = (table: string) => Number(parts.find((p) => p.table === table)?.n ?? 0);
  return {
    events: Number(counts?.events ?? 0),
    pageviews: Number(counts?.pageviews ?? 0),
    sessions: Number(counts?.sessions ?? 0),
    visitors: Number(counts?.visitors ?? 0),
    pages: Number(counts?.pages ?? 0),
    eventParts: partsOf("events"),
    sessionParts: partsOf("sessions"),
  };
}

/**
 * Waits until ClickHouse runs no merge in `database` (the big insert leaves parts it will merge in
 * the background, which would otherwise compete with the measurement), at most `timeoutMs`.
 * Resolves with whether it settled.
 */
export async function settleMerges(client: ClickHouseClient, database: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await rows<{ n: number | string }>(client, "SELECT count() AS n FROM system.merges WHERE database = {db:String}", { db: database });
    if (Number(row?.n ?? 0) === 0) return true;
    if (Date.now() >= deadline) return false;
    await sleep(1000);
  }
}

/**
 * Merges the generated sessions into one part per month, as background merges do to older data in
 * production within hours. The generator writes all 90 days in every insert, so without this every
 * part overlaps every other and each `sessions FINAL` read merges the whole period; in production
 * only the last hours' small parts overlap. Returns the seconds it took.
 */
export async function mergeSessions(client: ClickHouseClient): Promise<number> {
  const started = performance.now();
  await client.command({ query: "OPTIMIZE TABLE sessions FINAL", clickhouse_settings: { max_execution_time: 1800 } });
  return (performance.now() - started) / 1000;
}

/**
 * The page views and custom events of the last `seconds` before `now`, as the consumer would have
 * recorded them in Redis for realtime (bots are not recorded).
 */
export async function recentHits(client: ClickHouseClient, siteId: string, now: Date, seconds: number): Promise<RealtimeHit[]> {
  const found = await rows<{ visitor: string; ms: number | string; path: string; country: string }>(
    client,
    `SELECT toString(visitor_id) AS visitor, toUnixTimestamp64Milli(time) AS ms, path, country_code AS country
     FROM events
     WHERE site_id = {site:String} AND time > {since:DateTime64(3, 'UTC')} AND time <= {now:DateTime64(3, 'UTC')}
       AND kind != 'session' AND is_bot = 0
     ORDER BY time`,
    { site: siteId, since: clickhouseTimeOf(new Date(now.getTime() - seconds * 1000)), now: clickhouseTimeOf(now) },
  );
  return found.map((r) => ({ siteId, visitorId: r.visitor, time: Number(r.ms), path: r.path, countryCode: r.country }));
}

/** The same hits moved forward by `shiftMs`, so that they read as just now. */
export function shiftedHits(hits: readonly RealtimeHit[], shiftMs: number): RealtimeHit[] {
  return hits.map((h) => ({ ...h, time: h.time + shiftMs }));
}
