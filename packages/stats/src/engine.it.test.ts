import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@pulse/clickhouse";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { Realtime } from "@pulse/sessions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatsCache } from "./cache.js";
import { StatsEngine } from "./engine.js";
import { StatsQueryError } from "./errors.js";
import { FILTER_FIELDS } from "./model/fields.js";
import type { FilterInput } from "./model/filters.js";
import type { FunnelStepInput } from "./model/funnel.js";
import type { StatsQueryInput } from "./model/query.js";
import { FIXTURE, liveSessions } from "./test-support/fixture.js";
import { ingest } from "./test-support/ingest.js";
import { disposeWorld } from "./test-support/dispose.js";

// Integration: the fixture (src/test-support/fixture.ts) goes through the real pipeline into a
// fresh ClickHouse database and Redis; the engine answers from there. Every expected figure below
// was worked out by hand from the fixture's session table, as the comment blocks show.
//
// Person X on UTC day D is one visitor ("A@03-03"); ids are salted per UTC day.
// "The week" is Mon 2025-03-03 .. Sun 2025-03-09 in Berlin (UTC+1): [03-02 23:00Z, 03-09 23:00Z).
//
// Rows of the week (Berlin time), page views (pv), events (ev), sessions by start:
//
//  session visitor   Berlin day/hour   pv  ev  pages (time on page of a page = the next page view's gap)
//  P4      D@03-02   Mon 00:30          1   0  /pricing                                 bounce, 0 s, direct
//  S1      A@03-03   Mon 10:00          3   1  / (60) /pricing (120) /signup, Signup     200 s, Google
//  S2      B@03-03   Mon 15:00          2   0  /blog/hello (45) /blog/world              45 s, utm email
//  S6      A@03-03   Mon 19:00          1   0  /blog/hello                               bounce, 0 s, direct
//  S3      C@03-04   Wed 00:30          1   0  /blog/hello                               bounce, 0 s, Hacker News
//  S4      D@03-05   Wed 11:00          3   1  / (20) /pricing (60) /docs/setup, Signup  80 s, direct
//  S5      E@03-05   Wed 11:05          1   0  /pricing                                  bounce, 0 s, Google
//  S7      F@03-06   Thu 09:00          2   1  /docs/setup (2500: > 30 min, ignored) /docs/api, Download   2520 s, direct
//  S8      G@03-07   Fri 13:00          2   1  / (10) /pricing, Signup                   25 s, utm cpc (Paid Search)
//  S9      H@03-08   Sat 23:59          2   0  / (90) /blog/world (Sun 00:00:30)         90 s, direct
//  S11     B@03-09   Sun 21:00          1   1  /pricing, Outbound Link Click             30 s (not a bounce: an event), Bing
//  (BOT on Wed never counts; S12 at 03-09 23:30Z is Mon 03-10 in Berlin, outside the week)
//
//  visitors 10, sessions 11, pageviews 19, events 5 (Signup x3, Download, Outbound), event_visitors 5
//  bounces 4 (P4, S6, S3, S5) → bounce_rate 4/11 = 0.3636
//  durations 0+200+45+0+0+80+0+2520+25+90+30 = 2990 → avg_session_duration 2990/11 = 271.8 → 272
//  views_per_visit 19/11 = 1.73
//  time on page: 60, 120, 45, 20, 60, 10, 90 (7 gaps, 405 s) → 57.9 → 58
//  revenue (amount): 49 + 19 + 99.5 = 167.5; custom metric float: total 167.5, avg 167.5/3 = 55.8333;
//  integer: "99.5" is no integer → total 49 + 19 = 68, avg 34
//
// The previous week (Mon 02-24 .. Sun 03-02 Berlin): P1 A@02-24 (/, /pricing), P2 B@02-25 (/blog/hello, bounce),
// P3 C@02-26 (/, bounce) → visitors 3, pageviews 4, sessions 3, bounces 2.

const NOW = new Date("2025-04-02T10:00:00Z");
const WEEK = { from: "2025-03-03", to: "2025-03-09" };
const BERLIN = "Europe/Berlin";

let db: TestDatabase;
let redis: Redis;
let engine: StatsEngine;
const prefix = `it:${randomUUID()}:`;

beforeAll(async () => {
  db = await createTestDatabase("stats");
  redis = createRedis(loadConfig(), prefix);
  // Unmerged, a session's rows in `sessions` stay partial states, one per insert: the engine must fold them.
  await db.client.command({ query: "SYSTEM STOP MERGES sessions" });
  await ingest(db.client, redis, [...FIXTURE, ...liveSessions(Date.now())], 5);
  engine = new StatsEngine(db.client, { now: () => NOW });
}, 60_000);

afterAll(async () => {
  await disposeWorld(db, redis, prefix);
});

/** A query on site alpha for the week in Berlin. */
const alpha = (query: Partial<StatsQueryInput> = {}): StatsQueryInput => ({
  site_id: "alpha",
  timezone: BERLIN,
  date_range: WEEK,
  ...query,
});

async function visitorsWith(...filters: FilterInput[]) {
  const { metrics } = await engine.aggregate(alpha({ metrics: ["visitors", "pageviews", "sessions"], filters }));
  return metrics;
}

describe("the fixture as stored", () => {
  it("has partial session rows, keep-alives and a bot, as the figures below assume", async () => {
    const rs = await db.client.query({
      query: `SELECT
        (SELECT count() FROM sessions WHERE site_id = 'alpha') AS session_rows,
        (SELECT uniqExact(session_id) FROM sessions WHERE site_id = 'alpha') AS sessions,
        (SELECT countIf(kind = 'session') FROM events WHERE site_id = 'alpha') AS keep_alives,
        (SELECT countIf(is_bot = 1) FROM events WHERE site_id = 'alpha') AS bot_rows`,
      format: "JSONEachRow",
    });
    const [row] = await rs.json<{ session_rows: number; sessions: number; keep_alives: number; bot_rows: number }>();
    // 18 alpha sessions (P1-P4, S1-S9, S11-S14, BOT); batches of 5 split several of them.
    expect(row!.sessions).toBe(18);
    expect(row!.session_rows).toBeGreaterThan(18);
    expect(row!.keep_alives).toBe(2);
    expect(row!.bot_rows).toBe(2);
  });
});

