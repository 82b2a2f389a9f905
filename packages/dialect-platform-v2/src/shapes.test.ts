import type { Site } from "@pulse/metadata";
import type { BreakdownResult } from "@pulse/stats";
import { describe, expect, it } from "vitest";
import { eventsBodyOf, pageviewsBody, pageviewsBodyOf, realtimeBodyOf, siteBodyOf, statsBody, statsBodyOf } from "./shapes.js";

const period = { start: "2025-03-15T00:00:00.000Z", end: "2025-03-22T00:00:00.000Z" };
const list = (dimension: string, rows: [string, number][]): BreakdownResult => ({
  period,
  total_rows: rows.length,
  rows: rows.map(([value, pageviews]) => ({ dimensions: { [dimension]: value }, metrics: { pageviews } })),
});

describe("v2 response shapes", () => {
  it("names a site by its domain", () => {
    const site = { id: "s1", domain: "example.com", created_at: "2025-01-15T10:30:00.000Z" } as Site;
    expect(siteBodyOf(site)).toEqual({ siteId: "s1", name: "example.com", domain: "example.com", isActive: true, createdAt: "2025-01-15T10:30:00.000Z" });
  });

  it("renames stats: the bounce rate as a whole percentage, the duration in whole seconds", () => {
    const body = statsBodyOf(
      { period, metrics: { visitors: 1234, pageviews: 5678, bounce_rate: 0.4249, avg_session_duration: 144.6 } },
      {
        pages: { ...list("path", [["/", 2000]]) },
        referrers: list("referrer_name", [["google.com", 500]]),
        browsers: list("browser", [["Chrome", 3000]]),
        countries: list("country", [["US", 2000]]),
      },
    );
    expect(body).toEqual({
      visitors: 1234,
      pageviews: 5678,
      bounceRate: 42,
      avgDuration: 145,
      topPages: [{ pathname: "/", views: 2000 }],
      topReferrers: [{ referrer: "google.com", count: 500 }],
      browsers: [{ browser: "Chrome", count: 3000 }],
      countries: [{ country: "US", count: 2000 }],
    });
    expect(statsBody.safeParse(body).success).toBe(true);
  });

  it("fills zeros where the engine has no value", () => {
    const empty = list("x", []);
    expect(statsBodyOf({ period, metrics: {} }, { pages: empty, referrers: empty, browsers: empty, countries: empty })).toMatchObject({
      visitors: 0,
      pageviews: 0,
      bounceRate: 0,
      avgDuration: 0,
    });
  });

  it("renames realtime, events and the pageview chart", () => {
    expect(realtimeBodyOf({ visitors: 42, pages: [{ path: "/", visitors: 15 }], countries: [{ country: "US", visitors: 3 }] })).toEqual({
      activeVisitors: 42,
      activePages: [{ path: "/", visitors: 15 }],
    });
    expect(eventsBodyOf([{ dimensions: { event: "signup_click" }, metrics: { events: 234 } }])).toEqual({ events: [{ name: "signup_click", count: 234 }] });
    const body = pageviewsBodyOf(
      { period, metrics: { pageviews: 5678, visitors: 1234 } },
      { period, rows: [{ dimensions: { "time:day": "2025-03-21" }, metrics: { pageviews: 800 } }, { dimensions: { "time:day": "2025-03-22" }, metrics: { pageviews: 920 } }] },
    );
    expect(body).toEqual({ total: 5678, unique: 1234, chart: [{ date: "2025-03-21", count: 800 }, { date: "2025-03-22", count: 920 }] });
    expect(pageviewsBody.safeParse(body).success).toBe(true);
  });
});
