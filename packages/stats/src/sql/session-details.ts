import { clickhouseTimeOf, type CompiledQuery, Params } from "./params.js";
import { and, timeFrom } from "./scope.js";

/**
 * The page views and events of one session in time order. A session id is a UUIDv7 of the
 * session's first hit, so its start is known and bounds the scan to the days the session spans
 * (the end comes from the sessions table); only the given site's rows are read.
 * Columns: at, hit_kind, visitor and the events columns of the same names.
 */
export function compileSessionDetails(siteId: string, sessionId: string, sessionStart: Date): CompiledQuery {
  const params = new Params();
  const site = params.named("site", "String", siteId);
  const id = params.named("session", "UUID", sessionId);
  const start = params.named("start", "DateTime64(3, 'UTC')", clickhouseTimeOf(sessionStart));
  const end = `(SELECT max(end_time) FROM sessions WHERE site_id = ${site} AND session_start = ${start} AND session_id = ${id})`;
  const sql =
    // Aliases differ from column names: the WHERE clause would otherwise read the alias (text) for `time`.
    "SELECT toString(time) AS at, toString(kind) AS hit_kind, toString(visitor_id) AS visitor, hostname, path, title," +
    " event_name, event_meta, event_duration, tags, previous_path, seconds_since_previous, referrer, referrer_name," +
    " utm_source, utm_medium, utm_campaign, utm_content, utm_term," +
    " country_code, city, language, browser, browser_version, os, os_version, platform, screen_class" +
    ` FROM events WHERE site_id = ${site} AND session_id = ${id} AND session_start = ${start}` +
    ` AND ${and([...timeFrom(start), `time <= ${end}`])} AND is_bot = 0 AND kind != 'session' ORDER BY time, id`;
  return { sql, params: params.all };
}
