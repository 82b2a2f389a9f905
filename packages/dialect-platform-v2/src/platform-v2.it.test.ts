import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import { hitRecordOf, type HitRecord } from "@pulse/hits";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformV2Routes } from "./routes.js";

// Integration: hits go through the real pipeline (enrich, sessionize, ClickHouse, realtime in Redis)
// and are read back over /api/v2. Dn is today (UTC) minus n days; both sites are in UTC, so a day of
// the chart is a UTC day. Visitor ids are salted per day: the same client on two days is two visitors.
//
//  #   time (UTC)   client                  hit                          notes
//  1   D1 10:00     81.2.69.142 Firefox GB  pageview /                   referrer google.com ("Google")  FFa
//  2   D1 10:01     81.2.69.142 Firefox GB  pageview /pricing                                            FFa
//  3   D1 10:02     81.2.69.142 Firefox GB  event signup_click                                           FFa
//  4   D1 10:30     8.8.8.8 Chrome US       pageview /                   referrer google.com, a bounce   CHa
//  5   D1 11:00     66.249.66.1 Googlebot   pageview /                   a bot: never counted
//  6   D2 09:00     8.8.8.8 Chrome US       pageview /pricing            referrer blog.example.org       CHb
//  7   D2 09:03     8.8.8.8 Chrome US       pageview /                                                   CHb
//  8   D2 09:05     8.8.8.8 Chrome US       event download_pdf                                           CHb
//  9   D2 09:06     8.8.8.8 Chrome US       event signup_click                                           CHb
// 10   D10 10:00    8.8.4.4 Chrome US       pageview /blog               30d and 90d only                CHd
// 11   D10 10:01    8.8.4.4 Chrome US       event newsletter             30d and 90d only                CHd
// 12   D40 10:00    8.8.4.4 Chrome US       pageview /                   90d only                        CHe
// 13   now - 90 s   8.8.8.8 Chrome US       pageview /                   realtime, a bounce              CHc
// 14   now - 60 s   81.2.69.142 Firefox GB  pageview /pricing            realtime, a bounce              FFc
//  Q   D1 10:00     8.8.8.8 Chrome          pageview /secret, event signup_click on site Q: never in P
//
// Site P, range 7d (today and the 6 days before: rows 1-4, 6-9, 13, 14):
//   visitors 5 (FFa, CHa, CHb, CHc, FFc); pageviews 7 (1, 2, 4, 6, 7, 13, 14); sessions 5, bounces 3
//   (CHa, CHc, FFc) → bounceRate 60; durations FFa 120 s, CHb 360 s, the rest 0 → avgDuration 480/5 = 96.
//   topPages: "/" 4 (1, 4, 7, 13), "/pricing" 3 (2, 6, 14).
//   topReferrers (page views of sessions from there): Google 3 (FFa 2 + CHa 1), blog.example.org 2 (CHb).
//   browsers: Chrome 4 (4, 6, 7, 13), Firefox 3 (1, 2, 14); countries: US 4, GB 3.
//   events: signup_click 2 (3, 9), download_pdf 1 (8).
//   pageviews: total 7, unique 5; chart D2 2, D1 3, today 2, other days 0.
//   pageviews of /pricing: total 3, unique 3 (FFa, CHb, FFc); chart D2 1, D1 1, today 1.
// Range 30d adds rows 10-11: visitors 6, pageviews 8; events signup_click 2, download_pdf 1, newsletter 1
//   (equal counts in name order). Range 90d adds row 12: visitors 7, pageviews 9, "/" 5.
// Realtime (last 5 minutes): rows 13 and 14 → 2 active visitors, "/" 1 and "/pricing" 1.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";
const GB = { ip: "81.2.69.142", user_agent: FIREFOX };
const US = { ip: "8.8.8.8", user_agent: CHROME };
const US2 = { ip: "8.8.4.4", user_agent: CHROME };

