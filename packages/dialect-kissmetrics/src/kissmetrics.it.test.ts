import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import { type HitRecord, hitRecordOf } from "@pulse/hits";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeId } from "./http/ids.js";
import { BUILT_IN_METRICS } from "./model/metrics.js";
import { BUILT_IN_PROPERTIES } from "./model/properties.js";
import { kissmetricsRoutes } from "./routes.js";

// Integration: hits go through the real pipeline (enrich, sessionize, ClickHouse) and are read back
// over Kissmetrics' Core API and metric queries. Dn is today (UTC) minus n days; product K is in UTC.
// Visitor ids are salted per day, so the same client on two days is two people.
//
//  #  time (UTC)  client                 hit                                              person
//  1  D3 10:00    81.2.69.142 Firefox GB pageview /          tag author=ann, from google  GBa
//  2  D3 10:01    81.2.69.142 Firefox GB pageview /pricing                                GBa
//  3  D3 10:02    81.2.69.142 Firefox GB event "Signed Up"   plan=pro, amount=30          GBa
//  4  D3 10:30    8.8.8.8 Chrome US      pageview /          (a bounce)                   USa
//  5  D2 09:00    8.8.8.8 Chrome US      pageview /pricing   from blog.example.org        USb
//  6  D2 09:05    8.8.8.8 Chrome US      event "Signed Up"   plan=free, amount=0          USb
//  7  D1 11:00    8.8.4.4 Chrome US      pageview /blog      tag author=bob               USc
//  8  D1 11:01    8.8.4.4 Chrome US      event "search engine hit"                        USc
//  9  D1 12:00    Googlebot              pageview /          a bot: never counted
// K2 (same account, Europe/Berlin): D2 08:00 pageview /k2, D2 08:01 event "K2 only".
// R (another account): D2 08:00 pageview /secret, event "Signed Up" plan=rival: never in K.
// K has the goals "Signup" (event Signed Up) and "Pricing" (path /pricing), a funnel and a saved view.
//
// Event library of K (by name, bytewise: "Signed Up" < "search engine hit"):
//   Signed Up: total 2, first D3 10:02, last D2 09:05; search engine hit: total 1, first = last D1 11:01.
// Properties of K: the 23 built-ins, then meta keys amount (number: "30", "0"), plan (text), then tag author.
//   plan: first D3 10:02, last D2 09:05. author: first D3 10:00, last D1 11:00. country: D3 10:00 .. D1 11:01.
//   referrer (sessions from somewhere: GBa's and USb's): first D3 10:00, last D2 09:05.
// Metrics of K: 9 built-ins, then Signup and Pricing (sort_index 9 and 10). K2 has the 9 built-ins.
// Over time D3..D1 by day:
//   People: 2 (GBa, USa), 1 (USb), 1 (USc); total 4.    Signup: 1, 1, 0; total 2.    Pricing: 1, 1, 0; total 2.
//   Bounce Rate: D3 1 of 2 sessions = 50, D2 0, D1 0; total 1 of 4 = 25.
//   People where country equals GB: 1, 0, 0; total 1.
// By segment D3..D1: People by country: US 3, GB 1. Signup by plan: free 1, pro 1 (ties by name).
//   People by tag author: ann 1, bob 1. Page Views by path: / 2, /pricing 2, /blog 1.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";
const GB = { ip: "81.2.69.142", user_agent: FIREFOX };
const US = { ip: "8.8.8.8", user_agent: CHROME };
const US2 = { ip: "8.8.4.4", user_agent: CHROME };

const DAY = 86_400_000;
const todayStart = Math.floor(Date.now() / DAY) * DAY;
const at = (daysAgo: number, hhmm: string) => todayStart - daysAgo * DAY + Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3)) * 60_000;
const day = (daysAgo: number) => new Date(todayStart - daysAgo * DAY).toISOString().slice(0, 10);
/** Kissmetrics' instant form. */
const km = (daysAgo: number, hhmm: string) => `${day(daysAgo)}T${hhmm}:00+00:00`;