describe("aggregate", () => {
  it("counts the week's visitors, sessions, page views, bounces, durations and money", async () => {
    const result = await engine.aggregate(
      alpha({
        metrics: [
          "visitors",
          "sessions",
          "pageviews",
          "views_per_visit",
          "bounces",
          "bounce_rate",
          "avg_session_duration",
          "avg_time_on_page",
          "events",
          "event_visitors",
          "conversion_rate",
          "revenue",
          "custom_metric_total",
          "custom_metric_avg",
        ],
        revenue_key: "amount",
        custom_metric_key: "amount",
        custom_metric_type: "float",
      }),
    );
    expect(result.period).toEqual({ start: "2025-03-02T23:00:00.000Z", end: "2025-03-09T23:00:00.000Z" });
    expect(result.metrics).toEqual({
      visitors: 10,
      sessions: 11,
      pageviews: 19,
      views_per_visit: 1.73,
      bounces: 4,
      bounce_rate: 0.3636,
      avg_session_duration: 272,
      avg_time_on_page: 58,
      events: 5,
      event_visitors: 5,
      // No hit filter: every visitor "converts".
      conversion_rate: 1,
      revenue: 167.5,
      custom_metric_total: 167.5,
      custom_metric_avg: 55.8333,
    });
  });

  it("reads an integer custom metric, skipping values that are not integers", async () => {
    const { metrics } = await engine.aggregate(
      alpha({ metrics: ["custom_metric_total", "custom_metric_avg"], custom_metric_key: "amount", custom_metric_type: "integer" }),
    );
    expect(metrics).toEqual({ custom_metric_total: 68, custom_metric_avg: 34 });
  });

  it("compares with the previous week", async () => {
    // visitors 10 vs 3 → 7/3 = 2.3333; pageviews 19 vs 4 → 3.75; sessions 11 vs 3 → 2.6667;
    // bounce_rate 4/11 vs 2/3 → -0.4545 (from the rounded rates: -0.4546)
    const result = await engine.aggregate(
      alpha({ metrics: ["visitors", "pageviews", "sessions", "bounce_rate"], include: { comparison: "previous_period" } }),
    );
    expect(result.comparison?.period).toEqual({ start: "2025-02-23T23:00:00.000Z", end: "2025-03-02T23:00:00.000Z" });
    expect(result.comparison?.metrics).toEqual({ visitors: 3, pageviews: 4, sessions: 3, bounce_rate: 0.6667 });
    expect(result.comparison?.change).toMatchObject({ visitors: 2.3333, pageviews: 3.75, sessions: 2.6667 });
    expect(result.comparison?.change.bounce_rate).toBeCloseTo(-0.4545, 3);
  });

  it("resolves presets against the clock (now: Wed 2025-04-02)", async () => {
    // 7d = 03-27..04-02: S13 (E@03-30), S14 (G@03-30) → 2.
    // 30d = 03-04..04-02 (from 03-03 23:00Z): S3 C, S4 D, S5 E, S7 F, S8 G, S9 H, S11 B, S12 E@03-09, S13, S14 → 10.
    const of = async (date_range: StatsQueryInput["date_range"]) => (await engine.aggregate(alpha({ date_range }))).metrics.visitors;
    expect(await of("7d")).toBe(2);
    expect(await of("30d")).toBe(10);
    expect(await of("month")).toBe(0);
  });

  it("narrows a day to minutes with from_time and to_time (to_time is the last minute included)", async () => {
    // Wed 03-05 Berlin: S3 00:30 (C), S4 11:00 (D), S5 11:05 (E); the bot at 12:00 never counts.
    const day = { from: "2025-03-05", to: "2025-03-05" };
    const of = async (from_time: string, to_time: string) =>
      (await engine.aggregate(alpha({ date_range: { ...day, from_time, to_time } }))).metrics.visitors;
    expect(await of("00:00", "11:59")).toBe(3);
    expect(await of("00:00", "11:04")).toBe(2);
    expect(await of("11:05", "11:05")).toBe(1);
  });
});