const DAY = 86_400_000;
const NOW = Date.now();
const todayStart = Math.floor(NOW / DAY) * DAY;
/** Dn hh:mm in UTC. */
const at = (daysAgo: number, hhmm: string) => todayStart - daysAgo * DAY + Number(hhmm.slice(0, 2)) * 3_600_000 + Number(hhmm.slice(3)) * 60_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let world: DialectWorld;
let app: Hono;
let token: string;
let siteP: string;
let siteQ: string;
let hostP: string;
let realtimeDays: string[];

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}.test`;

beforeAll(async () => {
  world = await dialectWorld("platform_v2");
  const account = await world.store.createAccount({ name: "Platform v2" });
  hostP = unique("p");
  const hostQ = unique("q");
  siteP = (await world.store.createSite({ account_id: account.id, domain: hostP })).id;
  siteQ = (await world.store.createSite({ account_id: account.id, domain: hostQ })).id;
  token = (await world.store.createApiKey({ account_id: account.id, scopes: ["statistics:read"] })).token;
  await world.cache.reload();

  const page = (site: string, host: string, path: string, client: { ip: string; user_agent: string }, time: number, referrer?: string) =>
    hitRecordOf("pageview", { url: `https://${host}${path}`, ...client, ...(referrer ? { referrer } : {}) }, { siteId: site, time, receivedAt: time });
  const event = (site: string, host: string, path: string, name: string, client: { ip: string; user_agent: string }, time: number) =>
    hitRecordOf("event", { url: `https://${host}${path}`, ...client, event_name: name }, { siteId: site, time, receivedAt: time });
  const records: HitRecord[] = [
    page(siteP, hostP, "/", GB, at(1, "10:00"), "https://www.google.com/"),
    page(siteP, hostP, "/pricing", GB, at(1, "10:01")),
    event(siteP, hostP, "/pricing", "signup_click", GB, at(1, "10:02")),
    page(siteP, hostP, "/", US, at(1, "10:30"), "https://www.google.com/"),
    page(siteP, hostP, "/", { ip: "66.249.66.1", user_agent: BOT }, at(1, "11:00")),
    page(siteP, hostP, "/pricing", US, at(2, "09:00"), "https://blog.example.org/post"),
    page(siteP, hostP, "/", US, at(2, "09:03")),
    event(siteP, hostP, "/", "download_pdf", US, at(2, "09:05")),
    event(siteP, hostP, "/", "signup_click", US, at(2, "09:06")),
    page(siteP, hostP, "/blog", US2, at(10, "10:00")),
    event(siteP, hostP, "/blog", "newsletter", US2, at(10, "10:01")),
    page(siteP, hostP, "/", US2, at(40, "10:00")),
    page(siteP, hostP, "/", US, NOW - 90_000),
    page(siteP, hostP, "/pricing", GB, NOW - 60_000),
    page(siteQ, hostQ, "/secret", US, at(1, "10:00")),
    event(siteQ, hostQ, "/secret", "signup_click", US, at(1, "10:01")),
  ].sort((a, b) => a.time - b.time);
  await world.feed(records);
  realtimeDays = [dateOf(NOW - 90_000), dateOf(NOW - 60_000)];
  app = world.mount(platformV2Routes);
}, 120_000);
afterAll(() => world?.dispose());

interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON checked field by field
  body: any;
}
/** A GET as `as` (null: without any token). */
const get = async (path: string, as: string | null = token, headers: Record<string, string> = {}): Promise<Reply> => {
  const response = await app.request(path, { headers: { ...(as !== null ? { Authorization: `Bearer ${as}` } : {}), ...headers } });
  return { status: response.status, headers: response.headers, body: await response.json() };
};

/** The 7 daily labels of "7d", oldest first, with the page views expected on each. */
function sevenDays(counts: Record<string, number>) {
  return Array.from({ length: 7 }, (_, i) => {
    const date = dateOf(todayStart - (6 - i) * DAY);
    return { date, count: counts[date] ?? 0 };
  });
}
const addDay = (counts: Record<string, number>, date: string, n = 1) => ({ ...counts, [date]: (counts[date] ?? 0) + n });

