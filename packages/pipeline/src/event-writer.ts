import type { ClickHouseClient } from "@pulse/clickhouse";
import type { EventRow } from "./event-row.js";

/**
 * One INSERT of a batch's rows. The token makes a retry of the identical batch a no-op in `events`
 * and, with deduplicate_blocks_in_dependent_materialized_views, in every view target fed by it.
 */
export async function insertEvents(client: ClickHouseClient, rows: EventRow[], token: string): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table: "events",
    values: rows,
    format: "JSONEachRow",
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
}

/** The insert's deduplication token: the batch's place in Kafka. */
export function batchTokenOf(topic: string, partition: number, firstOffset: string, lastOffset: string): string {
  return `${topic}/${partition}/${firstOffset}-${lastOffset}`;
}