describe("filters", () => {
  // Page-level filters count the rows that match; visitors and sessions are those with such a row.
  it("is, is_not, contains, not_contains on a page field", async () => {
    // /pricing rows (page views and the events on it): P4 D@03-02, S1 A, S4 D@03-05, S5 E, S8 G, S11 B@03-09 → 6 visitors, 6 pv, 6 sessions
    expect(await visitorsWith({ field: "path", op: "is", values: ["/pricing"] })).toEqual({ visitors: 6, pageviews: 6, sessions: 6 });
    // Visitors with a row elsewhere: all but D@03-02, E, B@03-09 (only /pricing) → 7; pv 19 - 6 = 13;
    // sessions with another page: S1, S2, S6, S3, S4, S7, S8, S9 → 8
    expect(await visitorsWith({ field: "path", op: "is_not", values: ["/pricing"] })).toEqual({ visitors: 7, pageviews: 13, sessions: 8 });
    // /blog/* rows: B@03-03 (S2), A (S6), C (S3), H (S9) → 4 visitors, 5 pv; sessions S2, S6, S3, S9 → 4. Case is ignored.
    expect(await visitorsWith({ field: "path", op: "contains", values: ["BLOG"] })).toEqual({ visitors: 4, pageviews: 5, sessions: 4 });
    // Rows without "blog": everyone but B@03-03 and C → 8; pv 19 - 5 = 14; sessions but S2, S6, S3 → 8
    expect(await visitorsWith({ field: "path", op: "not_contains", values: ["blog"] })).toEqual({ visitors: 8, pageviews: 14, sessions: 8 });
  });

  it("several values are any of them; several filters all of them", async () => {
    // /signup (A) or /docs/api (F) → 2 visitors, 2 pv
    expect(await visitorsWith({ field: "path", values: ["/signup", "/docs/api"] })).toMatchObject({ visitors: 2, pageviews: 2 });
    // Neither: 19 - 2 = 17 pv
    expect(await visitorsWith({ field: "path", op: "is_not", values: ["/signup", "/docs/api"] })).toMatchObject({ pageviews: 17 });
    // /pricing rows of US visitors: only B@03-09 (H and B@03-03 never saw /pricing) → 1
    expect(await visitorsWith({ field: "path", values: ["/pricing"] }, { field: "country", values: ["US"] })).toMatchObject({ visitors: 1, pageviews: 1 });
  });

  it("matches a path pattern (RE2) and reports a broken one as a query error", async () => {
    // /docs/setup (S4 D@03-05, S7 F), /docs/api (S7) → 2 visitors, 3 pv
    expect(await visitorsWith({ field: "pattern", values: ["^/docs/.*$"] })).toMatchObject({ visitors: 2, pageviews: 3 });
    expect(await visitorsWith({ field: "pattern", op: "is_not", values: ["^/docs/"] })).toMatchObject({ pageviews: 16 });
    await expect(visitorsWith({ field: "pattern", values: ["("] })).rejects.toBeInstanceOf(StatsQueryError);
  });

  it("filters events, their metadata and tags", async () => {
    // Signup events: A (S1), D@03-05 (S4), G (S8) → 3 visitors, conversion 3/10
    const signup = await engine.aggregate(
      alpha({ metrics: ["visitors", "events", "pageviews", "conversion_rate", "revenue"], revenue_key: "amount", filters: [{ field: "event", values: ["Signup"] }] }),
    );
    expect(signup.metrics).toEqual({ visitors: 3, events: 3, pageviews: 0, conversion_rate: 0.3, revenue: 167.5 });
    // plan = pro: S1 (49), S8 (99.5)
    const pro = await engine.aggregate(
      alpha({ metrics: ["visitors", "events", "revenue"], revenue_key: "amount", filters: [{ field: "event_meta", key: "plan", values: ["pro"] }] }),
    );
    expect(pro.metrics).toEqual({ visitors: 2, events: 2, revenue: 148.5 });
    // plan is not pro: a row without the key has "" there, so: Signup basic, Download, Outbound → 3 events
    const notPro = await engine.aggregate(alpha({ metrics: ["events"], filters: [{ field: "event_meta", key: "plan", op: "is_not", values: ["pro"] }] }));
    expect(notPro.metrics).toEqual({ events: 3 });
    // author John: /blog/hello in S2 (B@03-03), S6 (A), S3 (C); Jane: /blog/world in S2, S9 (H)
    expect(await visitorsWith({ field: "tag", key: "author", values: ["John"] })).toMatchObject({ visitors: 3, pageviews: 3 });
    expect(await visitorsWith({ field: "tag", key: "author", op: "contains", values: ["ja"] })).toMatchObject({ visitors: 2, pageviews: 2 });
  });

  it("selects whole sessions by entry and exit page, referrer, channel and UTM values", async () => {
    // Entry /: S1 (3 pv), S4 (3), S8 (2), S9 (2) → visitors A, D@03-05, G, H = 4; 10 pv; no bounce
    const entry = await engine.aggregate(alpha({ metrics: ["visitors", "pageviews", "sessions", "bounce_rate"], filters: [{ field: "entry_path", values: ["/"] }] }));
    expect(entry.metrics).toEqual({ visitors: 4, pageviews: 10, sessions: 4, bounce_rate: 0 });
    // Exit /pricing: P4 (1 pv), S5 (1), S8 (2, its Signup on /pricing is last), S11 (1) → 4 visitors, 5 pv
    expect(await visitorsWith({ field: "exit_path", values: ["/pricing"] })).toEqual({ visitors: 4, pageviews: 5, sessions: 4 });
    // Google: S1 and S5. All rows of S1 count, though only its first carries the referrer → 3 + 1 pv
    expect(await visitorsWith({ field: "referrer_name", values: ["Google"] })).toEqual({ visitors: 2, pageviews: 4, sessions: 2 });
    expect(await visitorsWith({ field: "referrer", op: "contains", values: ["google.com"] })).toEqual({ visitors: 2, pageviews: 4, sessions: 2 });
    // Organic Search: S1, S5, S11 → 3 visitors, 3 + 1 + 1 pv
    expect(await visitorsWith({ field: "channel", values: ["Organic Search"] })).toEqual({ visitors: 3, pageviews: 5, sessions: 3 });
    // utm_campaign spring: S2 → 1 visitor, 2 pv
    expect(await visitorsWith({ field: "utm_campaign", values: ["spring"] })).toEqual({ visitors: 1, pageviews: 2, sessions: 1 });
    // Not from the newsletter: every session but S2; B@03-03 had only S2 → 9 visitors, 17 pv, 10 sessions
    expect(await visitorsWith({ field: "utm_source", op: "is_not", values: ["newsletter"] })).toEqual({ visitors: 9, pageviews: 17, sessions: 10 });
    // Entry / and a /pricing row: S1, S4, S8 → 3 visitors, 3 pv
    expect(await visitorsWith({ field: "entry_path", values: ["/"] }, { field: "path", values: ["/pricing"] })).toMatchObject({
      visitors: 3,
      pageviews: 3,
    });
  });

  it("filters by client fields", async () => {
    // GB: A (S1 3 pv + S6 1), F (S7 2) → 2 visitors, 6 pv; the code may be given in lower case
    expect(await visitorsWith({ field: "country", values: ["gb"] })).toEqual({ visitors: 2, pageviews: 6, sessions: 3 });
    // Neither GB nor US: D@03-02, C, D@03-05, E, G → 5
    expect(await visitorsWith({ field: "country", op: "is_not", values: ["GB", "US"] })).toMatchObject({ visitors: 5 });
    expect(await visitorsWith({ field: "browser", values: ["Safari"] })).toMatchObject({ visitors: 5 }); // D@03-02, C, D@03-05, F, H
    expect(await visitorsWith({ field: "platform", values: ["mobile"] })).toMatchObject({ visitors: 2 }); // C, F
    expect(await visitorsWith({ field: "screen_class", values: ["XS"] })).toMatchObject({ visitors: 2 }); // C, F
    expect(await visitorsWith({ field: "browser_version", values: ["120.0"] })).toMatchObject({ visitors: 2 }); // A, G
    expect(await visitorsWith({ field: "os", values: ["macOS"] })).toMatchObject({ visitors: 3 }); // D@03-02, D@03-05, H
    expect(await visitorsWith({ field: "language", values: ["de"] })).toMatchObject({ visitors: 1 }); // C
    expect(await visitorsWith({ field: "city", values: ["Berlin"] }, { field: "region", values: ["BE"] })).toMatchObject({ visitors: 1 });
    expect(await visitorsWith({ field: "hostname", values: ["alpha.example"] })).toMatchObject({ visitors: 10 });
  });

  it("filters one visitor and one session by id", async () => {
    const { rows } = await engine.sessionsList(alpha({ filters: [{ field: "entry_path", values: ["/"] }], limit: 10 }));
    const s1 = rows.find((r) => r.start === "2025-03-03T09:00:00.000Z")!;
    // A@03-03 had S1 (3 pv) and S6 (1 pv)
    expect(await visitorsWith({ field: "visitor_id", values: [s1.visitor_id] })).toEqual({ visitors: 1, pageviews: 4, sessions: 2 });
    expect(await visitorsWith({ field: "session_id", values: [s1.session_id] })).toEqual({ visitors: 1, pageviews: 3, sessions: 1 });
  });

  describe("values that try to break out of the SQL", () => {
    const NASTY = ["'; DROP TABLE events; --", "\\", "\\'", "'", '"', "%", "_", ".*", "(?i)^/", "{site:String}", "alpha' OR '1'='1", "€ ✓"];
    const plain = FILTER_FIELDS.filter((f) => f !== "event_meta" && f !== "tag" && f !== "pattern");

    it.each(plain)("%s: nothing matches, everything is left, no error", async (field) => {
      for (const op of ["is", "contains"] as const) {
        expect(await visitorsWith({ field, op, values: NASTY } as FilterInput)).toEqual({ visitors: 0, pageviews: 0, sessions: 0 });
      }
      for (const op of ["is_not", "not_contains"] as const) {
        expect(await visitorsWith({ field, op, values: NASTY } as FilterInput)).toEqual({ visitors: 10, pageviews: 19, sessions: 11 });
      }
    });

    it("as map keys, values, patterns, search terms, dimensions and site ids", async () => {
      for (const key of NASTY) {
        expect(await visitorsWith({ field: "event_meta", key, values: NASTY })).toEqual({ visitors: 0, pageviews: 0, sessions: 0 });
        expect(await visitorsWith({ field: "tag", key, op: "is_not", values: NASTY })).toEqual({ visitors: 10, pageviews: 19, sessions: 11 });
      }
      // A literal that is a valid RE2 expression matches nothing; "\" alone and "(" are no expressions at all.
      expect(await visitorsWith({ field: "pattern", values: ["'; DROP TABLE events; --"] })).toMatchObject({ visitors: 0 });
      await expect(visitorsWith({ field: "pattern", values: ["\\"] })).rejects.toBeInstanceOf(StatsQueryError);
      await expect(visitorsWith({ field: "pattern", values: ["a(b"] })).rejects.toBeInstanceOf(StatsQueryError);
      // Every row has "" under a key nobody sent.
      const byKey = await engine.breakdown(alpha({ dimensions: [`event_meta:${NASTY[0]}`, `tag:${NASTY[2]}`] }));
      expect(byKey.rows).toEqual([{ dimensions: { [`event_meta:${NASTY[0]}`]: "", [`tag:${NASTY[2]}`]: "" }, metrics: { visitors: 10 } }]);
      for (const search of NASTY) expect((await engine.breakdown(alpha({ dimensions: ["path"], search }))).rows).toEqual([]);
      for (const site_id of NASTY) expect((await engine.aggregate(alpha({ site_id }))).metrics).toEqual({ visitors: 0 });
      const revenue = await engine.aggregate(alpha({ metrics: ["revenue", "custom_metric_total"], revenue_key: NASTY[0], custom_metric_key: NASTY[1], custom_metric_type: "float" }));
      expect(revenue.metrics).toEqual({ revenue: 0, custom_metric_total: 0 });
      expect(await engine.filterOptions(alpha({ filters: [{ field: "path", values: NASTY }] }), "country")).toEqual([]);
      expect(await engine.sessionDetails(NASTY[0]!, NASTY[0]!)).toEqual([]);
    });
  });
});

