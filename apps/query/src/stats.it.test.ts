import { hitRecordOf } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { BatchProcessor } from "@pulse/pipeline";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API } from "./routes/paths.js";
import { type QueryWorld, queryWorld } from "./test-support/query-app.js";

// Integration: hits go through the real pipeline (enrich, sessionize, ClickHouse) and are read back
// over the native API. Every expected figure is worked out below by hand.
//
//  site A (Europe/Berlin)                       UTC time          Berlin date  counts on 2026-03-10?
//  V1  81.2.69.142 (GB) Firefox  /              2026-03-10 10:00  03-10        yes
//  V1                            /pricing       2026-03-10 10:01  03-10        yes
//  V1                            event Signup   2026-03-10 10:02  03-10        yes (meta plan=pro)
//  V2  8.8.8.8 (US) Chrome       /              2026-03-10 10:30  03-10        yes (bounce)
//  bot Googlebot                 /              2026-03-10 11:00  03-10        never (bot)
//  V3  8.8.4.4 (US) Chrome       /blog          2026-03-10 23:30  03-11 (00:30 Berlin)
//  site B                        /secret        2026-03-10 10:00  -            never in site A
//
//  2026-03-10, site A: visitors 2 (V1, V2), sessions 2, pageviews 3, bounces 1 (V2), bounce rate 0.5,
//  events 1; pages: "/" 2 visitors (share 1.0), "/pricing" 1 (0.5); path contains "pric": 1 visitor;
//  country is not GB: 1 visitor (V2); goal "Signup": 1 visitor, 1 conversion, rate 0.5;
//  funnel / → /pricing → Signup: 2, 1, 1.   Days 03-10..03-11: 2 and 1 visitors.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";

let world: QueryWorld;
let app: Hono;
let token: string;
let siteA: string;
let siteB: string;

beforeAll(async () => {
  world = await queryWorld("query_stats");
  const account = await world.store.createAccount({ name: "Stats" });
  siteA = (await world.store.createSite({ account_id: account.id, domain: "a.test", timezone: "Europe/Berlin" })).id;
  siteB = (await world.store.createSite({ account_id: account.id, domain: "b.test" })).id;
  token = (await world.store.createApiKey({ account_id: account.id, scopes: ["statistics:read", "domains:write"] })).token;
  const at = (utc: string) => Date.parse(`2026-03-10T${utc}:00Z`);
  const page = (site: string, host: string, path: string, ip: string, ua: string, time: number) =>
    hitRecordOf("pageview", { url: `https://${host}${path}`, ip, user_agent: ua }, { siteId: site, time, receivedAt: time });
  const records = [
    page(siteA, "a.test", "/", "81.2.69.142", FIREFOX, at("10:00")),
    page(siteA, "a.test", "/pricing", "81.2.69.142", FIREFOX, at("10:01")),
    hitRecordOf(
      "event",
      { url: "https://a.test/pricing", ip: "81.2.69.142", user_agent: FIREFOX, event_name: "Signup", event_meta: { plan: "pro" } },
      { siteId: siteA, time: at("10:02"), receivedAt: at("10:02") },
    ),
    page(siteA, "a.test", "/", "8.8.8.8", CHROME, at("10:30")),
    page(siteA, "a.test", "/", "66.249.66.1", BOT, at("11:00")),
    page(siteA, "a.test", "/blog", "8.8.4.4", CHROME, at("23:30")),
    page(siteB, "b.test", "/secret", "8.8.8.8", CHROME, at("10:00")),
  ];
  const processor = new BatchProcessor(
    {
      clickhouse: world.db.client,
      sessionizer: new Sessionizer(world.redis, { saltStore: new SaltStore(world.redis) }),
      realtime: new Realtime(world.redis),
      hostnamesOf: () => [],
      deadLetter: async () => {},
      logger: createLogger("stats-it", { level: "silent" }),
    },
    "it.stats",
  );
  await processor.process(
    { topic: "it.stats", partition: 0, messages: records.map((r, i) => ({ offset: String(i), value: Buffer.from(JSON.stringify(r)) })) },
    { isActive: () => true, heartbeat: async () => {} },
  );
  app = await world.instance();
  await world.store.createGoal({ site_id: siteA, name: "Signup", event_name: "Signup" });
}, 60_000);
afterAll(() => world?.dispose());

