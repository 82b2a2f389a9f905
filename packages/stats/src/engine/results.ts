import type { Metric } from "../model/metrics.js";

export type MetricValues = Partial<Record<Metric, number>>;
export type MetricChanges = Partial<Record<Metric, number | null>>;

/** ISO 8601 UTC instants; `end` is exclusive. */
export interface PeriodOut {
  start: string;
  end: string;
}

/** The previous period's values and the change ratio from them (engine/change.ts). */
export interface ComparisonOut {
  metrics: MetricValues;
  change: MetricChanges;
}

export interface AggregateResult {
  period: PeriodOut;
  metrics: MetricValues;
  comparison?: ComparisonOut & { period: PeriodOut };
}

/**
 * A row of a breakdown or timeseries. Dimension values are text, except hour, minute and weekday (numbers).
 * `relative` holds each count's share of the filtered total; a timeseries row's comparison names
 * the previous period's bucket it is compared with.
 */
export interface ResultRow {
  dimensions: Record<string, string | number>;
  metrics: MetricValues;
  relative?: MetricValues;
  comparison?: ComparisonOut & { dimensions?: Record<string, string | number> };
}

export interface BreakdownResult {
  period: PeriodOut;
  rows: ResultRow[];
  /** Rows of the breakdown before paging. */
  total_rows: number;
  /** The filtered totals the relative shares are taken of (with include.relative). */
  totals?: MetricValues;
  comparison_period?: PeriodOut;
}

export interface TimeseriesResult {
  period: PeriodOut;
  /** Every bucket of the period in order, empty ones with zeros. */
  rows: ResultRow[];
  comparison_period?: PeriodOut;
}

export interface SessionSummary {
  session_id: string;
  visitor_id: string;
  start: string;
  end: string;
  duration_seconds: number;
  entry_path: string;
  entry_title: string;
  exit_path: string;
  /** The title of the session's last page view. */
  exit_title: string;
  pageviews: number;
  events: number;
  is_bounce: boolean;
  /** Keep-alive hits that extended the session (Pirsch's session endpoint). */
  keep_alives: number;
  hostname: string;
  referrer: string;
  referrer_name: string;
  channel: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_content: string;
  utm_term: string;
  country: string;
  region: string;
  city: string;
  language: string;
  browser: string;
  browser_version: string;
  os: string;
  os_version: string;
  platform: string;
  screen_class: string;
}

export interface SessionsListResult {
  period: PeriodOut;
  rows: SessionSummary[];
  total_rows: number;
}

/** A page view or event of a session. duration_seconds: time until the next page view, or the event's own duration. */
export interface SessionHit {
  time: string;
  kind: "pageview" | "event";
  visitor_id: string;
  hostname: string;
  path: string;
  title: string;
  event_name: string;
  event_meta: Record<string, string>;
  tags: Record<string, string>;
  duration_seconds: number;
  referrer: string;
  referrer_name: string;
  /** The UTM parameters of the hit's own URL (usually only the landing page has them). */
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_content: string;
  utm_term: string;
  country: string;
  city: string;
  language: string;
  browser: string;
  browser_version: string;
  os: string;
  os_version: string;
  platform: string;
  screen_class: string;
}

export interface FunnelStepResult {
  step: number;
  name: string | undefined;
  visitors: number;
  /** visitors / visitors of the first step. */
  share_of_first: number;
  /** The previous step's visitors (0 for the first step). */
  previous_visitors: number;
  /** visitors / previous_visitors (1 for the first step). */
  share_of_previous: number;
  /** previous_visitors - visitors. */
  dropped: number;
  /** dropped / previous_visitors. */
  drop_off: number;
}

export interface FunnelResult {
  period: PeriodOut;
  steps: FunnelStepResult[];
}

export interface GoalResult {
  id: string;
  name: string;
  visitors: number;
  conversions: number;
  /** visitors / all visitors of the period matching the query's filters. */
  conversion_rate: number;
  /** With the query's revenue_key. */
  revenue?: number;
}

export interface GoalsResult {
  period: PeriodOut;
  visitors: number;
  goals: GoalResult[];
}

export interface RealtimeResult {
  visitors: number;
  pages: { path: string; visitors: number }[];
  countries: { country: string; visitors: number }[];
}

/** ClickHouse's "2025-03-03 10:00:00.000" (UTC) as ISO 8601. */
export function isoOfClickHouse(time: string): string {
  return `${time.replace(" ", "T")}${time.includes(".") ? "" : ".000"}Z`;
}

export function periodOut(period: { start: Date; end: Date }): PeriodOut {
  return { start: period.start.toISOString(), end: period.end.toISOString() };
}