describe("breakdown", () => {
  // By path (rows of both kinds; sessions that include the page; time on page of the page):
  //   path          visitors                                   pv  sessions            bounces     time on page
  //   /pricing      D@03-02 A D@03-05 E G B@03-09 = 6          6   P4 S1 S4 S5 S8 S11  P4 S5 = 2   120, 60 → 90
  //   /             A D@03-05 G H = 4                          4   S1 S4 S8 S9         0           60, 20, 10, 90 → 45
  //   /blog/hello   B@03-03 A C = 3                            3   S2 S6 S3            S6 S3 = 2   45
  //   /blog/world   B@03-03 H = 2                              2   S2 S9               0           0 (always last)
  //   /docs/setup   D@03-05 F = 2                              2   S4 S7               0           0 (2500 s ignored)
  //   /docs/api     F = 1                                      1   S7                  0           0
  //   /signup       A = 1                                      1   S1                  0           0
  // Relative to the totals 10 visitors, 19 pv, 11 sessions.
  it("lists pages with session metrics, time on page and relative shares", async () => {
    const result = await engine.breakdown(
      alpha({ dimensions: ["path"], metrics: ["visitors", "pageviews", "sessions", "bounce_rate", "avg_time_on_page"], include: { relative: true } }),
    );
    expect(result.total_rows).toBe(7);
    expect(result.totals).toEqual({ visitors: 10, pageviews: 19, sessions: 11 });
    expect(result.rows.map((r) => [r.dimensions["path"], r.metrics])).toEqual([
      ["/pricing", { visitors: 6, pageviews: 6, sessions: 6, bounce_rate: 0.3333, avg_time_on_page: 90 }],
      ["/", { visitors: 4, pageviews: 4, sessions: 4, bounce_rate: 0, avg_time_on_page: 45 }],
      ["/blog/hello", { visitors: 3, pageviews: 3, sessions: 3, bounce_rate: 0.6667, avg_time_on_page: 45 }],
      ["/blog/world", { visitors: 2, pageviews: 2, sessions: 2, bounce_rate: 0, avg_time_on_page: 0 }],
      ["/docs/setup", { visitors: 2, pageviews: 2, sessions: 2, bounce_rate: 0, avg_time_on_page: 0 }],
      ["/docs/api", { visitors: 1, pageviews: 1, sessions: 1, bounce_rate: 0, avg_time_on_page: 0 }],
      ["/signup", { visitors: 1, pageviews: 1, sessions: 1, bounce_rate: 0, avg_time_on_page: 0 }],
    ]);
    expect(result.rows[0]!.relative).toEqual({ visitors: 0.6, pageviews: 0.3158, sessions: 0.5455 });
    expect(result.rows[1]!.relative).toEqual({ visitors: 0.4, pageviews: 0.2105, sessions: 0.3636 });
  });

  it("sorts, pages and searches", async () => {
    const paths = async (query: Partial<StatsQueryInput>) => {
      const result = await engine.breakdown(alpha({ dimensions: ["path"], ...query }));
      return { paths: result.rows.map((r) => r.dimensions["path"]), total: result.total_rows };
    };
    expect(await paths({ limit: 2, offset: 2 })).toEqual({ paths: ["/blog/hello", "/blog/world"], total: 7 });
    expect(await paths({ limit: 2, offset: 10 })).toEqual({ paths: [], total: 7 });
    expect(await paths({ search: "BLOG" })).toEqual({ paths: ["/blog/hello", "/blog/world"], total: 2 });
    expect(await paths({ order_by: [["path", "asc"]] })).toEqual({
      paths: ["/", "/blog/hello", "/blog/world", "/docs/api", "/docs/setup", "/pricing", "/signup"],
      total: 7,
    });
    // Fewest visitors first, ties by path descending
    expect(await paths({ order_by: [["visitors", "asc"], ["path", "desc"]] })).toEqual({
      paths: ["/signup", "/docs/api", "/docs/setup", "/blog/world", "/blog/hello", "/", "/pricing"],
      total: 7,
    });
  });

  it("groups by countries, titles, hours and weekdays in the site's zone", async () => {
    const rows = async (dimension: StatsQueryInput["dimensions"]) =>
      (await engine.breakdown(alpha({ dimensions: dimension, limit: 100 }))).rows.map((r) => [Object.values(r.dimensions)[0], r.metrics.visitors]);
    // US: B@03-03, H, B@03-09; GB: A, F; JP: D@03-02, D@03-05; DE C; FI E; FR G
    expect(await rows(["country"])).toEqual([["US", 3], ["GB", 2], ["JP", 2], ["DE", 1], ["FI", 1], ["FR", 1]]);
    expect((await rows(["title"])).slice(0, 2)).toEqual([["Pricing", 6], ["Home", 4]]);
    // Berlin hours: 0 = P4 00:30 (D@03-02), S3 00:30 (C), S9's 00:00:30 (H); 11 = S4 (D@03-05), S5 (E); the rest one each
    expect(await rows(["hour"])).toEqual([[0, 3], [11, 2], [9, 1], [10, 1], [13, 1], [15, 1], [19, 1], [21, 1], [23, 1]]);
    // Mon: D@03-02, A, B@03-03; Wed: C, D@03-05, E; Sun: H (00:00:30), B@03-09; no row on Tuesday
    expect(await rows(["weekday"])).toEqual([[1, 3], [3, 3], [7, 2], [4, 1], [5, 1], [6, 1]]);
  });

  // Minute of the hour of every counted row (Berlin is a whole hour off UTC, so the UTC minute):
  //   0: S1 09:00 A, S2 B@03-03, S6 A, S4 10:00-10:00:50 D@03-05, S7 08:00 F, S8 G, S9's 23:00:30 H, S11 B@03-09 → 7
  //   1: S1 09:01 A, S4 10:01:20 D@03-05 → 2;  3: S1 09:03 /signup and Signup A → 1;  5: S5 E → 1
  //   30: P4 D@03-02, S3 C → 2;  41: S7 08:41:40 /docs/api F;  42: S7's Download F;  59: S9 22:59 H
  // In Kolkata (UTC+5:30) the minutes move by 30. Its 2025-03-03 is [03-02 18:30Z, 03-03 18:30Z):
  //   P4 23:30Z → 05:00 (0) D@03-02; S1 09:00, 09:01, 09:03Z → 14:30, 14:31, 14:33 A; S2 14:00Z → 19:30 B; S6 18:00Z → 23:30 A
  it("groups by the minute of the hour in the zone", async () => {
    const minutes = async (query: Partial<StatsQueryInput>) =>
      (await engine.breakdown(alpha({ dimensions: ["minute"], limit: 100, ...query }))).rows.map((r) => [r.dimensions["minute"], r.metrics.visitors]);
    expect(await minutes({})).toEqual([[0, 7], [1, 2], [30, 2], [3, 1], [5, 1], [41, 1], [42, 1], [59, 1]]);
    const kolkata = { timezone: "Asia/Kolkata", date_range: { from: "2025-03-03", to: "2025-03-03" } };
    expect(await minutes(kolkata)).toEqual([[30, 2], [0, 1], [31, 1], [33, 1]]);
    await expect(engine.filterOptions(alpha(), "minute")).rejects.toThrow(StatsQueryError);
  });

  // Entry titles (first page view): Home S1 S4 S8 S9; Hello S2 S6 S3; Pricing P4 S5 S11; Setup S7.
  // Exit titles (last page view; events and keep-alives after it do not change it):
  //   Pricing P4 S5 S8 S11 (D@03-02, E, G, B@03-09); Hello S6 S3 (A, C); World S2 S9 (B@03-03, H);
  //   API S7 (F, a keep-alive and an event after /docs/api); Setup S4 (D@03-05); Sign up S1 (A, the Signup event after it).
  it("groups and filters by entry and exit titles", async () => {
    const entry = await engine.breakdown(alpha({ dimensions: ["entry_path", "entry_title"], metrics: ["sessions"] }));
    expect(entry.rows.map((r) => [r.dimensions["entry_path"], r.dimensions["entry_title"], r.metrics.sessions])).toEqual([
      ["/", "Home", 4],
      ["/blog/hello", "Hello", 3],
      ["/pricing", "Pricing", 3],
      ["/docs/setup", "Setup", 1],
    ]);
    const exit = await engine.breakdown(alpha({ dimensions: ["exit_path", "exit_title"], metrics: ["sessions", "visitors"] }));
    expect(exit.rows.map((r) => [r.dimensions["exit_path"], r.dimensions["exit_title"], r.metrics.sessions, r.metrics.visitors])).toEqual([
      ["/pricing", "Pricing", 4, 4],
      ["/blog/hello", "Hello", 2, 2],
      ["/blog/world", "World", 2, 2],
      ["/docs/api", "API", 1, 1],
      ["/docs/setup", "Setup", 1, 1],
      ["/signup", "Sign up", 1, 1],
    ]);
    expect(await visitorsWith({ field: "exit_title", values: ["Pricing"] })).toEqual({ visitors: 4, pageviews: 1 + 1 + 2 + 1, sessions: 4 });
    expect(await visitorsWith({ field: "entry_title", op: "contains", values: ["hom"] })).toEqual({ visitors: 4, pageviews: 3 + 3 + 2 + 2, sessions: 4 });
  });

  it("groups by visit fields: entry and exit pages, channels", async () => {
    // Entry: / S1 S4 S8 S9 (A, D@03-05, G, H); /pricing P4 S5 S11; /blog/hello S2 S6 S3; /docs/setup S7
    const entry = await engine.breakdown(alpha({ dimensions: ["entry_path"], metrics: ["sessions", "visitors"], include: { relative: true } }));
    expect(entry.rows.map((r) => [r.dimensions["entry_path"], r.metrics.sessions, r.metrics.visitors, r.relative?.sessions])).toEqual([
      ["/", 4, 4, 0.3636],
      ["/blog/hello", 3, 3, 0.2727],
      ["/pricing", 3, 3, 0.2727],
      ["/docs/setup", 1, 1, 0.0909],
    ]);
    // Exit: /pricing P4 S5 S8 S11; /blog/hello S6 S3; /blog/world S2 S9; /docs/api S7; /docs/setup S4; /signup S1
    const exit = await engine.breakdown(alpha({ dimensions: ["exit_path"], metrics: ["sessions"] }));
    expect(exit.rows.map((r) => [r.dimensions["exit_path"], r.metrics.sessions])).toEqual([
      ["/pricing", 4],
      ["/blog/hello", 2],
      ["/blog/world", 2],
      ["/docs/api", 1],
      ["/docs/setup", 1],
      ["/signup", 1],
    ]);
    // Direct: P4 S6 S4 S7 S9 (D@03-02, A, D@03-05, F, H); Organic Search: S1 S5 S11; one each for Email, Organic Social, Paid Search.
    // A@03-03 came twice, directly and from Google, so the channels' visitors add up to 11.
    const channels = await engine.breakdown(alpha({ dimensions: ["channel"], metrics: ["visitors", "sessions", "pageviews"] }));
    expect(channels.rows.map((r) => [r.dimensions["channel"], r.metrics])).toEqual([
      ["Direct", { visitors: 5, sessions: 5, pageviews: 1 + 1 + 3 + 2 + 2 }],
      ["Organic Search", { visitors: 3, sessions: 3, pageviews: 3 + 1 + 1 }],
      ["Email", { visitors: 1, sessions: 1, pageviews: 2 }],
      ["Organic Social", { visitors: 1, sessions: 1, pageviews: 1 }],
      ["Paid Search", { visitors: 1, sessions: 1, pageviews: 2 }],
    ]);
  });

  it("breaks events down by name, metadata and tag", async () => {
    // Durations sent with the events: Signup 0 (S1), 0 (S4), 6 (S8) → 2; Download 12; Outbound 0; all five: 18 / 5 = 3.6 → 4
    const events = await engine.breakdown(
      alpha({ dimensions: ["event"], metrics: ["events", "visitors", "avg_event_duration"], filters: [{ field: "event", op: "is_not", values: [""] }] }),
    );
    expect(events.rows.map((r) => [r.dimensions["event"], r.metrics])).toEqual([
      ["Signup", { events: 3, visitors: 3, avg_event_duration: 2 }],
      ["Download", { events: 1, visitors: 1, avg_event_duration: 12 }],
      ["Outbound Link Click", { events: 1, visitors: 1, avg_event_duration: 0 }],
    ]);
    expect((await engine.aggregate(alpha({ metrics: ["avg_event_duration"] }))).metrics).toEqual({ avg_event_duration: 4 });
    const plans = await engine.breakdown(
      alpha({ dimensions: ["event_meta:plan"], metrics: ["events", "revenue"], revenue_key: "amount", filters: [{ field: "event", values: ["Signup"] }] }),
    );
    expect(plans.rows.map((r) => [r.dimensions["event_meta:plan"], r.metrics])).toEqual([
      ["pro", { events: 2, revenue: 148.5 }],
      ["basic", { events: 1, revenue: 19 }],
    ]);
    const authors = await engine.breakdown(alpha({ dimensions: ["tag:author"], metrics: ["visitors", "pageviews"], filters: [{ field: "tag", key: "author", op: "is_not", values: [""] }] }));
    expect(authors.rows.map((r) => [r.dimensions["tag:author"], r.metrics])).toEqual([
      ["John", { visitors: 3, pageviews: 3 }],
      ["Jane", { visitors: 2, pageviews: 2 }],
    ]);
  });

  it("gives each row its own conversion rate", async () => {
    // Signup visitors: A (GB), D@03-05 (JP), G (FR); all visitors: GB 2, JP 2, FR 1
    const result = await engine.breakdown(alpha({ dimensions: ["country"], metrics: ["visitors", "conversion_rate"], filters: [{ field: "event", values: ["Signup"] }] }));
    expect(result.rows.map((r) => [r.dimensions["country"], r.metrics])).toEqual([
      ["FR", { visitors: 1, conversion_rate: 1 }],
      ["GB", { visitors: 1, conversion_rate: 0.5 }],
      ["JP", { visitors: 1, conversion_rate: 0.5 }],
    ]);
  });

  it("compares each row with the same row of the previous week", async () => {
    // Previous week: / A@02-24, C@02-26 → 2; /pricing A@02-24 → 1; /blog/hello B@02-25 → 1
    const result = await engine.breakdown(alpha({ dimensions: ["path"], limit: 4, include: { comparison: "previous_period" } }));
    expect(result.rows.map((r) => [r.dimensions["path"], r.metrics.visitors, r.comparison?.metrics.visitors, r.comparison?.change.visitors])).toEqual([
      ["/pricing", 6, 1, 5],
      ["/", 4, 2, 1],
      ["/blog/hello", 3, 1, 2],
      ["/blog/world", 2, 0, null],
    ]);
  });
});

