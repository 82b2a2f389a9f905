import { StatsQueryError } from "../errors.js";
import type { Period } from "../model/date-range.js";
import { type Dimension, isTimeDimension } from "../model/dimensions.js";
import type { StatsQuery } from "../model/query.js";
import { dimAlias } from "./dimensions.js";
import { metricPlanOf, rawBySourceOf } from "./metrics.js";
import type { CompiledQuery } from "./params.js";
import { scopeOf } from "./scope.js";
import { sourceOf } from "./sources.js";

type Direction = "asc" | "desc";

interface GroupedOptions {
  dimensions: readonly Dimension[];
  orderBy: readonly (readonly [string, Direction])[];
  page?: { limit: number; offset: number };
  search?: string | undefined;
  /** Only these dimension values (as text), e.g. the rows of the current period when comparing. */
  onlyKeys?: readonly (readonly string[])[] | undefined;
}

/**
 * The shape of every statistics statement: one subquery per source the metrics need, each grouped
 * by the same dim_i aliases, joined on them (LEFT JOIN from the first, whose rows a breakdown
 * lists), then the metrics computed from their aggregates. Without dimensions each source is one row.
 */
function compileGrouped(query: StatsQuery, period: Period, options: GroupedOptions): CompiledQuery {
  const scope = scopeOf(query, period);
  const plans = query.metrics.map((metric) => metricPlanOf(metric, query, scope));
  const aliases = options.dimensions.map((_, i) => dimAlias(i));
  const sources = [...rawBySourceOf(plans)].map(
    ([name, raw]) => `(${sourceOf(name, scope, options.dimensions, query.filters, raw)}) AS ${name}`,
  );
  const from =
    aliases.length === 0
      ? sources.join(" CROSS JOIN ")
      : sources.reduce((joined, source) => `${joined} LEFT JOIN ${source} USING (${aliases.join(", ")})`);

  const select = [...aliases, ...query.metrics.map((metric, i) => `${plans[i]!.value} AS ${metric}`)];
  const where: string[] = [];
  if (options.search !== undefined && aliases.length > 0) {
    where.push(`positionCaseInsensitiveUTF8(toString(dim_0), ${scope.params.add("String", options.search)}) > 0`);
  }
  if (options.onlyKeys !== undefined) {
    const keys = scope.params.add("Array(Array(String))", options.onlyKeys);
    where.push(`has(${keys}, [${aliases.map((a) => `toString(${a})`).join(", ")}])`);
  }
  let sql = `SELECT ${select.join(", ")}`;
  if (options.page) sql += ", count() OVER () AS total_rows";
  sql += ` FROM ${from}`;
  if (where.length > 0) sql += ` WHERE ${where.map((w) => `(${w})`).join(" AND ")}`;
  const order = orderByOf(options, query.metrics);
  if (order !== "") sql += ` ORDER BY ${order}`;
  if (options.page) {
    sql += ` LIMIT ${scope.params.add("UInt32", options.page.limit)} OFFSET ${scope.params.add("UInt32", options.page.offset)}`;
  }
  return { sql, params: scope.params.all };
}

/** Names map to our own aliases (metrics are their alias, dimensions dim_i); every dimension breaks ties. */
function orderByOf(options: GroupedOptions, metrics: readonly string[]): string {
  const terms: string[] = [];
  const used = new Set<string>();
  for (const [name, direction] of options.orderBy) {
    const dimension = options.dimensions.indexOf(name as Dimension);
    const alias = dimension >= 0 ? dimAlias(dimension) : metrics.includes(name) ? name : undefined;
    if (alias === undefined) throw new StatsQueryError(`cannot order by ${name}`, ["order_by"]);
    if (used.has(alias)) continue;
    used.add(alias);
    terms.push(`${alias} ${direction === "asc" ? "ASC" : "DESC"}`);
  }
  options.dimensions.forEach((_, i) => {
    if (!used.has(dimAlias(i))) terms.push(`${dimAlias(i)} ASC`);
  });
  return terms.join(", ");
}

/** Totals over the whole period: one row, dimensions ignored. */
export function compileAggregate(query: StatsQuery, period: Period): CompiledQuery {
  return compileGrouped(query, period, { dimensions: [], orderBy: [] });
}

/** The time dimension a timeseries buckets by: the query's only dimension, or days. */
export function timeseriesDimensionOf(query: StatsQuery): `time:${string}` {
  if (query.dimensions.length === 0) return "time:day";
  const [only] = query.dimensions;
  if (query.dimensions.length > 1 || only === undefined || !isTimeDimension(only)) {
    throw new StatsQueryError("a timeseries takes one dimension, time:<interval>", ["dimensions"]);
  }
  return only;
}

/** Non-empty buckets of the period in time order; the engine adds the empty ones. */
export function compileTimeseries(query: StatsQuery, period: Period): CompiledQuery {
  const dimension = timeseriesDimensionOf(query) as Dimension;
  return compileGrouped(query, period, { dimensions: [dimension], orderBy: [[dimension, "asc"]] });
}

/**
 * One page of rows grouped by the query's dimensions, each with total_rows (the row count before
 * paging). Ordered by query.order_by, else the first metric descending.
 */
export function compileBreakdown(
  query: StatsQuery,
  period: Period,
  options: { onlyKeys?: readonly (readonly string[])[] } = {},
): CompiledQuery {
  if (query.dimensions.length === 0) throw new StatsQueryError("a breakdown needs at least one dimension", ["dimensions"]);
  const onlyKeys = options.onlyKeys;
  return compileGrouped(query, period, {
    dimensions: query.dimensions,
    orderBy: query.order_by ?? [[query.metrics[0]!, "desc"]],
    search: query.search,
    onlyKeys,
    // Restricted to known keys (a comparison), every key is wanted whatever the page.
    page: onlyKeys === undefined ? { limit: query.limit, offset: query.offset } : { limit: Math.max(onlyKeys.length, 1), offset: 0 },
  });
}
