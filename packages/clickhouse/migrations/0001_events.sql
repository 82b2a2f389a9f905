-- Page views, custom events and session keep-alives, one row each; written by the consumer.
CREATE TABLE IF NOT EXISTS events (
  id UUID,
  site_id String,
  time DateTime64(3, 'UTC')
) ENGINE = MergeTree
PARTITION BY toYYYYMM(time)
ORDER BY (site_id, toDate(time), id);
