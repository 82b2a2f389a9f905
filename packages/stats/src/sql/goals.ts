import type { Period } from "../model/date-range.js";
import { type Goal, regexOfGlob } from "../model/goals.js";
import type { StatsQuery } from "../model/query.js";
import { eventsConditionsOf } from "./conditions.js";
import type { CompiledQuery } from "./params.js";
import { and, eventsBaseOf, type Scope, scopeOf } from "./scope.js";

function goalConditionOf(goal: Goal, scope: Scope): string {
  const { params } = scope;
  if (goal.path_pattern !== undefined) {
    return `kind = 'pageview' AND match(path, ${params.add("String", regexOfGlob(goal.path_pattern))})`;
  }
  const conditions = ["kind = 'event'", `event_name = ${params.add("String", goal.event_name ?? "")}`];
  if (goal.meta_key !== undefined) {
    const key = params.add("String", goal.meta_key);
    conditions.push(goal.meta_value === undefined ? `mapContains(event_meta, ${key})` : `event_meta[${key}] = ${params.add("String", goal.meta_value)}`);
  }
  return conditions.join(" AND ");
}

/**
 * One row: all_visitors (the period's visitors matching the query's filters) and, per goal i,
 * g<i>_visitors, g<i>_conversions (matching page views or events) and, with a revenue_key,
 * g<i>_revenue.
 */
export function compileGoals(query: StatsQuery, period: Period, goals: readonly Goal[]): CompiledQuery {
  const scope = scopeOf(query, period);
  const columns = ["uniq(visitor_id) AS all_visitors"];
  const revenueKey = query.revenue_key === undefined ? undefined : scope.params.add("String", query.revenue_key);
  goals.forEach((goal, i) => {
    const condition = goalConditionOf(goal, scope);
    columns.push(`uniqIf(visitor_id, ${condition}) AS g${i}_visitors`, `countIf(${condition}) AS g${i}_conversions`);
    if (revenueKey !== undefined) columns.push(`round(sumIf(toFloat64OrZero(event_meta[${revenueKey}]), ${condition}), 2) AS g${i}_revenue`);
  });
  const sql = `SELECT ${columns.join(", ")} FROM events WHERE ${and([...eventsBaseOf(scope), ...eventsConditionsOf(query.filters, scope)])}`;
  return { sql, params: scope.params.all };
}
