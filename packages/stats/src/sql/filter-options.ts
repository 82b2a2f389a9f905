import { StatsQueryError } from "../errors.js";
import type { Period } from "../model/date-range.js";
import { type Dimension, parseDimension } from "../model/dimensions.js";
import type { StatsQuery } from "../model/query.js";
import type { CompiledQuery } from "./params.js";
import { scopeOf } from "./scope.js";
import { sourceOf } from "./sources.js";

export const MAX_FILTER_OPTIONS = 1000;

/**
 * The distinct non-empty values a field takes in the period, in order. Filters on the same field
 * are left out, so that a picker still offers the values one could switch to.
 */
export function compileFilterOptions(query: StatsQuery, period: Period, field: Dimension): CompiledQuery {
  const parsed = parseDimension(field);
  if (parsed.kind === "time" || parsed.kind === "hour" || parsed.kind === "minute" || parsed.kind === "weekday") {
    throw new StatsQueryError(`${field} has no options to list`, ["field"]);
  }
  const sameField = (f: StatsQuery["filters"][number]) =>
    parsed.kind === "keyed" ? f.field === parsed.of && "key" in f && f.key === parsed.key : parsed.kind === "field" && f.field === parsed.field;
  const scope = scopeOf(query, period);
  const values = sourceOf("ev", scope, [field], query.filters.filter((f) => !sameField(f)), []);
  const sql =
    `SELECT toString(dim_0) AS value FROM (${values}) WHERE value != ''` +
    ` ORDER BY value LIMIT ${scope.params.add("UInt32", MAX_FILTER_OPTIONS)}`;
  return { sql, params: scope.params.all };
}
