import { describe, expect, it } from "vitest";
import { resolveRange } from "../model/date-range.js";
import { FILTER_FIELDS } from "../model/fields.js";
import { FILTER_OPS, type FilterInput } from "../model/filters.js";
import { funnelOptions, funnelSteps } from "../model/funnel.js";
import { goals } from "../model/goals.js";
import { METRICS } from "../model/metrics.js";
import { type StatsQueryInput, statsQuery } from "../model/query.js";
import { compileAggregate, compileBreakdown, compileTimeseries } from "./compile.js";
import { compileFilterOptions } from "./filter-options.js";
import { compileFunnel } from "./funnel.js";
import { compileGoals } from "./goals.js";
import type { CompiledQuery } from "./params.js";
import { compileSessionDetails } from "./session-details.js";
import { compileSessionsList } from "./sessions-list.js";

/** Strings that would change a statement if they were ever spliced into it. */
const NASTY = [
  "'; DROP TABLE events; --",
  "x' OR '1'='1",
  "\\'; SELECT 1; --",
  'a"b`c',
  "back\\slash",
  "^(a+)+$.*[]{}|?",
  "%_like",
  "{evil:String}",
  "line\nbreak */ /*",
];

const NOW = new Date("2025-04-02T10:00:00Z");
const parse = (input: Partial<StatsQueryInput>) =>
  statsQuery.parse({ site_id: "x' OR site_id != '", date_range: "7d", timezone: "Europe/Berlin", ...input });
const periodOf = (query: ReturnType<typeof parse>) => resolveRange(query.date_range, query.timezone, NOW);

