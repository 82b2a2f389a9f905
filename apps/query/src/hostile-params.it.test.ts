import { INJECTIONS } from "@pulse/api-kit/testing";
import { FILTER_FIELDS, FILTER_OPS, METRICS } from "@pulse/stats";
import fc from "fast-check";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { event, feedHits, pageview } from "./test-support/hits.js";
import { type QueryWorld, queryWorld } from "./test-support/query-app.js";

// Property-based: random and adversarial query strings and JSON bodies against the native API and a
// sample of the dialects, on real ClickHouse and Redis. Whatever is sent, the answer is a 2xx or a
// 4xx whose JSON body names the problem in "error": never a 5xx, never a crash, never a body that
// is not JSON. Runs are few (each reaches ClickHouse); fast-check prints the seed of any failure.

const NATIVE = "/api/pulse/v1";
let world: QueryWorld;
let app: Hono;
let main: string;
let token: string;

beforeAll(async () => {
  world = await queryWorld("query_hostile", 1_000_000);
  const { store } = world;
  const account = await store.createAccount({ name: "Hostile" });
  main = (await store.createSite({ account_id: account.id, domain: "hostile.test", timezone: "Europe/Berlin" })).id;
  await store.createGoal({ site_id: main, name: "Signup", event_name: "Signup" });
  token = (await store.createApiKey({ account_id: account.id, site_id: main, scopes: ["statistics:read", "domains:read"] })).token;
  const host = "hostile.test";
  await feedHits(world, "hostile", [
    pageview({ site: main, host, at: "2026-03-10T10:00", path: "/", referrer: "https://www.google.com/", tags: { author: "ann" } }),
    pageview({ site: main, host, at: "2026-03-10T10:01", path: "/pricing" }),
    event({ site: main, host, at: "2026-03-10T10:02", path: "/pricing", name: "Signup", meta: { plan: "pro" } }),
  ]);
  app = await world.instance();
}, 60_000);
afterAll(() => world?.dispose());

// ---------------------------------------------------------------- what is drawn
/** Text of every kind: any code point (lone surrogates included), the corpus, and values parsers trip on. */
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INJECTIONS) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("", " ", "null", "true", "-1", "0", "1e309", "NaN", "Infinity", "[]", "{}", "__proto__", "constructor", "0x10", "9".repeat(30), "2026-02-30", "2026-03-10T25:00", "30d", "today", "day", "desc"),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 3000 }) },
);
/** Mostly a sane value of the kind, sometimes anything at all. */
const mostly = <T>(sane: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: sane }, { weight: 1, arbitrary: text }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
const dateText = fc.oneof(fc.constantFrom("2026-03-10", "2026-03-01", "2026-03-31", "2026-03-10T10:00:00Z"), text);
const dateRange = fc.oneof(
  fc.constantFrom("today", "7d", "30d", "month", "all", "12mo"),
  fc.record({ from: dateText, to: dateText }, { requiredKeys: [] }),
  fc.record({ lastSeconds: fc.oneof(fc.integer(), text) }),
);
const filter = fc.record(
  {
    field: mostly(fc.constantFrom(...FILTER_FIELDS)),
    op: mostly(fc.constantFrom(...FILTER_OPS)),
    key: text,
    values: fc.oneof(fc.array(text, { maxLength: 5 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: ["field", "values"] },
);
const dimension = mostly(fc.oneof(fc.constantFrom(...FILTER_FIELDS, "time:day", "time:hour", "hour", "weekday", "event_meta_key"), text.map((k) => `event_meta:${k}`), text.map((k) => `tag:${k}`)));
/** Anything in every field: mostly refused, which is what it tests. */
const wildQuery = fc.record(
  {
    site_id: fc.oneof({ weight: 4, arbitrary: fc.constant("<main>") }, { weight: 1, arbitrary: text }),
    date_range: mostly(dateRange),
    timezone: mostly(fc.constantFrom("Europe/Berlin", "UTC", "America/New_York")),
    metrics: mostly(fc.array(mostly(fc.constantFrom(...METRICS)), { maxLength: 4 })),
    dimensions: mostly(fc.array(dimension, { maxLength: 3 })),
    filters: mostly(fc.array(filter, { maxLength: 4 })),
    order_by: mostly(fc.array(fc.tuple(text, mostly(fc.constantFrom("asc", "desc"))), { maxLength: 2 })),
    limit: mostly(fc.integer({ min: -5, max: 200 })),
    offset: mostly(fc.integer({ min: -5, max: 2_000_000 })),
    search: text,
    include: mostly(fc.record({ relative: mostly(fc.boolean()), comparison: mostly(fc.constant("previous_period")) }, { requiredKeys: [] })),
    revenue_key: text,
    custom_metric_key: text,
    custom_metric_type: mostly(fc.constantFrom("integer", "float")),
  },
  { requiredKeys: ["site_id", "date_range"] },
);
/** Free text a valid query may carry (filter values, keys, search): here is where the engine must hold. */
const valueText = fc.oneof(fc.string({ unit: "binary", minLength: 1, maxLength: 40 }), fc.constantFrom(...INJECTIONS));
const keyText = valueText.map((k) => k.slice(0, 100));
const SANE_METRICS = METRICS.filter((m) => !["revenue", "custom_metric_total", "custom_metric_avg", "avg_time_on_page"].includes(m));
const SANE_FIELDS = FILTER_FIELDS.filter((f) => f !== "pattern" && f !== "event_meta" && f !== "tag");
const validFilter = fc.oneof(
  fc.record({ field: fc.constantFrom(...SANE_FIELDS), op: fc.constantFrom(...FILTER_OPS), values: fc.array(valueText, { minLength: 1, maxLength: 4 }) }),
  fc.record({ field: fc.constantFrom("event_meta", "tag"), key: keyText, op: fc.constantFrom(...FILTER_OPS), values: fc.array(valueText, { minLength: 1, maxLength: 4 }) }),
);
/** A query the model accepts, with drawn text in every free-text place, so it reaches ClickHouse. */
const validQuery = fc.record(
  {
    site_id: fc.constant("<main>"),
    date_range: fc.oneof(fc.constantFrom("today", "7d", "30d", "all"), fc.constant({ from: "2026-03-01", to: "2026-03-31" })),
    timezone: fc.constantFrom("Europe/Berlin", "UTC", "Asia/Kolkata"),
    metrics: fc.uniqueArray(fc.constantFrom(...SANE_METRICS), { minLength: 1, maxLength: 4 }),
    dimensions: fc.oneof(
      fc.constant([]),
      fc.constantFrom(...SANE_FIELDS).map((d) => [d]),
      fc.constantFrom("time:day", "time:hour", "hour", "weekday").map((d) => [d]),
      fc.tuple(fc.constantFrom(...SANE_FIELDS), keyText).map(([d, k]) => [d, `event_meta:${k}`]),
      keyText.map((k) => [`tag:${k}`]),
    ),
    filters: fc.array(validFilter, { maxLength: 4 }),
    limit: fc.integer({ min: 1, max: 100 }),
    offset: fc.integer({ min: 0, max: 1000 }),
    search: valueText.map((t) => t.slice(0, 200)),
    include: fc.record({ relative: fc.boolean() }),
  },
  { requiredKeys: ["site_id", "date_range", "metrics"] },
);
const statsQuery = fc.oneof({ weight: 3, arbitrary: validQuery }, { weight: 1, arbitrary: wildQuery });
/** A body: usually a query, sometimes any JSON, sometimes not JSON at all. */
const bodyOf = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: shape.map((b) => JSON.stringify(b).replaceAll('"<main>"', () => JSON.stringify(main))) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  );
/** Query parameters: known names with drawn values, plus drawn names; repeated names too. */
const paramsOf = (names: readonly string[]) =>
  fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: text }), text), { maxLength: 8 });

