import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Logger } from "@pulse/logger";
import type { TableSpec } from "./tables.js";

export type QueryParams = Record<string, unknown>;

/**
 * The live rows of a table. FINAL alone hides soft-deleted rows: with ReplacingMergeTree(version,
 * is_deleted) it keeps the highest version per key and drops it when that version is a deletion
 * (verified on ClickHouse 26.7), so no `is_deleted = 0` condition is needed. Conditions go in
 * WHERE, never PREWHERE: PREWHERE filters before FINAL and brings back superseded versions.
 * Rows that no longer pass the schema are logged and skipped so one bad row cannot hide the rest.
 */
export async function readRows<T>(
  client: ClickHouseClient,
  spec: TableSpec<T>,
  where: string[] = [],
  params: QueryParams = {},
  log?: Logger,
): Promise<T[]> {
  const condition = where.length > 0 ? `WHERE ${where.join(" AND ")}` : "";
  const result = await client.query({
    query: `SELECT ${spec.columns} FROM ${spec.table} FINAL ${condition} ORDER BY created_at, id`,
    query_params: params,
    format: "JSONEachRow",
    clickhouse_settings: { date_time_output_format: "iso" },
  });
  const rows: T[] = [];
  for (const raw of await result.json<Record<string, unknown>>()) {
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) rows.push(parsed.data);
    else log?.warn({ table: spec.table, id: raw.id, issues: parsed.error.issues }, "skipping invalid metadata row");
  }
  return rows;
}

/**
 * Appends one version of an entity. async_insert is off so the row is visible the moment the
 * insert returns, whatever the server profile says: readers reload as soon as we announce it.
 */
export async function writeRow(
  client: ClickHouseClient,
  table: string,
  row: Record<string, unknown>,
  deleted: boolean,
): Promise<void> {
  await client.insert({
    table,
    values: [{ ...row, is_deleted: deleted ? 1 : 0 }],
    format: "JSONEachRow",
    clickhouse_settings: { async_insert: 0 },
  });
}
