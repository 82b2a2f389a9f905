import { z } from "zod";
import { type AccessLink, accessLink } from "./access-links.js";
import type { MetadataChange } from "./changes.js";
import {
  type Account,
  type ApiKey,
  type Funnel,
  type Goal,
  type SavedView,
  type Site,
  type TrafficFilter,
  account,
  apiKey,
  funnel,
  goal,
  savedView,
  site,
  trafficFilter,
} from "./schemas.js";
import { type Webhook, webhook } from "./webhooks.js";

/**
 * Where an entity lives and how a row becomes the entity: the SELECT list yields the schema's
 * shape. toRow, when set, turns the entity into the row to insert (JSON columns are serialized).
 */
export interface TableSpec<T> {
  table: string;
  entity: MetadataChange["entity"];
  columns: string;
  schema: z.ZodType<T>;
  toRow?: (entity: T) => Record<string, unknown>;
}

/** A String column holding JSON; the parsed value is then checked by the schema it is piped into. */
const jsonText = z.string().transform((text, ctx): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    ctx.addIssue({ code: "custom", message: "must hold valid JSON" });
    return z.NEVER;
  }
});

export const ACCOUNTS: TableSpec<Account> = {
  table: "accounts",
  entity: "account",
  columns: "id, name, created_at, version",
  schema: account,
};

export const SITES: TableSpec<Site> = {
  table: "sites",
  entity: "site",
  // public is UInt8 in the table; toBool makes JSON output a boolean. settings is JSON text.
  columns: "id, account_id, domain, alternative_domains, timezone, toBool(public) AS public, settings, created_at, version",
  schema: site.extend({ settings: jsonText.pipe(site.shape.settings) }),
  toRow: (entity) => ({ ...entity, settings: JSON.stringify(entity.settings) }),
};

export const API_KEYS: TableSpec<ApiKey> = {
  table: "api_keys",
  entity: "api_key",
  columns:
    "id, account_id, site_id, name, token_hash, token_prefix, scopes, rate_limit_per_minute, created_at, expires_at, " +
    "client_type, client_id, client_secret_hash, version",
  schema: apiKey,
};

export const TRAFFIC_FILTERS: TableSpec<TrafficFilter> = {
  table: "traffic_filters",
  entity: "traffic_filter",
  columns: "id, site_id, type, description, filter, created_at, version",
  schema: trafficFilter,
};

export const GOALS: TableSpec<Goal> = {
  table: "goals",
  entity: "goal",
  columns:
    "id, site_id, name, path_pattern, event_name, meta_key, meta_value, custom_metric_key, custom_metric_type, visitor_goal, " +
    "cr_goal, custom_metric_total_goal, custom_metric_avg_goal, toBool(delete_reached) AS delete_reached, " +
    "toBool(email_reached) AS email_reached, created_at, version",
  schema: goal,
};

export const FUNNELS: TableSpec<Funnel> = {
  table: "funnels",
  entity: "funnel",
  columns: "id, site_id, name, steps, window_seconds, created_at, version",
  schema: funnel.extend({ steps: jsonText.pipe(funnel.shape.steps) }),
  toRow: (entity) => ({ ...entity, steps: JSON.stringify(entity.steps) }),
};

export const SAVED_VIEWS: TableSpec<SavedView> = {
  table: "saved_views",
  entity: "saved_view",
  columns: "id, site_id, name, query, created_at, version",
  schema: savedView.extend({ query: jsonText.pipe(savedView.shape.query) }),
  toRow: (entity) => ({ ...entity, query: JSON.stringify(entity.query) }),
};

export const ACCESS_LINKS: TableSpec<AccessLink> = {
  table: "access_links",
  entity: "access_link",
  columns: "id, site_id, code, description, valid_until, created_at, version",
  schema: accessLink,
};

export const WEBHOOKS: TableSpec<Webhook> = {
  table: "webhooks",
  entity: "webhook",
  columns: "id, site_id, description, event, endpoint, toBool(active) AS active, created_at, version",
  schema: webhook,
};
