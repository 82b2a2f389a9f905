import type { ClickHouseClient } from "@pulse/clickhouse";
import { type Realtime, timeOfUuidv7 } from "@pulse/sessions";
import { isClosedPeriod, type StatsCache } from "./cache.js";
import { bucketsOf } from "./engine/buckets.js";
import { shareOf } from "./engine/change.js";
import { parsed } from "./engine/parse.js";
import {
  type AggregateResult,
  type BreakdownResult,
  type FunnelResult,
  type GoalsResult,
  isoOfClickHouse,
  periodOut,
  type RealtimeResult,
  type ResultRow,
  type SessionHit,
  type SessionsListResult,
  type TimeseriesResult,
} from "./engine/results.js";
import { comparisonOf, dimensionsOf, keyOf, metricsOf, type RawRow, relativeOf } from "./engine/rows.js";
import { rowsOf } from "./engine/run.js";
import { listSessions } from "./engine/sessions-page.js";
import { type HitRow, sessionHitsOf, sessionSummaryOf } from "./engine/session-rows.js";
import { StatsQueryError } from "./errors.js";
import { type Period, previousPeriodOf, resolveRange } from "./model/date-range.js";
import { type DeletionInput, deletion } from "./model/deletion.js";
import { type Dimension, dimension as dimensionSchema, type TimeInterval } from "./model/dimensions.js";
import { funnelOptions, type FunnelOptionsInput, type FunnelStepInput, funnelSteps } from "./model/funnel.js";
import { type GoalInput, goals as goalsSchema } from "./model/goals.js";
import { RELATIVE_METRICS } from "./model/metrics.js";
import { type StatsQuery, type StatsQueryInput, statsQuery } from "./model/query.js";
import { instantOf, localDateOf } from "./model/time-zone.js";
import { compileAggregate, compileBreakdown, compileTimeseries, timeseriesDimensionOf } from "./sql/compile.js";
import { compileDeletion } from "./sql/deletion.js";
import { compileFilterOptions } from "./sql/filter-options.js";
import { compileFirstHit } from "./sql/first-hit.js";
import { compileFunnel } from "./sql/funnel.js";
import { compileGoals } from "./sql/goals.js";
import type { CompiledQuery } from "./sql/params.js";
import { compileSessionDetails } from "./sql/session-details.js";

export interface StatsEngineOptions {
  /** The clock presets ("today", "7d") and the cache's notion of a closed period read. */
  now?: () => Date;
  /** Caches results of closed periods; without it every call queries ClickHouse. */
  cache?: StatsCache;
  /** Redis-backed live counters for realtime(); without it realtime() throws. */
  realtime?: Realtime;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The statistics of one site at a time: every method reads only the rows of the query's site_id.
 * Queries are validated here (StatsQueryError on bad input), compiled to parameterized SQL and run.
 */
export class StatsEngine {
  private readonly now: () => Date;

