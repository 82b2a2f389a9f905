/**
 * The fields of the example responses in the Pirsch API reference (seeds/pirsch-api.txt), per
 * object. Tests check that our responses carry every one of them.
 */
export const TOKEN_FIELDS = ["access_token", "expires_at"];

export const DOMAIN_FIELDS = [
  "id",
  "def_time",
  "mod_time",
  "user_id",
  "organization_id",
  "hostname",
  "subdomain",
  "identification_code",
  "public",
  "google_user_id",
  "google_user_email",
  "gsc_domain",
  "new_owner",
  "timezone",
  "group_by_title",
  "active_visitors_seconds",
  "disable_scripts",
  "statistics_start",
  "imported_statistics",
  "metadata",
  "theme_id",
  "theme",
  "custom_domain",
  "user_role",
  "settings",
  "theme_settings",
  "display_name",
  "subscription_active",
];

export const ACCESS_LINK_FIELDS = ["id", "def_time", "mod_time", "domain_id", "code", "description", "valid_until"];

export const ALTERNATIVE_DOMAIN_FIELDS = ["id", "def_time", "mod_time", "domain_id", "hostname"];

export const SNIPPET_FIELDS = ["id", "def_time", "mod_time", "domain_id", "type", "dev", "include", "exclude", "domains", "endpoint", "sample"];

const GRANTS = [
  "scope_hit",
  "scope_event",
  "scope_session",
  "scope_statistics",
  "scope_domains",
  "scope_organizations",
  "scope_themes",
  "scope_billing",
];
export const CLIENT_FIELDS = ["id", "def_time", "mod_time", "domain_id", "client_id", "description", ...GRANTS];
export const CREATED_CLIENT_FIELDS = [...CLIENT_FIELDS, "client_secret"];

export const TRAFFIC_FILTER_FIELDS = ["id", "def_time", "mod_time", "domain_id", "type", "description", "filter"];

export const GOAL_FIELDS = [
  "id",
  "def_time",
  "mod_time",
  "domain_id",
  "name",
  "path_pattern",
  "pattern",
  "event_name",
  "event_meta_key",
  "event_meta_value",
  "custom_metric_key",
  "custom_metric_type",
  "visitor_goal",
  "cr_goal",
  "custom_metric_total_goal",
  "custom_metric_avg_goal",
  "delete_reached",
  "email_reached",
];

export const FUNNEL_FIELDS = ["id", "def_time", "mod_time", "domain_id", "name", "steps"];
export const FUNNEL_STEP_FIELDS = ["id", "def_time", "mod_time", "funnel_id", "name", "step", "filter"];

export const VIEW_FIELDS = [
  "id",
  "def_time",
  "mod_time",
  "domain_id",
  "user_id",
  "name",
  "from",
  "to",
  "from_time",
  "to_time",
  "period",
  "compare",
  "compare_from",
  "compare_to",
  "compare_weekday",
  "path",
  "entry_path",
  "exit_path",
  "pattern",
  "language",
  "country",
  "city",
  "referrer",
  "referrer_name",
  "os",
  "browser",
  "platform",
  "screen_class",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
  "event",
  "event_meta_key",
  "event_meta_value",
  "tag",
  "tag_key",
  "tag_value",
  "visitor_id",
  "session_id",
];

export const WEBHOOK_FIELDS = ["id", "def_time", "mod_time", "domain_id", "description", "event", "endpoint", "active"];

/** Statistics: the overview without an id ("Total Visitors, Page Views, and Members") and with one. */
export const OVERVIEW_FIELDS = ["visitors", "views", "visitors_growth", "views_growth", "member"];
export const OVERVIEW_DOMAIN_FIELDS = ["visitors", "views", "visitor_growth", "views_growth", "visitors_time_series"];

export const MINUTE_FIELDS = ["minute", "visitors", "views", "sessions", "bounces", "bounce_rate", "cr", "custom_metric_avg", "custom_metric_total"];

/** Whether every documented field is present (extra fields are allowed). */
export function missingFields(body: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((field) => !Object.hasOwn(body, field));
}
