import { type DialectWorld, dialectWorld } from "@pulse/api-kit/testing";
import { hitRecordOf } from "@pulse/hits";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MINUTE_FIELDS, missingFields, OVERVIEW_DOMAIN_FIELDS, OVERVIEW_FIELDS } from "../test-support/reference-fields.js";
import { unzipped } from "../test-support/unzip.js";
import { pirschStatisticsRoutes } from "./statistics-routes.js";

// Integration: hits go through the real pipeline (enrich, sessionize, ClickHouse, Redis) and are read
// back over Pirsch's statistics API. Every expected figure is worked out here by hand.
//
//  site S (UTC)                                   UTC time           notes
//  V5  9.9.9.9 Chrome            /                2026-03-09 14:00   the day before
//  V1  81.2.69.142 (GB) Firefox  /                2026-03-10 10:00   referrer https://news.example.com/x
//  V1                            /pricing         2026-03-10 10:01
//  V1                            keep-alive       2026-03-10 10:01:30 (extends the session once; counts nothing)
//  V1                            event Signup     2026-03-10 10:02   on /pricing, meta plan=pro, 4 s
//  V2  8.8.8.8 (US) Chrome       /                2026-03-10 10:30   bounce
//  bot Googlebot                 /                2026-03-10 11:00   never counts
//  V3  8.8.4.4 (US) Chrome       /blog            2026-03-10 12:00   ?utm_source=newsletter
//  V3                            event Download   2026-03-10 12:01   on /blog, meta file=a.pdf, 10 s (so no bounce)
//  V4  8.8.8.8 (US) Firefox      /live            now                only for "active"
//  Titles: / Home, /pricing Pricing, /blog Blog.
//  site T (same account): W1 1.1.1.1 / 2026-03-10 09:00 and /x 09:05; W2 1.0.0.1 / 2026-03-09 09:00;
//    W3 1.0.0.2 /p/0 ... /p/104 on 2026-03-08 from 08:00, a second apart (105 pages: more than one page of 100).
//
//  2026-03-10: visitors 3, views 4, sessions 3, bounces 1 (V2), bounce_rate 1/3.
//  visitor 03-09..03-10: 1 visitor / 1 view (V5), then 3 visitors / 4 views.
//  page: "/" 2 visitors 2 views (relative 2/3, 2/4), "/pricing" 1, "/blog" 1.
//  entry: "/" 2 entries (rate 2/3), "/blog" 1; exit: "/pricing", "/" and "/blog" 1 each.
//    with titles: entry "/" Home, "/blog" Blog; exit "/pricing" Pricing (the Signup after it changes nothing), "/" Home, "/blog" Blog.
//    time on page: "/" 60 s (V1's next page view a minute later), "/blog" none → 0.
//  referrer: news.example.com 1 visitor, none ("") 2.  country: us 2 (2/3), gb 1.  browser: Chrome 2, Firefox 1.
//  events: Signup 1 count 1 visitor keys [plan] 4 s; Download 1/1 keys [file] 10 s; each cr 1/3 (of the day's visitors).
//  event/meta Signup/plan: pro 1/1, 4 s, cr 1/3.
//  minutes: 0 → V1 /, V3 /blog: 2 visitors, 2 views, sessions V1 V3 (started then) 2, bounces 0;
//           1 → V1 /pricing, V3's Download: 2 visitors, 1 view, 0 sessions; 2 → V1's Signup: 1 visitor, 0 views;
//           30 → V2: 1 visitor, 1 view, 1 session, 1 bounce (rate 1); every other minute 0.
//  overview 03-10 (previous period 03-09): S visitors 3 (1 before: growth 2), views 4 (1: growth 3);
//    account (S and T): visitors 3+1 = 4 (1+1 = 2 before: growth 1), views 4+2 = 6 (2: growth 2).
//  funnel / → /pricing → Signup: 2, 1, 1 (drop-off 0.5, then 0).
//  session/list: 3 sessions, newest first: V3 (/blog, 1 page view, no bounce, utm newsletter), V2, V1 (2 page views,
//    exit title Pricing, extended once).
//  session/details of V1: page view /, page view /pricing, event Signup.
//  active (last 600 s): V4 on /live from us.
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const BOT = "Googlebot/2.1 (+http://www.google.com/bot.html)";
const HOST = "stats-pirsch.test";
const OTHER_HOST = "other-pirsch.test";
const TITLES: Record<string, string> = { "/": "Home", "/pricing": "Pricing", "/blog": "Blog" };

