import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayIn } from "./dates.js";
import { krafterRoutes } from "./routes.js";
import { fixture, INJECTIONS, type Sites } from "@pulse/api-kit/testing";

// Integration: the hits of api-kit's testing fixture go through the real pipeline into ClickHouse and
// Redis; the Krafter API answers from there. Every figure is worked out by hand below.
//
// kind.test (Europe/Berlin, UTC+1 in early March), period=custom&from=2026-03-10&to=2026-03-11:
//
//  visitor  day    pages             pv  events                         referrer          device   browser  os       country  utm
//  A        03-10  /, /pricing       2   Signup, Purchase {revenue 49.5} Google            Desktop  Firefox  Linux    GB       -
//  B        03-10  /                 1   -                              indiehackers.com  Desktop  Chrome   Windows  US       -
//  C        03-10  /blog, /pricing   2   Signup                         (direct: "")      Mobile   Safari   iOS      DE       -
//  D        03-11  /docs             1   -                              (direct: "")      Desktop  Safari   macOS    JP       newsletter / email / launch
//  (the bot never counts; second.test and rival.test are other sites; E is live, today)
//
//  totals: pageviews 6, visitors 4, visits 4; days: 03-10 5/3/3, 03-11 1/1/1
//  breakdowns count page views, percent of 6 with one decimal (2 → 33.3, 1 → 16.7, 3 → 50, 4 → 66.7, 5 → 83.3):
//    path     "/" 2, "/pricing" 2, "/blog" 1, "/docs" 1
//    country  DE 2, GB 2, JP 1, US 1
//    device   Desktop 4, Mobile 2
//    browser  Safari 3, Firefox 2, Chrome 1
//    os       Linux 2, iOS 2, Windows 1, macOS 1   (ties by value, byte order)
//    referrer "" 3, Google 2, indiehackers.com 1
//    utm_source "" 5, newsletter 1; utm_medium "" 5, email 1; utm_campaign "" 5, launch 1
//  events: Signup total 2, unique 2, revenue null; Purchase total 1, unique 1, revenue 49.5
//  presets end today on the site's clock: only E's live hit (1/1/1) unless 12mo, which reaches
//  back to the fixture: pageviews 7, visitors 5, visits 5.  realtime: E → 1

let world: DialectWorld;
let app: Hono;
let sites: Sites;
let token: string;
let rivalToken: string;
let limitedToken: string;
let noScopeToken: string;

beforeAll(async () => {
  world = await dialectWorld("dialect_krafter");
  const account = await world.store.createAccount({ name: "Krafter" });
  const rival = await world.store.createAccount({ name: "Rival" });
  sites = {
    main: (await world.store.createSite({ account_id: account.id, domain: "kind.test", timezone: "Europe/Berlin" })).id,
    second: (await world.store.createSite({ account_id: account.id, domain: "second.test" })).id,
    rival: (await world.store.createSite({ account_id: rival.id, domain: "rival.test" })).id,
  };
  token = (await world.store.createApiKey({ account_id: account.id, scopes: ["statistics:read"] })).token;
  rivalToken = (await world.store.createApiKey({ account_id: rival.id, scopes: ["statistics:read"] })).token;
  limitedToken = (await world.store.createApiKey({ account_id: account.id, site_id: sites.second, scopes: ["statistics:read"] })).token;
  noScopeToken = (await world.store.createApiKey({ account_id: account.id, scopes: ["domains:write"] })).token;
  await world.cache.reload();
  await world.feed(fixture(sites, Date.now()));
  app = world.mount(krafterRoutes);
}, 120_000);
afterAll(() => world?.dispose());

type Form = "bearer" | "bare" | "query";
const FORMS: Form[] = ["bearer", "bare", "query"];

async function call(path: string, options: { form?: Form; as?: string } = {}) {
  const { form = "bearer", as = token } = options;
  const url = form === "query" ? `${path}${path.includes("?") ? "&" : "?"}token=${as}` : path;
  const headers: Record<string, string> = form === "bearer" ? { Authorization: `Bearer ${as}` } : form === "bare" ? { Authorization: as } : {};
  const response = await app.request(url, { headers });
  // biome-ignore lint/suspicious/noExplicitAny: JSON of many shapes; the assertions check it
  return { status: response.status, body: (await response.json()) as any };
}

