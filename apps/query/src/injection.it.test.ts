import { INJECTIONS } from "@pulse/api-kit/testing";
import { AUTHORIZATION } from "./authorization.js";
import { FILTER_FIELDS } from "@pulse/stats";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { event, feedHits, pageview } from "./test-support/hits.js";
import { type QueryWorld, queryWorld } from "./test-support/query-app.js";

// Integration: every value of the shared injection corpus in every filter, dimension, sort, search,
// id and period parameter of the native API and the five dialects, against real ClickHouse and
// Redis. Each answer must be a 2xx or a JSON 4xx naming the problem, never a 5xx, and never show
// the rows of another site, which carry "leakmarker" in every field they have.
//
//  site          account  hits on 2026-03-10 (UTC)
//  inj-main      A        /, /pricing (referrer Google, tag author=ann), event Signup {plan: pro}; /blog (8.8.8.8)
//  inj-leak      A        /leakmarker-path ... event leakmarker_event {leakmarker_key: leakmarker_value}
//  inj-rival     B        the same as inj-leak
//
// The token is limited to inj-main, so even lists across the account may show inj-main only.

const MARKER = "leakmarker";
const FROM = "2026-03-01";
const TO = "2026-03-31";
let world: QueryWorld;
let app: Hono;
let main: string;
let funnel: string;
let token: string;
let leak: string;
let leakToken: string;

beforeAll(async () => {
  // Thousands of requests a minute: the limiter must not answer in the engine's place.
  world = await queryWorld("query_injection", 1_000_000);
  const { store } = world;
  const a = await store.createAccount({ name: "Injection" });
  const b = await store.createAccount({ name: "Rival" });
  main = (await store.createSite({ account_id: a.id, domain: "inj-main.test", timezone: "Europe/Berlin" })).id;
  leak = (await store.createSite({ account_id: a.id, domain: "inj-leak.test" })).id;
  leakToken = (await store.createApiKey({ account_id: a.id, site_id: leak, scopes: ["statistics:read"] })).token;
  const rival = (await store.createSite({ account_id: b.id, domain: "inj-rival.test" })).id;
  funnel = (
    await store.createFunnel({
      site_id: main,
      name: "Pricing",
      steps: [
        { name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] },
        { name: "Signup", filters: [{ field: "event", op: "is", values: ["Signup"] }] },
      ],
    })
  ).id;
  await store.createGoal({ site_id: main, name: "Signup", event_name: "Signup" });
  token = (await store.createApiKey({ account_id: a.id, site_id: main, scopes: ["statistics:read", "domains:read"] })).token;
  const host = "inj-main.test";
  const marked = (site: string, host: string) => [
    pageview({ site, host, at: "2026-03-10T10:00", path: `/${MARKER}-path?utm_source=${MARKER}_src&utm_campaign=${MARKER}_cmp`, referrer: `https://${MARKER}.example/ref`, title: `${MARKER} title`, tags: { [`${MARKER}_tag`]: `${MARKER}_tagvalue` } }),
    event({ site, host, at: "2026-03-10T10:01", path: `/${MARKER}-path`, name: `${MARKER}_event`, meta: { [`${MARKER}_key`]: `${MARKER}_value` } }),
  ];
  await feedHits(world, "injection", [
    pageview({ site: main, host, at: "2026-03-10T10:00", path: "/", referrer: "https://www.google.com/", tags: { author: "ann" } }),
    pageview({ site: main, host, at: "2026-03-10T10:01", path: "/pricing" }),
    event({ site: main, host, at: "2026-03-10T10:02", path: "/pricing", name: "Signup", meta: { plan: "pro" } }),
    pageview({ site: main, host, at: "2026-03-10T11:00", path: "/blog", ip: "8.8.8.8", chrome: true }),
    ...marked(leak, "inj-leak.test"),
    ...marked(rival, "inj-rival.test"),
  ]);
  app = await world.instance();
}, 60_000);
afterAll(() => world?.dispose());

interface Probe {
  label: string;
  url: string;
  /** POSTed as JSON when given. */
  body?: unknown;
  /** What a 200 must show besides the general rules (e.g. that nothing matched). */
  check?: (body: unknown) => void;
}

interface Reply {
  status: number;
  text: string;
  json: unknown;
}

