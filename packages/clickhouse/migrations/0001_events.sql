-- One row per accepted hit: page views, custom events and session keep-alives.
-- Partitioned by month so retention drops whole parts; ordered for the dominant query,
-- "one site, a time range", then by visitor so uniq(visitor) and session grouping read sorted runs.
-- non_replicated_deduplication_window keeps the hashes of recent insert blocks, so a retried insert
-- with the same insert_deduplication_token is dropped instead of counted twice.
CREATE TABLE IF NOT EXISTS events (
  site_id LowCardinality(String),
  time DateTime64(3, 'UTC'),
  id UUID,
  kind Enum8('pageview' = 1, 'event' = 2, 'session' = 3),
  visitor_id UInt64,
  session_id UUID,
  session_start DateTime64(3, 'UTC'),
  hostname LowCardinality(String),
  path String,
  title String,
  previous_path String,
  seconds_since_previous UInt32,
  referrer String,
  referrer_name LowCardinality(String),
  channel LowCardinality(String),
  utm_source LowCardinality(String),
  utm_medium LowCardinality(String),
  utm_campaign String,
  utm_content String,
  utm_term String,
  language LowCardinality(String),
  country_code LowCardinality(String),
  region LowCardinality(String),
  city LowCardinality(String),
  browser LowCardinality(String),
  browser_version LowCardinality(String),
  os LowCardinality(String),
  os_version LowCardinality(String),
  platform LowCardinality(String),
  screen_class LowCardinality(String),
  event_name LowCardinality(String),
  event_duration Float64,
  event_meta Map(LowCardinality(String), String),
  tags Map(LowCardinality(String), String),
  is_bot UInt8,
  received_at DateTime64(3, 'UTC'),
  -- Where the row came from in Kafka: the consumer skips what is already written after a crash.
  kafka_topic LowCardinality(String),
  kafka_partition UInt32,
  kafka_offset UInt64
) ENGINE = MergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (site_id, toDate(time), visitor_id, time)
SETTINGS non_replicated_deduplication_window = 10000;

-- One row per session, folded by AggregatingMergeTree from every insert into events.
-- Dimensions that are the same for a whole session use max(), which is deterministic and ignores the
-- empty values of keep-alive rows.
-- session_start is decided by the consumer before the row is written, so all rows of a session
-- share the sorting key even when they arrive in different inserts or days.
CREATE TABLE IF NOT EXISTS sessions (
  site_id LowCardinality(String),
  session_start DateTime64(3, 'UTC'),
  session_id UUID,
  visitor_id SimpleAggregateFunction(any, UInt64),
  end_time SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
  entry_path AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  exit_path AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
  pageviews SimpleAggregateFunction(sum, UInt64),
  events SimpleAggregateFunction(sum, UInt64),
  entry_title AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  hostname SimpleAggregateFunction(max, LowCardinality(String)),
  referrer AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  referrer_name AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  channel AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  utm_source AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  utm_medium AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  utm_campaign AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  utm_content AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  utm_term AggregateFunction(argMin, String, DateTime64(3, 'UTC')),
  language SimpleAggregateFunction(max, LowCardinality(String)),
  country_code SimpleAggregateFunction(max, LowCardinality(String)),
  region SimpleAggregateFunction(max, LowCardinality(String)),
  city SimpleAggregateFunction(max, LowCardinality(String)),
  browser SimpleAggregateFunction(max, LowCardinality(String)),
  browser_version SimpleAggregateFunction(max, LowCardinality(String)),
  os SimpleAggregateFunction(max, LowCardinality(String)),
  os_version SimpleAggregateFunction(max, LowCardinality(String)),
  platform SimpleAggregateFunction(max, LowCardinality(String)),
  screen_class SimpleAggregateFunction(max, LowCardinality(String)),
  is_bot SimpleAggregateFunction(max, UInt8)
) ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(session_start)
ORDER BY (site_id, toDate(session_start), session_id)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS sessions_mv TO sessions AS
SELECT
  site_id,
  session_start,
  session_id,
  any(visitor_id) AS visitor_id,
  max(time) AS end_time,
  argMinState(path, time) AS entry_path,
  argMaxState(path, time) AS exit_path,
  toUInt64(countIf(kind = 'pageview')) AS pageviews,
  toUInt64(countIf(kind = 'event')) AS events,
  argMinState(title, time) AS entry_title,
  max(hostname) AS hostname,
  argMinState(referrer, time) AS referrer,
  argMinState(toString(referrer_name), time) AS referrer_name,
  argMinState(toString(channel), time) AS channel,
  argMinState(toString(utm_source), time) AS utm_source,
  argMinState(toString(utm_medium), time) AS utm_medium,
  argMinState(utm_campaign, time) AS utm_campaign,
  argMinState(utm_content, time) AS utm_content,
  argMinState(utm_term, time) AS utm_term,
  max(language) AS language,
  max(country_code) AS country_code,
  max(region) AS region,
  max(city) AS city,
  max(browser) AS browser,
  max(browser_version) AS browser_version,
  max(os) AS os,
  max(os_version) AS os_version,
  max(platform) AS platform,
  max(screen_class) AS screen_class,
  max(is_bot) AS is_bot
FROM events
GROUP BY site_id, session_start, session_id;

-- The highest Kafka offset written per partition, kept by a view so it commits with the rows themselves.
CREATE TABLE IF NOT EXISTS ingest_progress (
  kafka_topic LowCardinality(String),
  kafka_partition UInt32,
  last_offset SimpleAggregateFunction(max, UInt64)
) ENGINE = AggregatingMergeTree
ORDER BY (kafka_topic, kafka_partition)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS ingest_progress_mv TO ingest_progress AS
SELECT kafka_topic, kafka_partition, max(kafka_offset) AS last_offset
FROM events
GROUP BY kafka_topic, kafka_partition;
