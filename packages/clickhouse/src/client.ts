import { ClickHouseLogLevel, createClient, type ClickHouseClient } from "@clickhouse/client";
import type { Config } from "@pulse/config";
import { compressionFor } from "./compression.js";

export type { ClickHouseClient };

type ClickHouseConfig = Pick<
  Config,
  | "CLICKHOUSE_URL"
  | "CLICKHOUSE_USER"
  | "CLICKHOUSE_PASSWORD"
  | "CLICKHOUSE_DATABASE"
  | "CLICKHOUSE_KEEP_ALIVE_IDLE_MS"
  | "CLICKHOUSE_REQUEST_TIMEOUT_MS"
>;

/**
 * The one way the platform talks to ClickHouse.
 * `database` overrides the configured one (migrations create it before they can use it).
 */
export function createClickHouse(config: ClickHouseConfig, database = config.CLICKHOUSE_DATABASE): ClickHouseClient {
  return createClient({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    database,
    request_timeout: config.CLICKHOUSE_REQUEST_TIMEOUT_MS,
    // An idle socket reused after the server closed it fails with ECONNRESET; the server's
    // keep_alive_timeout is 10 s by default, so sockets are dropped well before that.
    keep_alive: { enabled: true, idle_socket_ttl: config.CLICKHOUSE_KEEP_ALIVE_IDLE_MS },
    compression: compressionFor(config.CLICKHOUSE_URL),
    clickhouse_settings: {
      date_time_input_format: "best_effort",
      // Counts and versions come back as JSON numbers (exact below 2^53). Values that may exceed that
      // (visitor ids, Kafka offsets) are selected with toString() by the queries that need them exact.
      output_format_json_quote_64bit_integers: 0,
    },
    // Errors are thrown to the caller, which logs them as JSON; the client's own console lines would not be.
    log: { level: ClickHouseLogLevel.OFF },
  });
}

/** Readiness probe: resolves true when the server answers a ping. */
export async function isClickHouseReachable(client: ClickHouseClient): Promise<boolean> {
  const result = await client.ping();
  return result.success;
}
