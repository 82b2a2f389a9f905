import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ClickHouseClient } from "@pulse/clickhouse";
import type { EventRow } from "./event-row.js";
import { RowBinaryWriter } from "./row-binary.js";

const KIND = { pageview: 1, event: 2, session: 3 } as const;

/** The columns written, in the order writeRow encodes them (types as in migrations/0001_events.sql). */
export const EVENT_COLUMNS = [
  "site_id",
  "time",
  "id",
  "kind",
  "visitor_id",
  "session_id",
  "session_start",
  "hostname",
  "path",
  "title",
  "previous_path",
  "seconds_since_previous",
  "referrer",
  "referrer_name",
  "channel",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
  "language",
  "country_code",
  "region",
  "city",
  "browser",
  "browser_version",
  "os",
  "os_version",
  "platform",
  "screen_class",
  "event_name",
  "event_duration",
  "event_meta",
  "tags",
  "is_bot",
  "received_at",
  "kafka_topic",
  "kafka_partition",
  "kafka_offset",
] as const satisfies readonly (keyof EventRow)[];

/** Appends one row in RowBinary, columns in EVENT_COLUMNS order; throws RangeError for a value its column cannot hold. */
export function writeEventRow(w: RowBinaryWriter, r: EventRow): void {
  w.string(r.site_id);
  w.dateTime64ms(r.time);
  w.uuid(r.id);
  w.int8(KIND[r.kind]);
  w.uint64(r.visitor_id);
  w.uuid(r.session_id);
  w.dateTime64ms(r.session_start);
  w.string(r.hostname);
  w.string(r.path);
  w.string(r.title);
  w.string(r.previous_path);
  w.uint32(r.seconds_since_previous);
  w.string(r.referrer);
  w.string(r.referrer_name);
  w.string(r.channel);
  w.string(r.utm_source);
  w.string(r.utm_medium);
  w.string(r.utm_campaign);
  w.string(r.utm_content);
  w.string(r.utm_term);
  w.string(r.language);
  w.string(r.country_code);
  w.string(r.region);
  w.string(r.city);
  w.string(r.browser);
  w.string(r.browser_version);
  w.string(r.os);
  w.string(r.os_version);
  w.string(r.platform);
  w.string(r.screen_class);
  w.string(r.event_name);
  w.float64(r.event_duration);
  w.stringMap(r.event_meta);
  w.stringMap(r.tags);
  w.uint8(r.is_bot);
  w.dateTime64ms(r.received_at);
  w.string(r.kafka_topic);
  w.uint32(r.kafka_partition);
  w.uint64(r.kafka_offset);
}

/** The rows in RowBinary, columns in EVENT_COLUMNS order. */
export function rowBinaryOf(rows: readonly EventRow[]): Buffer {
  const writer = new RowBinaryWriter(rows.length * 512);
  for (const row of rows) writeEventRow(writer, row);
  return writer.bytes();
}

const INSERT = `INSERT INTO events (${EVENT_COLUMNS.join(", ")}) FORMAT RowBinary`;

/**
 * One INSERT of one or more batches' rows (RowBinary, as rowBinaryOf or writeEventRow encode them). The token
 * makes a retry of the identical batch a no-op in `events` and, with
 * deduplicate_blocks_in_dependent_materialized_views, in every view target fed by it.
 */
export async function insertEvents(client: ClickHouseClient, body: Buffer | Buffer[], token: string, queryId?: string): Promise<void> {
  const bodies = Array.isArray(body) ? body.filter((b) => b.length > 0) : [body];
  if (bodies.every((b) => b.length === 0)) return;
  const result = await client.exec({
    query: INSERT,
    query_id: queryId,
    values: Readable.from(bodies, { objectMode: false }),
    clickhouse_settings: {
      insert_deduplication_token: token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
      // One block per insert, so the token covers the whole batch.
      max_insert_block_size: "10000000",
      min_insert_block_size_rows: "0",
      min_insert_block_size_bytes: "0",
      async_insert: 0,
    },
  });
  // The answer of an INSERT is empty; reading it to the end frees the socket for the next request.
  await finished(result.stream.resume());
}

/**
 * The query id of an insert of these partitions' rows, the same for each of its attempts (ClickHouse
 * refuses an attempt while an earlier one with that id still runs). Kafka topic names hold no `:` or
 * `,`, so `,<partition>,` can only match the partition list.
 */
export function insertQueryIdOf(topic: string, partitions: readonly number[], attempt: string): string {
  return `${insertQueryPrefixOf(topic)},${partitions.join(",")},:${attempt}`;
}

export function insertQueryPrefixOf(topic: string): string {
  return `pulse-insert:${topic}:`;
}

/**
 * Ends any insert of the partition's rows still running on the server, committed or not. An insert
 * can outlive the consumer that sent it (killed, or evicted while ClickHouse was slow) and commit after
 * the partition's next owner read its written offset: the batch that owner re-forms has other
 * boundaries and another token, and would write those rows again. SYNC waits until it has ended.
 */
export async function stopRunningInserts(client: ClickHouseClient, topic: string, partition: number): Promise<void> {
  await client.command({
    query: "KILL QUERY WHERE startsWith(query_id, {prefix:String}) AND position(query_id, {part:String}) > 0 SYNC",
    query_params: { prefix: insertQueryPrefixOf(topic), part: `,${partition},` },
  });
}

/** The insert's deduplication token: the batch's place in Kafka. */
export function batchTokenOf(topic: string, partition: number, firstOffset: string, lastOffset: string): string {
  return `${topic}/${partition}/${firstOffset}-${lastOffset}`;
}
