import type { SessionField } from "../model/fields.js";
import { and } from "./scope.js";

/** The column the exit-title join adds to rows of `sessions FINAL`. */
export const EXIT_TITLE_COLUMN = "session_exit_title";

/**
 * `sessions FINAL` (one merged row per session, see collapsedSessionsOf) to read within `bounds`,
 * joined with each session's exit title when the fields need it. The sessions table keeps the entry title but no exit title, so that is the
 * title of the session's last page view, read from `events`. `bounds` are conditions on site_id and
 * session_start, which both tables have; `earliest` is the earliest session start they allow, which
 * bounds the scan of `events` by time too (no row is older than its session). `eventTimes` narrow
 * that scan further, for callers that know when the sessions they want ended.
 */
export function sessionsTableOf(fields: Iterable<SessionField>, bounds: readonly string[], earliest: string, eventTimes: readonly string[] = []): string {
  const sessions = "sessions FINAL";
  if (![...fields].includes("exit_title")) return sessions;
  const titles =
    `SELECT session_id, argMaxIf(title, time, kind = 'pageview') AS ${EXIT_TITLE_COLUMN}` +
    ` FROM events WHERE ${and([...bounds, `time >= ${earliest}`, ...eventTimes])} GROUP BY session_id`;
  return `${sessions} LEFT JOIN (${titles}) AS exit_titles USING (session_id)`;
}
