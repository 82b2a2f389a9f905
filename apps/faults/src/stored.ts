import type { ClickHouseClient } from "@pulse/clickhouse";

/** One row of `events`, reduced to what the comparison needs. */
export interface StoredEvent {
  path: string;
  kind: "pageview" | "event" | "session";
  visitor_id: string;
  session_id: string;
  /** Epoch ms. */
  time: number;
  kafka_partition: number;
  kafka_offset: string;
}

/** One session of the `sessions` view target, folded across its parts. */
export interface StoredSession {
  session_id: string;
  /** Distinct session_start values the session was written with (1 when consistent). */
  starts: number;
  visitor_id: string;
  pageviews: number;
  events: number;
  entry_path: string;
  exit_path: string;
  end_time: number;
}

/** The `ingest_progress` view target's mark for one partition. */
export interface StoredProgress {
  kafka_partition: number;
  last_offset: string;
}

export interface Stored {
  events: StoredEvent[];
  sessions: StoredSession[];
  progress: StoredProgress[];
}

async function rowsOf<T>(client: ClickHouseClient, query: string, params: Record<string, unknown>): Promise<T[]> {
  const rs = await client.query({ query, query_params: params, format: "JSONEachRow" });
  return rs.json<T>();
}

/** Everything one scenario's site has in ClickHouse: the base table and each view target. */
export async function storedOf(client: ClickHouseClient, siteId: string, topic: string): Promise<Stored> {
  const [events, sessions, progress] = await Promise.all([
    rowsOf<StoredEvent>(
      client,
      `SELECT path, toString(kind) AS kind, toString(visitor_id) AS visitor_id, toString(session_id) AS session_id,
              toUnixTimestamp64Milli(time) AS time, kafka_partition, toString(kafka_offset) AS kafka_offset
       FROM events WHERE site_id = {site:String}`,
      { site: siteId },
    ),
    rowsOf<StoredSession>(
      client,
      `SELECT toString(session_id) AS session_id, uniqExact(session_start) AS starts,
              toString(any(visitor_id)) AS visitor_id, sum(pageviews) AS pageviews, sum(events) AS events,
              argMinMerge(entry_path) AS entry_path, argMaxMerge(exit_path) AS exit_path,
              toUnixTimestamp64Milli(max(end_time)) AS end_time
       FROM sessions WHERE site_id = {site:String} GROUP BY session_id`,
      { site: siteId },
    ),
    rowsOf<StoredProgress>(
      client,
      `SELECT kafka_partition, toString(max(last_offset)) AS last_offset
       FROM ingest_progress WHERE kafka_topic = {topic:String} GROUP BY kafka_partition`,
      { topic },
    ),
  ]);
  return { events, sessions, progress };
}

/** How many rows the site has in `events` (cheap; polled while the pipeline settles). */
export async function storedCountOf(client: ClickHouseClient, siteId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(client, "SELECT count() AS n FROM events WHERE site_id = {site:String}", {
    site: siteId,
  });
  return Number(row?.n ?? 0);
}
