import type { FilterInput, ResultRow, StatsEngine, StatsQueryInput } from "@pulse/stats";
import { answer } from "../http/answer.js";
import { kmTimeOfUtcLabel } from "../http/times.js";

/** The engine's largest page; catalogs are read whole, a page at a time, up to CATALOG_CAP rows per product. */
const ENGINE_PAGE = 100;
export const CATALOG_CAP = 1000;

/**
 * Catalog queries cover a product's whole history. They run in UTC so that times read back are UTC
 * instants, whatever the product's zone.
 */
export const allTimeOf = (siteId: string) => ({ site_id: siteId, timezone: "UTC", date_range: "all" }) as const;

/** Every row of a breakdown, joined from the engine's pages. */
export async function allRowsOf(engine: Pick<StatsEngine, "breakdown">, query: StatsQueryInput): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (;;) {
    const page = await answer(() => engine.breakdown({ ...query, limit: ENGINE_PAGE, offset: rows.length }));
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total_rows || rows.length >= CATALOG_CAP) return rows.slice(0, CATALOG_CAP);
  }
}

export interface Seen {
  first: string | null;
  last: string | null;
}

/**
 * When hits matching `filters` were first and last tracked, to the minute: the earliest and the
 * latest minute bucket of the product's history with such a hit. Null when there was none.
 */
export async function seenOf(engine: Pick<StatsEngine, "breakdown">, siteId: string, filters: FilterInput[]): Promise<Seen> {
  const edge = async (direction: "asc" | "desc") => {
    const result = await answer(() =>
      engine.breakdown({
        ...allTimeOf(siteId),
        metrics: ["visitors"],
        dimensions: ["time:minute"],
        filters,
        order_by: [["time:minute", direction]],
        limit: 1,
      }),
    );
    const label = result.rows[0]?.dimensions["time:minute"];
    return label === undefined ? null : kmTimeOfUtcLabel(String(label));
  };
  const [first, last] = await Promise.all([edge("asc"), edge("desc")]);
  return { first, last };
}