describe("timeseries", () => {
  // Berlin days: Mon 03-03 D@03-02 A B@03-03 (pv 1+3+2+1, sessions P4 S1 S2 S6); Tue nothing (S3's 23:30 UTC
  // is Wednesday here); Wed C D@03-05 E (1+3+1; S3 S4 S5); Thu F (2; S7); Fri G (2; S8); Sat H (1: "/" at 23:59; S9);
  // Sun H (/blog/world at 00:00:30) and B@03-09 (1 + 1; S11).
  it("has every day of the week in Berlin, empty ones with zeros", async () => {
    const result = await engine.timeseries(alpha({ metrics: ["visitors", "pageviews", "sessions"], dimensions: ["time:day"] }));
    expect(result.rows.map((r) => [r.dimensions["time:day"], r.metrics])).toEqual([
      ["2025-03-03", { visitors: 3, pageviews: 7, sessions: 4 }],
      ["2025-03-04", { visitors: 0, pageviews: 0, sessions: 0 }],
      ["2025-03-05", { visitors: 3, pageviews: 5, sessions: 3 }],
      ["2025-03-06", { visitors: 1, pageviews: 2, sessions: 1 }],
      ["2025-03-07", { visitors: 1, pageviews: 2, sessions: 1 }],
      ["2025-03-08", { visitors: 1, pageviews: 1, sessions: 1 }],
      ["2025-03-09", { visitors: 2, pageviews: 2, sessions: 1 }],
    ]);
  });

  it("puts the same hits on other days in UTC", async () => {
    // UTC: P4 is on 03-02 (outside); C on 03-04; S12 (E@03-09, 23:30) on 03-09; S9 all on 03-08
    const result = await engine.timeseries(alpha({ timezone: "UTC" }));
    expect(result.rows.map((r) => r.metrics.visitors)).toEqual([2, 1, 2, 1, 1, 1, 2]);
  });

  it("compares each day with the same day of the previous week", async () => {
    // Previous week by day: A@02-24, B@02-25, C@02-26, then nothing
    const result = await engine.timeseries(alpha({ include: { comparison: "previous_period" } }));
    expect(result.comparison_period).toEqual({ start: "2025-02-23T23:00:00.000Z", end: "2025-03-02T23:00:00.000Z" });
    expect(result.rows.map((r) => [r.comparison?.dimensions?.["time:day"], r.comparison?.metrics.visitors, r.comparison?.change.visitors])).toEqual([
      ["2025-02-24", 1, 2],
      ["2025-02-25", 1, -1],
      ["2025-02-26", 1, 2],
      ["2025-02-27", 0, null],
      ["2025-02-28", 0, null],
      ["2025-03-01", 0, null],
      ["2025-03-02", 0, null],
    ]);
  });

  it("buckets hours across the spring DST change and within a day's minutes", async () => {
    // 2025-03-30 in Berlin has 23 hours (02:00 does not exist): S13 at 01:30 CET, S14 at 03:30 CEST.
    const dst = await engine.timeseries(alpha({ date_range: { from: "2025-03-30", to: "2025-03-30" }, dimensions: ["time:hour"] }));
    expect(dst.rows).toHaveLength(23);
    expect(dst.rows.filter((r) => r.metrics.visitors! > 0).map((r) => r.dimensions["time:hour"])).toEqual(["2025-03-30 01:00:00", "2025-03-30 03:00:00"]);
    expect(dst.rows.map((r) => r.dimensions["time:hour"])).not.toContain("2025-03-30 02:00:00");
    // Wed 03-05 until 11:59: 12 hours; 00:00 C (S3), 11:00 D@03-05 and E
    const morning = await engine.timeseries(
      alpha({ date_range: { from: "2025-03-05", to: "2025-03-05", from_time: "00:00", to_time: "11:59" }, dimensions: ["time:hour"] }),
    );
    expect(morning.rows).toHaveLength(12);
    expect(morning.rows.filter((r) => r.metrics.visitors! > 0).map((r) => [r.dimensions["time:hour"], r.metrics.visitors])).toEqual([
      ["2025-03-05 00:00:00", 1],
      ["2025-03-05 11:00:00", 2],
    ]);
  });

  it("starts the whole history at the first hit, by month", async () => {
    // Feb (Berlin): A@02-24, B@02-25, C@02-26 (4 pv); Mar: the week's 10 + E@03-09 (S12), E@03-30, G@03-30 = 13 (19 + 3 pv); Apr: nothing yet
    const result = await engine.timeseries(alpha({ date_range: "all", dimensions: ["time:month"], metrics: ["visitors", "pageviews"] }));
    expect(result.rows.map((r) => [r.dimensions["time:month"], r.metrics])).toEqual([
      ["2025-02-01", { visitors: 3, pageviews: 4 }],
      ["2025-03-01", { visitors: 13, pageviews: 22 }],
      ["2025-04-01", { visitors: 0, pageviews: 0 }],
    ]);
  });
});

