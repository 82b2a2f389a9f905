import type { ResultRow } from "@pulse/stats";
import { countryNameOf } from "./country.js";
import { percentageOf } from "./percentage.js";
import { referrerDomainOf } from "./referrer.js";

/** Every list row of Kindmetrics counts visitors and gives their whole percent of the period's. */
interface Counted {
  visitors: number;
  percentage: number;
}

const text = (row: ResultRow, dimension: string) => String(row.dimensions[dimension] ?? "");
const counted = (row: ResultRow): Counted => ({ visitors: row.metrics.visitors ?? 0, percentage: percentageOf(row.relative?.visitors) });

/** /pages (dimension path) and /entry_pages (entry_path). */
export function pagesOf(rows: readonly ResultRow[], dimension: "path" | "entry_path"): ({ address: string } & Counted)[] {
  return rows.map((row) => ({ address: text(row, dimension), ...counted(row) }));
}

/** /sources: our referrer name is Kindmetrics' source, our channel its medium. */
export function sourcesOf(rows: readonly ResultRow[]): ({ source: string; medium: string } & Counted)[] {
  return rows.map((row) => ({ source: text(row, "referrer_name"), medium: text(row, "channel"), ...counted(row) }));
}

/** /referrers: the referring URL and its host. */
export function referrersOf(rows: readonly ResultRow[]): ({ url: string; domain: string } & Counted)[] {
  return rows.map((row) => {
    const url = text(row, "referrer");
    return { url, domain: referrerDomainOf(url), ...counted(row) };
  });
}

/** /countries: the country's English name. */
export function countriesOf(rows: readonly ResultRow[]): ({ name: string } & Counted)[] {
  return rows.map((row) => ({ name: countryNameOf(text(row, "country")), ...counted(row) }));
}
