import type { ClickHouseClient } from "@pulse/clickhouse";

// ClickHouse's own protection against too many parts, turned on for the `events` table of one test
// database: with parts_to_delay_insert at 1 every insert waits (a server-side query delay), and with
// parts_to_throw_insert at 1 every insert is refused before anything is written ("Too many parts"),
// as when a disk is full. Reads keep working throughout.

const SETTINGS = ["parts_to_delay_insert", "parts_to_throw_insert", "min_delay_to_insert_ms", "max_delay_to_insert"];

/** Every insert into `events` waits `delayMs` on the server before it writes. */
export async function delayInserts(client: ClickHouseClient, delayMs: number): Promise<void> {
  await client.command({
    query: `ALTER TABLE events MODIFY SETTING parts_to_delay_insert = 1, parts_to_throw_insert = 1000000,
            min_delay_to_insert_ms = {ms:UInt64}, max_delay_to_insert = {s:UInt64}`,
    query_params: { ms: delayMs, s: Math.ceil(delayMs / 1000) },
  });
}

/** Every insert into `events` fails with TOO_MANY_PARTS and writes nothing. */
export async function refuseInserts(client: ClickHouseClient): Promise<void> {
  await client.command({ query: "ALTER TABLE events MODIFY SETTING parts_to_delay_insert = 1, parts_to_throw_insert = 1" });
}

export async function restoreInserts(client: ClickHouseClient): Promise<void> {
  await client.command({ query: `ALTER TABLE events RESET SETTING ${SETTINGS.join(", ")}` });
}

/** Whether an INSERT into this database is executing on the server right now. */
export async function insertRunning(client: ClickHouseClient, database: string): Promise<boolean> {
  const rs = await client.query({
    query: `SELECT count() AS n FROM system.processes WHERE query_kind = 'Insert' AND current_database = {db:String}`,
    query_params: { db: database },
    format: "JSONEachRow",
  });
  const [row] = await rs.json<{ n: number }>();
  return Number(row?.n ?? 0) > 0;
}
