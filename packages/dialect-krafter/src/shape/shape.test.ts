import type { ResultRow } from "@pulse/stats";
import { describe, expect, it } from "vitest";
import { shownValueOf } from "../dimensions.js";
import { eventsOf } from "./events.js";
import { breakdownOf, countsOf, timeseriesOf } from "./stats.js";

describe("stats shapes", () => {
  it("names our sessions visits", () => {
    expect(countsOf({ pageviews: 6, visitors: 4, sessions: 5 })).toEqual({ pageviews: 6, visitors: 4, visits: 5 });
    expect(countsOf({})).toEqual({ pageviews: 0, visitors: 0, visits: 0 });
  });
  it("gives each day its date and counts", () => {
    const rows: ResultRow[] = [{ dimensions: { "time:day": "2025-02-11" }, metrics: { pageviews: 100, visitors: 50, sessions: 60 } }];
    expect(timeseriesOf(rows)).toEqual([{ date: "2025-02-11", pageviews: 100, visitors: 50, visits: 60 }]);
  });
  it("counts page views per value with their percent to one decimal", () => {
    const rows: ResultRow[] = [
      { dimensions: { platform: "desktop" }, metrics: { pageviews: 4 }, relative: { pageviews: 0.6667 } },
      { dimensions: { platform: "mobile" }, metrics: { pageviews: 2 }, relative: { pageviews: 0.3333 } },
      { dimensions: { platform: "" }, metrics: { pageviews: 0 } },
    ];
    expect(breakdownOf("device", "platform", rows)).toEqual([
      { value: "Desktop", count: 4, percent: 66.7 },
      { value: "Mobile", count: 2, percent: 33.3 },
      { value: "", count: 0, percent: 0 },
    ]);
    expect(breakdownOf("path", "path", [{ dimensions: { path: "/" }, metrics: { pageviews: 500 }, relative: { pageviews: 0.5 } }])).toEqual([
      { value: "/", count: 500, percent: 50 },
    ]);
  });
  it("keeps values as stored except devices", () => {
    expect(shownValueOf("country", "US")).toBe("US");
    expect(shownValueOf("device", "tablet")).toBe("Tablet");
    expect(shownValueOf("browser", "chrome")).toBe("chrome");
  });
});

describe("events shape", () => {
  it("names counts as Krafter does, revenue null when none was tracked", () => {
    const rows: ResultRow[] = [
      { dimensions: { event: "purchase" }, metrics: { events: 89, event_visitors: 82, revenue: 4355 } },
      { dimensions: { event: "signup" }, metrics: { events: 245, event_visitors: 230, revenue: 0 } },
    ];
    expect(eventsOf(rows)).toEqual([
      { event_name: "purchase", total: 89, unique_count: 82, revenue: 4355 },
      { event_name: "signup", total: 245, unique_count: 230, revenue: null },
    ]);
  });
});
