import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { coresOf, fail, finish, workerConfig } from "./worker.js";

/**
 * Ceiling of scenario 2: the rows the pipeline wrote, read back, then inserted straight into a fresh
 * `events` table (same schema and materialized views) by one client, batch after batch, with the
 * consumer's insert settings (deduplication token, view deduplication, one block per insert).
 */
interface Config {
  sourceDatabase: string;
  targetDatabase: string;
  siteId: string;
  maxRows: number;
  batchRows: number;
  durationMs: number;
}

try {
  const c = workerConfig<Config>();
  const config = loadConfig(process.env);
  const source = createClickHouse(config, c.sourceDatabase);
  const result = await source.query({
    query: "SELECT * FROM events WHERE site_id = {site:String} LIMIT {n:UInt32}",
    query_params: { site: c.siteId, n: c.maxRows },
    format: "JSONEachRow",
    // 64-bit ids stay exact as strings; ClickHouse reads them back into the UInt64 columns.
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
  });
  const rows = await result.json<Record<string, unknown>>();
  await source.close();
  if (rows.length === 0) throw new Error(`no rows of site ${c.siteId} in ${c.sourceDatabase}`);
  const target = createClickHouse(config, c.targetDatabase);
  const size = Math.min(c.batchRows, rows.length);
  const cpuFrom = process.cpuUsage();
  const started = performance.now();
  let inserted = 0;
  let inserts = 0;
  let at = 0;
  while (performance.now() - started < c.durationMs) {
    const batch = rows.slice(at, at + size);
    if (batch.length < size) batch.push(...rows.slice(0, size - batch.length));
    at = (at + size) % rows.length;
    await target.insert({
      table: "events",
      values: batch,
      format: "JSONEachRow",
      clickhouse_settings: {
        insert_deduplication_token: `bench-direct-${process.pid}-${inserts}`,
        deduplicate_blocks_in_dependent_materialized_views: 1,
        max_insert_block_size: "10000000",
        min_insert_block_size_rows: "0",
        min_insert_block_size_bytes: "0",
        async_insert: 0,
      },
    });
    inserted += batch.length;
    inserts++;
  }
  const wallMs = performance.now() - started;
  const cores = coresOf(cpuFrom, wallMs);
  await target.close();
  await finish({ rows: inserted, inserts, batchRows: size, distinctRows: rows.length, wallMs, rowsPerSec: (inserted / wallMs) * 1000, cores });
} catch (error) {
  fail(error);
}
