import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Dimension, FilterInput, ResultRow } from "@pulse/stats";
import type { Hono } from "hono";
import { statsSite } from "../access.js";
import type { KindmetricsDeps } from "../deps.js";
import { allRows } from "../engine-rows.js";
import { answer } from "../errors.js";
import { statsParams } from "../params.js";
import { DOMAIN, TAG } from "../paths.js";
import { countriesOf, pagesOf, referrersOf, sourcesOf } from "../shape/rows.js";
import { baseQueryOf } from "../stats-query.js";

interface List {
  path: string;
  summary: string;
  dimensions: Dimension[];
  /**
   * Kindmetrics listed only visits that have a value (a source, a referrer, a country), and its
   * percentages were of the rows listed; filtering them out keeps our shares of the same visitors.
   */
  present?: Dimension & FilterInput["field"];
  shape: (rows: readonly ResultRow[]) => unknown[];
}

const LISTS: List[] = [
  { path: "pages", summary: "Pages by visitors", dimensions: ["path"], shape: (rows) => pagesOf(rows, "path") },
  { path: "entry_pages", summary: "Entry pages (first page of a visit) by visitors", dimensions: ["entry_path"], shape: (rows) => pagesOf(rows, "entry_path") },
  { path: "sources", summary: "Sources and their medium by visitors", dimensions: ["referrer_name", "channel"], present: "referrer_name", shape: sourcesOf },
  { path: "referrers", summary: "Referring URLs by visitors", dimensions: ["referrer"], present: "referrer", shape: referrersOf },
  { path: "countries", summary: "Countries by visitors", dimensions: ["country"], present: "country", shape: countriesOf },
];

/** The lists of a domain's statistics: each one engine breakdown by visitors, with whole percentages. */
export function listRoutes(app: Hono<AuthEnv>, deps: KindmetricsDeps): void {
  const { cache, engine, sites, registry } = deps;
  for (const list of LISTS) {
    route(
      app,
      registry,
      { method: "get", path: `${DOMAIN}/${list.path}`, summary: list.summary, tag: TAG, scope: "statistics:read", query: statsParams },
      async (c, { query }) => {
        const site = await statsSite(c.get("key"), sites, paramOf(c, "id"));
        const base = baseQueryOf(cache, site, query);
        const present: FilterInput[] = list.present === undefined ? [] : [{ field: list.present, op: "is_not", values: [""] }];
        const rows = await answer(() =>
          allRows(engine, {
            ...base,
            filters: [...(base.filters ?? []), ...present],
            metrics: ["visitors"],
            dimensions: list.dimensions,
            // Ties in a stable order, so pages of rows neither repeat nor skip one.
            order_by: [["visitors", "desc"], ...list.dimensions.map((d) => [d, "asc"] as [string, "asc"])],
          }),
        );
        return c.json(list.shape(rows));
      },
    );
  }
}