/** No user value in the text; every one of them among the parameters. */
function expectParameterized(compiled: CompiledQuery, values: readonly string[]) {
  for (const value of values) expect(compiled.sql).not.toContain(value);
  // Whatever quoting the statement has is our own: string literals from the compiler are a closed set.
  const literals = new Set(compiled.sql.match(/'[^']*'/g) ?? []);
  for (const literal of literals) {
    expect(["'UTC'", "'pageview'", "'event'", "'session'", "''", "'%Y-%m-%d %H:%i:00'", "'%Y-%m-%d %H:00:00'", "'%Y-%m-%d'", "'%Y-%m-01'", "'%Y-01-01'"]).toContain(literal);
  }
  const params = JSON.stringify(compiled.params);
  for (const value of values) expect(params).toContain(JSON.stringify(value).slice(1, -1));
}

function filtersWith(values: string[]): FilterInput[] {
  const filters: FilterInput[] = [];
  for (const field of FILTER_FIELDS) {
    for (const op of FILTER_OPS) {
      if (field === "pattern" && (op === "contains" || op === "not_contains")) continue;
      if (field === "event_meta" || field === "tag") filters.push({ field, key: values[0]!, op, values });
      else filters.push({ field, op, values: field === "pattern" ? values.filter((v) => !v.endsWith("\\")) : values } as FilterInput);
    }
  }
  return filters;
}

describe("user values never reach the SQL text", () => {
  // Countries are upper-cased by the model, so their values are checked in that form below.
  const values = NASTY.map((v) => v);

  it.each(FILTER_FIELDS)("filters on %s, with every operator, in every statement", (field) => {
    const filters = filtersWith(values).filter((f) => f.field === field);
    const expected = field === "country" ? values.map((v) => v.toUpperCase()) : values;
    const query = parse({ filters, metrics: [...METRICS].filter((m) => m !== "revenue" && !m.startsWith("custom")), dimensions: ["path", "referrer", "country"] });
    const period = periodOf(query);
    const statements = [
      compileAggregate(query, period),
      compileBreakdown(query, period, { onlyKeys: [values] }),
      compileSessionsList(query, period),
      compileFilterOptions(query, period, field === "path" ? "title" : "path"),
      compileGoals(query, period, goals.parse([{ id: "g", name: "g", event_name: "x" }])),
      compileFunnel(query, period, funnelSteps.parse([{ filters }, { filters }]), funnelOptions.parse({})),
    ];
    for (const compiled of statements) expectParameterized(compiled, field === "pattern" ? expected.filter((v) => !v.endsWith("\\")) : expected);
  });

  it("in keys, dimensions, search, metric keys, goals and sessions", () => {
    const [key, ...rest] = NASTY as [string, ...string[]];
    const query = parse({
      metrics: ["visitors", "revenue", "custom_metric_avg", "sessions"],
      dimensions: [`event_meta:${key}`, `tag:${rest[0]}`],
      search: rest[1],
      revenue_key: rest[2],
      custom_metric_key: rest[3],
      custom_metric_type: "float",
    });
    const period = periodOf(query);
    expectParameterized(compileBreakdown(query, period), [key, rest[0]!, rest[1]!, rest[2]!, rest[3]!]);
    const totals = { ...query, metrics: [...query.metrics, "avg_time_on_page" as const], dimensions: [] };
    expectParameterized(compileAggregate(totals, period), [rest[2]!, rest[3]!]);
    expectParameterized(compileTimeseries({ ...query, dimensions: ["time:hour"] }, period), [rest[2]!, rest[3]!]);
    expectParameterized(compileFilterOptions(query, period, `tag:${key}`), [key]);
    const goalList = goals.parse([
      { id: "a", name: "a", event_name: rest[4], meta_key: rest[5], meta_value: rest[6] },
      { id: "b", name: "b", path_pattern: `/${rest[7]}` },
    ]);
    expectParameterized(compileGoals({ ...query, revenue_key: key }, period, goalList), [rest[4]!, rest[5]!, rest[6]!, key]);
    expectParameterized(compileSessionDetails(key, "0195f0b4-0000-7000-8000-000000000000", new Date(0)), [key]);
    // The site and the zone are parameters too.
    expect(compileAggregate(query, period).params).toMatchObject({ site: "x' OR site_id != '", tz: "Europe/Berlin" });
  });
});

describe("statement shape", () => {
  const period = periodOf(parse({}));

  it("restricts every read of a table to the query's site", () => {
    const filters: FilterInput[] = [
      { field: "entry_path", values: ["/"] },
      { field: "path", values: ["/x"] },
      { field: "event", values: ["e"] },
      { field: "country", values: ["DE"] },
    ];
    const query = parse({ metrics: [...METRICS].filter((m) => !["revenue", "custom_metric_total", "custom_metric_avg"].includes(m)), filters });
    const withHitDimension = { ...query, metrics: query.metrics.filter((m) => m !== "avg_time_on_page"), dimensions: ["referrer", "path"] as const };
    const statements = [
      compileAggregate(query, period),
      compileBreakdown({ ...query, dimensions: ["channel", "hour"] }, period),
      compileBreakdown({ ...withHitDimension, dimensions: [...withHitDimension.dimensions] }, period),
      compileBreakdown({ ...query, dimensions: ["exit_title", "minute"] }, period),
      compileAggregate({ ...query, filters: [...query.filters, { field: "exit_title", op: "is", values: ["x"] }] }, period),
      compileSessionsList(query, period),
      compileFilterOptions(query, period, "utm_source"),
      compileGoals(query, period, goals.parse([{ id: "g", name: "g", path_pattern: "/a/*" }])),
      compileFunnel(query, period, funnelSteps.parse([{ filters }, { filters }]), funnelOptions.parse({})),
      compileSessionDetails("s", "0195f0b4-0000-7000-8000-000000000000", new Date(0)),
    ];
    for (const { sql } of statements) {
      const reads = sql.match(/FROM (events|sessions)\b/g)?.length ?? 0;
      expect(reads).toBeGreaterThan(0);
      expect(sql.match(/site_id = \{site:String\}/g)?.length).toBe(reads);
    }
  });

  it("reads only the tables a query needs", () => {
    const pages = compileAggregate(parse({ metrics: ["visitors", "pageviews"] }), period).sql;
    expect(pages).toContain("FROM events");
    expect(pages).not.toContain("FROM sessions");
    const sessions = compileAggregate(parse({ metrics: ["bounce_rate"] }), period).sql;
    expect(sessions).toContain("FROM sessions");
    // One merged row per session (FINAL), bot sessions dropped whole after the merge.
    expect(sessions).toContain("FROM sessions FINAL WHERE");
    expect(sessions).toContain("AND (is_bot = 0)");
    expect(sessions).not.toMatch(/FROM events/);
  });

  it("filters visit fields through sessions and hit fields through events, as each source needs", () => {
    const query = parse({
      metrics: ["visitors", "sessions"],
      filters: [
        { field: "entry_path", values: ["/"] },
        { field: "path", values: ["/pricing"] },
      ],
    });
    const sql = compileAggregate(query, period).sql;
    // events rows: the visit filter selects sessions by their folded entry page
    expect(sql).toContain("session_id IN (SELECT session_id FROM sessions FINAL WHERE");
    expect(sql).toContain("AND (finalizeAggregation(entry_path) IN {p");
    // sessions: the page filter selects sessions with a matching row
    expect(sql).toContain("session_id IN (SELECT DISTINCT session_id FROM events WHERE");
  });

  it("bounds events by day for the primary key, without a per-row condition", () => {
    const sql = compileBreakdown(parse({ dimensions: ["path"] }), period).sql;
    expect(sql).toContain("(time >= {start:DateTime64(3, 'UTC')}) AND (indexHint(toDate(time) >= toDate({start:DateTime64(3, 'UTC')})))");
    expect(sql).toContain("(time < {end:DateTime64(3, 'UTC')}) AND (indexHint(toDate(time) <= toDate({end:DateTime64(3, 'UTC')})))");
  });

  it("excludes bots and keep-alives, and pages with LIMIT/OFFSET parameters", () => {
    const compiled = compileBreakdown(parse({ dimensions: ["path"], limit: 5, offset: 10 }), period);
    expect(compiled.sql).toContain("is_bot = 0");
    expect(compiled.sql).toContain("kind != 'session'");
    expect(compiled.sql).toMatch(/LIMIT \{p\d+:UInt32\} OFFSET \{p\d+:UInt32\}$/);
    expect(Object.values(compiled.params)).toEqual(expect.arrayContaining([5, 10]));
  });

  it("groups by the minute of the hour in the query's zone, from rows and from session starts", () => {
    const sql = compileBreakdown(parse({ dimensions: ["minute"], metrics: ["visitors", "sessions"] }), period).sql;
    expect(sql).toContain("toMinute(time, {tz:String}) AS dim_0");
    expect(sql).toContain("toMinute(s_start, {tz:String}) AS dim_0");
  });

  it("averages the durations of custom events", () => {
    const sql = compileAggregate(parse({ metrics: ["avg_event_duration"] }), period).sql;
    expect(sql).toContain("sumIf(event_duration, kind = 'event') AS ev_event_seconds");
    expect(sql).toContain("if(ev_events = 0, 0, round(ev_event_seconds / ev_events)) AS avg_event_duration");
  });

  it("reads entry titles from sessions and exit titles from each session's last page view", () => {
    const entry = compileBreakdown(parse({ dimensions: ["entry_title"], metrics: ["sessions"] }), period).sql;
    expect(entry).toContain("finalizeAggregation(entry_title) AS s_entry_title");
    expect(entry).not.toContain("LEFT JOIN");
    for (const metric of ["sessions", "visitors"] as const) {
      const exit = compileBreakdown(parse({ dimensions: ["exit_path", "exit_title"], metrics: [metric] }), period).sql;
      expect(exit).toContain("LEFT JOIN (SELECT session_id, argMaxIf(title, time, kind = 'pageview') AS session_exit_title FROM events WHERE (site_id = {site:String})");
      expect(exit).toContain("session_exit_title AS");
    }
    const filtered = compileAggregate(parse({ metrics: ["visitors"], filters: [{ field: "exit_title", values: ["Home"] }] }), period).sql;
    expect(filtered).toContain("AND (session_exit_title IN {p");
  });

  it("buckets time in the query's zone, given as a parameter", () => {
    const sql = compileTimeseries(parse({ dimensions: ["time:day"] }), period).sql;
    expect(sql).toContain("toString(toDate32(time, {tz:String}))");
    expect(() => compileTimeseries(parse({ dimensions: ["path"] }), period)).toThrow(/time:<interval>/);
    expect(() => compileBreakdown(parse({}), period)).toThrow(/dimension/);
  });
});