  constructor(
    private readonly clickhouse: ClickHouseClient,
    private readonly options: StatsEngineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Totals of the period, optionally with the previous period's and the change. */
  async aggregate(input: StatsQueryInput): Promise<AggregateResult> {
    const { query, period, now } = this.prepare(input);
    return this.cached("aggregate", query, period, now, undefined, async () => {
      const current = this.one(compileAggregate(query, period), query);
      if (query.include.comparison === undefined) return { period: periodOut(period), metrics: await current };
      const previousPeriod = previousPeriodOf(query.date_range, query.timezone, now);
      const [metrics, previous] = await Promise.all([current, this.one(compileAggregate(query, previousPeriod), query)]);
      return {
        period: periodOut(period),
        metrics,
        comparison: { period: periodOut(previousPeriod), ...comparisonOf(metrics, previous, query.metrics) },
      };
    });
  }

  /** Every bucket of the period (query.dimensions: one time:<interval>, default days), zeros where nothing happened. */
  async timeseries(input: StatsQueryInput): Promise<TimeseriesResult> {
    const { query, period: resolved, now } = this.prepare(input);
    const dimension = timeseriesDimensionOf(query) as Dimension;
    const interval = dimension.slice("time:".length) as TimeInterval;
    const period = query.date_range === "all" ? await this.historyOf(query, resolved) : resolved;
    return this.cached("timeseries", query, period, now, undefined, async () => {
      const current = this.series(query, period, interval, dimension);
      if (query.include.comparison === undefined) return { period: periodOut(period), rows: await current };
      const previousPeriod = previousPeriodOf(query.date_range, query.timezone, now);
      const [rows, previous] = await Promise.all([current, this.series(query, previousPeriod, interval, dimension)]);
      // Buckets pair up by position: the first day of this week with the first day of the last.
      rows.forEach((row, i) => {
        const before = previous[i];
        if (before) row.comparison = { dimensions: before.dimensions, ...comparisonOf(row.metrics, before.metrics, query.metrics) };
      });
      return { period: periodOut(period), rows, comparison_period: periodOut(previousPeriod) };
    });
  }

  /** One page of rows grouped by the query's dimensions, with relative shares and comparison if asked. */
  async breakdown(input: StatsQueryInput): Promise<BreakdownResult> {
    const { query, period, now } = this.prepare(input);
    return this.cached("breakdown", query, period, now, undefined, async () => {
      const relativeMetrics = query.metrics.filter((m) => RELATIVE_METRICS.includes(m));
      const [raw, totals] = await Promise.all([
        rowsOf<RawRow>(this.clickhouse, compileBreakdown(query, period)),
        query.include.relative && relativeMetrics.length > 0
          ? this.one(compileAggregate({ ...query, metrics: relativeMetrics }, period), { metrics: relativeMetrics })
          : undefined,
      ]);
      const rows: ResultRow[] = raw.map((r) => ({ dimensions: dimensionsOf(r, query.dimensions), metrics: metricsOf(r, query.metrics) }));
      if (totals) for (const row of rows) row.relative = relativeOf(row, totals);
      const result: BreakdownResult = { period: periodOut(period), rows, total_rows: await this.totalRowsOf(query, period, raw) };
      if (totals) result.totals = totals;
      if (query.include.comparison !== undefined && raw.length > 0) {
        const previousPeriod = previousPeriodOf(query.date_range, query.timezone, now);
        const keys = raw.map((r) => keyOf(r, query.dimensions));
        const previous = await rowsOf<RawRow>(this.clickhouse, compileBreakdown(query, previousPeriod, { onlyKeys: keys }));
        const byKey = new Map(previous.map((r) => [JSON.stringify(keyOf(r, query.dimensions)), metricsOf(r, query.metrics)]));
        rows.forEach((row, i) => {
          const before = byKey.get(JSON.stringify(keys[i])) ?? metricsOf(undefined, query.metrics);
          row.comparison = comparisonOf(row.metrics, before, query.metrics);
        });
        result.comparison_period = periodOut(previousPeriod);
      }
      return result;
    });
  }

  /** Sessions that started in the period and match the filters, newest first, one page (limit/offset). */
  async sessionsList(input: StatsQueryInput): Promise<SessionsListResult> {
    const { query, period, now } = this.prepare(input);
    return this.cached("sessions", query, period, now, undefined, async () => {
      // The page's ids first (newest days first), then details for those alone: folding every
      // session of a long period with its keep-alives and exit titles only to keep one page took seconds.
      const { rows: raw, total_rows } = await listSessions((compiled) => rowsOf(this.clickhouse, compiled), query, period);
      return { period: periodOut(period), rows: raw.map(sessionSummaryOf), total_rows };
    });
  }

  /** The page views and events of one session in time order; empty for an unknown or malformed id. */
  async sessionDetails(siteId: string, sessionId: string): Promise<SessionHit[]> {
    if (siteId === "" || !UUID_V7.test(sessionId)) return [];
    const compiled = compileSessionDetails(siteId, sessionId.toLowerCase(), new Date(timeOfUuidv7(sessionId)));
    const raw = await rowsOf<HitRow>(this.clickhouse, compiled);
    return sessionHitsOf(raw);
  }

  /**
   * How many visitors (or sessions, options.by) went through the steps in order within the window.
   * The query's filters apply to the first step. Visitor ids change daily (they are salted per day),
   * so a visitor-wide funnel follows a person within a day.
   */
  async funnel(input: StatsQueryInput, stepsInput: readonly FunnelStepInput[], optionsInput: FunnelOptionsInput = {}): Promise<FunnelResult> {
    const { query, period, now } = this.prepare(input);
    const steps = parsed(funnelSteps, stepsInput, "steps");
    const options = parsed(funnelOptions, optionsInput, "options");
    return this.cached("funnel", query, period, now, { steps, options }, async () => {
      const levels = await rowsOf<{ level: number; visitors: number }>(this.clickhouse, compileFunnel(query, period, steps, options));
      const reached = steps.map((_, i) => levels.filter((l) => l.level >= i + 1).reduce((sum, l) => sum + Number(l.visitors), 0));
      return {
        period: periodOut(period),
        steps: steps.map((step, i) => {
          const visitors = reached[i]!;
          const previous = i === 0 ? 0 : reached[i - 1]!;
          const dropped = i === 0 ? 0 : previous - visitors;
          return {
            step: i + 1,
            name: step.name,
            visitors,
            share_of_first: shareOf(visitors, reached[0]!),
            previous_visitors: previous,
            share_of_previous: i === 0 ? (visitors > 0 ? 1 : 0) : shareOf(visitors, previous),
            dropped,
            drop_off: shareOf(dropped, previous),
          };
        }),
      };
    });
  }

  /** Per goal: visitors who converted, conversions, and the conversion rate against all visitors. */
  async goals(input: StatsQueryInput, goalsInput: readonly GoalInput[]): Promise<GoalsResult> {
    const { query, period, now } = this.prepare(input);
    const goals = parsed(goalsSchema, goalsInput, "goals");
    return this.cached("goals", query, period, now, { goals }, async () => {
      const [row] = await rowsOf<RawRow>(this.clickhouse, compileGoals(query, period, goals));
      const all = Number(row?.["all_visitors"] ?? 0);
      return {
        period: periodOut(period),
        visitors: all,
        goals: goals.map((goal, i) => {
          const visitors = Number(row?.[`g${i}_visitors`] ?? 0);
          const result = {
            id: goal.id,
            name: goal.name,
            visitors,
            conversions: Number(row?.[`g${i}_conversions`] ?? 0),
            conversion_rate: shareOf(visitors, all),
          };
          return query.revenue_key === undefined ? result : { ...result, revenue: Number(row?.[`g${i}_revenue`] ?? 0) };
        }),
      };
    });
  }

  /** Distinct non-empty values of a field (a filter field, title, tag_key, tag:<key>, ...) in the period. */
  async filterOptions(input: StatsQueryInput, fieldInput: Dimension): Promise<string[]> {
    const { query, period, now } = this.prepare(input);
    const field = parsed(dimensionSchema, fieldInput, "field");
    return this.cached("options", query, period, now, { field }, async () => {
      const rows = await rowsOf<{ value: string }>(this.clickhouse, compileFilterOptions(query, period, field));
      return rows.map((r) => r.value);
    });
  }

  /** Visitors active in the last `seconds` (1..3600), their pages and countries, from Redis alone. */
  async realtime(siteId: string, seconds = 300): Promise<RealtimeResult> {
    const live = this.options.realtime;
    if (live === undefined) throw new Error("StatsEngine.realtime needs the realtime option (a Realtime on Redis)");
    if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= 3600)) {
      throw new StatsQueryError("seconds must be an integer in 1..3600", ["seconds"]);
    }
    const now = this.now().getTime();
    const [visitors, pages, countries] = await Promise.all([
      live.activeVisitors(siteId, seconds, now),
      live.activePages(siteId, seconds, now),
      live.activeCountries(siteId, seconds, now),
    ]);
    return { visitors, pages, countries: countries.map((c) => ({ country: c.countryCode, visitors: c.visitors })) };
  }

