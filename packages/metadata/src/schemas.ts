import { z } from "zod";
import { cidr, entityId, hostname, ipAddress, jsonObject, optionalPathGlob, pathPattern, timestamp, timezone } from "./validators.js";

/**
 * What an API key may do, after Pirsch's client scopes. "admin" implies every other scope
 * (see hasScope); statistics and billing are read-only, as in Pirsch. Every Pirsch grant has a
 * scope here, so a Pirsch client's grants survive a round trip through the key.
 */
export const scope = z.enum([
  "hit",
  "event",
  "session",
  "statistics:read",
  "domains:read",
  "domains:write",
  "organizations:read",
  "organizations:write",
  "themes:read",
  "themes:write",
  "billing:read",
  "admin",
]);
export type Scope = z.infer<typeof scope>;

/**
 * ip: one exact address. cidr: an IPv4 or IPv6 range. path: a JavaScript regular expression
 * tested against the URL path. user_agent: a case-insensitive substring of the User-Agent.
 */
export const trafficFilterType = z.enum(["ip", "cidr", "path", "user_agent"]);
export type TrafficFilterType = z.infer<typeof trafficFilterType>;

const unique = <T>(items: T[]): T[] => [...new Set(items)];

export const SITE_SETTINGS_MAX_BYTES = 16_384;

/** Fields every stored entity has; set by the store, never by callers. */
const stored = {
  id: entityId,
  created_at: timestamp,
  /** The ReplacingMergeTree version of the row read; higher wins. */
  version: z.number().int().nonnegative(),
};

// Each entity's own fields are written once, without defaults, so the update schemas
// (`.partial()`) never fill in a default over a value the caller did not mention.

const accountFields = z.object({
  name: z.string().trim().min(1).max(200),
});
export const account = accountFields.extend(stored);
export const accountCreate = accountFields;
export const accountUpdate = accountFields.partial();
export type Account = z.infer<typeof account>;
export type AccountCreate = z.input<typeof accountCreate>;
export type AccountUpdate = z.input<typeof accountUpdate>;

const siteFields = z.object({
  account_id: entityId,
  /** The primary hostname, e.g. "example.com". */
  domain: hostname,
  /** Further hostnames whose hits count for this site. */
  alternative_domains: z.array(hostname).max(100).transform(unique),
  timezone,
  /** Whether the dashboard is readable without a key. */
  public: z.boolean(),
  /**
   * Settings the platform itself does not interpret, one object per API dialect ({"pirsch": {...}}),
   * at most 16 KB as JSON. Replaced whole on update: merge before writing.
   */
  settings: jsonObject(SITE_SETTINGS_MAX_BYTES),
});
export const site = siteFields.extend(stored);
export const siteCreate = siteFields.extend({
  alternative_domains: siteFields.shape.alternative_domains.default([]),
  timezone: timezone.default("UTC"),
  public: z.boolean().default(false),
  settings: siteFields.shape.settings.default({}),
});
/** A site cannot move between accounts: its keys and statistics belong to the account. */
export const siteUpdate = siteFields.omit({ account_id: true }).partial();
export type Site = z.infer<typeof site>;
export type SiteCreate = z.input<typeof siteCreate>;
export type SiteUpdate = z.input<typeof siteUpdate>;

const apiKeyFields = z.object({
  account_id: entityId,
  /** "" means every site of the account. */
  site_id: z.union([entityId, z.literal("")]),
  name: z.string().trim().max(200),
  scopes: z.array(scope).min(1).transform(unique),
  /** 0 means no limit of its own: the service-wide limit applies. */
  rate_limit_per_minute: z.number().int().min(0).max(1_000_000),
  /** null: never expires. */
  expires_at: timestamp.nullable(),
});
/**
 * "": a plain key used as a bearer token. "token": the same, made as a Pirsch "token" client.
 * "oauth": a Pirsch oAuth client, which is never a bearer itself: its client_id and secret are
 * exchanged for short-lived access tokens (see AccessTokens).
 */
export const clientType = z.enum(["", "oauth", "token"]);
export type ClientType = z.infer<typeof clientType>;

