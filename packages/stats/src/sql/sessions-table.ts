import type { SessionField } from "../model/fields.js";
import { collapsedColumnOf, sessionsAggregateOf } from "./columns.js";
import { and, type Scope, sessionsStartedIn } from "./scope.js";

/**
 * One row per session that started in the period, folded from `sessions`. The AggregatingMergeTree
 * merges parts in the background, so a session may still be spread over several rows: grouping by
 * session_id (with the -Merge combinators and sum/max) gives the final values whatever the merge
 * state. Bot sessions are dropped whole. Only the fields asked for are folded: each costs a merge.
 *
 * Columns: session_id, s_start, s_end, s_pageviews, s_events, s_entry_title and s_<field>.
 */
export function collapsedSessionsOf(scope: Scope, fields: Iterable<SessionField>, withEntryTitle = false): string {
  const columns = [
    "session_id",
    "min(session_start) AS s_start",
    "max(end_time) AS s_end",
    "sum(pageviews) AS s_pageviews",
    "sum(events) AS s_events",
  ];
  if (withEntryTitle) columns.push("argMinMerge(entry_title) AS s_entry_title");
  for (const field of new Set(fields)) columns.push(`${sessionsAggregateOf(field)} AS ${collapsedColumnOf(field)}`);
  return `SELECT ${columns.join(", ")} FROM sessions WHERE ${and(sessionsStartedIn(scope))} GROUP BY session_id HAVING max(is_bot) = 0`;
}

/** Seconds from a collapsed session's first to its last hit (keep-alives included). */
export const SESSION_DURATION = "(toUnixTimestamp64Milli(s_end) - toUnixTimestamp64Milli(s_start)) / 1000";

/** One page view and no custom event: nothing shows the visitor did anything on the page. */
export const IS_BOUNCE = "s_pageviews = 1 AND s_events = 0";
