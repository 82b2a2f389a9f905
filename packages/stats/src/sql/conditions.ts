import { isHitField, isSessionField, isVisitField, type SessionField } from "../model/fields.js";
import type { Filter } from "../model/filters.js";
import { collapsedColumnOf, eventsColumnOf, sessionsFinalOf } from "./columns.js";
import { sessionsTableOf } from "./exit-titles.js";
import { and, eventsBaseOf, type Scope, sessionsLookbackOf } from "./scope.js";

/** The test one filter makes of an expression; the values are a single array parameter. */
export function matchOf(filter: Filter, expr: string, scope: Scope): string {
  const { params } = scope;
  if (filter.field === "pattern") {
    // RE2 (no backtracking), one match() per expression: multiMatchAny needs Hyperscan, which builds may lack.
    const any = filter.values.map((v) => `match(${expr}, ${params.add("String", v)})`).join(" OR ");
    return filter.op === "is" ? `(${any})` : `NOT (${any})`;
  }
  const values = params.add("Array(String)", filter.values);
  switch (filter.op) {
    case "is":
      return `${expr} IN ${values}`;
    case "is_not":
      return `${expr} NOT IN ${values}`;
    case "contains":
      return `multiSearchAnyCaseInsensitiveUTF8(${expr}, ${values})`;
    case "not_contains":
      return `NOT multiSearchAnyCaseInsensitiveUTF8(${expr}, ${values})`;
  }
}

const isVisit = (f: Filter) => isVisitField(f.field);
const isHit = (f: Filter) => isHitField(f.field);

function keyOf(f: Filter): string | undefined {
  return "key" in f ? f.key : undefined;
}

/** Row conditions on `events` for hit and client filters (visit filters excluded). */
function rowConditionsOf(filters: readonly Filter[], scope: Scope, pathColumn = "path"): string[] {
  const conditions: string[] = [];
  for (const f of filters) {
    const field = f.field;
    if (isVisitField(field)) continue;
    const column = field === "path" || field === "pattern" ? pathColumn : eventsColumnOf(field, scope, keyOf(f));
    conditions.push(matchOf(f, column, scope));
  }
  return conditions;
}

/** Sessions (ids) whose first hit, entry or exit page match every visit filter. */
export function visitSessionsOf(filters: readonly Filter[], scope: Scope): string {
  const matches: string[] = [];
  const fields: SessionField[] = [];
  for (const f of filters) {
    if (!isSessionField(f.field)) continue;
    fields.push(f.field);
    matches.push(matchOf(f, sessionsFinalOf(f.field), scope));
  }
  const bounds = sessionsLookbackOf(scope);
  // One merged row per session (FINAL, see collapsedSessionsOf): its WHERE tests the session's final values.
  return `SELECT session_id FROM ${sessionsTableOf(fields, bounds, scope.lookback)} WHERE ${and([...bounds, ...matches])}`;
}

/** Sessions (ids) with at least one row in the period matching every given hit filter on the same row. */
export function hitSessionsOf(filters: readonly Filter[], scope: Scope): string {
  return `SELECT DISTINCT session_id FROM events WHERE ${and([...eventsBaseOf(scope), ...rowConditionsOf(filters, scope)])}`;
}

/**
 * Filters on rows of `events`: hit and client filters test the row, visit filters select the rows
 * of sessions that match them.
 */
export function eventsConditionsOf(filters: readonly Filter[], scope: Scope): string[] {
  const visit = filters.filter(isVisit);
  const conditions = rowConditionsOf(filters, scope);
  if (visit.length > 0) conditions.push(`session_id IN (${visitSessionsOf(visit, scope)})`);
  return conditions;
}

/** Without hit filters: the filters that apply to every row of a visitor, for conversion-rate denominators. */
export function withoutHitFilters(filters: readonly Filter[]): Filter[] {
  return filters.filter((f) => !isHit(f));
}

/**
 * Filters on the time-on-page rows (a page view, measuring its previous page): path and pattern
 * test previous_path, other hit filters select sessions with a matching row, since the row's own
 * event, title and tags belong to the next page.
 */
export function timeOnPageConditionsOf(filters: readonly Filter[], scope: Scope): string[] {
  const otherHits = filters.filter((f) => isHit(f) && f.field !== "path" && f.field !== "pattern");
  const conditions = rowConditionsOf(
    filters.filter((f) => !otherHits.includes(f)),
    scope,
    "previous_path",
  );
  const visit = filters.filter(isVisit);
  if (visit.length > 0) conditions.push(`session_id IN (${visitSessionsOf(visit, scope)})`);
  if (otherHits.length > 0) conditions.push(`session_id IN (${hitSessionsOf(otherHits, scope)})`);
  return conditions;
}

/**
 * Filters on collapsed sessions (sql/sessions-table.ts): visit and client filters test the
 * session's columns; hit filters select sessions with a matching row, unless `hitsJoined`, when the
 * joined rows of a hit breakdown carry them.
 */
export function sessionsConditionsOf(filters: readonly Filter[], scope: Scope, hitsJoined: boolean): string[] {
  const conditions: string[] = [];
  for (const f of filters) if (!isHitField(f.field)) conditions.push(matchOf(f, collapsedColumnOf(f.field), scope));
  const hits = filters.filter(isHit);
  if (hits.length > 0 && !hitsJoined) conditions.push(`session_id IN (${hitSessionsOf(hits, scope)})`);
  return conditions;
}

/** Row conditions for the hit filters only, for the rows a hit breakdown joins to sessions. */
export function hitRowConditionsOf(filters: readonly Filter[], scope: Scope): string[] {
  return rowConditionsOf(filters.filter(isHit), scope);
}
