import type { Period } from "../model/date-range.js";
import type { FunnelOptions, FunnelStep } from "../model/funnel.js";
import type { StatsQuery } from "../model/query.js";
import { eventsConditionsOf } from "./conditions.js";
import type { CompiledQuery } from "./params.js";
import { and, eventsBaseOf, scopeOf } from "./scope.js";

/**
 * How many visitors (or sessions) reached each step: rows (level, visitors) for level >= 1, where
 * level is the furthest step reached in order within the window (windowFunnel). The query's
 * filters narrow the first step, and so everyone who enters the funnel.
 */
export function compileFunnel(query: StatsQuery, period: Period, steps: readonly FunnelStep[], options: FunnelOptions): CompiledQuery {
  const scope = scopeOf(query, period);
  const conditions = steps.map((step, i) =>
    and([...(i === 0 ? eventsConditionsOf(query.filters, scope) : []), ...eventsConditionsOf(step.filters, scope)]),
  );
  // windowFunnel takes DateTime or unsigned integers; milliseconds keep the order of hits within a second.
  const window = scope.params.add("UInt64", options.windowSeconds * 1000);
  const by = options.by === "session" ? "session_id" : "visitor_id";
  const sql =
    `SELECT level, count() AS visitors FROM (` +
    `SELECT windowFunnel(${window})(toUInt64(toUnixTimestamp64Milli(time)), ${conditions.join(", ")}) AS level` +
    ` FROM events WHERE ${and([...eventsBaseOf(scope), conditions.map((c) => `(${c})`).join(" OR ")])} GROUP BY ${by}` +
    `) WHERE level > 0 GROUP BY level ORDER BY level`;
  return { sql, params: scope.params.all };
}
