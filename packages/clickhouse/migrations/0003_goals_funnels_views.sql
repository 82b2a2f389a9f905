-- What the analytics query API reads per site: conversion goals, funnels and saved views (@pulse/metadata).
-- Versioned exactly like 0002_metadata.sql: every write appends a whole row, ReplacingMergeTree keeps
-- the highest `version` per id and, read with FINAL, drops the id when that row has is_deleted = 1.
-- Sorted by id alone (the identity rows are replaced by), not by site_id: the tables are tiny and read whole.
-- Deleting a site deletes its goals, funnels and views first (MetadataStore.deleteSite).

-- A goal converts on a hit matching every condition set; '' means "not set" in every optional column.
-- path_pattern: a glob over the decoded URL path, "*" = any run without "/", "**" = anything.
-- event_name, meta_key, meta_value: the custom event, a metadata key it carries and that key's value.
-- custom_metric_key: an event metadata key whose numeric values are summed over conversions.
CREATE TABLE IF NOT EXISTS goals (
  id String,
  site_id String,
  name String,
  path_pattern String,
  event_name String,
  meta_key String,
  meta_value String,
  custom_metric_key String,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- steps: a JSON array of 2 to 10 {"name", "filters": [{"field", "op", "values"}]}, checked on write and read.
-- window_seconds: how long after the first step the last may come (60 to 2592000).
CREATE TABLE IF NOT EXISTS funnels (
  id String,
  site_id String,
  name String,
  steps String,
  window_seconds UInt32,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;

-- query: the saved stats query as a JSON object, at most 8 KB.
CREATE TABLE IF NOT EXISTS saved_views (
  id String,
  site_id String,
  name String,
  query String,
  created_at DateTime64(3, 'UTC'),
  version UInt64,
  is_deleted UInt8
) ENGINE = ReplacingMergeTree(version, is_deleted)
ORDER BY id;