  /**
   * Starts deleting a site's data (model/deletion.ts) and returns once ClickHouse has accepted the
   * mutations, which it runs in the background and keeps across restarts. Results cached for closed
   * periods are served until their TTL runs out.
   */
  async deleteData(input: DeletionInput): Promise<void> {
    const request = parsed(deletion, input, "deletion");
    const period = resolveRange(request.date_range, request.timezone, this.now());
    for (const statement of compileDeletion(request.site_id, period, request.kind)) {
      await this.clickhouse.command({ query: statement.sql, query_params: statement.params, clickhouse_settings: { mutations_sync: "0" } });
    }
  }

  private prepare(input: StatsQueryInput): { query: StatsQuery; period: Period; now: Date } {
    const query = parsed(statsQuery, input, "query");
    const now = this.now();
    return { query, period: resolveRange(query.date_range, query.timezone, now), now };
  }

  private async one(compiled: CompiledQuery, query: Pick<StatsQuery, "metrics">) {
    const [row] = await rowsOf<RawRow>(this.clickhouse, compiled);
    return metricsOf(row, query.metrics);
  }

  private async series(query: StatsQuery, period: Period, interval: TimeInterval, dimension: Dimension): Promise<ResultRow[]> {
    const raw = await rowsOf<RawRow>(this.clickhouse, compileTimeseries(query, period));
    const byLabel = new Map(raw.map((r) => [String(r["dim_0"]), r]));
    return bucketsOf(interval, period, query.timezone).map((label) => ({
      dimensions: { [dimension]: label },
      metrics: metricsOf(byLabel.get(label), query.metrics),
    }));
  }

  /** The whole history starts on the day of the site's first hit: no years of empty buckets before it. */
  private async historyOf(query: StatsQuery, period: Period): Promise<Period> {
    const [first] = await rowsOf<{ min_time: string }>(this.clickhouse, compileFirstHit(query.site_id));
    if (first === undefined) return { start: period.end, end: period.end };
    const day = localDateOf(Date.parse(isoOfClickHouse(first.min_time)), query.timezone);
    return { start: new Date(instantOf(day, 0, query.timezone)), end: period.end };
  }

  /** The window's count, or when the page lies past the end (no rows to carry it), a count of its own. */
  private async totalRowsOf(query: StatsQuery, period: Period, raw: RawRow[]): Promise<number> {
    if (raw.length > 0 || query.offset === 0) return Number(raw[0]?.["total_rows"] ?? 0);
    const [first] = await rowsOf<RawRow>(this.clickhouse, compileBreakdown({ ...query, offset: 0, limit: 1 }, period));
    return Number(first?.["total_rows"] ?? 0);
  }

  private cached<T>(kind: string, query: StatsQuery, period: Period, now: Date, extra: unknown, compute: () => Promise<T>): Promise<T> {
    const cache = this.options.cache;
    if (cache === undefined || !isClosedPeriod(period, query.timezone, now)) return compute();
    return cache.remember(kind, { query, period: periodOut(period), extra }, compute);
  }
}
