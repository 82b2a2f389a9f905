import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { type AuthEnv, freshLookup, rateLimit } from "@pulse/api-kit";
import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import { eventBatchBody, eventBody, type HitRecord, hitBatchBody, hitBody, hitRecordOf, sessionBatchBody, sessionBody } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { AccessTokens } from "@pulse/metadata";
import { OpenApiRegistry, withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { Pirsch } from "pirsch-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateBearer } from "../auth/authenticate.js";
import { pirschTokenRoutes } from "../auth/token-routes.js";
import { pirschManagementRoutes } from "../management.js";
import { pirschStatisticsRoutes } from "./statistics-routes.js";

// Integration with the official Node SDK (pirsch-sdk 2.9.x) over real HTTP: a server on 127.0.0.1
// with the token exchange, the management and the statistics routes, as the query app mounts them.
// Tracking is served by apps/ingest in production; here the test server takes the SDK's
// hit/event/session bodies itself, validates them with @pulse/hits' wire schemas, turns them into
// records with hitRecordOf and feeds them through the real pipeline (world.feed), for the client's site.
//
//  sent through the SDK                                 UTC time             visitor
//  batchHits    /        (203.0.113.1, Firefox)         2026-03-10 10:00     V1   title Home
//  batchHits    /about   (203.0.113.1, Firefox)         2026-03-10 10:05     V1   title About
//  batchHits    /        (203.0.113.2, Chrome)          2026-03-10 11:00     V2   title Home
//  batchEvents  Click {button: buy} on /  (V2), 7 s     2026-03-10 11:01     V2
//  hit          /now     (203.0.113.3, Chrome)          now                  V3
//  session      keep-alive of V3                        now                  (counts nothing)
//  event        Live {plan: pro} on /now (V3)           now                  V3
//
//  2026-03-10: visitors 2, views 3, sessions 2, bounces 0 (V1 saw two pages, V2 sent an event).
//  pages: "/" 2 visitors 2 views, "/about" 1; entry "/" 2; exits "/about" 1, "/" 1.
//  time on page: "/" 300 s (V1's next page five minutes later; V2 saw one page) → entry "/" 300 s with include_avg_time_on_page.
//  events: Click average duration 7 s, cr 1 of the day's 2 visitors = 0.5.
//  visitors by day: 2026-03-10 → 2 visitors, 3 views. events: Click 1 count 1 visitor, keys [button];
//  event meta Click/button: buy 1. browsers: Chrome 1, Firefox 1. hours: 10h 1 visitor, 11h 1.
//  today: visitors 1, views 1, sessions 1, bounces 0 (an event); active last 600 s: 1 on /now.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const HOST = "sdk-pirsch.test";

let world: DialectWorld;
let server: ServerType;
let sdk: InstanceType<typeof Pirsch>;
let site: string;

function ingestRoutes(siteOf: () => string, feed: (records: HitRecord[]) => Promise<void>): Hono {
  const app = new Hono();
  const now = () => Date.now();
  const one = (time: number) => ({ siteId: siteOf(), time, receivedAt: now() });
  const batchContext = (item: { time: string }) => one(Date.parse(item.time));
  app.use("/api/v1/*", async (c, next) => (c.req.header("authorization")?.startsWith("Bearer ") ? next() : c.json({ error: "unauthorized" }, 401)));
  app.post("/api/v1/hit", async (c) => {
    await feed([hitRecordOf("pageview", hitBody.parse(await c.req.json()), one(now()))]);
    return c.body(null, 200);
  });
  app.post("/api/v1/hit/batch", async (c) => {
    await feed(hitBatchBody.parse(await c.req.json()).map((item) => hitRecordOf("pageview", item, batchContext(item))));
    return c.body(null, 200);
  });
  app.post("/api/v1/event", async (c) => {
    await feed([hitRecordOf("event", eventBody.parse(await c.req.json()), one(now()))]);
    return c.body(null, 200);
  });
  app.post("/api/v1/event/batch", async (c) => {
    await feed(eventBatchBody.parse(await c.req.json()).map((item) => hitRecordOf("event", item, batchContext(item))));
    return c.body(null, 200);
  });
  app.post("/api/v1/session", async (c) => {
    await feed([hitRecordOf("session", sessionBody.parse(await c.req.json()), one(now()))]);
    return c.body(null, 200);
  });
  app.post("/api/v1/session/batch", async (c) => {
    await feed(sessionBatchBody.parse(await c.req.json()).map((item) => hitRecordOf("session", item, batchContext(item))));
    return c.body(null, 200);
  });
  return app;
}

beforeAll(async () => {
  world = await dialectWorld("pirsch_sdk");
  const account = await world.store.createAccount({ name: "Pirsch SDK" });
  site = (await world.store.createSite({ account_id: account.id, domain: HOST, timezone: "UTC" })).id;
  const client = await world.store.createOAuthClient({ account_id: account.id, site_id: site, scopes: ["hit", "event", "session", "statistics:read", "domains:read"] });
  await world.cache.reload();

  const accessTokens = new AccessTokens({ redis: world.redis });
  const fresh = freshLookup(world.cache);
  const registry = new OpenApiRegistry();
  const sites = (id: string) => fresh(() => world.cache.siteById(id));
  const app = withJsonErrors(new Hono(), createLogger("pirsch-sdk-it", { level: "silent" }));
  app.route("/", pirschTokenRoutes({ cache: world.cache, accessTokens, fresh, redis: world.redis }, registry));
  app.route("/", ingestRoutes(() => site, world.feed));
  const api = new Hono<AuthEnv>();
  api.use("/api/v1/*", authenticateBearer({ cache: world.cache, accessTokens, fresh }), rateLimit(world.redis, 10_000));
  api.route("/", pirschManagementRoutes({ store: world.store, cache: world.cache, redis: world.redis, clickhouse: world.db.client, accessTokens, sites }, registry));
  api.route("/", pirschStatisticsRoutes({ engine: world.engine, cache: world.cache, store: world.store, sites }, registry));
  app.route("/", api as unknown as Hono);

  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  sdk = new Pirsch({ baseUrl: `http://127.0.0.1:${port}`, hostname: HOST, clientId: client.client_id, clientSecret: client.client_secret });

  const v1 = { ip: "203.0.113.1", user_agent: FIREFOX };
  const v2 = { ip: "203.0.113.2", user_agent: CHROME };
  const v3 = { ip: "203.0.113.3", user_agent: CHROME };
  const url = (path: string) => `https://${HOST}${path}`;
  await sdk.batchHits([
    { ...v1, url: url("/"), title: "Home", time: "2026-03-10T10:00:00Z" },
    { ...v1, url: url("/about"), title: "About", time: "2026-03-10T10:05:00Z" },
    { ...v2, url: url("/"), title: "Home", time: "2026-03-10T11:00:00Z" },
  ]);
  await sdk.batchEvents([{ name: "Click", hit: { ...v2, url: url("/"), title: "Home" }, time: "2026-03-10T11:01:00Z", duration: 7, meta: { button: "buy" } }]);
  await sdk.hit({ ...v3, url: url("/now") });
  await sdk.session(v3);
  await sdk.event("Live", { ...v3, url: url("/now") }, 0, { plan: "pro" });
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await world?.dispose();
});

const day = () => ({ id: site, from: new Date("2026-03-10T00:00:00Z"), to: new Date("2026-03-10T00:00:00Z") });
const byKey = <T extends object>(rows: T[], key: keyof T) => Object.fromEntries(rows.map((row) => [String(row[key]), row]));
/** The SDK answers some errors as a value (PirschApiError, which has a numeric code); a test wants the data. */
function ok<T>(result: T | { code: number; data: unknown }): Exclude<T, { code: number; data: unknown }> {
  if (result instanceof Error) throw result;
  return result as Exclude<T, { code: number; data: unknown }>;
}

describe("pirsch-sdk against the Pirsch dialect (real HTTP, pipeline, ClickHouse, Redis)", () => {
  it("authenticates with client id and secret and finds its domain", async () => {
    const domain = ok(await sdk.domain());
    expect(domain.id).toBe(site);
  });

  it("totalVisitors and visitors", async () => {
    expect(ok(await sdk.totalVisitors(day()))).toMatchObject({ visitors: 2, views: 3, sessions: 2, bounces: 0, bounce_rate: 0 });
    const days = ok(await sdk.visitors(day()));
    expect(days).toEqual([expect.objectContaining({ day: "2026-03-10T00:00:00Z", visitors: 2, views: 3 })]);
  });

  it("pages, entry and exit pages", async () => {
    const pages = byKey(ok(await sdk.pages(day())), "path");
    expect(pages["/"]).toMatchObject({ visitors: 2, views: 2 });
    expect(pages["/about"]).toMatchObject({ visitors: 1, views: 1 });
    expect(byKey(ok(await sdk.entryPages(day())), "path")["/"]).toMatchObject({ entries: 2 });
    expect(byKey(ok(await sdk.entryPages({ ...day(), include_avg_time_on_page: true })), "path")["/"]).toMatchObject({ entries: 2, average_time_spent_seconds: 300 });
    // The SDK types an exit page's path as exit_path; the reference (and Pirsch's server) send path.
    const exits = byKey(ok(await sdk.exitPages(day())) as unknown as { path: string }[], "path");
    expect(exits["/about"]).toMatchObject({ exits: 1 });
    expect(exits["/"]).toMatchObject({ exits: 1 });
  });

  it("events and event metadata", async () => {
    const events = ok(await sdk.events(day()));
    expect(events).toEqual([expect.objectContaining({ name: "Click", visitors: 1, views: 1, cr: 0.5, meta_keys: ["button"], average_duration_seconds: 7 })]);
    const meta = ok(await sdk.eventMetadata({ ...day(), event: "Click", event_meta_key: "button" }));
    expect(meta).toEqual([expect.objectContaining({ name: "Click", meta_value: "buy", visitors: 1, average_duration_seconds: 7 })]);
    expect(ok(await sdk.listEvents(day()))).toEqual([{ name: "Click", meta: { button: "buy" }, visitors: 1, count: 1 }]);
  });

  it("browsers and time of day", async () => {
    const browsers = byKey(ok(await sdk.browser(day())), "browser");
    expect(browsers.Chrome).toMatchObject({ visitors: 1, relative_visitors: 0.5 });
    expect(browsers.Firefox).toMatchObject({ visitors: 1 });
    const hours = ok(await sdk.timeOfDay(day()));
    expect(hours).toHaveLength(24);
    expect(hours[10]).toMatchObject({ hour: 10, visitors: 1 });
    expect(hours[11]).toMatchObject({ hour: 11, visitors: 1 });
  });

  it("today's hit, event and keep-alive, and active visitors", async () => {
    const today = new Date(new Date().toISOString().slice(0, 10));
    expect(ok(await sdk.totalVisitors({ id: site, from: today, to: today }))).toMatchObject({ visitors: 1, views: 1, sessions: 1, bounces: 0 });
    const active = ok(await sdk.activeVisitors({ id: site, from: today, to: today, start: 600 }));
    expect(active).toMatchObject({ visitors: 1, stats: [{ path: "/now", visitors: 1 }] });
  });

  it("keywords answer with an error", async () => {
    await expect(sdk.keywords(day())).rejects.toMatchObject({ code: 501 });
  });
});