// ---------------------------------------------------------------- the rule
interface Reply {
  status: number;
  text: string;
}

async function request(method: string, url: string, body?: string): Promise<Reply> {
  const response = await app.request(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** Never a 5xx; a 4xx says what was wrong in a JSON "error"; a 2xx is JSON. */
function expectWellFormed(reply: Reply, what: string): void {
  expect(reply.status, `${what} → ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  let json: unknown;
  try {
    json = JSON.parse(reply.text);
  } catch {
    throw new Error(`${what} → ${reply.status} is not JSON: ${reply.text.slice(0, 200)}`);
  }
  if (reply.status >= 400) {
    const error = (json as { error?: unknown }).error;
    expect(typeof error === "string" && error.trim() !== "", `${what} → ${reply.status} names no problem: ${reply.text.slice(0, 200)}`).toBe(true);
  }
}

/** The site's id where a drawn value says "<main>", in path segments and parameters. */
const withMain = (s: string) => s.replaceAll("<main>", main);
const queryString = (params: [string, string][]) => new URLSearchParams(params.map(([k, v]): [string, string] => [k, withMain(v)])).toString();

const RUNS = { numRuns: 40, endOnFailure: true } as const;

describe("hostile parameters never get a 5xx, and errors name the problem", () => {
  it.each(["query", "sessions", "goals"])("POST %s with drawn queries", async (endpoint) => {
    await fc.assert(
      fc.asyncProperty(bodyOf(statsQuery), async (body) => expectWellFormed(await request("POST", `${NATIVE}/${endpoint}`, body), `POST ${endpoint} ${body.slice(0, 200)}`)),
      RUNS,
    );
  }, 60_000);

  it("POST funnel and filter-options with drawn steps and fields", async () => {
    const wildStep = fc.record({ name: mostly(fc.string({ maxLength: 20 })), filters: mostly(fc.array(filter, { minLength: 1, maxLength: 2 })) }, { requiredKeys: ["filters"] });
    const wildFunnel = fc.record(
      { query: statsQuery, steps: mostly(fc.array(wildStep, { minLength: 1, maxLength: 4 })), funnel_id: text, options: mostly(fc.record({ windowSeconds: mostly(fc.integer()), by: text }, { requiredKeys: [] })) },
      { requiredKeys: ["query"] },
    );
    const validStep = fc.record({ name: valueText.map((t) => t.slice(0, 200)), filters: fc.array(validFilter, { minLength: 1, maxLength: 2 }) }, { requiredKeys: ["filters"] });
    const validFunnel = fc.record({
      query: validQuery,
      steps: fc.array(validStep, { minLength: 2, maxLength: 4 }),
      options: fc.record({ windowSeconds: fc.integer({ min: 1, max: 86_400 }) }),
    });
    const funnel = fc.oneof({ weight: 3, arbitrary: validFunnel }, { weight: 1, arbitrary: wildFunnel });
    const options = fc.record({ query: statsQuery, field: dimension }, { requiredKeys: ["query"] });
    await fc.assert(
      fc.asyncProperty(bodyOf(funnel), bodyOf(options), async (f, o) => {
        expectWellFormed(await request("POST", `${NATIVE}/funnel`, f), `POST funnel ${f.slice(0, 200)}`);
        expectWellFormed(await request("POST", `${NATIVE}/filter-options`, o), `POST filter-options ${o.slice(0, 200)}`);
      }),
      RUNS,
    );
  }, 60_000);

  it("GET native site endpoints with drawn ids and parameters", async () => {
    const id = fc.oneof({ weight: 3, arbitrary: fc.constant("<main>") }, { weight: 1, arbitrary: text });
    await fc.assert(
      fc.asyncProperty(id, text, paramsOf(["date_range", "limit", "seconds"]), async (site, session, params) => {
        const s = encodeURIComponent(withMain(site).replaceAll(/[\uD800-\uDFFF]/g, "?"));
        const q = queryString(params);
        for (const path of [`/sites/${s}/events?${q}`, `/sites/${s}/realtime?${q}`, `/sites/${s}/sessions/${encodeURIComponent(session.replaceAll(/[\uD800-\uDFFF]/g, "?"))}`]) {
          expectWellFormed(await request("GET", `${NATIVE}${path}`), `GET ${path.slice(0, 200)}`);
        }
      }),
      RUNS,
    );
  }, 60_000);

  const PIRSCH_PARAMS = ["id", "from", "to", "from_time", "to_time", "start", "tz", "scale", "sort", "direction", "search", "limit", "offset", "event", "event_meta_key", "tag", "pattern", "meta_plan", "tag_author", "custom_metric_key", "custom_metric_type", ...FILTER_FIELDS];
  it("GET Pirsch statistics with drawn parameters", async () => {
    const endpoint = fc.constantFrom("total", "visitor", "page", "referrer", "event/meta", "tag/details", "session/list", "options/page", "funnel", "growth");
    // Mostly for the site and a period, so the drawn filters reach the engine.
    const base = fc.constantFrom<[string, string][]>([["id", "<main>"], ["from", "2026-03-01"], ["to", "2026-03-31"]], [["id", "<main>"]], []);
    await fc.assert(
      fc.asyncProperty(endpoint, base, paramsOf(PIRSCH_PARAMS), async (path, sane, drawn) => {
        const url = `/api/v1/statistics/${path}?${queryString([...sane, ...drawn])}`;
        expectWellFormed(await request("GET", url), `GET ${url.slice(0, 300)}`);
      }),
      { ...RUNS, numRuns: 40 },
    );
  }, 60_000);

  it("GET Kissmetrics, Kindmetrics, Krafter and Platform v2 with drawn parameters", async () => {
    const metric = () => `/query/metrics/${main}.b.${Buffer.from("visitors").toString("base64url")}`;
    const endpoints: [string, readonly string[]][] = [
      [`${metric()}/by-segment`, ["segment", "start_date", "end_date", "property", "operator", "value", "sort", "order", "search", "limit", "offset"]],
      [`${metric()}/over-time`, ["start_date", "end_date", "interval", "property", "operator", "value"]],
      ["/api/domains/<main>/pages", ["from", "to", "site_path", "source_name", "medium_name", "goal_id"]],
      ["/api/domains/<main>/goals", ["from", "to", "site_path", "source_name", "medium_name", "goal_id"]],
      ["/api/v1/analytics/sites/<main>/stats", ["period", "from", "to", "dimensions"]],
      ["/api/v2/sites/<main>/pageviews", ["range", "pathname"]],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints).chain(([path, names]) => paramsOf(names).map((drawn) => [path, drawn] as const)), async ([path, drawn]) => {
        const url = `${withMain(path)}?${queryString(drawn)}`;
        expectWellFormed(await request("GET", url), `GET ${url.slice(0, 300)}`);
      }),
      { ...RUNS, numRuns: 40 },
    );
  }, 60_000);
});
