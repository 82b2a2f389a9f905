import type { SessionField } from "../model/fields.js";
import { collapsedColumnOf, sessionsFinalOf } from "./columns.js";
import { sessionsTableOf } from "./exit-titles.js";
import { and, type Scope, sessionsStartedIn } from "./scope.js";

/**
 * Extra conditions for folding known sessions only (sql/sessions-list.ts): `bounds` on site_id,
 * session_start or session_id (both tables have them; the same for every row of a session, so they
 * may apply before the FINAL merge), `eventTimes` on the time of `events` rows.
 */
export interface SessionsSubset {
  bounds: readonly string[];
  eventTimes: readonly string[];
}

const NO_SUBSET: SessionsSubset = { bounds: [], eventTimes: [] };

/**
 * One row per session that started in the period, read from `sessions FINAL`. The
 * AggregatingMergeTree merges parts in the background, so a session may still be spread over
 * several rows; every row of a session has the same sorting key (site_id, toDate(session_start),
 * session_id: session_start is decided before its rows are written), so FINAL folds them into one
 * at read time, with the final values whatever the merge state. That gives what GROUP BY session_id
 * with -Merge combinators gives, at less cost: ClickHouse merges only the key ranges that overlap
 * across parts instead of hashing every session of the period (measured at 10M events: ~30% less
 * time and a tenth of the memory; on merged parts, as a production table's older days are, ~60 ms
 * against ~500). The WHERE of a FINAL read applies to the merged row (ClickHouse does not move it to
 * PREWHERE by itself), so bot sessions are dropped whole. Only the fields asked for are read.
 *
 * Columns: session_id, s_start, s_end, s_pageviews, s_events and s_<field>.
 */
export function collapsedSessionsOf(scope: Scope, fields: Iterable<SessionField>, only: SessionsSubset = NO_SUBSET): string {
  const columns = [
    "session_id",
    "session_start AS s_start",
    "end_time AS s_end",
    "pageviews AS s_pageviews",
    "events AS s_events",
  ];
  const unique = new Set(fields);
  for (const field of unique) columns.push(`${sessionsFinalOf(field)} AS ${collapsedColumnOf(field)}`);
  const table = sessionsTableOf(unique, sessionsStartedIn(scope), scope.start, only);
  // With a subset, its PREWHERE holds the bounds already.
  const bounds = only.bounds.length === 0 ? sessionsStartedIn(scope) : [];
  return `SELECT ${columns.join(", ")} FROM ${table} WHERE ${and([...bounds, "is_bot = 0"])}`;
}

/** Seconds from a collapsed session's first to its last hit (keep-alives included). */
export const SESSION_DURATION = "(toUnixTimestamp64Milli(s_end) - toUnixTimestamp64Milli(s_start)) / 1000";

/** One page view and no custom event: nothing shows the visitor did anything on the page. */
export const IS_BOUNCE = "s_pageviews = 1 AND s_events = 0";
