import type { Dimension } from "../model/dimensions.js";
import { isSessionField, type SessionField } from "../model/fields.js";
import type { Filter } from "../model/filters.js";
import { eventsConditionsOf, sessionsConditionsOf, timeOnPageConditionsOf, withoutHitFilters } from "./conditions.js";
import { dimAlias, eventsDimensionsOf, type DimensionPlan, sessionFieldsOf, sessionsDimensionsOf, timeOnPageDimensionsOf } from "./dimensions.js";
import type { SourceName } from "./metrics.js";
import { and, eventsBaseOf, type Scope, timeBefore, timeFrom } from "./scope.js";
import { collapsedSessionsOf } from "./sessions-table.js";

/** Page views longer apart than this measure an idle tab (a session kept alive), not reading. */
export const MAX_TIME_ON_PAGE_SECONDS = 1800;

function selectOf(plan: DimensionPlan, raw: readonly string[], from: string, where: readonly string[], dimensions: number): string {
  const join = plan.join === undefined ? "" : ` INNER JOIN (${plan.join}) AS joined USING (session_id)`;
  const groupBy = dimensions === 0 ? "" : ` GROUP BY ${Array.from({ length: dimensions }, (_, i) => dimAlias(i)).join(", ")}`;
  return `SELECT ${[...plan.select, ...raw].join(", ")} FROM ${from}${join} WHERE ${and(where)}${groupBy}`;
}

function eventsSourceOf(scope: Scope, dimensions: readonly Dimension[], filters: readonly Filter[], raw: readonly string[]): string {
  const plan = eventsDimensionsOf(dimensions, scope);
  return selectOf(plan, raw, "events", [...eventsBaseOf(scope), ...eventsConditionsOf(filters, scope)], dimensions.length);
}

function sessionsSourceOf(scope: Scope, dimensions: readonly Dimension[], filters: readonly Filter[], raw: readonly string[]): string {
  const plan = sessionsDimensionsOf(dimensions, filters, scope);
  const fields = new Set<SessionField>(sessionFieldsOf(dimensions));
  for (const f of filters) if (isSessionField(f.field)) fields.add(f.field);
  const where = sessionsConditionsOf(filters, scope, plan.join !== undefined);
  return selectOf(plan, raw, `(${collapsedSessionsOf(scope, fields)}) AS s`, where, dimensions.length);
}

function timeOnPageSourceOf(scope: Scope, dimensions: readonly Dimension[], filters: readonly Filter[], raw: readonly string[]): string {
  const plan = timeOnPageDimensionsOf(dimensions, scope);
  const where = [
    `site_id = ${scope.site}`,
    ...timeFrom(scope.start),
    ...timeBefore(scope.end),
    "is_bot = 0",
    "kind = 'pageview'",
    "previous_path != ''",
    "seconds_since_previous > 0",
    `seconds_since_previous <= ${MAX_TIME_ON_PAGE_SECONDS}`,
    ...timeOnPageConditionsOf(filters, scope),
  ];
  return selectOf(plan, raw, "events", where, dimensions.length);
}

/** The SELECT of one source, grouped by the dimensions (aliased dim_0, dim_1, ...). */
export function sourceOf(
  name: SourceName,
  scope: Scope,
  dimensions: readonly Dimension[],
  filters: readonly Filter[],
  raw: readonly string[],
): string {
  switch (name) {
    case "ev":
      return eventsSourceOf(scope, dimensions, filters, raw);
    case "se":
      return sessionsSourceOf(scope, dimensions, filters, raw);
    case "tp":
      return timeOnPageSourceOf(scope, dimensions, filters, raw);
    case "cv":
      return eventsSourceOf(scope, dimensions, withoutHitFilters(filters), raw);
  }
}
