import { z } from "zod";

/**
 * What a query can count. Bots and keep-alive rows never count; sessions belong to the period in
 * which they started.
 *
 * - visitors: distinct visitors with a matching page view or event (ClickHouse uniq: exact for
 *   small sets, an estimate within about 1% for very large ones). Visitor ids are salted per UTC
 *   day, so a person returning on another day counts again.
 * - sessions, bounces, bounce_rate (0..1), avg_session_duration (s), views_per_visit: from the
 *   sessions table. A bounce is a session with exactly one page view and no custom event.
 * - pageviews, events (custom events), event_visitors: from the events table.
 * - avg_event_duration (s): the mean of the durations custom events were sent with (0 when none
 *   was given), over the matching custom events.
 * - avg_time_on_page (s): the gap between a page view and the next one in the session, counted for
 *   the earlier page; gaps of 0 and above 30 minutes (a session kept alive) are ignored.
 * - conversion_rate (0..1): visitors matching the query / visitors matching it without its hit
 *   filters (path, pattern, title, event, event_meta, tag), per row of a breakdown.
 * - revenue: the sum of the numeric event_meta value under `revenue_key`.
 * - custom_metric_total / custom_metric_avg: sum and mean of the event_meta value under
 *   `custom_metric_key`, read as `custom_metric_type`, over the events that carry it.
 */
export const METRICS = [
  "visitors",
  "sessions",
  "pageviews",
  "views_per_visit",
  "bounces",
  "bounce_rate",
  "avg_session_duration",
  "avg_time_on_page",
  "events",
  "event_visitors",
  "conversion_rate",
  "revenue",
  "custom_metric_total",
  "custom_metric_avg",
  "avg_event_duration",
] as const;

export const metric = z.enum(METRICS);
export type Metric = z.infer<typeof metric>;

/** Counts that add up to the filtered total, so a row's share of it means something. */
export const RELATIVE_METRICS: readonly Metric[] = ["visitors", "sessions", "pageviews", "bounces", "events", "event_visitors", "revenue"];