describe("funnels and goals", () => {
  it("follows visitors through / → /pricing → Signup within an hour", async () => {
    // "/" rows: A, D@03-05, G, H; then /pricing: A (09:01), D (10:00:20), G (12:00:10); then Signup: all three.
    const steps: FunnelStepInput[] = [
      { filters: [{ field: "path", values: ["/"] }] },
      { filters: [{ field: "path", values: ["/pricing"] }] },
      { name: "Signed up", filters: [{ field: "event", values: ["Signup"] }] },
    ];
    const result = await engine.funnel(alpha(), steps, { windowSeconds: 3600 });
    expect(result.steps).toEqual([
      { step: 1, name: undefined, visitors: 4, share_of_first: 1, previous_visitors: 0, share_of_previous: 1, dropped: 0, drop_off: 0 },
      { step: 2, name: undefined, visitors: 3, share_of_first: 0.75, previous_visitors: 4, share_of_previous: 0.75, dropped: 1, drop_off: 0.25 },
      { step: 3, name: "Signed up", visitors: 3, share_of_first: 0.75, previous_visitors: 3, share_of_previous: 1, dropped: 0, drop_off: 0 },
    ]);
    // The query's filters narrow the first step: the US visitors on "/" are only H, who went no further.
    const us = await engine.funnel(alpha({ filters: [{ field: "country", values: ["US"] }] }), steps, { windowSeconds: 3600 });
    expect(us.steps.map((s) => s.visitors)).toEqual([1, 0, 0]);
    // By session: /pricing in P4 S1 S4 S5 S8 S11, then Signup in S1 S4 S8
    const sessions = await engine.funnel(alpha(), steps.slice(1), { by: "session" });
    expect(sessions.steps.map((s) => [s.visitors, s.drop_off])).toEqual([[6, 0], [3, 0.5]]);
  });

  it("counts goal conversions, rates and revenue", async () => {
    // Signup: A, D@03-05, G (49 + 19 + 99.5); pro: A, G (49 + 99.5); /docs/**: setup (S4, S7) and api (S7) by D@03-05, F;
    // /blog/*: hello x3 and world x2 by B@03-03, A, C, H; /pricing page views: P4, S1, S4, S5, S8, S11 (6 visitors)
    const result = await engine.goals(alpha({ revenue_key: "amount" }), [
      { id: "signup", name: "Signup", event_name: "Signup" },
      { id: "pro", name: "Pro signup", event_name: "Signup", meta_key: "plan", meta_value: "pro" },
      { id: "docs", name: "Docs", path_pattern: "/docs/**" },
      { id: "blog", name: "Blog post", path_pattern: "/blog/*" },
      { id: "pricing", name: "Pricing", path_pattern: "/pricing" },
    ]);
    expect(result.visitors).toBe(10);
    expect(result.goals).toEqual([
      { id: "signup", name: "Signup", visitors: 3, conversions: 3, conversion_rate: 0.3, revenue: 167.5 },
      { id: "pro", name: "Pro signup", visitors: 2, conversions: 2, conversion_rate: 0.2, revenue: 148.5 },
      { id: "docs", name: "Docs", visitors: 2, conversions: 3, conversion_rate: 0.2, revenue: 0 },
      { id: "blog", name: "Blog post", visitors: 4, conversions: 5, conversion_rate: 0.4, revenue: 0 },
      { id: "pricing", name: "Pricing", visitors: 6, conversions: 6, conversion_rate: 0.6, revenue: 0 },
    ]);
  });
});

