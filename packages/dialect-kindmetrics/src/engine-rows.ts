import { MAX_LIMIT, type ResultRow, type StatsEngine, type StatsQueryInput } from "@pulse/stats";

/** Kindmetrics lists every row; the engine pages by MAX_LIMIT, so we read pages up to this many rows. */
export const MAX_ROWS = 1000;

/** Every row of a breakdown (up to MAX_ROWS), shares included; each page's shares are of the same totals. */
export async function allRows(engine: StatsEngine, query: StatsQueryInput): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (let offset = 0; offset < MAX_ROWS; offset += MAX_LIMIT) {
    const page = await engine.breakdown({ ...query, include: { relative: true }, limit: MAX_LIMIT, offset });
    rows.push(...page.rows);
    if (page.rows.length < MAX_LIMIT || rows.length >= page.total_rows) break;
  }
  return rows;
}