const BASE = "/api/v1/analytics/sites";
const CUSTOM = "period=custom&from=2026-03-10&to=2026-03-11";
const ALL_DIMENSIONS = "path,referrer,country,device,browser,os,utm_source,utm_medium,utm_campaign";
const row = (value: string, count: number, percent: number) => ({ value, count, percent });

describe("Krafter API over the real pipeline", () => {
  it("answers stats with totals, daily timeseries and every dimension, with every token form and by id or domain", async () => {
    const expected = {
      period: { from: "2026-03-10", to: "2026-03-11" },
      totals: { pageviews: 6, visitors: 4, visits: 4 },
      timeseries: [
        { date: "2026-03-10", pageviews: 5, visitors: 3, visits: 3 },
        { date: "2026-03-11", pageviews: 1, visitors: 1, visits: 1 },
      ],
      breakdown: {
        path: [row("/", 2, 33.3), row("/pricing", 2, 33.3), row("/blog", 1, 16.7), row("/docs", 1, 16.7)],
        referrer: [row("", 3, 50), row("Google", 2, 33.3), row("indiehackers.com", 1, 16.7)],
        country: [row("DE", 2, 33.3), row("GB", 2, 33.3), row("JP", 1, 16.7), row("US", 1, 16.7)],
        device: [row("Desktop", 4, 66.7), row("Mobile", 2, 33.3)],
        browser: [row("Safari", 3, 50), row("Firefox", 2, 33.3), row("Chrome", 1, 16.7)],
        os: [row("Linux", 2, 33.3), row("iOS", 2, 33.3), row("Windows", 1, 16.7), row("macOS", 1, 16.7)],
        utm_source: [row("", 5, 83.3), row("newsletter", 1, 16.7)],
        utm_medium: [row("", 5, 83.3), row("email", 1, 16.7)],
        utm_campaign: [row("", 5, 83.3), row("launch", 1, 16.7)],
      },
    };
    for (const key of [sites.main, "kind.test"]) {
      for (const form of FORMS) {
        const { status, body } = await call(`${BASE}/${key}/stats?${CUSTOM}&dimensions=${ALL_DIMENSIONS}`, { form });
        expect(status, `${key} ${form}`).toBe(200);
        expect(body, `${key} ${form}`).toEqual({ data: expected });
      }
    }
  });

  it("leaves the breakdown out without dimensions", async () => {
    const { body } = await call(`${BASE}/${sites.main}/stats?${CUSTOM}`);
    expect(Object.keys(body.data)).toEqual(["period", "totals", "timeseries"]);
    expect((await call(`${BASE}/${sites.main}/stats?${CUSTOM}&dimensions=`)).body.data.breakdown).toBeUndefined();
  });

  it("reads presets as days back from today on the site's clock: 30d by default, 7d, 12mo", async () => {
    const today = todayIn("Europe/Berlin", new Date());
    const preset = async (query: string) => (await call(`${BASE}/${sites.main}/stats?${query}`)).body.data;
    const byDefault = await preset("");
    expect(byDefault.period).toEqual({ from: addDays(today, -30), to: today });
    expect(byDefault.timeseries).toHaveLength(31);
    expect(byDefault.totals).toEqual({ pageviews: 1, visitors: 1, visits: 1 });
    const week = await preset("period=7d");
    expect(week.period).toEqual({ from: addDays(today, -7), to: today });
    expect(week.timeseries).toHaveLength(8);
    expect(week.timeseries.reduce((sum: number, day: { visitors: number }) => sum + day.visitors, 0)).toBe(1);
    const year = await preset("period=12mo");
    expect(year.period).toEqual({ from: addMonths(today, -12), to: today });
    expect(year.totals).toEqual({ pageviews: 7, visitors: 5, visits: 5 });
  });

  it("counts current visitors from the realtime counters", async () => {
    for (const key of [sites.main, "kind.test"]) {
      for (const form of FORMS) {
        const { status, body } = await call(`${BASE}/${key}/realtime`, { form });
        expect(status).toBe(200);
        expect(body).toEqual({ data: { current_visitors: 1 } });
      }
    }
    expect((await call(`${BASE}/${sites.second}/realtime`)).body).toEqual({ data: { current_visitors: 0 } });
  });

  it("lists custom events with totals, unique visitors and revenue", async () => {
    for (const form of FORMS) {
      const { status, body } = await call(`${BASE}/${sites.main}/events?${CUSTOM}`, { form });
      expect(status).toBe(200);
      expect(body).toEqual({
        data: [
          { event_name: "Signup", total: 2, unique_count: 2, revenue: null },
          { event_name: "Purchase", total: 1, unique_count: 1, revenue: 49.5 },
        ],
      });
    }
    expect((await call(`${BASE}/${sites.main}/events`)).body).toEqual({ data: [] });
  });

  it("keeps each site's figures to itself", async () => {
    const { body } = await call(`${BASE}/second.test/stats?${CUSTOM}&dimensions=path`);
    expect(body.data.totals).toEqual({ pageviews: 1, visitors: 1, visits: 1 });
    expect(body.data.breakdown.path).toEqual([row("/other", 1, 100)]);
  });

  it("answers 401 without a token or with a wrong one", async () => {
    for (const endpoint of ["stats", "realtime", "events"]) {
      const response = await app.request(`${BASE}/${sites.main}/${endpoint}`);
      expect(response.status).toBe(401);
      expect(Object.keys((await response.json()) as object)).toEqual(["error"]);
      expect((await call(`${BASE}/${sites.main}/${endpoint}`, { as: "nope" })).status).toBe(401);
    }
  });

  it("answers 403 across accounts or sites and without analytics:read, 404 for unknown keys", async () => {
    for (const endpoint of ["stats", "realtime", "events"]) {
      for (const key of [sites.main, "kind.test"]) {
        expect(await call(`${BASE}/${key}/${endpoint}`, { as: rivalToken })).toEqual({ status: 403, body: { error: "Forbidden" } });
        expect((await call(`${BASE}/${key}/${endpoint}`, { as: limitedToken })).status).toBe(403);
        expect(await call(`${BASE}/${key}/${endpoint}`, { as: noScopeToken })).toEqual({ status: 403, body: { error: "Insufficient scope" } });
      }
      expect(await call(`${BASE}/rival.test/${endpoint}`)).toEqual({ status: 403, body: { error: "Forbidden" } });
      expect(await call(`${BASE}/nosuchsite/${endpoint}`)).toEqual({ status: 404, body: { error: "Not found" } });
      expect(await call(`${BASE}/nosuch.test/${endpoint}`)).toEqual({ status: 404, body: { error: "Not found" } });
    }
  });

  it("refuses bad parameters with 400 and Krafter's flat error", async () => {
    for (const query of ["period=1y", "period=custom", "period=custom&from=2026-03-11&to=2026-03-10", "period=custom&from=03/10/2026&to=2026-03-11", "dimensions=path,city"]) {
      const { status, body } = await call(`${BASE}/${sites.main}/stats?${query}`);
      expect(status, query).toBe(400);
      expect(Object.keys(body)).toEqual(["error"]);
    }
    expect((await call(`${BASE}/${sites.main}/events?period=custom&to=2026-03-11`)).body).toEqual({
      error: "Invalid query parameters: from is required when period=custom",
    });
  });

  it("takes injection attempts in every parameter as plain values: 400 or 404, never a 500 or another site's rows", async () => {
    for (const value of INJECTIONS) {
      const v = encodeURIComponent(value);
      for (const endpoint of ["stats", "realtime", "events"]) {
        const key = await call(`${BASE}/${v}/${endpoint}?${CUSTOM}`);
        expect([403, 404], `:key=${value}`).toContain(key.status);
        expect(Object.keys(key.body)).toEqual(["error"]);
      }
      for (const query of [`period=${v}`, `period=custom&from=${v}&to=2026-03-11`, `period=custom&from=2026-03-10&to=${v}`, `${CUSTOM}&dimensions=${v}`, `${CUSTOM}&dimensions=path,${v}`]) {
        for (const endpoint of ["stats", "events"]) {
          if (endpoint === "events" && query.includes("dimensions")) continue;
          const { status, body } = await call(`${BASE}/${sites.main}/${endpoint}?${query}`);
          expect(status, `${endpoint}?${query}`).toBe(400);
          expect(Object.keys(body)).toEqual(["error"]);
        }
      }
    }
  }, 120_000);
});
