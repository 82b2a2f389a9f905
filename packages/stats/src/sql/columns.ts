import type { ClientField, FilterField, SessionField, VisitField } from "../model/fields.js";
import { EXIT_TITLE_COLUMN } from "./exit-titles.js";
import type { Scope } from "./scope.js";

/**
 * The SQL each field reads, per table. These maps are the only source of identifiers in generated
 * SQL: a field name picks an entry, it is never spliced in itself. Map keys (metadata, tags) are
 * parameters.
 */

/** Client fields as the events table has them (also the sessions table's column names). */
const CLIENT_COLUMNS: Record<ClientField, string> = {
  hostname: "hostname",
  language: "language",
  country: "country_code",
  region: "region",
  city: "city",
  os: "os",
  os_version: "os_version",
  browser: "browser",
  browser_version: "browser_version",
  platform: "platform",
  screen_class: "screen_class",
  visitor_id: "visitor_id",
  session_id: "session_id",
};

/** A row of `events`: hit and client fields (visit fields live in `sessions`). */
export function eventsColumnOf(field: Exclude<FilterField, VisitField>, scope: Scope, key?: string): string {
  switch (field) {
    case "path":
    case "pattern":
      return "path";
    case "title":
      return "title";
    case "event":
      return "event_name";
    case "event_meta":
      return `event_meta[${scope.params.add("String", key ?? "")}]`;
    case "tag":
      return `tags[${scope.params.add("String", key ?? "")}]`;
    case "visitor_id":
    case "session_id":
      // Compared as text: ids arrive as strings, and a malformed one must match nothing, not fail.
      return `toString(${field})`;
    default:
      return CLIENT_COLUMNS[field];
  }
}

/**
 * A visit or client field of one row of `sessions FINAL` (one merged row per session, see
 * collapsedSessionsOf): aggregate states finalized, simple aggregates as they are; the exit title
 * needs the join of sessionsTableOf.
 */
export function sessionsFinalOf(field: SessionField): string {
  switch (field) {
    case "entry_path":
    case "exit_path":
    case "entry_title":
    case "referrer":
    case "referrer_name":
    case "channel":
    case "utm_source":
    case "utm_medium":
    case "utm_campaign":
    case "utm_content":
    case "utm_term":
      return `finalizeAggregation(${field})`;
    case "exit_title":
      return EXIT_TITLE_COLUMN;
    case "visitor_id":
    case "session_id":
      return `toString(${field})`;
    default:
      return CLIENT_COLUMNS[field];
  }
}

/** The column of the collapsed sessions subquery (sql/sessions-table.ts) holding a field. */
export function collapsedColumnOf(field: SessionField): string {
  return `s_${field}`;
}