export const apiKey = apiKeyFields.extend({
  ...stored,
  /** sha256 hex of the token; the plaintext is never stored. */
  token_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The token's first characters, for telling keys apart. */
  token_prefix: z.string().max(8),
  client_type: clientType,
  /** The oAuth client id (32 base62 characters); "" for other keys. */
  client_id: z.string().regex(/^([0-9A-Za-z]{32})?$/),
  /** sha256 hex of the oAuth client secret; "" for other keys. */
  client_secret_hash: z.string().regex(/^([0-9a-f]{64})?$/),
});
/** What callers may see of a key: the hashes stay inside (they are what a lookup needs, not a person). */
export const publicApiKey = apiKey.omit({ token_hash: true, client_secret_hash: true });
export const apiKeyCreate = apiKeyFields.extend({
  site_id: apiKeyFields.shape.site_id.default(""),
  name: apiKeyFields.shape.name.default(""),
  rate_limit_per_minute: apiKeyFields.shape.rate_limit_per_minute.default(0),
  expires_at: apiKeyFields.shape.expires_at.default(null),
});
/** The token, account and site of a key are fixed; make a new key to change them. */
export const apiKeyUpdate = apiKeyFields.pick({ name: true, scopes: true, rate_limit_per_minute: true, expires_at: true }).partial();
export type ApiKey = z.infer<typeof apiKey>;
export type PublicApiKey = z.infer<typeof publicApiKey>;
export type ApiKeyCreate = z.input<typeof apiKeyCreate>;
export type ApiKeyUpdate = z.input<typeof apiKeyUpdate>;

/** The filter text is checked according to the type it goes with. */
const trafficFilterRule = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ip"), filter: ipAddress }),
  z.object({ type: z.literal("cidr"), filter: cidr }),
  z.object({ type: z.literal("path"), filter: pathPattern }),
  z.object({ type: z.literal("user_agent"), filter: z.string().trim().min(1).max(500) }),
]);
const trafficFilterFields = z.object({
  site_id: entityId,
  description: z.string().trim().max(500),
});
export const trafficFilter = z.intersection(trafficFilterFields.extend(stored), trafficFilterRule);
export const trafficFilterCreate = z.intersection(
  trafficFilterFields.extend({ description: trafficFilterFields.shape.description.default("") }),
  trafficFilterRule,
);
/** Checked as a whole once merged onto the current filter, since type and filter depend on each other. */
export const trafficFilterUpdate = z
  .object({ type: trafficFilterType, filter: z.string(), description: trafficFilterFields.shape.description })
  .partial();
export type TrafficFilter = z.infer<typeof trafficFilter>;
export type TrafficFilterCreate = z.input<typeof trafficFilterCreate>;
export type TrafficFilterUpdate = z.input<typeof trafficFilterUpdate>;

// Goals

/** "" when not set; the optional text fields of goals are never null. */
const optionalText = (max: number) => z.string().trim().max(max);

/** A conversion goal, after Pirsch: a visit converts when a hit matches every condition that is set. */
const goalFields = z.object({
  site_id: entityId,
  name: z.string().trim().min(1).max(200),
  /** A glob over the URL path (see path-glob.ts): * is any run without "/", ** is anything; "" for none. */
  path_pattern: optionalPathGlob,
  /** The custom event's name, exactly; "" for none. */
  event_name: optionalText(200),
  /**
   * A key of the event's metadata the hit must carry; "" for none. At most 100 characters, as
   * tracked keys are (the stats engine refuses longer ones, so a longer goal could never be read).
   */
  meta_key: optionalText(100),
  /** The value meta_key must have; "" means any value. Needs meta_key. */
  meta_value: optionalText(500),
  /** A numeric metadata key summed over converting hits (e.g. revenue); "" for none. At most 100 characters, as meta_key. */
  custom_metric_key: optionalText(100),
  /** How custom_metric_key's values are read; "" when not set. */
  custom_metric_type: z.enum(["", "integer", "float"]),
  // Targets, after Pirsch; 0 means "no target".
  /** Converting visitors to reach. */
  visitor_goal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Conversion rate to reach. */
  cr_goal: z.number().min(0).max(1e12),
  custom_metric_total_goal: z.number().min(0).max(1e15),
  custom_metric_avg_goal: z.number().min(0).max(1e15),
  /** Delete the goal once a target is reached. */
  delete_reached: z.boolean(),
  /** Send an email once a target is reached (stored; no mail is sent yet). */
  email_reached: z.boolean(),
});

type GoalConditions = Pick<
  z.output<typeof goalFields>,
  "path_pattern" | "event_name" | "meta_key" | "meta_value" | "custom_metric_key" | "custom_metric_type"
>;

/** Rules across fields, applied wherever a whole goal is parsed (create, the merged update, rows read). */
function checkGoal(goal: GoalConditions, ctx: z.RefinementCtx): void {
  if (goal.path_pattern === "" && goal.event_name === "") {
    ctx.addIssue({ code: "custom", path: ["path_pattern"], message: "a goal needs a path_pattern, an event_name or both" });
  }
  if (goal.meta_value !== "" && goal.meta_key === "") {
    ctx.addIssue({ code: "custom", path: ["meta_key"], message: "meta_value needs a meta_key" });
  }
  if (goal.custom_metric_type !== "" && goal.custom_metric_key === "") {
    ctx.addIssue({ code: "custom", path: ["custom_metric_key"], message: "custom_metric_type needs a custom_metric_key" });
  }
}

