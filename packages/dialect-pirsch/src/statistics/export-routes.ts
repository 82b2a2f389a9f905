import { type AuthEnv, route, type SiteLookup } from "@pulse/api-kit";
import type { OpenApiRegistry } from "@pulse/service";
import { MAX_LIMIT } from "@pulse/stats";
import type { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { csvOf } from "../export/csv.js";
import { type ZipEntry, zipOf } from "../export/zip.js";
import { answer, type Params, type PirschRequest, paramsOf, pirschRequestOf } from "./request.js";
import { API, handlerOf, type StatisticsHandlers, TAG } from "./routes-common.js";

export interface ExportDeps {
  sites: SiteLookup;
  handlers: StatisticsHandlers;
}

/**
 * The reference's selection parameters, the CSV file each gives, the endpoint that answers it and
 * whether that endpoint pages (limit/offset) or answers the whole period at once.
 */
const SELECTIONS: readonly (readonly [parameter: string, file: string, path: string, paged: boolean])[] = [
  ["visitors", "visitors", "/visitor", false],
  ["pages", "pages", "/page", true],
  ["session_duration", "session_duration", "/duration/session", false],
  ["growth", "growth", "/growth", false],
  ["languages", "languages", "/language", true],
  ["referrer", "referrer", "/referrer", true],
  ["os", "os", "/os", true],
  ["browser", "browser", "/browser", true],
  ["country", "country", "/country", true],
  ["region", "region", "/region", true],
  ["city", "city", "/city", true],
  ["platform", "platform", "/platform", false],
  ["screen", "screen", "/screen", true],
  ["utm", "utm_source", "/utm/source", true],
  ["utm", "utm_medium", "/utm/medium", true],
  ["utm", "utm_campaign", "/utm/campaign", true],
  ["utm", "utm_content", "/utm/content", true],
  ["utm", "utm_term", "/utm/term", true],
  ["conversion_goals", "conversion_goals", "/goals", false],
  ["events", "events", "/events", true],
  ["tags", "tags", "/tags", true],
  ["hostname", "hostname", "/hostname", true],
];

/** A breakdown is exported up to this many rows (pages of MAX_LIMIT). */
export const MAX_EXPORT_ROWS = 10_000;

const selected = (params: Params, name: string) => params[name]?.some((v) => v === "true" || v === "1") ?? false;

/** Every row an endpoint has for the request, page after page for the paged ones. */
async function rowsOf(handler: (request: PirschRequest) => Promise<unknown>, request: PirschRequest, paged: boolean): Promise<unknown[]> {
  if (!paged) {
    const result = await handler(request);
    return Array.isArray(result) ? result : [result];
  }
  const rows: unknown[] = [];
  for (let offset = 0; offset < MAX_EXPORT_ROWS; offset += MAX_LIMIT) {
    const page = (await handler({ ...request, paging: { limit: MAX_LIMIT, offset } })) as unknown[];
    rows.push(...page);
    if (page.length < MAX_LIMIT) break;
  }
  return rows;
}

/**
 * Pirsch's "Exporting Statistics to CSV": the statistics selected by the query (visitors=true,
 * pages=1, ...) for a domain and dates, one CSV file each inside a zip. Each file holds what the
 * JSON endpoint of that statistic answers, a field per column. The selection names double as filter
 * names elsewhere (referrer, os, ...), so this endpoint reads only id, from, to and tz.
 */
export function exportRoutes(app: Hono<AuthEnv>, registry: OpenApiRegistry, deps: ExportDeps): void {
  route(
    app,
    registry,
    { method: "get", path: API, summary: "The selected statistics of a period as CSV files in a zip", tag: TAG, scope: "statistics:read" },
    async (c) => {
      const params = paramsOf(c);
      const wanted = SELECTIONS.filter(([parameter]) => selected(params, parameter));
      const base: Params = {};
      for (const name of ["id", "from", "to", "tz"]) if (params[name] !== undefined) base[name] = params[name]!;
      const request = await pirschRequestOf(c.get("key"), base, deps.sites);
      if (wanted.length === 0) {
        throw new HTTPException(400, { message: `select at least one statistic: ${[...new Set(SELECTIONS.map(([p]) => p))].join(", ")} (true or 1)` });
      }
      const files: ZipEntry[] = [];
      for (const [, file, path, paged] of wanted) {
        const rows = await answer(() => rowsOf(handlerOf(deps.handlers, path), request, paged));
        files.push({ name: `${file}.csv`, data: csvOf(rows as Parameters<typeof csvOf>[0]) });
      }
      return c.body(new Uint8Array(zipOf(files)), 200, {
        "Content-Type": "application/zip",
        "Content-Disposition": 'attachment; filename="statistics.zip"',
      });
    },
  );
}
