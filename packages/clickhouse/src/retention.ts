import type { ClickHouseClient } from "@clickhouse/client";

/**
 * Applies the configured retention to the events and sessions tables: a TTL that drops rows older
 * than `days`, or none when days is 0. Runs after migrations, so changing the setting needs no new one.
 */
export async function applyRetention(client: ClickHouseClient, days: number): Promise<void> {
  for (const [table, column] of [
    ["events", "time"],
    ["sessions", "session_start"],
  ] as const) {
    const query =
      days > 0
        ? `ALTER TABLE ${table} MODIFY TTL toDateTime(${column}) + toIntervalDay({days:UInt32})`
        : `ALTER TABLE ${table} REMOVE TTL`;
    try {
      await client.command({ query, query_params: { days } });
    } catch (error) {
      // Removing a TTL a table never had is refused; that is the state we want anyway.
      if (days === 0 && /TTL/i.test(String(error))) continue;
      throw error;
    }
  }
}