export const goal = goalFields.extend(stored).superRefine(checkGoal);
export const goalCreate = goalFields
  .extend({
    path_pattern: optionalPathGlob.default(""),
    event_name: goalFields.shape.event_name.default(""),
    meta_key: goalFields.shape.meta_key.default(""),
    meta_value: goalFields.shape.meta_value.default(""),
    custom_metric_key: goalFields.shape.custom_metric_key.default(""),
    custom_metric_type: goalFields.shape.custom_metric_type.default(""),
    visitor_goal: goalFields.shape.visitor_goal.default(0),
    cr_goal: goalFields.shape.cr_goal.default(0),
    custom_metric_total_goal: goalFields.shape.custom_metric_total_goal.default(0),
    custom_metric_avg_goal: goalFields.shape.custom_metric_avg_goal.default(0),
    delete_reached: z.boolean().default(false),
    email_reached: z.boolean().default(false),
  })
  .superRefine(checkGoal);
/** A goal stays with its site. Checked again as a whole once merged onto the current goal. */
export const goalUpdate = goalFields.omit({ site_id: true }).partial();
export type Goal = z.infer<typeof goal>;
export type GoalCreate = z.input<typeof goalCreate>;
export type GoalUpdate = z.input<typeof goalUpdate>;

// Funnels

/**
 * The stats package owns the meaning of filter fields and ops; this is a permissive shape check so
 * metadata does not depend on it: a field is a lowercase name with an optional ":key" suffix
 * ("path", "event", "event_meta:plan"), and the stats query validates the field itself.
 */
export const funnelFilterOp = z.enum(["is", "is_not", "contains", "not_contains"]);
export type FunnelFilterOp = z.infer<typeof funnelFilterOp>;
export const funnelFilter = z.object({
  field: z
    .string()
    .max(200)
    .regex(/^[a-z_]+(:[A-Za-z0-9_.-]+)?$/, 'must be a field such as "path", "event" or "event_meta:plan"'),
  op: funnelFilterOp,
  values: z.array(z.string().max(500)).min(1).max(20),
});
export type FunnelFilter = z.infer<typeof funnelFilter>;
/** A visitor reaches a step with a hit matching every one of its filters. */
export const funnelStep = z.object({
  name: z.string().trim().min(1).max(200),
  filters: z.array(funnelFilter).min(1).max(20),
});
export type FunnelStep = z.infer<typeof funnelStep>;

export const FUNNEL_DEFAULT_WINDOW_SECONDS = 86_400;
const funnelFields = z.object({
  site_id: entityId,
  name: z.string().trim().min(1).max(200),
  /** In order; stored as a JSON String column and validated again when read. */
  steps: z.array(funnelStep).min(2).max(10),
  /** How long after the first step the last may come: one minute to 30 days. */
  window_seconds: z
    .number()
    .int()
    .min(60)
    .max(30 * 86_400),
});
export const funnel = funnelFields.extend(stored);
export const funnelCreate = funnelFields.extend({
  window_seconds: funnelFields.shape.window_seconds.default(FUNNEL_DEFAULT_WINDOW_SECONDS),
});
/** A funnel stays with its site. */
export const funnelUpdate = funnelFields.omit({ site_id: true }).partial();
export type Funnel = z.infer<typeof funnel>;
export type FunnelCreate = z.input<typeof funnelCreate>;
export type FunnelUpdate = z.input<typeof funnelUpdate>;

// Saved views

export const SAVED_VIEW_QUERY_MAX_BYTES = 8192;

/**
 * The stats query a view saves, as a JSON object; its meaning is the stats package's. Normalized
 * through JSON (what is returned is what a read gives back) and at most 8 KB serialized.
 */
export const savedViewQuery = jsonObject(SAVED_VIEW_QUERY_MAX_BYTES);

const savedViewFields = z.object({
  site_id: entityId,
  name: z.string().trim().min(1).max(200),
  query: savedViewQuery,
});
export const savedView = savedViewFields.extend(stored);
export const savedViewCreate = savedViewFields;
/** A view stays with its site. */
export const savedViewUpdate = savedViewFields.omit({ site_id: true }).partial();
export type SavedView = z.infer<typeof savedView>;
export type SavedViewCreate = z.input<typeof savedViewCreate>;
export type SavedViewUpdate = z.input<typeof savedViewUpdate>;
