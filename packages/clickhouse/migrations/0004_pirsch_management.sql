-- What Pirsch's management API needs beyond 0002/0003 (@pulse/metadata, @pulse/dialect-pirsch).
-- Columns are added with defaults that mean "not set", so rows written before this migration read
-- exactly as before; new tables are versioned like 0002_metadata.sql (ReplacingMergeTree(version,
-- is_deleted), sorted by id alone, read with FINAL).

-- Pirsch clients are API keys. client_type: '' (a plain key), 'token' (a Pirsch access key, used as
-- a bearer) or 'oauth' (never a bearer: client_id plus secret are exchanged for short-lived access
-- tokens). Only the sha256 of the client secret is stored.
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS client_type LowCardinality(String) DEFAULT '';
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS client_id String DEFAULT '';
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS client_secret_hash String DEFAULT '';

-- settings: a JSON object of dialect settings the platform does not interpret, e.g.
-- {"pirsch": {"subdomain": ..., "identification_code": ..., "group_by_title": ...}}.
ALTER TABLE sites ADD COLUMN IF NOT EXISTS settings String DEFAULT '{}';

-- Goal targets after Pirsch; 0 means "no target", '' "not set".
ALTER TABLE goals ADD COLUMN IF NOT EXISTS custom_metric_type LowCardinality(String) DEFAULT '';
ALTER TABLE goals ADD COLUMN IF NOT EXISTS visitor_goal UInt64 DEFAULT 0;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS cr_goal Float64 DEFAULT 0;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS custom_metric_total_goal Float64 DEFAULT 0;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS custom_metric_avg_goal Float64 DEFAULT 0;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS delete_reached UInt8 DEFAULT 0;
ALTER TABLE goals ADD COLUMN IF NOT EXISTS email_reached UInt8 DEFAULT 0;

-- Read-only access to one site's statistics for whoever holds `code`; valid_until NULL means forever.
CREATE TABLE IF NOT EXISTS access_links (
  id String,
  site_id String,
  code String,
  description String,
  valid_until Nullable(DateTime64(3, 'UTC')),
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- POST the details of every custom event named `event` to `endpoint`; active = 0 once deliveries
-- kept failing (the count of consecutive failures lives in Redis).
CREATE TABLE IF NOT EXISTS webhooks (
  id String,
  site_id String,
  description String,
  event String,
  endpoint String,
  active UInt8,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;
