import { type Dimension, type ParsedDimension, parseDimension } from "../model/dimensions.js";
import { isSessionField, isVisitField, type SessionField } from "../model/fields.js";
import type { Filter } from "../model/filters.js";
import { StatsQueryError } from "../errors.js";
import { collapsedColumnOf, eventsColumnOf, sessionsFinalOf } from "./columns.js";
import { hitRowConditionsOf } from "./conditions.js";
import { sessionsTableOf } from "./exit-titles.js";
import { and, eventsBaseOf, type Scope, sessionsLookbackOf } from "./scope.js";
import { bucketOf, hourOf, minuteOf, weekdayOf } from "./time-buckets.js";

/** Output column of the i-th dimension in every source, so that sources join on them. */
export const dimAlias = (i: number) => `dim_${i}`;

/**
 * How one source groups by the query's dimensions: the expressions it selects, and the subquery it
 * joins (USING session_id) when a dimension lives in the other table.
 */
export interface DimensionPlan {
  select: string[];
  join: string | undefined;
}

const EMPTY: DimensionPlan = { select: [], join: undefined };

function timeDimensionOf(d: ParsedDimension, time: string, scope: Scope): string | undefined {
  if (d.kind === "time") return bucketOf(d.interval, time, scope.tz);
  if (d.kind === "hour") return hourOf(time, scope.tz);
  if (d.kind === "minute") return minuteOf(time, scope.tz);
  if (d.kind === "weekday") return weekdayOf(time, scope.tz);
  return undefined;
}

/** A hit dimension read from a row of `events`. */
function eventsHitExpressionOf(d: ParsedDimension, scope: Scope): string | undefined {
  if (d.kind === "keyed") return eventsColumnOf(d.of, scope, d.key);
  // arrayJoin turns a row into one per key; rows without keys drop out, as they should for a list of keys.
  if (d.kind === "keys") return `arrayJoin(mapKeys(${d.of === "tag" ? "tags" : "event_meta"}))`;
  if (d.kind === "field" && !isVisitField(d.field)) return eventsColumnOf(d.field, scope);
  return undefined;
}

/** Visit dimensions (field, alias) come from the session each row belongs to. */
function visitJoinOf(visit: readonly (readonly [SessionField, string])[], scope: Scope): string | undefined {
  if (visit.length === 0) return undefined;
  const bounds = sessionsLookbackOf(scope);
  const columns = visit.map(([field, alias]) => `${sessionsFinalOf(field)} AS ${alias}`);
  // One merged row per session (FINAL, see collapsedSessionsOf), so one joined row per event row.
  const table = sessionsTableOf(
    visit.map(([field]) => field),
    bounds,
    scope.lookback,
  );
  return `SELECT session_id, ${columns.join(", ")} FROM ${table} WHERE ${and(bounds)}`;
}

/** Grouping for rows of `events`: the events source and conversion denominators. */
export function eventsDimensionsOf(dimensions: readonly Dimension[], scope: Scope): DimensionPlan {
  if (dimensions.length === 0) return EMPTY;
  const select: string[] = [];
  const visit: [SessionField, string][] = [];
  dimensions.forEach((dimension, i) => {
    const d = parseDimension(dimension);
    const alias = dimAlias(i);
    if (d.kind === "field" && isVisitField(d.field)) {
      visit.push([d.field, alias]);
      select.push(alias);
      return;
    }
    const expr = timeDimensionOf(d, "time", scope) ?? eventsHitExpressionOf(d, scope)!;
    select.push(`${expr} AS ${alias}`);
  });
  return { select, join: visitJoinOf(visit, scope) };
}

/** Grouping for time-on-page rows, where a row's page is its previous_path. */
export function timeOnPageDimensionsOf(dimensions: readonly Dimension[], scope: Scope): DimensionPlan {
  for (const dimension of dimensions) {
    const d = parseDimension(dimension);
    if (d.kind === "keyed" || d.kind === "keys" || (d.kind === "field" && (d.field === "title" || d.field === "event"))) {
      throw new StatsQueryError(`avg_time_on_page cannot be broken down by ${dimension}`, ["dimensions"]);
    }
  }
  const plan = eventsDimensionsOf(dimensions, scope);
  return {
    ...plan,
    select: plan.select.map((s, i) => (dimensions[i] === "path" ? `previous_path AS ${dimAlias(i)}` : s)),
  };
}

/** A session field dimension, or undefined for hit and time dimensions. */
function sessionFieldOf(d: ParsedDimension): SessionField | undefined {
  if (d.kind !== "field") return undefined;
  const field = d.field;
  return isSessionField(field) ? field : undefined;
}

/**
 * Grouping for collapsed sessions (sql/sessions-table.ts). Hit dimensions come from the session's
 * rows: a session counts once for each distinct value it has, so "sessions by path" are the
 * sessions that included the path. Hit filters then apply to those rows, on the same row.
 */
export function sessionsDimensionsOf(dimensions: readonly Dimension[], filters: readonly Filter[], scope: Scope): DimensionPlan {
  if (dimensions.length === 0) return EMPTY;
  const select: string[] = [];
  const hits: string[] = [];
  dimensions.forEach((dimension, i) => {
    const d = parseDimension(dimension);
    const alias = dimAlias(i);
    const time = timeDimensionOf(d, "s_start", scope);
    const field = sessionFieldOf(d);
    if (time !== undefined) {
      select.push(`${time} AS ${alias}`);
    } else if (field !== undefined) {
      select.push(`${collapsedColumnOf(field)} AS ${alias}`);
    } else {
      hits.push(`${eventsHitExpressionOf(d, scope)!} AS ${alias}`);
      select.push(alias);
    }
  });
  const join =
    hits.length === 0
      ? undefined
      : `SELECT DISTINCT session_id, ${hits.join(", ")} FROM events WHERE ${and([...eventsBaseOf(scope), ...hitRowConditionsOf(filters, scope)])}`;
  return { select, join };
}

/** Whether the sessions source must join rows of `events` to group by the dimensions. */
export function needsHitRows(dimensions: readonly Dimension[]): boolean {
  return dimensions.some((dimension) => {
    const d = parseDimension(dimension);
    return d.kind === "keyed" || d.kind === "keys" || (d.kind === "field" && sessionFieldOf(d) === undefined);
  });
}

/** Session fields the collapsed sessions must carry for these dimensions. */
export function sessionFieldsOf(dimensions: readonly Dimension[]): SessionField[] {
  return dimensions.map((d) => sessionFieldOf(parseDimension(d))).filter((f): f is SessionField => f !== undefined);
}
