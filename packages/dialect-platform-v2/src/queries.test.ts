import type { Site } from "@pulse/metadata";
import { statsQuery } from "@pulse/stats";
import { describe, expect, it } from "vitest";
import { eventsQueryOf, pageviewsQueriesOf, statsQueriesOf, TOP } from "./queries.js";

const site = { id: "site1", timezone: "Europe/Berlin", domain: "example.com" } as Site;

describe("v2 requests as engine queries", () => {
  it("asks stats in the site's zone, with top lists of page views by the documented dimensions", () => {
    const q = statsQueriesOf(site, "30d");
    expect(q.totals).toEqual({
      site_id: "site1",
      timezone: "Europe/Berlin",
      date_range: "30d",
      metrics: ["visitors", "pageviews", "bounce_rate", "avg_session_duration"],
    });
    expect(q.pages).toMatchObject({ dimensions: ["path"], metrics: ["pageviews"], order_by: [["pageviews", "desc"]], limit: TOP });
    expect(q.referrers).toMatchObject({ dimensions: ["referrer_name"], filters: [{ field: "referrer_name", op: "is_not", values: [""] }] });
    expect(q.browsers.dimensions).toEqual(["browser"]);
    expect(q.countries.dimensions).toEqual(["country"]);
    // Every query is one the engine's model accepts.
    for (const query of Object.values(q)) expect(statsQuery.safeParse(query).success).toBe(true);
  });

  it("lists events by name without page views, most first, paged", () => {
    const q = eventsQueryOf(site, "7d", 100);
    expect(q).toMatchObject({ dimensions: ["event"], metrics: ["events"], filters: [{ field: "event", op: "is_not", values: [""] }], offset: 100, limit: 100 });
    expect(statsQuery.safeParse(q).success).toBe(true);
  });

  it("filters page views by the exact pathname and charts them by day", () => {
    const q = pageviewsQueriesOf(site, "90d", "/a'b");
    expect(q.totals).toMatchObject({ metrics: ["pageviews", "visitors"], filters: [{ field: "path", op: "is", values: ["/a'b"] }], date_range: "90d" });
    expect(q.series).toMatchObject({ dimensions: ["time:day"], metrics: ["pageviews"] });
    expect(pageviewsQueriesOf(site, "7d", undefined).totals.filters).toEqual([]);
  });
});