const post = async (path: string, body: unknown, as = token) => {
  const response = await app.request(`${API}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${as}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const day = { from: "2026-03-10", to: "2026-03-10" };

describe("native statistics API (real pipeline, ClickHouse, Redis)", () => {
  it("aggregates a day in the site's time zone, without bots", async () => {
    const { status, body } = await post("/query", {
      site_id: siteA,
      date_range: day,
      metrics: ["visitors", "sessions", "pageviews", "bounces", "bounce_rate", "events"],
    });
    expect(status).toBe(200);
    expect(body.metrics).toEqual({ visitors: 2, sessions: 2, pageviews: 3, bounces: 1, bounce_rate: 0.5, events: 1 });
  });

  it("puts a visit at 23:30 UTC on the next day in Europe/Berlin, with empty-free daily buckets", async () => {
    const { body } = await post("/query", { site_id: siteA, date_range: { from: "2026-03-10", to: "2026-03-11" }, dimensions: ["time:day"] });
    expect(body.rows.map((r: any) => [r.dimensions["time:day"], r.metrics.visitors])).toEqual([
      ["2026-03-10", 2],
      ["2026-03-11", 1],
    ]);
    const utc = await post("/query", { site_id: siteA, timezone: "UTC", date_range: day, metrics: ["visitors"] });
    expect(utc.body.metrics.visitors).toBe(3);
  });

  it("breaks down pages with relative shares, and applies filters", async () => {
    const pages = await post("/query", { site_id: siteA, date_range: day, dimensions: ["path"], include: { relative: true } });
    expect(pages.body.rows.map((r: any) => [r.dimensions.path, r.metrics.visitors, r.relative.visitors])).toEqual([
      ["/", 2, 1],
      ["/pricing", 1, 0.5],
    ]);
    const contains = await post("/query", { site_id: siteA, date_range: day, filters: [{ field: "path", op: "contains", values: ["pric"] }] });
    expect(contains.body.metrics.visitors).toBe(1);
    const notGb = await post("/query", { site_id: siteA, date_range: day, filters: [{ field: "country", op: "is_not", values: ["GB"] }] });
    expect(notGb.body.metrics.visitors).toBe(1);
  });

  it("answers injection attempts in filter values with correct, empty results, never another site's rows", async () => {
    for (const value of ["'; DROP TABLE events; --", "\\' OR 1=1 --", "/secret", ".*", "a\\b", "\") OR (\"1\"=\"1"]) {
      const { status, body } = await post("/query", { site_id: siteA, date_range: day, filters: [{ field: "path", op: "is", values: [value] }] });
      expect(status).toBe(200);
      expect(body.metrics.visitors).toBe(0);
    }
    const regex = await post("/query", { site_id: siteA, date_range: day, filters: [{ field: "pattern", op: "is", values: ["^/secret$"] }] });
    expect(regex.body.metrics.visitors).toBe(0);
  });

  it("computes goals and funnels", async () => {
    const goals = await post("/goals", { site_id: siteA, date_range: day });
    expect(goals.status).toBe(200);
    expect(goals.body.goals.map((g: any) => [g.name, g.visitors, g.conversions, g.conversion_rate])).toEqual([["Signup", 1, 1, 0.5]]);
    const funnel = await post("/funnel", {
      query: { site_id: siteA, date_range: day },
      steps: [
        { filters: [{ field: "path", op: "is", values: ["/"] }] },
        { filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
        { filters: [{ field: "event", op: "is", values: ["Signup"] }] },
      ],
    });
    expect(funnel.status).toBe(200);
    expect(funnel.body.steps.map((s: any) => s.visitors)).toEqual([2, 1, 1]);
  });

  it("lists sessions and the ordered hits of one", async () => {
    const sessions = await post("/sessions", { site_id: siteA, date_range: day });
    expect(sessions.body.rows).toHaveLength(2);
    const v1 = sessions.body.rows.find((s: any) => s.entry_path === "/" && s.pageviews === 2);
    const details = await app.request(`${API}/sites/${siteA}/sessions/${v1.session_id}`, { headers: { Authorization: `Bearer ${token}` } });
    const hits = ((await details.json()) as { hits: any[] }).hits;
    expect(hits.map((h) => [h.kind, h.path, h.event_name])).toEqual([
      ["pageview", "/", ""],
      ["pageview", "/pricing", ""],
      ["event", "/pricing", "Signup"],
    ]);
  });

  it("refuses another account's site with 403 and a bad query with 400 naming the field", async () => {
    const rival = await world.store.createAccount({ name: "Rival" });
    const rivalToken = (await world.store.createApiKey({ account_id: rival.id, scopes: ["statistics:read"] })).token;
    expect((await post("/query", { site_id: siteA, date_range: day }, rivalToken)).status).toBe(403);
    const limited = (await world.store.createApiKey({ account_id: (await world.store.getSite(siteA))!.account_id, site_id: siteB, scopes: ["statistics:read"] })).token;
    expect((await post("/query", { site_id: siteA, date_range: day }, limited)).status).toBe(403);
    const bad = await post("/query", { site_id: siteA, date_range: day, metrics: ["nonsense"] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBeTruthy();
  });
});
