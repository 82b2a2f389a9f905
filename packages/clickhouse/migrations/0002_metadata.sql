-- The platform's configuration: accounts, sites, API keys and traffic filters (@pulse/metadata).
-- Every write appends a whole row; ReplacingMergeTree keeps the highest `version` per sorting key
-- and, read with FINAL, drops the key entirely when that row has is_deleted = 1.
-- `version` is microseconds since the epoch (Date.now() * 1000, strictly increasing per writer).
-- The sorting key is the identity rows are replaced by, so it holds only `id`: a column that can
-- change (a site's domain) or that a later feature might change (an owner) would leave the old
-- row alive beside the new one. The tables are tiny and read whole, so locality would buy nothing.
CREATE TABLE IF NOT EXISTS accounts (
  id String,
  name String,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- domain: the primary hostname, lowercased; timezone: an IANA name used for days and hours.
CREATE TABLE IF NOT EXISTS sites (
  id String,
  account_id String,
  domain String,
  alternative_domains Array(String),
  timezone String,
  public UInt8,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- Only the sha256 of a token is stored; token_prefix keeps its first characters for display.
-- site_id = '' means every site of the account; expires_at NULL means never.
CREATE TABLE IF NOT EXISTS api_keys (
  id String,
  account_id String,
  site_id String,
  name String,
  token_hash String,
  token_prefix String,
  scopes Array(LowCardinality(String)),
  rate_limit_per_minute UInt32,
  created_at DateTime64(3, 'UTC'),
  expires_at Nullable(DateTime64(3, 'UTC')),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- type: ip | cidr | path | user_agent; filter: the address, range, regular expression or substring.
CREATE TABLE IF NOT EXISTS traffic_filters (
  id String,
  site_id String,
  type LowCardinality(String),
  description String,
  filter String,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;
