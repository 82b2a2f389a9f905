/**
 * The fields a query can filter and break down by, grouped by where their value lives. The group
 * decides how a filter on the field reaches each table (see sql/conditions.ts):
 *
 * - hit: differs from row to row of a session (the page, the event). A filter selects matching rows
 *   for page metrics and the sessions that have such a row for session metrics.
 * - visit: decided by a session's first or last hit (entry and exit page and their titles,
 *   referrer, UTM parameters, channel), kept in the sessions table except the exit title, which is
 *   read from the session's last page view. Later rows of the session carry no referrer or UTM
 *   values, so a filter selects whole sessions.
 * - client: the same on every row of a session, since the visitor id derives from IP and user agent
 *   (country, browser, ...). Filtered on the row itself, which is cheapest.
 */
export const HIT_FIELDS = ["path", "pattern", "title", "event", "event_meta", "tag"] as const;
export const VISIT_FIELDS = [
  "entry_path",
  "exit_path",
  "entry_title",
  "exit_title",
  "referrer",
  "referrer_name",
  "channel",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
] as const;
export const CLIENT_FIELDS = [
  "hostname",
  "language",
  "country",
  "region",
  "city",
  "os",
  "os_version",
  "browser",
  "browser_version",
  "platform",
  "screen_class",
  "visitor_id",
  "session_id",
] as const;

export const FILTER_FIELDS = [...HIT_FIELDS, ...VISIT_FIELDS, ...CLIENT_FIELDS] as const;

export type HitField = (typeof HIT_FIELDS)[number];
export type VisitField = (typeof VISIT_FIELDS)[number];
export type ClientField = (typeof CLIENT_FIELDS)[number];
export type FilterField = (typeof FILTER_FIELDS)[number];
/** The fields the sessions table holds per session. */
export type SessionField = VisitField | ClientField;
/** Fields whose filter names a key inside a map column. */
export type KeyedField = "event_meta" | "tag";

export type FieldScope = "hit" | "visit" | "client";

const scopes = new Map<string, FieldScope>([
  ...HIT_FIELDS.map((f) => [f, "hit"] as const),
  ...VISIT_FIELDS.map((f) => [f, "visit"] as const),
  ...CLIENT_FIELDS.map((f) => [f, "client"] as const),
]);

export function scopeOf(field: FilterField): FieldScope {
  return scopes.get(field)!;
}

export function isKeyedField(field: string): field is KeyedField {
  return field === "event_meta" || field === "tag";
}

export function isHitField(field: FilterField): field is HitField {
  return scopes.get(field) === "hit";
}

export function isVisitField(field: FilterField): field is VisitField {
  return scopes.get(field) === "visit";
}

export function isSessionField(field: FilterField): field is SessionField {
  return !isHitField(field);
}
