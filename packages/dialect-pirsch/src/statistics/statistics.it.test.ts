import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import { hitRecordOf } from "@pulse/hits";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pirschStatisticsRoutes } from "./statistics-routes.js";

// Integration: hits go through the real pipeline (enrich, sessionize, ClickHouse, Redis) and are read
// back over Pirsch's statistics API. Every expected figure is worked out here by hand.
//
//  site S (UTC)                                   UTC time           notes
//  V1  81.2.69.142 (GB) Firefox  /                2026-03-10 10:00   referrer https://news.example.com/x
//  V1                            /pricing         2026-03-10 10:01
//  V1                            event Signup     2026-03-10 10:02   on /pricing, meta plan=pro
//  V2  8.8.8.8 (US) Chrome       /                2026-03-10 10:30   bounce
//  bot Googlebot                 /                2026-03-10 11:00   never counts
//  V3  8.8.4.4 (US) Chrome       /blog            2026-03-10 12:00
//  V3                            event Download   2026-03-10 12:01   on /blog, meta file=a.pdf (so no bounce)
//  V4  8.8.8.8 (US) Firefox      /live            now                only for "active"
//
//  2026-03-10: visitors 3, views 4, sessions 3, bounces 1 (V2), bounce_rate 1/3.
//  visitor 03-09..03-10: 0 then 3 visitors / 4 views.
//  page: "/" 2 visitors 2 views (relative 2/3, 2/4), "/pricing" 1, "/blog" 1.
//  entry: "/" 2 entries (rate 2/3), "/blog" 1; exit: "/pricing", "/" and "/blog" 1 each.
//  referrer: news.example.com 1 visitor, none ("") 2.  country: us 2 (2/3), gb 1.  browser: Chrome 2, Firefox 1.
//  events: Signup 1 count 1 visitor keys [plan]; Download 1/1 keys [file]. event/meta Signup/plan: pro 1/1.
//  funnel / → /pricing → Signup: 2, 1, 1 (drop-off 0.5, then 0).
//  session/list: 3 sessions, newest first: V3 (/blog, 1 page view, no bounce), V2, V1 (2 page views).
//  session/details of V1: page view /, page view /pricing, event Signup.
//  active (last 600 s): V4 on /live from us.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";
const HOST = "stats-pirsch.test";

let world: DialectWorld;
let app: Hono;
let token: string;
let site: string;
let funnelId: string;