describe("Analytics Platform API v2 (real pipeline, ClickHouse, Redis)", () => {
  it("lists the account's sites with the documented fields", async () => {
    const { status, body } = await get("/api/v2/sites");
    expect(status).toBe(200);
    const p = body.sites.find((s: { siteId: string }) => s.siteId === siteP);
    expect(Object.keys(p).sort()).toEqual(["createdAt", "domain", "isActive", "name", "siteId"]);
    expect(p).toMatchObject({ siteId: siteP, name: hostP, domain: hostP, isActive: true });
    expect(p.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(body.sites.map((s: { siteId: string }) => s.siteId).sort()).toEqual([siteP, siteQ].sort());
  });

  it("answers stats for 7d (the default) with our figures", async () => {
    const { status, body } = await get(`/api/v2/sites/${siteP}/stats`);
    expect(status).toBe(200);
    expect(body).toEqual({
      visitors: 5,
      pageviews: 7,
      bounceRate: 60,
      avgDuration: 96,
      topPages: [
        { pathname: "/", views: 4 },
        { pathname: "/pricing", views: 3 },
      ],
      topReferrers: [
        { referrer: "Google", count: 3 },
        { referrer: "blog.example.org", count: 2 },
      ],
      browsers: [
        { browser: "Chrome", count: 4 },
        { browser: "Firefox", count: 3 },
      ],
      countries: [
        { country: "US", count: 4 },
        { country: "GB", count: 3 },
      ],
    });
    expect((await get(`/api/v2/sites/${siteP}/stats?range=7d`)).body).toEqual(body);
  }, 30_000);

  it("widens to 30d and 90d", async () => {
    const d30 = await get(`/api/v2/sites/${siteP}/stats?range=30d`);
    expect(d30.body).toMatchObject({ visitors: 6, pageviews: 8 });
    const d90 = await get(`/api/v2/sites/${siteP}/stats?range=90d`);
    expect(d90.body).toMatchObject({ visitors: 7, pageviews: 9 });
    expect(d90.body.topPages[0]).toEqual({ pathname: "/", views: 5 });
  }, 30_000);

  it("refuses a range the document does not offer with a 400 and an error field", async () => {
    const bad = await get(`/api/v2/sites/${siteP}/stats?range=1y`);
    expect(bad.status).toBe(400);
    expect(typeof bad.body.error).toBe("string");
  });

  it("shows the last five minutes from Redis", async () => {
    const { status, body } = await get(`/api/v2/sites/${siteP}/realtime`);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(["activePages", "activeVisitors"]);
    expect(body.activeVisitors).toBe(2);
    expect([...body.activePages].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: "/", visitors: 1 },
      { path: "/pricing", visitors: 1 },
    ]);
  });

  it("lists custom events with counts", async () => {
    expect((await get(`/api/v2/sites/${siteP}/events`)).body).toEqual({
      events: [
        { name: "signup_click", count: 2 },
        { name: "download_pdf", count: 1 },
      ],
    });
    expect((await get(`/api/v2/sites/${siteP}/events?range=30d`)).body).toEqual({
      events: [
        { name: "signup_click", count: 2 },
        { name: "download_pdf", count: 1 },
        { name: "newsletter", count: 1 },
      ],
    });
  }, 30_000);

  it("gives page view totals and a daily chart, for one pathname too", async () => {
    const all = await get(`/api/v2/sites/${siteP}/pageviews`);
    expect(all.status).toBe(200);
    let counts: Record<string, number> = { [dateOf(at(2, "09:00"))]: 2, [dateOf(at(1, "10:00"))]: 3 };
    for (const day of realtimeDays) counts = addDay(counts, day);
    expect(all.body).toEqual({ total: 7, unique: 5, chart: sevenDays(counts) });

    const pricing = await get(`/api/v2/sites/${siteP}/pageviews?pathname=/pricing`);
    const pricingCounts = addDay({ [dateOf(at(2, "09:00"))]: 1, [dateOf(at(1, "10:00"))]: 1 }, realtimeDays[1]!);
    expect(pricing.body).toEqual({ total: 3, unique: 3, chart: sevenDays(pricingCounts) });

    const d90 = await get(`/api/v2/sites/${siteP}/pageviews?range=90d&pathname=%2F`);
    expect(d90.body.total).toBe(5);
    expect(d90.body.chart).toHaveLength(90);
  }, 30_000);
});