async function send(probe: Probe): Promise<Reply> {
  const response = await app.request(probe.url, {
    method: probe.body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(probe.body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The general rules: a 2xx or a JSON 4xx with an error, never a 5xx, never another site's rows. */
function problemsOf(probe: Probe, reply: Reply): string[] {
  const problems: string[] = [];
  const where = `${probe.label} → ${reply.status}`;
  if (reply.status === 429) problems.push(`${where}: rate limited, so nothing was tested`);
  else if (reply.status >= 500) problems.push(`${where}: ${reply.text.slice(0, 300)}`);
  else if (reply.status >= 400 && typeof (reply.json as { error?: unknown } | undefined)?.error !== "string") problems.push(`${where} without a JSON error: ${reply.text.slice(0, 200)}`);
  else if (reply.status < 400 && reply.json === undefined) problems.push(`${where}: not JSON`);
  if (reply.text.toLowerCase().includes(MARKER)) problems.push(`${where} shows another site's rows: ${reply.text.slice(0, 300)}`);
  if (reply.status === 200 && probe.check) {
    try {
      probe.check(reply.json);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/** Runs probes four at a time (the machine is small) and collects every broken rule. */
async function problemsOfAll(probes: Probe[], options: { only200?: boolean } = {}): Promise<string[]> {
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const probe = probes[next++]!;
      const reply = await send(probe);
      if (options.only200 && reply.status !== 200) problems.push(`${probe.label} → ${reply.status} (must be 200): ${reply.text.slice(0, 200)}`);
      else problems.push(...problemsOf(probe, reply));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return problems;
}

const noVisitors = (body: unknown) => expect((body as { metrics: { visitors: number } }).metrics.visitors).toBe(0);
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url");

// ---------------------------------------------------------------- native API
const NATIVE = "/api/pulse/v1";
const PLAIN_FIELDS = FILTER_FIELDS.filter((f) => f !== "event_meta" && f !== "tag" && f !== "pattern");

function nativeProbes(v: string): Probe[] {
  const e = encodeURIComponent(v);
  const q = { site_id: main, date_range: { from: FROM, to: TO } };
  const query = (label: string, extra: object, check?: Probe["check"]): Probe => ({ label: `native query ${label}`, url: `${NATIVE}/query`, body: { ...q, ...extra }, ...(check ? { check } : {}) });
  return [
    query("path is", { filters: [{ field: "path", values: [v] }] }, noVisitors),
    query("pattern", { filters: [{ field: "pattern", values: [v] }] }),
    query("pattern is_not", { filters: [{ field: "pattern", op: "is_not", values: [v] }] }),
    query("event_meta key and value", { filters: [{ field: "event_meta", key: v.slice(0, 100), values: [v] }] }, noVisitors),
    query("tag key and value contains", { filters: [{ field: "tag", key: v.slice(0, 100), op: "contains", values: [v] }] }, noVisitors),
    query("dimension event_meta:<key>", { dimensions: [`event_meta:${v}`] }),
    query("dimension tag:<key>", { dimensions: [`tag:${v}`], metrics: ["visitors", "pageviews"] }),
    query("dimension", { dimensions: [v] }),
    query("order_by", { dimensions: ["path"], order_by: [[v, "desc"]] }),
    query("search", { dimensions: ["path"], search: v.slice(0, 200) }),
    query("search over referrers", { dimensions: ["referrer", "utm_source"], search: v.slice(0, 200) }),
    query("timezone", { timezone: v }),
    query("date_range", { date_range: v }),
    query("metric", { metrics: [v] }),
    query("revenue_key", { metrics: ["revenue"], revenue_key: v.slice(0, 100) }),
    query("custom_metric_key", { metrics: ["custom_metric_total"], custom_metric_key: v.slice(0, 100), custom_metric_type: "float" }),
    query("site_id", { site_id: v }),
    { label: "native funnel_id", url: `${NATIVE}/funnel`, body: { query: q, funnel_id: v } },
    { label: "native filter-options field", url: `${NATIVE}/filter-options`, body: { query: q, field: v } },
    { label: "native filter-options keyed field", url: `${NATIVE}/filter-options`, body: { query: q, field: `event_meta:${v}` } },
    { label: "native session id", url: `${NATIVE}/sites/${main}/sessions/${e}` },
    { label: "native events date_range", url: `${NATIVE}/sites/${main}/events?date_range=${e}` },
    { label: "native events limit", url: `${NATIVE}/sites/${main}/events?limit=${e}` },
    { label: "native realtime seconds", url: `${NATIVE}/sites/${main}/realtime?seconds=${e}` },
    { label: "native site id", url: `${NATIVE}/sites/${e}/events` },
  ];
}

// ---------------------------------------------------------------- Pirsch
/** What some Pirsch statistics endpoints need besides the period (hostile values of those are probed on their own). */
const PIRSCH_NEEDS: Record<string, string> = {
  "tag/details": "&tag=author",
  "event/meta": "&event_meta_key=plan",
  funnel: "&funnel_id=<funnel>",
  "session/details": "&session_id=019a0000-0000-7000-8000-000000000000",
  "options/tag/value": "&tag=author",
};
/** Every Pirsch statistics endpoint the app serves (from the authorization table, so new ones are probed too) but the unsupported keywords. */
const PIRSCH_ENDPOINTS: Record<string, string> = Object.fromEntries(
  Object.keys(AUTHORIZATION)
    .filter((id) => id.startsWith("GET /api/v1/statistics/") && id !== "GET /api/v1/statistics/keywords")
    .map((id) => id.slice("GET /api/v1/statistics/".length))
    .map((endpoint) => [endpoint, PIRSCH_NEEDS[endpoint] ?? ""]),
);
/**
 * Pirsch's filter parameters: every field but the regular expression, which has its own probe, and
 * visitor_id, which Pirsch reads as the visitor of session/details, not as a filter.
 */
const PIRSCH_FILTERS = FILTER_FIELDS.filter((f) => f !== "event_meta" && f !== "tag" && f !== "pattern" && f !== "visitor_id");

function pirschProbes(v: string): Probe[] {
  const e = encodeURIComponent(v);
  const period = `id=${main}&from=${FROM}&to=${TO}`;
  const stats = (endpoint: string, params: string, check?: Probe["check"]): Probe => ({
    label: `pirsch ${endpoint}?${params.slice(0, 60)}`,
    url: `/api/v1/statistics/${endpoint}?${period}&${params}`,
    ...(check ? { check } : {}),
  });
  return [
    stats("page", `pattern=${e}`),
    stats("page", `meta_${e}=pro`),
    stats("page", `tag_${e}=ann`),
    stats("page", `sort=${e}`),
    stats("page", `direction=${e}`),
    stats("page", `search=${e}`),
    stats("referrer", `search=${e}&sort=visitors&direction=asc`),
    stats("page", `limit=${e}`),
    stats("page", `offset=${e}`),
    stats("page", `include_title=${e}&include_avg_time_on_page=${e}`),
    stats("visitor", `scale=${e}`),
    stats("total", `tz=${e}`),
    stats("total", `custom_metric_key=${e}&custom_metric_type=float`),
    stats("total", `custom_metric_key=plan&custom_metric_type=${e}`),
    stats("event/page", `event=${e}`),
    stats("event/meta", `event=Signup&event_meta_key=${e}`),
    stats("tag/details", `tag=${e}`),
    stats("options/tag/value", `tag=${e}`),
    stats("funnel", `funnel_id=${e}`),
    stats("session/details", `session_id=${e}`),
    stats("duration/page", `path=${e}`),
    stats("active", `start=${e}`),
    { label: "pirsch from", url: `/api/v1/statistics/total?id=${main}&from=${e}&to=${TO}` },
    { label: "pirsch to", url: `/api/v1/statistics/total?id=${main}&from=${FROM}&to=${e}` },
    { label: "pirsch from_time", url: `/api/v1/statistics/total?id=${main}&from=2026-03-10&to=2026-03-10&from_time=${e}&to_time=${e}` },
    { label: "pirsch id", url: `/api/v1/statistics/total?id=${e}&from=${FROM}&to=${TO}` },
    // Management lookups that search or find by a value.
    { label: "pirsch domain search", url: `/api/v1/domain?search=${e}` },
    { label: "pirsch domain by id", url: `/api/v1/domain?id=${e}` },
    { label: "pirsch domain by domain", url: `/api/v1/domain?domain=${e}` },
    { label: "pirsch domain by subdomain", url: `/api/v1/domain?subdomain=${e}` },
    { label: "pirsch domain by access code", url: `/api/v1/domain?access=${e}` },
    { label: "pirsch goal search", url: `/api/v1/goal?id=${main}&search=${e}` },
    { label: "pirsch funnel search", url: `/api/v1/funnel?id=${main}&search=${e}` },
    { label: "pirsch view search", url: `/api/v1/view?domain_id=${main}&search=${e}` },
    { label: "pirsch goal regex", url: "/api/v1/goal/regex", body: { regex: v.slice(0, 1000), sample: v } },
  ];
}

// ---------------------------------------------------------------- Kissmetrics, Kindmetrics, Krafter, Platform v2
function otherDialectProbes(v: string): Probe[] {
  const e = encodeURIComponent(v);
  const metric = `/query/metrics/${main}.b.${b64("visitors")}`;
  const range = `start_date=${FROM}&end_date=${TO}`;
  const domain = `/api/domains/${main}`;
  const day = "from=2026-03-10&to=2026-03-10";
  const krafter = `/api/v1/analytics/sites/${main}`;
  return [
    { label: "kissmetrics property", url: `${metric}/over-time?${range}&property=${e}&value=x` },
    { label: "kissmetrics value", url: `${metric}/over-time?${range}&property=country&value=${e}`, check: (b) => expect((b as { total: number }).total).toBe(0) },
    { label: "kissmetrics value contains", url: `${metric}/over-time?${range}&property=path&operator=contains&value=${e}` },
    { label: "kissmetrics meta property", url: `${metric}/over-time?${range}&property=${encodeURIComponent(`${main}.m.${b64(v)}`)}&operator=not_equals&value=${e}` },
    { label: "kissmetrics operator", url: `${metric}/over-time?${range}&property=country&operator=${e}&value=US` },
    { label: "kissmetrics interval", url: `${metric}/over-time?${range}&interval=${e}` },
    { label: "kissmetrics start_date", url: `${metric}/over-time?start_date=${e}` },
    { label: "kissmetrics end_date", url: `${metric}/by-segment?segment=country&end_date=${e}` },
    { label: "kissmetrics segment", url: `${metric}/by-segment?${range}&segment=${e}` },
    { label: "kissmetrics tag segment", url: `${metric}/by-segment?${range}&segment=${encodeURIComponent(`${main}.t.${b64(v)}`)}` },
    { label: "kissmetrics search", url: `${metric}/by-segment?${range}&segment=path&search=${e}` },
    { label: "kissmetrics sort", url: `${metric}/by-segment?${range}&segment=path&sort=${e}&order=${e}` },
    { label: "kissmetrics paging", url: `${metric}/by-segment?${range}&segment=path&limit=${e}&offset=${e}` },
    { label: "kissmetrics metric id", url: `/query/metrics/${e}/over-time` },
    { label: "kissmetrics event id", url: `/core/events/${encodeURIComponent(`${main}.e.${b64(v)}`)}` },
    { label: "kissmetrics property id", url: `/core/properties/${encodeURIComponent(`${main}.m.${b64(v)}`)}` },
    { label: "kissmetrics product id", url: `/core/products/${e}/events` },
    { label: "kissmetrics report id", url: `/core/reports/${e}` },
    { label: "kissmetrics list paging", url: `/core/events?limit=${e}&offset=${e}` },
    { label: "kindmetrics site_path", url: `${domain}?${day}&site_path=${e}`, check: (b) => expect((b as { visitors: number }).visitors).toBe(0) },
    ...["source_name", "medium_name", "goal_id"].map((p) => ({ label: `kindmetrics ${p}`, url: `${domain}/sources?${day}&${p}=${e}` })),
    { label: "kindmetrics from", url: `${domain}/pages?from=${e}` },
    { label: "kindmetrics to", url: `${domain}/referrers?to=${e}` },
    { label: "kindmetrics id", url: `/api/domains/${e}/countries?${day}` },
    { label: "krafter dimensions", url: `${krafter}/stats?dimensions=${e}` },
    { label: "krafter period", url: `${krafter}/events?period=${e}` },
    { label: "krafter from", url: `${krafter}/stats?period=custom&from=${e}&to=2026-03-11` },
    { label: "krafter key", url: `/api/v1/analytics/sites/${e}/stats` },
    { label: "v2 pathname", url: `/api/v2/sites/${main}/pageviews?pathname=${e}`, check: (b) => expect((b as { total: number }).total).toBe(0) },
    { label: "v2 range", url: `/api/v2/sites/${main}/stats?range=${e}` },
    { label: "v2 site id", url: `/api/v2/sites/${e}/events` },
  ];
}

/**
 * Filters take many values, so every value of the corpus goes into every filter of every endpoint
 * at once: one query each instead of one per value. These must all answer 200 (a refusal would
 * hide the rest), and "is" any of the values must match nothing.
 */
function sweepProbes(): Probe[] {
  const all = INJECTIONS;
  // A leading !, ~ or ^ makes a Pirsch value another operator: those go in with an explicit prefix.
  const unprefixed = all.filter((v) => !/^[!~^]/.test(v));
  const q = { site_id: main, date_range: { from: FROM, to: TO } };
  const each = (name: string, prefix = "") => (prefix === "" ? unprefixed : all).map((v) => `${name}=${encodeURIComponent(prefix + v)}`).join("&");
  const everyFilter = (prefix = "") => [...PIRSCH_FILTERS.map((f) => each(f, prefix)), each("meta_plan", prefix), each("tag_author", prefix)].join("&");
  const period = `id=${main}&from=${FROM}&to=${TO}`;
  const visitorsAre = (n: number) => (body: unknown) => expect((body as { visitors: number }).visitors).toBe(n);
  const metricsVisitorsAre = (n: number) => (body: unknown) => expect((body as { metrics: { visitors: number } }).metrics.visitors).toBe(n);
  return [
    ...Object.entries(PIRSCH_ENDPOINTS).map(([endpoint, extra]) => ({
      label: `pirsch ${endpoint} with every value in every filter`,
      url: `/api/v1/statistics/${endpoint}?${period}&${everyFilter()}${extra.replace("<funnel>", funnel)}`,
    })),
    ...["~", "!", "^"].flatMap((prefix) => [
      { label: `pirsch total with every value in every filter, prefix ${prefix}`, url: `/api/v1/statistics/total?${period}&${everyFilter(prefix)}` },
      { label: `pirsch page with every value in every filter, prefix ${prefix}`, url: `/api/v1/statistics/page?${period}&${everyFilter(prefix)}` },
    ]),
    ...[...PIRSCH_FILTERS, "meta_plan", "tag_author"].map((f) => ({
      label: `pirsch total with ${f} any of the values`,
      url: `/api/v1/statistics/total?${period}&${each(f)}`,
      check: visitorsAre(0),
    })),
    ...(["is", "contains", "is_not", "not_contains"] as const).map((op) => ({
      label: `native query every field ${op} every value`,
      url: `${NATIVE}/query`,
      body: { ...q, dimensions: ["path"], filters: [...PLAIN_FIELDS.map((field) => ({ field, op, values: all })), { field: "event_meta", key: "plan", op, values: all }, { field: "tag", key: "author", op, values: all }] },
    })),
    ...[...PLAIN_FIELDS, "event_meta", "tag"].map((field) => ({
      label: `native query ${field} is any of the values`,
      url: `${NATIVE}/query`,
      body: { ...q, filters: [field === "event_meta" || field === "tag" ? { field, key: field === "tag" ? "author" : "plan", values: all } : { field, values: all }] },
      check: metricsVisitorsAre(0),
    })),
    { label: "native timeseries filtered", url: `${NATIVE}/query`, body: { ...q, dimensions: ["time:day"], filters: [{ field: "referrer", op: "contains", values: all }] } },
    { label: "native sessions filtered", url: `${NATIVE}/sessions`, body: { ...q, filters: [{ field: "entry_path", op: "contains", values: all }] } },
    { label: "native goals filtered", url: `${NATIVE}/goals`, body: { ...q, filters: [{ field: "title", op: "not_contains", values: all }] } },
    {
      label: "native funnel steps",
      url: `${NATIVE}/funnel`,
      body: { query: q, steps: [{ filters: [{ field: "path", op: "is_not", values: all }] }, { filters: [{ field: "event_meta", key: "plan", op: "contains", values: all }] }] },
    },
    { label: "native filter-options filtered", url: `${NATIVE}/filter-options`, body: { query: { ...q, filters: [{ field: "path", op: "not_contains", values: all }] }, field: "referrer" } },
  ];
}

describe("injection corpus", () => {
  it("goes into every filter of every endpoint at once, as values", async () => {
    expect(await problemsOfAll(sweepProbes(), { only200: true })).toEqual([]);
  }, 300_000);

  it("has the kinds of value the corpus is for", () => {
    const has = (test: (v: string) => boolean) => INJECTIONS.some(test);
    for (const kind of [/'/, /\\/, /\{\w+:String\}/, /--/, /\/\*/, /%/, /_/, /[()[\]{}+?$^|]/]) {
      expect(has((v) => kind.test(v)), String(kind)).toBe(true);
    }
    expect(has((v) => v.includes("\0")), "a NUL character").toBe(true);
    expect(has((v) => [...v].some((ch) => ch.codePointAt(0)! > 0x7f)), "non-ASCII text").toBe(true);
    expect(INJECTIONS.some((v) => v.length >= 1000)).toBe(true);
    expect(INJECTIONS.some((v) => v.toLowerCase().includes(MARKER))).toBe(false);
  });

  it.each(INJECTIONS.map((v) => [JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v), v]))("%s", async (_label, value) => {
    const probes = [...nativeProbes(value), ...pirschProbes(value), ...otherDialectProbes(value)];
    expect(await problemsOfAll(probes)).toEqual([]);
  }, 120_000);

  it("reads stored goals and funnels made of the corpus as values: their answers are 200, whatever they hold", async () => {
    // What a site stores is the server's business: a goal it accepted must never make a read fail.
    const { store } = world;
    const account = (await store.getSite(main))!.account_id;
    const site = (await store.createSite({ account_id: account, domain: "inj-goals.test" })).id;
    const siteToken = (await store.createApiKey({ account_id: account, site_id: site, scopes: ["statistics:read"] })).token;
    let stored = 0;
    for (const v of INJECTIONS) {
      const attempts = [
        { name: "event", event_name: v.slice(0, 200) },
        { name: "meta", event_name: "Signup", meta_key: v.slice(0, 200), meta_value: v.slice(0, 500) },
        { name: "path", path_pattern: `/${v}`.slice(0, 200) },
      ];
      for (const goal of attempts) {
        try {
          await store.createGoal({ site_id: site, ...goal });
          stored++;
        } catch {
          // Refused when stored: nothing to read back.
        }
      }
    }
    await store.createFunnel({
      site_id: site,
      name: "hostile",
      steps: [
        { name: "any", filters: [{ field: "path", op: "is_not", values: INJECTIONS.slice(0, 20) }] },
        { name: "meta", filters: [{ field: "event_meta:plan", op: "contains", values: INJECTIONS.slice(0, 20) }] },
      ],
    });
    expect(stored).toBeGreaterThan(INJECTIONS.length);
    const goalMetric = (await store.listGoals({ site_id: site }))[0]!.id;
    const period = `from=${FROM}&to=${TO}`;
    const problems: string[] = [];
    const probes: Probe[] = [
      { label: "native goals", url: `${NATIVE}/goals`, body: { site_id: site, date_range: { from: FROM, to: TO } } },
      { label: "pirsch goals", url: `/api/v1/statistics/goals?id=${site}&${period}` },
      { label: "kindmetrics goals", url: `/api/domains/${site}/goals?${period}` },
      { label: "kissmetrics metrics", url: `/core/products/${site}/metrics?limit=100` },
      { label: "kissmetrics goal metric", url: `/query/metrics/${site}.g.${b64(goalMetric)}/over-time?start_date=${FROM}&end_date=${TO}` },
      { label: "pirsch goal list", url: `/api/v1/goal?id=${site}` },
    ];
    for (const probe of probes) {
      const response = await app.request(probe.url, {
        method: probe.body === undefined ? "GET" : "POST",
        headers: { Authorization: `Bearer ${siteToken}`, "Content-Type": "application/json" },
        body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
      });
      const text = await response.text();
      if (response.status !== 200) problems.push(`${probe.label} → ${response.status}: ${text.slice(0, 300)}`);
      if (text.toLowerCase().includes(MARKER)) problems.push(`${probe.label} shows another site's rows`);
    }
    const funnels = (await store.listFunnels({ site_id: site })).map((f) => f.id);
    for (const url of [`/api/v1/statistics/funnel?id=${site}&${period}&funnel_id=${funnels[0]}`, `/core/reports/${funnels[0]}`]) {
      const response = await app.request(url, { headers: { Authorization: `Bearer ${siteToken}` } });
      if (response.status !== 200) problems.push(`${url} → ${response.status}: ${(await response.text()).slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it("leaves the data as it was, the other sites' marked rows included", async () => {
    const reply = await send({ label: "baseline", url: `${NATIVE}/query`, body: { site_id: main, date_range: { from: FROM, to: TO }, metrics: ["visitors", "pageviews", "events"] } });
    expect(reply.json).toMatchObject({ metrics: { visitors: 2, pageviews: 3, events: 1 } });
    // The marked rows are there to be leaked: their own site's key sees them.
    const response = await app.request(`/api/v1/statistics/page?id=${leak}&from=${FROM}&to=${TO}`, { headers: { Authorization: `Bearer ${leakToken}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(`/${MARKER}-path`);
  });
});
