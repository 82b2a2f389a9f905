import type { ClickHouseClient } from "@pulse/clickhouse";
import { StatsQueryError } from "../errors.js";
import type { CompiledQuery } from "../sql/params.js";

/** ClickHouse's code for a regular expression RE2 cannot compile: the user's pattern, not our fault. */
const CANNOT_COMPILE_REGEXP = "427";

/** Runs a compiled statement and returns its rows. */
export async function rowsOf<T>(clickhouse: ClickHouseClient, compiled: CompiledQuery): Promise<T[]> {
  try {
    const result = await clickhouse.query({ query: compiled.sql, query_params: compiled.params, format: "JSONEachRow" });
    return await result.json<T>();
  } catch (error) {
    if ((error as { code?: unknown }).code === CANNOT_COMPILE_REGEXP) {
      throw new StatsQueryError("a pattern is not a valid RE2 regular expression", ["filters"]);
    }
    throw error;
  }
}