let world: DialectWorld;
let app: Hono;
let token: string;
let accountId: string;
let rivalAccount: string;
let rivalToken: string;
let k: string;
let k2: string;
let r: string;
let signupGoal: string;
let pricingGoal: string;
let funnelId: string;
let viewId: string;
let rivalView: string;

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}.test`;

beforeAll(async () => {
  world = await dialectWorld("kissmetrics");
  accountId = (await world.store.createAccount({ name: "My SaaS Account" })).id;
  rivalAccount = (await world.store.createAccount({ name: "Rival" })).id;
  const hosts = { k: unique("k"), k2: unique("k2"), r: unique("r") };
  k = (await world.store.createSite({ account_id: accountId, domain: hosts.k })).id;
  k2 = (await world.store.createSite({ account_id: accountId, domain: hosts.k2, timezone: "Europe/Berlin" })).id;
  r = (await world.store.createSite({ account_id: rivalAccount, domain: hosts.r })).id;
  token = (await world.store.createApiKey({ account_id: accountId, scopes: ["statistics:read"] })).token;
  rivalToken = (await world.store.createApiKey({ account_id: rivalAccount, scopes: ["statistics:read"] })).token;
  signupGoal = (await world.store.createGoal({ site_id: k, name: "Signup", event_name: "Signed Up" })).id;
  pricingGoal = (await world.store.createGoal({ site_id: k, name: "Pricing", path_pattern: "/pricing" })).id;
  funnelId = (
    await world.store.createFunnel({
      site_id: k,
      name: "Signup funnel",
      steps: [
        { name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] },
        { name: "Signed up", filters: [{ field: "event", op: "is", values: ["Signed Up"] }] },
      ],
    })
  ).id;
  viewId = (await world.store.createSavedView({ site_id: k, name: "Pricing visitors", query: { filters: [{ field: "path", values: ["/pricing"] }] } })).id;
  rivalView = (await world.store.createSavedView({ site_id: r, name: "Rival view", query: {} })).id;
  await world.cache.reload();

  type Client = { ip: string; user_agent: string };
  const page = (site: string, host: string, path: string, client: Client, time: number, extra: { referrer?: string; tags?: Record<string, string> } = {}) =>
    hitRecordOf("pageview", { url: `https://${host}${path}`, ...client, ...extra }, { siteId: site, time, receivedAt: time });
  const event = (site: string, host: string, path: string, name: string, client: Client, time: number, meta?: Record<string, string | number>) =>
    hitRecordOf("event", { url: `https://${host}${path}`, ...client, event_name: name, ...(meta ? { event_meta: meta } : {}) }, { siteId: site, time, receivedAt: time });
  const records: HitRecord[] = [
    page(k, hosts.k, "/", GB, at(3, "10:00"), { referrer: "https://www.google.com/", tags: { author: "ann" } }),
    page(k, hosts.k, "/pricing", GB, at(3, "10:01")),
    event(k, hosts.k, "/pricing", "Signed Up", GB, at(3, "10:02"), { plan: "pro", amount: 30 }),
    page(k, hosts.k, "/", US, at(3, "10:30")),
    page(k, hosts.k, "/pricing", US, at(2, "09:00"), { referrer: "https://blog.example.org/post" }),
    event(k, hosts.k, "/pricing", "Signed Up", US, at(2, "09:05"), { plan: "free", amount: 0 }),
    page(k, hosts.k, "/blog", US2, at(1, "11:00"), { tags: { author: "bob" } }),
    event(k, hosts.k, "/blog", "search engine hit", US2, at(1, "11:01")),
    page(k, hosts.k, "/", { ip: "66.249.66.1", user_agent: BOT }, at(1, "12:00")),
    page(k2, hosts.k2, "/k2", US, at(2, "08:00")),
    event(k2, hosts.k2, "/k2", "K2 only", US, at(2, "08:01")),
    page(r, hosts.r, "/secret", US, at(2, "08:00")),
    event(r, hosts.r, "/secret", "Signed Up", US, at(2, "08:01"), { plan: "rival" }),
  ].sort((a, b) => a.time - b.time);
  await world.feed(records);
  app = world.mount(kissmetricsRoutes);
}, 120_000);
afterAll(() => world?.dispose());

interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON checked field by field
  body: any;
}
const ORIGIN = "http://localhost";
/** A GET as `as` (null: without any token), with Accept: application/json as the document's examples send. */
const get = async (path: string, as: string | null = token, headers: Record<string, string> = { Accept: "application/json" }): Promise<Reply> => {
  const response = await app.request(`${ORIGIN}${path}`, { headers: { ...(as !== null ? { Authorization: `Bearer ${as}` } : {}), ...headers } });
  return { status: response.status, headers: response.headers, body: await response.json() };
};
type LinkOut = { templated: boolean; href: string; rel: string; name: string };
const hrefOf = (links: LinkOut[], rel: string) => links.find((l) => l.rel === rel)?.href;
const relsOf = (links: LinkOut[]) => links.map((l) => l.rel);

const metricId = (site: string, name: string) => encodeId(site, "b", name);
const goalId = (site: string, goal: string) => encodeId(site, "g", goal);
const range = `start_date=${day(3)}&end_date=${day(1)}`;

describe("root, accounts and products", () => {
  it("serves the root directory with links and templates", async () => {
    const { status, body } = await get("/core");
    expect(status).toBe(200);
    expect(body.links).toEqual([{ templated: false, href: `${ORIGIN}/core`, rel: "self", name: "Directory" }]);
    expect(body.data).toMatchObject({ description: "API access for KISSmetrics", name: "KISSmetrics API" });
    expect(body.data.links).toContainEqual({ templated: false, href: `${ORIGIN}/core/accounts`, rel: "accounts", name: "Accounts" });
    expect(body.data.links).toContainEqual({ templated: true, href: `${ORIGIN}/core/products/{id}`, rel: "product", name: "Product" });
    expect(relsOf(body.data.links)).toEqual(expect.arrayContaining(["self", "products", "reports", "events", "properties", "metrics", "metric-over-time", "metric-by-segment"]));
  });

  it("lists the token's account with pagination and links, and shows its details", async () => {
    const list = await get("/core/accounts");
    expect(list.status).toBe(200);
    expect(list.body.pagination).toEqual({ total: 1, offset: 0, limit: 20 });
    expect(list.body.data).toHaveLength(1);
    const account = list.body.data[0];
    expect(Object.keys(account)).toEqual(["links", "contact", "updated_at", "created_at", "status", "name", "id"]);
    expect(account).toMatchObject({ id: accountId, name: "My SaaS Account", status: "active", contact: { phone: null, country: null, name: null } });
    expect(account.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(account.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(account.links).toEqual([
      { templated: false, href: `${ORIGIN}/core/accounts/${accountId}`, rel: "self", name: "Self" },
      { templated: false, href: `${ORIGIN}/core/accounts/${accountId}/products`, rel: "products", name: "Products" },
    ]);
    const detail = await get(`/core/accounts/${accountId}`);
    expect(detail.body).toEqual(account);
    const products = await get(`/core/accounts/${accountId}/products`);
    expect(products.body.data.map((p: { id: string }) => p.id)).toEqual([k, k2]);
  });

  it("lists products (our sites) with every documented field, and one by id", async () => {
    const list = await get("/core/products");
    expect(list.body.pagination).toEqual({ total: 2, offset: 0, limit: 20 });
    const product = list.body.data[0];
    expect(Object.keys(product)).toEqual(["links", "id", "account_id", "name", "url", "status", "environment", "timezone", "created_at"]);
    expect(product).toMatchObject({ id: k, account_id: accountId, status: "active", environment: "production", timezone: "UTC" });
    expect(product.url).toBe(`https://${product.name}`);
    expect(product.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(hrefOf(product.links, "events")).toBe(`${ORIGIN}/core/products/${k}/events`);
    expect(relsOf(product.links)).toEqual(["self", "account", "reports", "events", "properties", "metrics"]);
    expect(list.body.data[1]).toMatchObject({ id: k2, timezone: "Europe/Berlin" });
    expect((await get(`/core/products/${k}`)).body).toEqual(product);
  });

  it("pages with limit and offset and builds first, last, next and prev links", async () => {
    const page = await get("/core/products?limit=1&offset=1");
    expect(page.body.pagination).toEqual({ total: 2, offset: 1, limit: 1 });
    expect(page.body.data.map((p: { id: string }) => p.id)).toEqual([k2]);
    expect(hrefOf(page.body.links, "first")).toBe(`${ORIGIN}/core/products?limit=1&offset=0`);
    expect(hrefOf(page.body.links, "last")).toBe(`${ORIGIN}/core/products?limit=1&offset=1`);
    expect(hrefOf(page.body.links, "prev")).toBe(`${ORIGIN}/core/products?limit=1&offset=0`);
    expect(hrefOf(page.body.links, "next")).toBeUndefined();
    const first = await get("/core/products?limit=1");
    expect(hrefOf(first.body.links, "next")).toBe(`${ORIGIN}/core/products?limit=1&offset=1`);
    expect(hrefOf(first.body.links, "prev")).toBeUndefined();
    expect((await get("/core/products?limit=0")).status).toBe(400);
    expect((await get("/core/products?offset=-1")).status).toBe(400);
    expect((await get("/core/products?limit=500")).body.pagination.limit).toBe(100);
  });
});

describe("reports, events, properties and metrics", () => {
  it("lists reports: our funnels and saved views", async () => {
    const list = await get("/core/reports");
    expect(list.body.pagination.total).toBe(2);
    expect(list.body.data.map((rep: { id: string; report_type: string; name: string }) => [rep.id, rep.report_type, rep.name])).toEqual([
      [funnelId, "funnel", "Signup funnel"],
      [viewId, "saved_view", "Pricing visitors"],
    ]);
    const report = list.body.data[0];
    expect(Object.keys(report)).toEqual(["links", "created_at", "name", "report_type", "account_id", "product_id", "id"]);
    expect(report).toMatchObject({ account_id: accountId, product_id: k });
    expect(relsOf(report.links)).toEqual(["self", "product", "account"]);
    expect((await get(`/core/reports/${viewId}`)).body).toEqual(list.body.data[1]);
    expect((await get(`/core/products/${k2}/reports`)).body.data).toEqual([]);
  });

  it("lists the event library with totals and first and last times", async () => {
    const list = await get(`/core/products/${k}/events`);
    expect(list.status).toBe(200);
    const [signedUp, search] = list.body.data;
    expect(Object.keys(signedUp)).toEqual([
      "links",
      "last_sent_at",
      "first_sent_at",
      "last_used_at",
      "id",
      "product_id",
      "name",
      "display_name",
      "description",
      "is_visible",
      "total",
      "first_used_at",
    ]);
    expect(signedUp).toMatchObject({
      name: "Signed Up",
      display_name: "Signed Up",
      product_id: k,
      total: 2,
      description: null,
      is_visible: true,
      first_sent_at: km(3, "10:02"),
      first_used_at: km(3, "10:02"),
      last_sent_at: km(2, "09:05"),
      last_used_at: km(2, "09:05"),
    });
    expect(search).toMatchObject({ name: "search engine hit", display_name: "Search engine hit", total: 1, first_sent_at: km(1, "11:01"), last_sent_at: km(1, "11:01") });
    expect(list.body.pagination).toEqual({ total: 2, offset: 0, limit: 20 });
    expect((await get(`/core/events/${encodeURIComponent(signedUp.id)}`)).body).toEqual(signedUp);

    const all = await get("/core/events?limit=1&offset=1");
    expect(all.body.pagination).toEqual({ total: 3, offset: 1, limit: 1 });
    expect(all.body.data.map((e: { name: string }) => e.name)).toEqual(["search engine hit"]);
    expect((await get("/core/events")).body.data.map((e: { name: string; total: number }) => [e.name, e.total])).toEqual([
      ["Signed Up", 2],
      ["search engine hit", 1],
      ["K2 only", 1],
    ]);
    expect((await get(`/core/events/${encodeId(k, "e", "Never tracked")}`)).status).toBe(404);
  }, 30_000);

  it("lists properties: built-ins, event metadata keys and tags, with type and times", async () => {
    const list = await get(`/core/products/${k}/properties?limit=100`);
    expect(list.body.pagination.total).toBe(BUILT_IN_PROPERTIES.length + 3);
    const byName = new Map(list.body.data.map((p: { name: string }) => [p.name, p]));
    expect(list.body.data.slice(-3).map((p: { name: string; type: string }) => [p.name, p.type])).toEqual([
      ["amount", "number"],
      ["plan", "text"],
      ["author", "text"],
    ]);
    const plan = byName.get("plan") as Record<string, unknown>;
    expect(Object.keys(plan)).toEqual([
      "links",
      "last_sent_at",
      "first_sent_at",
      "last_used_at",
      "id",
      "product_id",
      "type",
      "name",
      "display_name",
      "description",
      "is_visible",
      "first_used_at",
    ]);
    expect(plan).toMatchObject({ display_name: "Plan", product_id: k, first_sent_at: km(3, "10:02"), last_sent_at: km(2, "09:05") });
    expect(byName.get("author")).toMatchObject({ first_used_at: km(3, "10:00"), last_used_at: km(1, "11:00") });
    expect(byName.get("country")).toMatchObject({ type: "automatic", display_name: "Country", first_sent_at: km(3, "10:00"), last_sent_at: km(1, "11:01") });
    expect(byName.get("referrer")).toMatchObject({ first_sent_at: km(3, "10:00"), last_sent_at: km(2, "09:05") });
    expect(byName.get("utm_term")).toMatchObject({ type: "automatic", first_sent_at: null, last_sent_at: null });
    expect((await get(`/core/properties/${encodeURIComponent(plan.id as string)}`)).body).toEqual(plan);
    expect((await get(`/core/properties/${encodeId(k, "m", "nope")}`)).status).toBe(404);
    expect((await get("/core/properties")).body.pagination.total).toBe(2 * BUILT_IN_PROPERTIES.length + 3);
  }, 60_000);

  it("lists metrics: the built-ins and the goals, with their query links", async () => {
    const list = await get(`/core/products/${k}/metrics`);
    expect(list.body.pagination.total).toBe(BUILT_IN_METRICS.length + 2);
    const people = list.body.data[0];
    expect(Object.keys(people)).toEqual(["links", "config_last_changed_at", "color", "id", "product_id", "title", "description", "unit_type", "status", "sort_index", "is_visible"]);
    expect(people).toMatchObject({ id: metricId(k, "visitors"), title: "People", unit_type: "numeric", sort_index: 0, color: null, is_visible: true });
    expect(people.links).toContainEqual({
      templated: false,
      href: `${ORIGIN}/query/metrics/${people.id}/over-time`,
      rel: "metric-over-time",
      name: "Metrics Over Time Query",
    });
    expect(hrefOf(people.links, "metric-by-segment")).toBe(`${ORIGIN}/query/metrics/${people.id}/by-segment`);
    expect(list.body.data.slice(-2).map((m: { id: string; title: string; sort_index: number }) => [m.id, m.title, m.sort_index])).toEqual([
      [goalId(k, signupGoal), "Signup", 9],
      [goalId(k, pricingGoal), "Pricing", 10],
    ]);
    expect(list.body.data.find((m: { title: string }) => m.title === "Bounce Rate").unit_type).toBe("percent");
    expect((await get(`/core/metrics/${goalId(k, signupGoal)}`)).body).toEqual(list.body.data[9]);
    expect((await get("/core/metrics")).body.pagination.total).toBe(2 * BUILT_IN_METRICS.length + 2);
    expect((await get(`/core/metrics/${goalId(k, "nope")}`)).status).toBe(404);
  });
});

describe("metric queries", () => {
  const overTime = (id: string, params: string) => get(`/query/metrics/${id}/over-time?${params}`);
  const bySegment = (id: string, params: string) => get(`/query/metrics/${id}/by-segment?${params}`);
  const series = (body: { data: { date: string; value: number }[] }) => body.data.map((d) => [d.date, d.value]);

  it("charts a built-in metric over time with the period's total", async () => {
    const { status, body } = await overTime(metricId(k, "visitors"), range);
    expect(status).toBe(200);
    expect(body).toMatchObject({ metric_id: metricId(k, "visitors"), product_id: k, title: "People", unit_type: "numeric", interval: "day", start_date: day(3), end_date: day(1), total: 4 });
    expect(series(body)).toEqual([
      [day(3), 2],
      [day(2), 1],
      [day(1), 1],
    ]);
    expect(relsOf(body.links)).toEqual(["self", "metric"]);
    const bounce = await overTime(metricId(k, "bounce_rate"), range);
    expect(bounce.body.total).toBe(25);
    expect(series(bounce.body)).toEqual([
      [day(3), 50],
      [day(2), 0],
      [day(1), 0],
    ]);
  });

  it("charts goals as the people who reached them", async () => {
    for (const goal of [signupGoal, pricingGoal]) {
      const { body } = await overTime(goalId(k, goal), range);
      expect(body.total).toBe(2);
      expect(series(body)).toEqual([
        [day(3), 1],
        [day(2), 1],
        [day(1), 0],
      ]);
    }
  });

  it("filters by a property, defaults to the last 30 days and takes hours", async () => {
    const gb = await overTime(metricId(k, "visitors"), `${range}&property=country&operator=equals&value=GB`);
    expect(gb.body.total).toBe(1);
    expect(series(gb.body)).toEqual([
      [day(3), 1],
      [day(2), 0],
      [day(1), 0],
    ]);
    const notGb = await overTime(metricId(k, "visitors"), `${range}&property=country&operator=not_equals&value=GB`);
    expect(notGb.body.total).toBe(3);
    const fallback = await overTime(metricId(k, "visitors"), "");
    expect(fallback.body).toMatchObject({ start_date: day(29), end_date: day(0), total: 4 });
    expect(fallback.body.data).toHaveLength(30);
    const hours = await overTime(metricId(k, "visitors"), `start_date=${day(3)}&end_date=${day(3)}&interval=hour`);
    expect(hours.body.data).toHaveLength(24);
    expect(hours.body.data[10]).toEqual({ date: `${day(3)}T10:00:00`, value: 2 });
  });

  it("breaks a metric down by segment, sorted, searched and paged", async () => {
    const country = await bySegment(metricId(k, "visitors"), `${range}&segment=country`);
    expect(country.status).toBe(200);
    expect(country.body).toMatchObject({ segment: "country", title: "People", start_date: day(3), end_date: day(1), pagination: { total: 2, offset: 0, limit: 20 } });
    expect(country.body.data).toEqual([
      { segment: "US", value: 3 },
      { segment: "GB", value: 1 },
    ]);
    const bySegmentName = await bySegment(metricId(k, "visitors"), `${range}&segment=country&sort=segment&order=asc`);
    expect(bySegmentName.body.data.map((d: { segment: string }) => d.segment)).toEqual(["GB", "US"]);
    expect((await bySegment(metricId(k, "visitors"), `${range}&segment=country&search=g`)).body.data).toEqual([{ segment: "GB", value: 1 }]);
    const paged = await bySegment(metricId(k, "visitors"), `${range}&segment=country&limit=1`);
    expect(paged.body.data).toEqual([{ segment: "US", value: 3 }]);
    expect(paged.body.pagination).toEqual({ total: 2, offset: 0, limit: 1 });
    expect(hrefOf(paged.body.links, "next")).toContain("offset=1");
    expect(hrefOf(paged.body.links, "next")).toContain("segment=country");

    expect((await bySegment(goalId(k, signupGoal), `${range}&segment=plan`)).body.data).toEqual([
      { segment: "free", value: 1 },
      { segment: "pro", value: 1 },
    ]);
    const authorId = encodeId(k, "t", "author");
    expect((await bySegment(metricId(k, "visitors"), `${range}&segment=${authorId}`)).body.data).toEqual([
      { segment: "ann", value: 1 },
      { segment: "bob", value: 1 },
    ]);
    expect((await bySegment(metricId(k, "pageviews"), `${range}&segment=path`)).body.data).toEqual([
      { segment: "/", value: 2 },
      { segment: "/pricing", value: 2 },
      { segment: "/blog", value: 1 },
    ]);
    expect((await bySegment(metricId(k, "visitors"), range)).status).toBe(400);
  });
});

describe("content negotiation, authentication and access", () => {
  it("answers 406 for an Accept it cannot serve, JSON otherwise", async () => {
    for (const accept of ["text/html", "application/xml", "application/json;q=0", "text/*"]) {
      for (const path of ["/core", "/core/products", `/query/metrics/${metricId(k, "visitors")}/over-time`]) {
        const reply = await get(path, token, { Accept: accept });
        expect(reply.status, `${accept} ${path}`).toBe(406);
        expect(typeof reply.body.error).toBe("string");
      }
    }
    for (const accept of ["application/json", "*/*", "text/html, application/*;q=0.5", "APPLICATION/JSON; charset=utf-8"]) {
      expect((await get("/core/products", token, { Accept: accept })).status, accept).toBe(200);
    }
    expect((await get("/core/products", token, {})).status).toBe(200);
  });

  it("answers 401 without a valid token", async () => {
    for (const as of [null, "nope"]) {
      const reply = await get("/core/products", as);
      expect(reply.status).toBe(401);
      expect(typeof reply.body.error).toBe("string");
    }
  });

  it("answers 403 for another account's account, product, reports, events, properties and metrics", async () => {
    const forbidden = [
      `/core/accounts/${rivalAccount}`,
      `/core/accounts/${rivalAccount}/products`,
      `/core/products/${r}`,
      `/core/products/${r}/events`,
      `/core/products/${r}/properties`,
      `/core/products/${r}/metrics`,
      `/core/products/${r}/reports`,
      `/core/reports/${rivalView}`,
      `/core/events/${encodeId(r, "e", "Signed Up")}`,
      `/core/properties/${encodeId(r, "m", "plan")}`,
      `/core/metrics/${metricId(r, "visitors")}`,
      `/query/metrics/${metricId(r, "visitors")}/over-time`,
      `/query/metrics/${metricId(r, "visitors")}/by-segment?segment=country`,
    ];
    for (const path of forbidden) {
      const reply = await get(path);
      expect(reply.status, path).toBe(403);
      expect(typeof reply.body.error).toBe("string");
    }
    expect((await get("/core/accounts/nope")).status).toBe(404);
    expect((await get("/core/products/nope")).status).toBe(404);
    // The rival sees only its own product and nothing of ours.
    const rival = await get("/core/events", rivalToken);
    expect(rival.body.data.map((e: { product_id: string }) => e.product_id)).toEqual([r]);
    expect((await get(`/query/metrics/${metricId(k, "visitors")}/over-time`, rivalToken)).status).toBe(403);
  }, 30_000);

  it("limits a one-site key to that product", async () => {
    const limited = (await world.store.createApiKey({ account_id: accountId, site_id: k2, scopes: ["statistics:read"] })).token;
    const noScope = (await world.store.createApiKey({ account_id: accountId, scopes: ["domains:read"] })).token;
    await world.cache.reload();
    expect((await get("/core/products", limited)).body.data.map((p: { id: string }) => p.id)).toEqual([k2]);
    expect((await get(`/core/products/${k}`, limited)).status).toBe(403);
    expect((await get(`/core/metrics/${metricId(k, "visitors")}`, limited)).status).toBe(403);
    expect((await get("/core/products", noScope)).status).toBe(403);
  });
});

// Quotes, backslashes, SQL comments, LIKE and regex metacharacters, NUL, and another site's values.
const CORPUS = [
  "'; DROP TABLE events; --",
  "\\' OR 1=1 --",
  "pro' OR '1'='1",
  '") OR ("1"="1',
  "a\\b",
  "\\",
  "rival",
  ".*",
  "^.*$",
  "%",
  "_",
  "[a-z]+",
  "(?i)PRO",
  "x\u0000y",
  "{id}",
  `${"x".repeat(150)}`,
];

describe("hostile parameter values", () => {
  const visitors = () => metricId(k, "visitors");
  const ok = (reply: Reply, label: string) => {
    expect(reply.status, label).not.toBe(500);
    expect([200, 400, 404], label).toContain(reply.status);
    expect(typeof reply.body, label).toBe("object");
  };

  it("finds nothing for a filter value that is no value, and never another product's rows", async () => {
    for (const value of CORPUS) {
      const v = encodeURIComponent(value);
      for (const property of ["plan", "country", "path", encodeId(k, "t", "author")]) {
        const reply = await get(`/query/metrics/${visitors()}/over-time?${range}&property=${encodeURIComponent(property)}&value=${v}`);
        expect(reply.status, `${property}=${value}`).toBe(200);
        expect(reply.body.total, `${property}=${value}`).toBe(0);
      }
      const contains = await get(`/query/metrics/${visitors()}/over-time?${range}&property=plan&operator=contains&value=${v}`);
      expect(contains.status, value).toBe(200);
      expect(contains.body.total, value).toBe(0);
    }
  }, 120_000);

  it("treats hostile segments, properties, searches and sorts as data or refuses them, never 500", async () => {
    for (const value of CORPUS) {
      const v = encodeURIComponent(value);
      const segment = await get(`/query/metrics/${visitors()}/by-segment?${range}&segment=${v}`);
      ok(segment, `segment ${value}`);
      if (segment.status === 200) expect(segment.body.data, value).toEqual([]);
      const property = await get(`/query/metrics/${visitors()}/by-segment?${range}&segment=plan&property=${v}&value=pro`);
      ok(property, `property ${value}`);
      if (property.status === 200) expect(property.body.data, value).toEqual([]);
      const search = await get(`/query/metrics/${visitors()}/by-segment?${range}&segment=plan&search=${v}`);
      ok(search, `search ${value}`);
      if (search.status === 200) {
        for (const row of search.body.data) expect(["pro", "free"]).toContain(row.segment);
      }
      for (const param of ["sort", "order", "interval", "operator", "start_date", "end_date", "limit", "offset"]) {
        const path = param === "interval" ? "over-time" : "by-segment";
        const reply = await get(`/query/metrics/${visitors()}/${path}?segment=country&property=country&value=US&${param}=${v}`);
        expect(reply.status, `${param}=${value}`).toBe(400);
      }
      for (const path of ["events", "properties", "metrics", "reports", "products", "accounts"]) {
        ok(await get(`/core/${path}/${v}`), `${path} id ${value}`);
      }
      ok(await get(`/query/metrics/${v}/over-time`), `metric id ${value}`);
      ok(await get(`/core/events/${encodeId(k, "e", value)}`), `event ${value}`);
      ok(await get(`/core/properties/${encodeId(k, "m", value)}`), `property id ${value}`);
    }
    // Nothing of the rival's plan leaks into a breakdown of ours; the tables are intact.
    const plans = await get(`/query/metrics/${visitors()}/by-segment?${range}&segment=plan`);
    expect(plans.body.data.map((d: { segment: string }) => d.segment).sort()).toEqual(["free", "pro"]);
    expect((await get(`/query/metrics/${visitors()}/over-time?${range}`)).body.total).toBe(4);
  }, 180_000);
});
