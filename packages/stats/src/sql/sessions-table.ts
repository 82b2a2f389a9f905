import type { SessionField } from "../model/fields.js";
import { collapsedColumnOf, sessionsAggregateOf } from "./columns.js";
import { sessionsTableOf } from "./exit-titles.js";
import { and, type Scope, sessionsStartedIn } from "./scope.js";

/**
 * Extra conditions for folding known sessions only (sql/sessions-list.ts): `bounds` on site_id,
 * session_start or session_id (both tables have them), `eventTimes` on the time of `events` rows.
 */
export interface SessionsSubset {
  bounds: readonly string[];
  eventTimes: readonly string[];
}

const NO_SUBSET: SessionsSubset = { bounds: [], eventTimes: [] };

/**
 * One row per session that started in the period, folded from `sessions`. The AggregatingMergeTree
 * merges parts in the background, so a session may still be spread over several rows: grouping by
 * session_id (with the -Merge combinators and sum/max) gives the final values whatever the merge
 * state. Bot sessions are dropped whole. Only the fields asked for are folded: each costs a merge.
 *
 * Columns: session_id, s_start, s_end, s_pageviews, s_events and s_<field>.
 */
export function collapsedSessionsOf(scope: Scope, fields: Iterable<SessionField>, only: SessionsSubset = NO_SUBSET): string {
  const columns = [
    "session_id",
    "min(session_start) AS s_start",
    "max(end_time) AS s_end",
    "sum(pageviews) AS s_pageviews",
    "sum(events) AS s_events",
  ];
  const unique = new Set(fields);
  for (const field of unique) columns.push(`${sessionsAggregateOf(field)} AS ${collapsedColumnOf(field)}`);
  const bounds = [...sessionsStartedIn(scope), ...only.bounds];
  return `SELECT ${columns.join(", ")} FROM ${sessionsTableOf(unique, bounds, scope.start, only.eventTimes)} WHERE ${and(bounds)} GROUP BY session_id HAVING max(is_bot) = 0`;
}

/** Seconds from a collapsed session's first to its last hit (keep-alives included). */
export const SESSION_DURATION = "(toUnixTimestamp64Milli(s_end) - toUnixTimestamp64Milli(s_start)) / 1000";

/** One page view and no custom event: nothing shows the visitor did anything on the page. */
export const IS_BOUNCE = "s_pageviews = 1 AND s_events = 0";
