import type { ClickHouseClient } from "@pulse/clickhouse";
import type { Realtime } from "@pulse/sessions";
import {
  type CompiledQuery,
  compileAggregate,
  compileBreakdown,
  compileFunnel,
  compileTimeseries,
  funnelOptions,
  type FunnelOptionsInput,
  type FunnelStepInput,
  funnelSteps,
  listSessions,
  resolveRange,
  type StatsQueryInput,
  statsQuery,
} from "@pulse/stats";

/** What one measurement needs: the service, the key, the site, and the direct paths to ClickHouse and Redis. */
export interface EndpointContext {
  /** The query service, e.g. http://127.0.0.1:40123 */
  url: string;
  token: string;
  siteId: string;
  clickhouse: ClickHouseClient;
  realtime: Realtime;
  /** The realtime window, seconds. */
  realtimeSeconds: number;
}

/**
 * One class of native endpoint: a request over HTTP, and the same work done directly (the compiled
 * SQL with the same parameters through @clickhouse/client, or for realtime the same Redis reads).
 * Both resolve once the whole answer is read.
 */
export interface EndpointClass {
  id: string;
  label: string;
  /** What the direct path runs, for the report. */
  direct: "SQL" | "Redis";
  /** The p95 target at 10M events, ms. */
  targetP95Ms: number;
  overHttp: (ctx: EndpointContext) => Promise<void>;
  overDirect: (ctx: EndpointContext) => Promise<void>;
}

const API = "/api/pulse/v1";
/** The dashboard's default view: the last 90 days, which covers the whole dataset. */
const RANGE = "90d";
/** The sites the harness creates are in UTC, which is what the service fills in when a query names no zone. */
const ZONE = "UTC";

async function request(ctx: EndpointContext, method: "GET" | "POST", path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${ctx.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
}

async function runCompiled(client: ClickHouseClient, compiled: CompiledQuery): Promise<void> {
  await rowsOfCompiled(client, compiled);
}

async function rowsOfCompiled<T>(client: ClickHouseClient, compiled: CompiledQuery): Promise<T[]> {
  // As the engine's rowsOf does: JSONEachRow, every row read.
  const result = await client.query({ query: compiled.sql, query_params: compiled.params, format: "JSONEachRow" });
  return result.json<T>();
}

/** The query as the service sees it: validated, the zone filled in, the period resolved now. */
function prepared(input: StatsQueryInput) {
  const query = statsQuery.parse({ timezone: ZONE, ...input });
  return { query, period: resolveRange(query.date_range, query.timezone, new Date()) };
}

/** A statistics query: POST /query over HTTP, `compile` of the same query directly. */
function queryClass(
  id: string,
  label: string,
  targetP95Ms: number,
  body: Omit<StatsQueryInput, "site_id">,
  compile: typeof compileAggregate,
): EndpointClass {
  const input = (ctx: EndpointContext): StatsQueryInput => ({ site_id: ctx.siteId, ...body });
  return {
    id,
    label,
    direct: "SQL",
    targetP95Ms,
    overHttp: (ctx) => request(ctx, "POST", `${API}/query`, input(ctx)),
    overDirect: (ctx) => {
      const { query, period } = prepared(input(ctx));
      return runCompiled(ctx.clickhouse, compile(query, period));
    },
  };
}

const PAGE_METRICS: StatsQueryInput["metrics"] = ["visitors", "pageviews"];

export const FUNNEL_STEPS: FunnelStepInput[] = [
  { name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] },
  { name: "Pricing", filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
  { name: "Sign up", filters: [{ field: "event", op: "is", values: ["signup"] }] },
];
const FUNNEL_OPTIONS: FunnelOptionsInput = { windowSeconds: 86_400, by: "visitor" };

/** The native endpoint classes of issue 7's scenario 4, in report order. */
export const ENDPOINT_CLASSES: EndpointClass[] = [
  queryClass(
    "aggregate",
    "aggregate (visitors, sessions, page views, bounce rate, session duration)",
    100,
    { date_range: RANGE, metrics: ["visitors", "sessions", "pageviews", "bounce_rate", "avg_session_duration"] },
    compileAggregate,
  ),
  queryClass(
    "timeseries",
    "daily timeseries (visitors, page views)",
    100,
    { date_range: RANGE, metrics: PAGE_METRICS, dimensions: ["time:day"] },
    compileTimeseries,
  ),
  queryClass(
    "breakdown",
    "breakdown by page, top 20",
    200,
    { date_range: RANGE, metrics: PAGE_METRICS, dimensions: ["path"], limit: 20 },
    compileBreakdown,
  ),
  queryClass(
    "breakdown-contains",
    "breakdown by page, top 20, path contains \"blog\"",
    200,
    { date_range: RANGE, metrics: PAGE_METRICS, dimensions: ["path"], limit: 20, filters: [{ field: "path", op: "contains", values: ["blog"] }] },
    compileBreakdown,
  ),
  {
    id: "funnel",
    label: "funnel of 3 steps (/ → /pricing → signup event, 1 day, by visitor)",
    direct: "SQL",
    targetP95Ms: 500,
    overHttp: (ctx) =>
      request(ctx, "POST", `${API}/funnel`, { query: { site_id: ctx.siteId, date_range: RANGE }, steps: FUNNEL_STEPS, options: FUNNEL_OPTIONS }),
    overDirect: (ctx) => {
      const { query, period } = prepared({ site_id: ctx.siteId, date_range: RANGE });
      return runCompiled(ctx.clickhouse, compileFunnel(query, period, funnelSteps.parse(FUNNEL_STEPS), funnelOptions.parse(FUNNEL_OPTIONS)));
    },
  },
  {
    id: "sessions",
    label: "sessions list, first page of 20",
    direct: "SQL",
    targetP95Ms: 500,
    overHttp: (ctx) => request(ctx, "POST", `${API}/sessions`, { site_id: ctx.siteId, date_range: RANGE, limit: 20 }),
    overDirect: async (ctx) => {
      const { query, period } = prepared({ site_id: ctx.siteId, date_range: RANGE, limit: 20 });
      // As the engine does: the page's sessions (newest days first) and the total, then their details.
      await listSessions((compiled) => rowsOfCompiled(ctx.clickhouse, compiled), query, period);
    },
  },
  {
    id: "realtime",
    label: "realtime (active visitors, pages, countries)",
    direct: "Redis",
    targetP95Ms: 5,
    overHttp: (ctx) => request(ctx, "GET", `${API}/sites/${encodeURIComponent(ctx.siteId)}/realtime?seconds=${ctx.realtimeSeconds}`),
    overDirect: async (ctx) => {
      // The three reads StatsEngine.realtime makes, at once as it makes them.
      const now = Date.now();
      await Promise.all([
        ctx.realtime.activeVisitors(ctx.siteId, ctx.realtimeSeconds, now),
        ctx.realtime.activePages(ctx.siteId, ctx.realtimeSeconds, now),
        ctx.realtime.activeCountries(ctx.siteId, ctx.realtimeSeconds, now),
      ]);
    },
  },
];
