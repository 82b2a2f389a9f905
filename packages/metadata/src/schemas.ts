import { z } from "zod";
import { cidr, entityId, hostname, ipAddress, pathPattern, timestamp, timezone } from "./validators.js";

/**
 * What an API key may do, after Pirsch's client scopes. "admin" implies every other scope
 * (see hasScope); statistics are read-only, as in Pirsch.
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
});
export const site = siteFields.extend(stored);
export const siteCreate = siteFields.extend({
  alternative_domains: siteFields.shape.alternative_domains.default([]),
  timezone: timezone.default("UTC"),
  public: z.boolean().default(false),
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
export const apiKey = apiKeyFields.extend({
  ...stored,
  /** sha256 hex of the token; the plaintext is never stored. */
  token_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The token's first characters, for telling keys apart. */
  token_prefix: z.string().max(8),
});
/** What callers may see of a key: the hash stays inside (it is what a lookup needs, not a person). */
export const publicApiKey = apiKey.omit({ token_hash: true });
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
