import type { Period } from "../model/date-range.js";
import { CLIENT_FIELDS, type SessionField, VISIT_FIELDS } from "../model/fields.js";
import type { StatsQuery } from "../model/query.js";
import { collapsedColumnOf } from "./columns.js";
import { sessionsConditionsOf } from "./conditions.js";
import type { CompiledQuery } from "./params.js";
import { and, scopeOf, sessionsStartedIn } from "./scope.js";
import { collapsedSessionsOf, IS_BOUNCE, SESSION_DURATION } from "./sessions-table.js";

/** Every field of a session but its id, which the list selects itself. */
export const SESSION_LIST_FIELDS: readonly SessionField[] = [...VISIT_FIELDS, ...CLIENT_FIELDS].filter((f) => f !== "session_id");

/**
 * One page of the sessions that started in the period and match the filters, newest first.
 * Columns: session (the id), started_at, ended_at, duration_seconds, pageviews, events, is_bounce,
 * keep_alives, total_rows and one column per SESSION_LIST_FIELDS entry (entry and exit titles
 * included), named as the field. Keep-alives count nowhere else, so they are read from `events`.
 */
export function compileSessionsList(query: StatsQuery, period: Period): CompiledQuery {
  const scope = scopeOf(query, period);
  const columns = [
    "toString(session_id) AS session",
    "toString(s_start) AS started_at",
    "toString(s_end) AS ended_at",
    `round(${SESSION_DURATION}) AS duration_seconds`,
    "s_pageviews AS pageviews",
    "s_events AS events",
    `${IS_BOUNCE} AS is_bounce`,
    "keep_alives",
    ...SESSION_LIST_FIELDS.map((f) => `${collapsedColumnOf(f)} AS ${f}`),
    "count() OVER () AS total_rows",
  ];
  const where = sessionsConditionsOf(query.filters, scope, false);
  const keepAlives =
    `SELECT session_id, count() AS keep_alives FROM events` +
    ` WHERE ${and([...sessionsStartedIn(scope), `time >= ${scope.start}`, "kind = 'session'"])} GROUP BY session_id`;
  const sql =
    `SELECT ${columns.join(", ")} FROM (${collapsedSessionsOf(scope, [...SESSION_LIST_FIELDS, "session_id"])}) AS s` +
    ` LEFT JOIN (${keepAlives}) AS k USING (session_id)` +
    ` WHERE ${and(where)} ORDER BY s_start DESC, session ASC` +
    ` LIMIT ${scope.params.add("UInt32", query.limit)} OFFSET ${scope.params.add("UInt32", query.offset)}`;
  return { sql, params: scope.params.all };
}
