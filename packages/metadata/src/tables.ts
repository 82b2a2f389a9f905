import type { z } from "zod";
import type { MetadataChange } from "./changes.js";
import { type Account, type ApiKey, type Site, type TrafficFilter, account, apiKey, site, trafficFilter } from "./schemas.js";

/** Where an entity lives and how a row becomes the entity: the SELECT list yields the schema's shape. */
export interface TableSpec<T> {
  table: string;
  entity: MetadataChange["entity"];
  columns: string;
  schema: z.ZodType<T>;
}

export const ACCOUNTS: TableSpec<Account> = {
  table: "accounts",
  entity: "account",
  columns: "id, name, created_at, version",
  schema: account,
};

export const SITES: TableSpec<Site> = {
  table: "sites",
  entity: "site",
  // public is UInt8 in the table; toBool makes JSON output a boolean.
  columns: "id, account_id, domain, alternative_domains, timezone, toBool(public) AS public, created_at, version",
  schema: site,
};

export const API_KEYS: TableSpec<ApiKey> = {
  table: "api_keys",
  entity: "api_key",
  columns:
    "id, account_id, site_id, name, token_hash, token_prefix, scopes, rate_limit_per_minute, created_at, expires_at, version",
  schema: apiKey,
};

export const TRAFFIC_FILTERS: TableSpec<TrafficFilter> = {
  table: "traffic_filters",
  entity: "traffic_filter",
  columns: "id, site_id, type, description, filter, created_at, version",
  schema: trafficFilter,
};
