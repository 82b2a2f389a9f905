import type { Period } from "../model/date-range.js";
import { CLIENT_FIELDS, isHitField, type SessionField, VISIT_FIELDS } from "../model/fields.js";
import type { StatsQuery } from "../model/query.js";
import { collapsedColumnOf } from "./columns.js";
import { sessionsConditionsOf } from "./conditions.js";
import { type CompiledQuery, clickhouseTimeOf } from "./params.js";
import { and, type Scope, scopeOf, sessionsStartedIn, timeFrom, timeUntil } from "./scope.js";
import { collapsedSessionsOf, IS_BOUNCE, type SessionsSubset, SESSION_DURATION } from "./sessions-table.js";

/** Every field of a session but its id, which the list selects itself. */
export const SESSION_LIST_FIELDS: readonly SessionField[] = [...VISIT_FIELDS, ...CLIENT_FIELDS].filter((f) => f !== "session_id");

/**
 * Late hits join a session up to the sessionizer's idle timeout (30 minutes) before its start, so
 * its rows in `events` may be that much older than session_start; a day leaves room for any timeout
 * and costs little, as `events` is ordered by day.
 */
const LATE_HIT_MS = 86_400_000;

/** The list's order: newest first, ties by id, so pages never overlap. */
const ORDER = "ORDER BY s_start DESC, session ASC";

/** A row of a page statement of compileSessionsListQueries: what the details statement needs. */
export interface SessionsPageIds {
  session: string;
  started_at: string;
  ended_at: string;
}

export interface SessionsListQueries {
  /**
   * The page among the sessions that started at `since` or later: when it is full, it is the page of the whole period, since every session left out started
   * earlier than all of these. `sessions` is ordered by day of start, so a recent `since` reads
   * only the last days.
   */
  pageSince: (since: Date) => CompiledQuery;
  /** One row, total_rows: the sessions of the whole period that match the filters. */
  total: CompiledQuery;
  detailsOf: (page: readonly SessionsPageIds[]) => CompiledQuery;
}

/**
 * The sessions list in separate statements, the rows of compileSessionsList: `pageSince` selects
 * only the page's sessions (and `total` counts them all), folding only the fields the filters
 * need; `detailsOf(page rows)` folds every field and counts keep-alives for those sessions only,
 * reading `events` only over their time span. Run `detailsOf` only for a non-empty page.
 */
export function compileSessionsListQueries(query: StatsQuery, period: Period): SessionsListQueries {
  const filterFields = query.filters.flatMap((f) => (isHitField(f.field) ? [] : [f.field]));
  /** The list's sessions (of those started at `since` or later), filtered, as `s`. */
  const sessionsOf = (scope: Scope, since?: Date) => {
    const only: SessionsSubset =
      since === undefined ? { bounds: [], eventTimes: [] } : { bounds: [`session_start >= ${scope.params.add("DateTime64(3, 'UTC')", clickhouseTimeOf(since))}`], eventTimes: [] };
    return `(${collapsedSessionsOf(scope, filterFields, only)}) AS s WHERE ${and(sessionsConditionsOf(query.filters, scope, false))}`;
  };
  const pageSince = (since: Date): CompiledQuery => {
    const scope = scopeOf(query, period);
    const columns = ["toString(session_id) AS session", "toString(s_start) AS started_at", "toString(s_end) AS ended_at"];
    const sql =
      `SELECT ${columns.join(", ")} FROM ${sessionsOf(scope, since)} ${ORDER}` +
      ` LIMIT ${scope.params.add("UInt32", query.limit)} OFFSET ${scope.params.add("UInt32", query.offset)}`;
    return { sql, params: scope.params.all };
  };
  const totalScope = scopeOf(query, period);
  return {
    pageSince,
    total: { sql: `SELECT count() AS total_rows FROM ${sessionsOf(totalScope)}`, params: totalScope.params.all },
    detailsOf: (page) => compileSessionsDetails(query, period, page),
  };
}

/** Full rows of the page's sessions, in the list's order. */
function compileSessionsDetails(query: StatsQuery, period: Period, page: readonly SessionsPageIds[]): CompiledQuery {
  const scope = scopeOf(query, period);
  const starts = page.map((r) => r.started_at).sort();
  const ends = page.map((r) => r.ended_at).sort();
  const time = "DateTime64(3, 'UTC')";
  const first = starts[0] ?? "1970-01-01 00:00:00.000";
  const only: SessionsSubset = {
    // All rows of a session share its session_start (the sorting key of `sessions`).
    bounds: [
      `session_start >= ${scope.params.add(time, first)}`,
      `session_start <= ${scope.params.add(time, starts.at(-1) ?? first)}`,
      `session_id IN ${scope.params.add("Array(String)", page.map((r) => r.session))}`,
    ],
    // No row of a session is later than its end (the max time of its rows).
    eventTimes: [
      ...timeFrom(scope.params.add(time, clickhouseTimeOf(new Date(Date.parse(`${first.replace(" ", "T")}Z`) - LATE_HIT_MS)))),
      ...timeUntil(scope.params.add(time, ends.at(-1) ?? first)),
    ],
  };
  return { sql: sessionsRowsOf(scope, { only }), params: scope.params.all };
}

interface RowsOptions {
  only?: SessionsSubset;
  where?: readonly string[];
  /** Adds total_rows, the count of rows before paging. */
  totals?: boolean;
  /** LIMIT and OFFSET, if any. */
  paging?: string;
}

/** The list's columns for the folded sessions (of `only`) that pass `where`, in the list's order. */
function sessionsRowsOf(scope: Scope, { only = { bounds: [], eventTimes: [] }, where = [], totals = false, paging = "" }: RowsOptions): string {
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
    ...(totals ? ["count() OVER () AS total_rows"] : []),
  ];
  const keepAlives =
    `SELECT session_id, count() AS keep_alives FROM events` +
    ` WHERE ${and([...sessionsStartedIn(scope), ...only.bounds, ...timeFrom(scope.start), ...only.eventTimes, "kind = 'session'"])} GROUP BY session_id`;
  return (
    `SELECT ${columns.join(", ")} FROM (${collapsedSessionsOf(scope, [...SESSION_LIST_FIELDS, "session_id"], only)}) AS s` +
    ` LEFT JOIN (${keepAlives}) AS k USING (session_id)` +
    ` WHERE ${and(where)} ${ORDER}${paging}`
  );
}

/**
 * One page of the sessions that started in the period and match the filters, newest first, in one
 * statement. Columns: session (the id), started_at, ended_at, duration_seconds, pageviews, events,
 * is_bounce, keep_alives, total_rows and one column per SESSION_LIST_FIELDS entry (entry and exit
 * titles included), named as the field. Keep-alives count nowhere else, so they are read from
 * `events`. It folds every session of the period before paging: the engine runs the same list as
 * compileSessionsListQueries, which is much faster on large periods.
 */
export function compileSessionsList(query: StatsQuery, period: Period): CompiledQuery {
  const scope = scopeOf(query, period);
  const where = sessionsConditionsOf(query.filters, scope, false);
  const paging = ` LIMIT ${scope.params.add("UInt32", query.limit)} OFFSET ${scope.params.add("UInt32", query.offset)}`;
  return { sql: sessionsRowsOf(scope, { where, totals: true, paging }), params: scope.params.all };
}