describe("sessions", () => {
  it("lists sessions newest first, a page at a time", async () => {
    const first = await engine.sessionsList(alpha({ limit: 3 }));
    expect(first.total_rows).toBe(11);
    expect(first.rows.map((s) => s.start)).toEqual(["2025-03-09T20:00:00.000Z", "2025-03-08T22:59:00.000Z", "2025-03-07T12:00:00.000Z"]);
    expect(first.rows[0]).toMatchObject({
      duration_seconds: 30,
      entry_path: "/pricing",
      entry_title: "Pricing",
      exit_path: "/pricing",
      exit_title: "Pricing",
      pageviews: 1,
      events: 1,
      is_bounce: false,
      referrer: "https://bing.com",
      referrer_name: "Bing",
      channel: "Organic Search",
      country: "US",
      language: "en",
      browser: "Chrome",
      os: "Windows",
      platform: "desktop",
      screen_class: "L",
    });
    expect(first.rows[0]!.visitor_id).toMatch(/^\d+$/);
    // Page 2: S7 (03-06 08:00), S5 (03-05 10:05), S4 (03-05 10:00)
    const second = await engine.sessionsList(alpha({ limit: 3, offset: 3 }));
    // S7 was kept alive twice.
    expect(second.rows.map((s) => [s.entry_path, s.exit_path, s.exit_title, s.duration_seconds, s.pageviews, s.events, s.is_bounce, s.keep_alives])).toEqual([
      ["/docs/setup", "/docs/api", "API", 2520, 2, 1, false, 2],
      ["/pricing", "/pricing", "Pricing", 0, 1, 0, true, 0],
      ["/", "/docs/setup", "Setup", 80, 3, 1, false, 0],
    ]);
    // Sessions with a /docs/setup page view: S7, S4
    const docs = await engine.sessionsList(alpha({ filters: [{ field: "path", values: ["/docs/setup"] }] }));
    expect(docs.rows.map((s) => s.start)).toEqual(["2025-03-06T08:00:00.000Z", "2025-03-05T10:00:00.000Z"]);
    const entries = await engine.sessionsList(alpha({ filters: [{ field: "entry_path", values: ["/"] }] }));
    expect(entries.rows.map((s) => s.start)).toEqual([
      "2025-03-08T22:59:00.000Z",
      "2025-03-07T12:00:00.000Z",
      "2025-03-05T10:00:00.000Z",
      "2025-03-03T09:00:00.000Z",
    ]);
  });

  it("details one session's page views and events in order, with time on page", async () => {
    const { rows } = await engine.sessionsList(alpha({ limit: 100 }));
    const idOf = (start: string) => rows.find((s) => s.start === start)!.session_id;
    const s1 = await engine.sessionDetails("alpha", idOf("2025-03-03T09:00:00.000Z"));
    expect(s1.map((h) => [h.time, h.kind, h.path, h.title, h.event_name, h.event_meta, h.duration_seconds])).toEqual([
      ["2025-03-03T09:00:00.000Z", "pageview", "/", "Home", "", {}, 60],
      ["2025-03-03T09:01:00.000Z", "pageview", "/pricing", "Pricing", "", {}, 120],
      ["2025-03-03T09:03:00.000Z", "pageview", "/signup", "Sign up", "", {}, 0],
      ["2025-03-03T09:03:20.000Z", "event", "/signup", "Sign up", "Signup", { plan: "pro", amount: "49" }, 0],
    ]);
    expect(s1[0]).toMatchObject({ referrer_name: "Google", country: "GB", browser: "Firefox", screen_class: "XL" });
    // S7: keep-alives are not hits; the 2500 s gap is an idle tab, not time on /docs/setup; the event has its own duration
    const s7 = await engine.sessionDetails("alpha", idOf("2025-03-06T08:00:00.000Z"));
    expect(s7.map((h) => [h.kind, h.path, h.event_name, h.duration_seconds])).toEqual([
      ["pageview", "/docs/setup", "", 0],
      ["pageview", "/docs/api", "", 0],
      ["event", "/docs/api", "Download", 12],
    ]);
    // S2 landed with UTM parameters; its second page view has none.
    const s2 = await engine.sessionDetails("alpha", idOf("2025-03-03T14:00:00.000Z"));
    expect(s2.map((h) => [h.path, h.utm_source, h.utm_medium, h.utm_campaign, h.utm_content, h.utm_term])).toEqual([
      ["/blog/hello", "newsletter", "email", "spring", "", ""],
      ["/blog/world", "", "", "", "", ""],
    ]);
    // Another site never sees it.
    expect(await engine.sessionDetails("beta", idOf("2025-03-03T09:00:00.000Z"))).toEqual([]);
  });
});