let world: DialectWorld;
let app: Hono;
let token: string;
let site: string;
let otherSite: string;
let funnelId: string;
let accountId: string;

beforeAll(async () => {
  world = await dialectWorld("pirsch_statistics");
  const account = await world.store.createAccount({ name: "Pirsch statistics" });
  accountId = account.id;
  site = (await world.store.createSite({ account_id: account.id, domain: HOST, timezone: "UTC" })).id;
  otherSite = (await world.store.createSite({ account_id: account.id, domain: OTHER_HOST, timezone: "UTC" })).id;
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
  const at = (utc: string, day = "2026-03-10") => Date.parse(`${day}T${utc}:00Z`);
  const context = (time: number, siteId = site) => ({ siteId, time, receivedAt: time });
  const titled = (path: string) => ({ url: `https://${HOST}${path}`, title: TITLES[path.split("?")[0]!] ?? "" });
  const page = (path: string, ip: string, ua: string, time: number, referrer?: string) =>
    hitRecordOf("pageview", { ...titled(path), ip, user_agent: ua, ...(referrer ? { referrer } : {}) }, context(time));
  const event = (path: string, ip: string, ua: string, time: number, name: string, meta: Record<string, string>, duration: number) =>
    hitRecordOf("event", { ...titled(path), ip, user_agent: ua, event_name: name, event_meta: meta, event_duration: duration }, context(time));
  const other = (path: string, ip: string, time: number) => hitRecordOf("pageview", { url: `https://${OTHER_HOST}${path}`, ip, user_agent: FIREFOX }, context(time, otherSite));
  await world.feed(Array.from({ length: 105 }, (_, i) => other(`/p/${i}`, "1.0.0.2", at("08:00", "2026-03-08") + i * 1000)));
  await world.feed([
    other("/", "1.0.0.1", at("09:00", "2026-03-09")),
    page("/", "9.9.9.9", CHROME, at("14:00", "2026-03-09")),
    other("/", "1.1.1.1", at("09:00")),
    other("/x", "1.1.1.1", at("09:05")),
    page("/", "81.2.69.142", FIREFOX, at("10:00"), "https://news.example.com/x"),
    page("/pricing", "81.2.69.142", FIREFOX, at("10:01")),
    hitRecordOf("session", { ip: "81.2.69.142", user_agent: FIREFOX }, context(at("10:01") + 30_000)),
    event("/pricing", "81.2.69.142", FIREFOX, at("10:02"), "Signup", { plan: "pro" }, 4),
    page("/", "8.8.8.8", CHROME, at("10:30")),
    page("/", "66.249.66.1", BOT, at("11:00")),
    page("/blog?utm_source=newsletter", "8.8.4.4", CHROME, at("12:00")),
    event("/blog", "8.8.4.4", CHROME, at("12:01"), "Download", { file: "a.pdf" }, 10),
    page("/live", "8.8.8.8", FIREFOX, Date.now()),
  ]);
  app = world.mount((deps) => pirschStatisticsRoutes({ engine: deps.engine, cache: deps.cache, store: deps.store, sites: deps.sites }, deps.registry));
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
    expect(body[0]).toMatchObject({ day: "2026-03-09T00:00:00Z", week: null, month: null, year: null, visitors: 1, views: 1 });
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
    expect(exits["/pricing"]).toMatchObject({ exits: 1, title: "" });
  });

  it("entry and exit pages with titles and time on page", async () => {
    const entries = (await stats("page/entry", "&include_title=true&include_avg_time_on_page=true")).body;
    expect(entries.map((e: Record<string, unknown>) => [e.path, e.title, e.entries, e.average_time_spent_seconds])).toEqual([
      ["/", "Home", 2, 60],
      ["/blog", "Blog", 1, 0],
    ]);
    // Without include_title Pirsch groups by path alone and leaves the title empty; the time needs include_avg_time_on_page.
    expect(byKey((await stats("page/entry")).body, "path")["/"]).toMatchObject({ title: "", average_time_spent_seconds: 0 });
    const exits = (await stats("page/exit", "&include_title=true")).body;
    expect(exits.map((e: Record<string, unknown>) => [e.path, e.title, e.exits])).toEqual([
      ["/", "Home", 1],
      ["/blog", "Blog", 1],
      ["/pricing", "Pricing", 1],
    ]);
  });

  it("visitors by minute of the hour", async () => {
    const { status, body } = await stats("minutes");
    expect(status).toBe(200);
    expect(body).toHaveLength(60);
    expect(body.map((m: { minute: number }) => m.minute)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(body[0]).toEqual({ minute: 0, visitors: 2, views: 2, sessions: 2, bounces: 0, bounce_rate: 0, cr: 1, custom_metric_avg: 0, custom_metric_total: 0 });
    expect(body[1]).toMatchObject({ minute: 1, visitors: 2, views: 1, sessions: 0 });
    expect(body[2]).toMatchObject({ minute: 2, visitors: 1, views: 0 });
    expect(body[30]).toMatchObject({ minute: 30, visitors: 1, views: 1, sessions: 1, bounces: 1, bounce_rate: 1 });
    const busy = body.filter((m: { visitors: number }) => m.visitors > 0).map((m: { minute: number }) => m.minute);
    expect(busy).toEqual([0, 1, 2, 30]);
    expect(missingFields(body[0], MINUTE_FIELDS)).toEqual([]);
  });

  it("overview of a domain and of the account", async () => {
    const domain = (await stats("overview")).body;
    expect(missingFields(domain, OVERVIEW_DOMAIN_FIELDS)).toEqual([]);
    expect(domain).toMatchObject({ visitors: 3, views: 4, visitors_growth: 2, visitor_growth: 2, views_growth: 3, member: 0 });
    expect(domain.visitors_time_series).toEqual([expect.objectContaining({ day: "2026-03-10T00:00:00Z", visitors: 3, views: 4, sessions: 3 })]);
    const account = await app.request("/api/v1/statistics/overview?from=2026-03-10&to=2026-03-10", { headers: { Authorization: `Bearer ${token}` } });
    const body = (await account.json()) as Record<string, unknown>;
    expect(missingFields(body, OVERVIEW_FIELDS)).toEqual([]);
    expect(body).toEqual({ visitors: 4, views: 6, visitors_growth: 1, views_growth: 2, member: 0 });
    // A key limited to S sees S alone.
    const limited = (await world.store.createApiKey({ account_id: accountId, site_id: site, scopes: ["statistics:read"] })).token;
    await world.cache.reload();
    const own = await app.request("/api/v1/statistics/overview?from=2026-03-10&to=2026-03-10", { headers: { Authorization: `Bearer ${limited}` } });
    expect(await own.json()).toEqual({ visitors: 3, views: 4, visitors_growth: 2, views_growth: 3, member: 0 });
    // Without dates: the last 30 days up to today, which hold only V4's hit now.
    const recent = await app.request(`/api/v1/statistics/overview?id=${site}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await recent.json()).toMatchObject({ visitors: 1, views: 1 });
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
    // cr: 1 of the day's 3 visitors; views: Pirsch counts the event rows.
    expect(events.Signup).toMatchObject({ count: 1, visitors: 1, views: 1, cr: 0.3333, meta_keys: ["plan"], average_duration_seconds: 4 });
    expect(events.Download).toMatchObject({ count: 1, visitors: 1, meta_keys: ["file"], average_duration_seconds: 10 });
    const meta = await stats("event/meta", "&event=Signup&event_meta_key=plan");
    expect(meta.body).toEqual([expect.objectContaining({ name: "Signup", meta_value: "pro", count: 1, visitors: 1, cr: 0.3333, average_duration_seconds: 4 })]);
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
    expect(list[0]).toMatchObject({ entry_path: "/blog", entry_title: "Blog", exit_title: "Blog", page_views: 1, is_bounce: false, country_code: "us", utm_source: "newsletter", extended: 0 });
    expect(list[2]).toMatchObject({ entry_path: "/", exit_path: "/pricing", entry_title: "Home", exit_title: "Pricing", page_views: 2, browser: "Firefox", extended: 1 });
    const details = (await stats("session/details", `&session_id=${list[2].session_id}`)).body;
    expect(details.map((d: { page_view: { path: string } | null; event: { name: string } | null }) => d.page_view?.path ?? d.event?.name)).toEqual(["/", "/pricing", "Signup"]);
    expect(details[2].event).toMatchObject({ meta_keys: ["plan"], duration_seconds: 4 });
    const landing = (await stats("session/details", `&session_id=${list[0].session_id}`)).body;
    expect(landing[0].page_view).toMatchObject({ path: "/blog", title: "Blog", utm_source: "newsletter", utm_medium: "" });
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

  it("exports the selected statistics as CSV files in a zip", async () => {
    // referrer=false selects nothing, and is no referrer filter: the figures are the unfiltered ones.
    const query = "&visitors=true&pages=1&growth=true&utm=1&conversion_goals=true&referrer=false";
    const response = await app.request(`/api/v1/statistics?id=${site}&from=2026-03-10&to=2026-03-10${query}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="statistics.zip"');
    const files = Object.fromEntries(unzipped(Buffer.from(await response.arrayBuffer())).map((f) => [f.name, f.data]));
    expect(Object.keys(files)).toEqual([
      "visitors.csv",
      "pages.csv",
      "growth.csv",
      "utm_source.csv",
      "utm_medium.csv",
      "utm_campaign.csv",
      "utm_content.csv",
      "utm_term.csv",
      "conversion_goals.csv",
    ]);
    expect(files["visitors.csv"]).toBe(
      "day,week,month,year,visitors,views,sessions,bounces,bounce_rate,cr,custom_metric_avg,custom_metric_total\r\n2026-03-10T00:00:00Z,,,,3,4,3,1,0.3333,1,0,0\r\n",
    );
    expect(files["pages.csv"]).toBe(
      "path,title,visitors,views,sessions,bounces,bounce_rate,relative_visitors,relative_views,average_time_spent_seconds\r\n" +
        "/,,2,2,2,1,0.5,0.6667,0.5,0\r\n/blog,,1,1,1,0,0,0.3333,0.25,0\r\n/pricing,,1,1,1,0,0,0.3333,0.25,0\r\n",
    );
    // Against 03-09 (V5: 1 visitor, 1 view, 1 session, 1 bounce, 0 s): 3/1, 4/1, 3/1, 1/1; time from 0 s has no ratio: 0.
    expect(files["growth.csv"]).toBe(
      "visitors_growth,views_growth,sessions_growth,bounces_growth,time_spent_growth,cr_growth,custom_metric_avg_growth,custom_metric_total_growth\r\n2,3,2,0,0,0,0,0\r\n",
    );
    expect(files["utm_source.csv"]).toBe("visitors,relative_visitors,utm_source\r\n2,0.6667,\r\n1,0.3333,newsletter\r\n");
    expect(files["conversion_goals.csv"]).toBe("");
  });

  it("exports every statistic the reference lists", async () => {
    const all = ["visitors", "pages", "session_duration", "growth", "languages", "referrer", "os", "browser", "country", "region", "city", "platform", "screen", "utm", "conversion_goals", "events", "tags", "hostname"];
    const response = await app.request(`/api/v1/statistics?id=${site}&from=2026-03-10&to=2026-03-10&${all.map((name) => `${name}=1`).join("&")}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const files = Object.fromEntries(unzipped(Buffer.from(await response.arrayBuffer())).map((f) => [f.name, f.data]));
    expect(Object.keys(files)).toHaveLength(all.length - 1 + 5);
    expect(files["browser.csv"]).toBe("visitors,relative_visitors,browser\r\n2,0.6667,Chrome\r\n1,0.3333,Firefox\r\n");
    expect(files["events.csv"]).toBe("name,count,visitors,views,cr,average_duration_seconds,meta_keys\r\nDownload,1,1,1,0.3333,10,file\r\nSignup,1,1,1,0.3333,4,plan\r\n");
    expect(files["platform.csv"]).toBe("platform_desktop,platform_mobile,platform_unknown,relative_platform_desktop,relative_platform_mobile,relative_platform_unknown\r\n3,0,0,1,0,0\r\n");
  });

  it("exports every row of a breakdown, past a page of 100, and refuses an empty selection", async () => {
    const response = await app.request(`/api/v1/statistics?id=${otherSite}&from=2026-03-08&to=2026-03-08&pages=true`, { headers: { Authorization: `Bearer ${token}` } });
    const [pages] = unzipped(Buffer.from(await response.arrayBuffer()));
    const lines = pages!.data.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 105);
    expect(new Set(lines.slice(1).map((line) => line.split(",")[0]))).toEqual(new Set(Array.from({ length: 105 }, (_, i) => `/p/${i}`)));
    const none = await app.request(`/api/v1/statistics?id=${site}&from=2026-03-10&to=2026-03-10&visitors=false`, { headers: { Authorization: `Bearer ${token}` } });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: string }).error).toMatch(/select at least one statistic/);
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

// Last: these delete data the tests above read.
describe("deleting statistics (DELETE /api/v1/statistics)", () => {
  let admin: string;
  beforeAll(async () => {
    admin = (await world.store.createApiKey({ account_id: accountId, scopes: ["admin"] })).token;
    await world.cache.reload();
  });

  const remove = (body: unknown, bearer = admin) =>
    app.request("/api/v1/statistics", { method: "DELETE", headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });

  /** The deletion is asynchronous: ClickHouse runs the mutations after the answer. */
  async function mutationsDone(): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const result = await world.db.client.query({ query: "SELECT count() AS pending FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", format: "JSONEachRow" });
      if (Number((await result.json<{ pending: string }>())[0]!.pending) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("mutations still pending after 10 s");
  }

  async function rowsOf(siteId: string): Promise<{ events: number; sessions: number }> {
    const count = async (table: string) => {
      const result = await world.db.client.query({
        query: `SELECT count() AS n FROM ${table} WHERE site_id = {site:String} AND session_start >= '2026-03-08 00:00:00' AND session_start < '2026-03-11 00:00:00'`,
        query_params: { site: siteId },
        format: "JSONEachRow",
      });
      return Number((await result.json<{ n: string }>())[0]!.n);
    };
    return { events: await count("events"), sessions: await count("sessions") };
  }

  it("needs domains:write and a valid range", async () => {
    expect((await remove({ id: site, from: "2026-03-10", to: "2026-03-10" }, token)).status).toBe(403);
    expect((await remove({ id: site, from: "2026-03-11", to: "2026-03-10" })).status).toBe(400);
    expect((await remove({ id: site, kind: "bogus", from: "2026-03-10", to: "2026-03-10" })).status).toBe(400);
    expect((await remove({ id: site, from: "10.03.2026", to: "2026-03-10" })).status).toBe(400);
  });

  it("deletes a day's events only (kind events): V3's session becomes a bounce", async () => {
    const response = await remove({ id: site, kind: "events", from: "2026-03-10", to: "2026-03-10" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    await mutationsDone();
    expect((await stats("events")).body).toEqual([]);
    expect((await stats("total")).body).toMatchObject({ visitors: 3, views: 4, sessions: 3, bounces: 2 });
  });

  it("deletes everything of the days (kind empty), and no other site's rows", async () => {
    const before = await rowsOf(otherSite);
    expect(before.events).toBe(105 + 1 + 2);
    // Imported statistics: there are none, so nothing changes.
    expect((await remove({ id: site, kind: "imported", from: "2026-03-09", to: "2026-03-10" })).status).toBe(200);
    expect((await stats("total", "", "2026-03-09")).body).toMatchObject({ visitors: 4 });
    expect((await remove({ id: site, kind: "", from: "2026-03-09", to: "2026-03-10" })).status).toBe(200);
    await mutationsDone();
    expect(await rowsOf(site)).toEqual({ events: 0, sessions: 0 });
    expect((await stats("total", "", "2026-03-09")).body).toMatchObject({ visitors: 0, views: 0, sessions: 0 });
    expect(await rowsOf(otherSite)).toEqual(before);
    const other = await app.request(`/api/v1/statistics/total?id=${otherSite}&from=2026-03-10&to=2026-03-10`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await other.json()).toMatchObject({ visitors: 1, views: 2 });
    // Today's hit (V4) is outside the range and stays.
    const today = new Date().toISOString().slice(0, 10);
    const live = await app.request(`/api/v1/statistics/total?id=${site}&from=${today}&to=${today}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await live.json()).toMatchObject({ visitors: 1 });
  });
});