beforeAll(async () => {
  world = await dialectWorld("pirsch_statistics");
  const account = await world.store.createAccount({ name: "Pirsch statistics" });
  site = (await world.store.createSite({ account_id: account.id, domain: HOST, timezone: "UTC" })).id;
  token = (await world.store.createApiKey({ account_id: account.id, scopes: ["statistics:read"] })).token;
  funnelId = (
    await world.store.createFunnel({
      site_id: site,
      name: "Signup",
      steps: [
        { name: "Home", filters: [{ field: "path", op: "is", values: ["/"] }] },
        { name: "Pricing", filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
        { name: "Signup", filters: [{ field: "event", op: "is", values: ["Signup"] }] },
      ],
    })
  ).id;
  await world.cache.reload();
  const at = (utc: string) => Date.parse(`2026-03-10T${utc}:00Z`);
  const context = (time: number) => ({ siteId: site, time, receivedAt: time });
  const page = (path: string, ip: string, ua: string, time: number, referrer?: string) =>
    hitRecordOf("pageview", { url: `https://${HOST}${path}`, ip, user_agent: ua, ...(referrer ? { referrer } : {}) }, context(time));
  const event = (path: string, ip: string, ua: string, time: number, name: string, meta: Record<string, string>) =>
    hitRecordOf("event", { url: `https://${HOST}${path}`, ip, user_agent: ua, event_name: name, event_meta: meta }, context(time));
  await world.feed([
    page("/", "81.2.69.142", FIREFOX, at("10:00"), "https://news.example.com/x"),
    page("/pricing", "81.2.69.142", FIREFOX, at("10:01")),
    event("/pricing", "81.2.69.142", FIREFOX, at("10:02"), "Signup", { plan: "pro" }),
    page("/", "8.8.8.8", CHROME, at("10:30")),
    page("/", "66.249.66.1", BOT, at("11:00")),
    page("/blog", "8.8.4.4", CHROME, at("12:00")),
    event("/blog", "8.8.4.4", CHROME, at("12:01"), "Download", { file: "a.pdf" }),
    page("/live", "8.8.8.8", FIREFOX, Date.now()),
  ]);
  app = world.mount((deps) => pirschStatisticsRoutes({ engine: deps.engine, cache: deps.cache, sites: deps.sites }, deps.registry));
}, 60_000);
afterAll(() => world?.dispose());

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape
const stats = async (path: string, query = "", from = "2026-03-10"): Promise<{ status: number; body: any }> => {
  const response = await app.request(`/api/v1/statistics/${path}?id=${site}&from=${from}&to=2026-03-10${query}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
};
const byKey = <T extends Record<string, unknown>>(rows: T[], key: string) => Object.fromEntries(rows.map((row) => [String(row[key]), row]));

describe("Pirsch statistics API (real pipeline, ClickHouse, Redis)", () => {
  it("total", async () => {
    const { status, body } = await stats("total");
    expect(status).toBe(200);
    expect(body).toMatchObject({ visitors: 3, views: 4, sessions: 3, bounces: 1, custom_metric_avg: 0, custom_metric_total: 0 });
    expect(body.bounce_rate).toBeCloseTo(1 / 3, 4);
  });

  it("visitor by day", async () => {
    const { body } = await stats("visitor", "", "2026-03-09");
    expect(body).toHaveLength(2);
    expect(body[0]).toMatchObject({ day: "2026-03-09T00:00:00Z", week: null, month: null, year: null, visitors: 0, views: 0 });
    expect(body[1]).toMatchObject({ day: "2026-03-10T00:00:00Z", visitors: 3, views: 4, sessions: 3, bounces: 1 });
  });

  it("page", async () => {
    const pages = byKey((await stats("page")).body, "path");
    expect(Object.keys(pages).sort()).toEqual(["/", "/blog", "/pricing"]);
    expect(pages["/"]).toMatchObject({ visitors: 2, views: 2 });
    expect(pages["/"]!.relative_visitors).toBeCloseTo(2 / 3, 4);
    expect(pages["/"]!.relative_views).toBeCloseTo(0.5, 4);
    expect(pages["/pricing"]).toMatchObject({ visitors: 1, views: 1 });
  });

  it("entry and exit pages", async () => {
    const entries = byKey((await stats("page/entry")).body, "path");
    expect(entries["/"]).toMatchObject({ visitors: 2, sessions: 2, entries: 2 });
    expect(entries["/"]!.entry_rate).toBeCloseTo(2 / 3, 4);
    expect(entries["/blog"]).toMatchObject({ entries: 1 });
    const exits = byKey((await stats("page/exit")).body, "path");
    expect(Object.keys(exits).sort()).toEqual(["/", "/blog", "/pricing"]);
    expect(exits["/pricing"]).toMatchObject({ exits: 1 });
  });

  it("referrer, country and browser", async () => {
    const referrers = (await stats("referrer")).body as { referrer_name: string; visitors: number }[];
    expect(referrers.find((r) => r.referrer_name.includes("news.example.com"))?.visitors).toBe(1);
    expect(referrers.find((r) => r.referrer_name === "")?.visitors).toBe(2);
    const countries = byKey((await stats("country")).body, "country_code");
    expect(countries.us).toMatchObject({ visitors: 2 });
    expect(countries.us!.relative_visitors).toBeCloseTo(2 / 3, 4);
    expect(countries.gb).toMatchObject({ visitors: 1 });
    const browsers = byKey((await stats("browser")).body, "browser");
    expect(browsers.Chrome).toMatchObject({ visitors: 2 });
    expect(browsers.Firefox).toMatchObject({ visitors: 1 });
  });

  it("events and event metadata", async () => {
    const events = byKey((await stats("events")).body, "name");
    expect(events.Signup).toMatchObject({ count: 1, visitors: 1, meta_keys: ["plan"] });
    expect(events.Download).toMatchObject({ count: 1, visitors: 1, meta_keys: ["file"] });
    const meta = await stats("event/meta", "&event=Signup&event_meta_key=plan");
    expect(meta.body).toEqual([expect.objectContaining({ name: "Signup", meta_value: "pro", count: 1, visitors: 1 })]);
    expect((await stats("event/meta", "&event_meta_key=plan")).status).toBe(400);
  });

  it("funnel", async () => {
    const { body } = await stats("funnel", `&funnel_id=${funnelId}`);
    expect(body.definition.id).toBe(funnelId);
    expect(body.data.map((s: { visitors: number }) => s.visitors)).toEqual([2, 1, 1]);
    expect(body.data[1]).toMatchObject({ step: 2, previous_visitors: 2, dropped: 1, drop_off: 0.5 });
  });

  it("session list and details", async () => {
    const list = (await stats("session/list")).body;
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ entry_path: "/blog", page_views: 1, is_bounce: false, country_code: "us" });
    expect(list[2]).toMatchObject({ entry_path: "/", exit_path: "/pricing", page_views: 2, browser: "Firefox" });
    const details = (await stats("session/details", `&session_id=${list[2].session_id}`)).body;
    expect(details.map((d: { page_view: { path: string } | null; event: { name: string } | null }) => d.page_view?.path ?? d.event?.name)).toEqual(["/", "/pricing", "Signup"]);
    expect(details[2].event.meta_keys).toEqual(["plan"]);
  });

  it("active visitors", async () => {
    const response = await app.request(`/api/v1/statistics/active?id=${site}&start=600`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await response.json();
    expect(body).toEqual({ stats: [{ path: "/live", visitors: 1 }], countries: [{ visitors: 1, relative_visitors: 1, country_code: "us" }], visitors: 1 });
  });

  it.each([
    "hostname", "channel", "language", "os", "os/version", "browser/version", "region", "city", "screen", "platform", "tags", "utm/source", "utm/medium",
    "utm/campaign", "utm/content", "utm/term", "growth", "goals", "hours", "weekdays", "duration/session", "duration/page?path=/", "event/list",
    "event/page?event=Signup", "page?include_avg_time_on_page=true", "page?include_title=true&sort=views&direction=asc", "visitor?scale=week",
    "options/page", "options/event", "options/metadata", "options/country", "options/referrer/name", "options/tag", "tag/details?tag=author",
    "options/tag/value?tag_author=x", "total?path=~pric&country=!gb&meta_plan=pro", "page?search=blog&limit=1&offset=0",
  ])("%s answers 200", async (path) => {
    const [endpoint, query] = path.split("?");
    const { status, body } = await stats(endpoint!, query ? `&${query}` : "");
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it("platform, hours, weekdays and a filtered total", async () => {
    expect((await stats("platform")).body).toMatchObject({ platform_desktop: 3, platform_mobile: 0, relative_platform_desktop: 1 });
    const hours = (await stats("hours")).body;
    expect(hours.map((h: { visitors: number }) => h.visitors).slice(10, 13)).toEqual([2, 0, 1]);
    // 2026-03-10 is a Tuesday: weekday 1 (Monday = 0).
    const weekdays = (await stats("weekdays")).body as { weekday: number; hour: number; visitors: number }[];
    expect(weekdays).toHaveLength(168);
    expect(weekdays.find((w) => w.weekday === 1 && w.hour === 10)?.visitors).toBe(2);
    // Path contains "pric" and country is not GB: only V1 saw /pricing, and V1 is from GB.
    expect((await stats("total", "&path=~pric&country=!gb")).body).toMatchObject({ visitors: 0 });
    expect((await stats("total", "&path=~pric")).body).toMatchObject({ visitors: 1 });
  });

  it("keywords answer 501, other sites 403/404, a missing id 400", async () => {
    const keywords = await stats("keywords");
    expect(keywords.status).toBe(501);
    expect(keywords.body.error).toMatch(/Google Search Console/);
    const other = await app.request("/api/v1/statistics/total?id=nope&from=2026-03-10&to=2026-03-10", { headers: { Authorization: `Bearer ${token}` } });
    expect([403, 404]).toContain(other.status);
    const missing = await app.request("/api/v1/statistics/total?from=2026-03-10", { headers: { Authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(400);
  });
});