describe("authentication, access and errors", () => {
  it("answers 401 with an error field without a valid key", async () => {
    for (const as of [null, "not-a-key"]) {
      const reply = await get("/api/v2/sites", as);
      expect(reply.status).toBe(401);
      expect(typeof reply.body.error).toBe("string");
    }
  });

  it("answers 403 for another account's site, a site outside a limited key, an unknown site and a missing scope", async () => {
    const rival = await world.store.createAccount({ name: "Rival" });
    const rivalToken = (await world.store.createApiKey({ account_id: rival.id, scopes: ["statistics:read"] })).token;
    const pAccount = (await world.store.getSite(siteP))!.account_id;
    const limited = (await world.store.createApiKey({ account_id: pAccount, site_id: siteQ, scopes: ["statistics:read"] })).token;
    const noScope = (await world.store.createApiKey({ account_id: pAccount, scopes: ["domains:read"] })).token;
    await world.cache.reload();
    for (const path of ["stats", "realtime", "events", "pageviews"]) {
      for (const as of [rivalToken, limited, noScope]) {
        const reply = await get(`/api/v2/sites/${siteP}/${path}`, as);
        expect(reply.status).toBe(403);
        expect(typeof reply.body.error).toBe("string");
      }
      expect((await get(`/api/v2/sites/nope123/${path}`)).status).toBe(403);
    }
    expect((await get("/api/v2/sites", rivalToken)).body.sites).toEqual([]);
    expect((await get("/api/v2/sites", limited)).body.sites.map((s: { siteId: string }) => s.siteId)).toEqual([siteQ]);
    expect((await get("/api/v2/sites", noScope)).status).toBe(403);
  }, 30_000);

  it("sends the documented rate-limit headers (reset in epoch ms) and 429 with Retry-After beyond the limit", async () => {
    const pAccount = (await world.store.getSite(siteP))!.account_id;
    const limited = (await world.store.createApiKey({ account_id: pAccount, scopes: ["statistics:read"], rate_limit_per_minute: 3 })).token;
    await world.cache.reload();
    const replies: Reply[] = [];
    for (let i = 0; i < 4; i++) replies.push(await get("/api/v2/sites", limited));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(replies.map((r) => r.headers.get("X-RateLimit-Limit"))).toEqual(["3", "3", "3", "3"]);
    expect(replies.map((r) => r.headers.get("X-RateLimit-Remaining"))).toEqual(["2", "1", "0", "0"]);
    for (const r of replies.slice(0, 3)) {
      const reset = Number(r.headers.get("X-RateLimit-Reset"));
      expect(reset).toBeGreaterThan(Date.now() - 1000);
      expect(reset).toBeLessThanOrEqual(Date.now() + 61_000);
    }
    const limitedOut = replies[3]!;
    expect(Number(limitedOut.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(typeof limitedOut.body.error).toBe("string");
  });
});

// Quotes, backslashes, SQL comments, LIKE and regex metacharacters, and another site's path.
const CORPUS = [
  "'; DROP TABLE events; --",
  "\\' OR 1=1 --",
  "/pricing' OR '1'='1",
  '") OR ("1"="1',
  "a\\b",
  "\\",
  "/secret",
  ".*",
  "^/$",
  "/pric%",
  "_",
  "%",
  "[a-z]+",
  "(?i)/PRICING",
  "/pricing\u0000",
];

describe("hostile parameter values", () => {
  it("finds nothing for a pathname that is no path of the site, never an error or another site's rows", async () => {
    for (const value of CORPUS) {
      const reply = await get(`/api/v2/sites/${siteP}/pageviews?pathname=${encodeURIComponent(value)}`);
      expect(reply.status, value).toBe(200);
      expect(reply.body.total, value).toBe(0);
      expect(reply.body.unique, value).toBe(0);
      expect(reply.body.chart.every((d: { count: number }) => d.count === 0)).toBe(true);
    }
    // The table survived and still holds the site's rows.
    expect((await get(`/api/v2/sites/${siteP}/pageviews`)).body.total).toBe(7);
  }, 60_000);

  it("refuses hostile ranges with 400 and hostile site ids with 403", async () => {
    for (const value of CORPUS) {
      const range = await get(`/api/v2/sites/${siteP}/stats?range=${encodeURIComponent(value)}`);
      expect(range.status, value).toBe(400);
      for (const path of ["stats", "events", "pageviews", "realtime"]) {
        const site = await get(`/api/v2/sites/${encodeURIComponent(value)}/${path}`);
        expect([403, 404], value).toContain(site.status);
      }
    }
  }, 60_000);
});