describe("filter options", () => {
  it("lists the values a field takes in the period", async () => {
    const options = (field: Parameters<StatsEngine["filterOptions"]>[1], filters: FilterInput[] = []) => engine.filterOptions(alpha({ filters }), field);
    expect(await options("path")).toEqual(["/", "/blog/hello", "/blog/world", "/docs/api", "/docs/setup", "/pricing", "/signup"]);
    expect(await options("event")).toEqual(["Download", "Outbound Link Click", "Signup"]);
    expect(await options("referrer_name")).toEqual(["Bing", "Google", "Hacker News"]);
    expect(await options("country")).toEqual(["DE", "FI", "FR", "GB", "JP", "US"]);
    expect(await options("tag_key")).toEqual(["author"]);
    expect(await options("tag:author")).toEqual(["Jane", "John"]);
    expect(await options("event_meta_key")).toEqual(["amount", "file", "plan", "url"]);
    // A filter on the field itself is ignored; other filters narrow: GB is A (S1, S6) and F (S7)
    expect(await options("path", [{ field: "path", values: ["/pricing"] }])).toHaveLength(7);
    expect(await options("path", [{ field: "country", values: ["GB"] }])).toEqual(["/", "/blog/hello", "/docs/api", "/docs/setup", "/pricing", "/signup"]);
  });
});

describe("isolation and realtime", () => {
  it("reads only the query's site", async () => {
    // beta: 60 people, each /, /pricing and a Signup worth 10 on Wed 03-05
    const beta = await engine.aggregate({
      site_id: "beta",
      date_range: WEEK,
      metrics: ["visitors", "pageviews", "events", "sessions", "bounce_rate", "revenue"],
      revenue_key: "amount",
    });
    expect(beta.metrics).toEqual({ visitors: 60, pageviews: 120, events: 60, sessions: 60, bounce_rate: 0, revenue: 600 });
  });

  it("answers realtime questions from Redis", async () => {
    const live = new StatsEngine(db.client, { realtime: new Realtime(redis) });
    expect(await live.realtime("live", 300)).toEqual({
      visitors: 3,
      pages: [
        { path: "/live", visitors: 2 },
        { path: "/other", visitors: 1 },
      ],
      countries: [
        { country: "US", visitors: 2 },
        { country: "GB", visitors: 1 },
      ],
    });
    expect(await live.realtime("alpha", 300)).toEqual({ visitors: 0, pages: [], countries: [] });
    await expect(live.realtime("live", 0)).rejects.toBeInstanceOf(StatsQueryError);
  });
});

describe("caching", () => {
  /** Counts statements sent; the server is real, only the calls are counted. */
  function counting(client: ClickHouseClient) {
    let queries = 0;
    const proxy = new Proxy(client, {
      get(target, prop, receiver) {
        if (prop !== "query") return Reflect.get(target, prop, receiver);
        return (...args: Parameters<ClickHouseClient["query"]>) => {
          queries++;
          return target.query(...args);
        };
      },
    });
    return { proxy, queries: () => queries };
  }

  it("serves a closed period from Redis and recomputes an open one", async () => {
    const { proxy, queries } = counting(db.client);
    const version = `it-${randomUUID()}`;
    const cache = new StatsCache(redis, { ttlSeconds: 60, version });
    const cached = new StatsEngine(proxy, { now: () => NOW, cache });
    const query = alpha({ metrics: ["visitors", "sessions"], include: { comparison: "previous_period" } });
    const first = await cached.aggregate(query);
    expect(queries()).toBe(2);
    expect(await cached.aggregate(query)).toEqual(first);
    expect(queries()).toBe(2);
    // The same call for another site is another key.
    await cached.aggregate({ ...query, site_id: "beta" });
    expect(queries()).toBe(4);
    const raw = createRedis(loadConfig(), "");
    const keys = await raw.keys(`${prefix}stats:${version}:aggregate:*`);
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(await raw.ttl(key)).toBeGreaterThan(50);
    raw.disconnect();
    // Today (Wed 04-02 in Berlin) is still open.
    await cached.aggregate(alpha({ date_range: "today" }));
    await cached.aggregate(alpha({ date_range: "today" }));
    expect(queries()).toBe(6);
  });
});
