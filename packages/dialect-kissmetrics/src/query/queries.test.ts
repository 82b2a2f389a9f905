import type { Site } from "@pulse/metadata";
import { statsQuery } from "@pulse/stats";
import { describe, expect, it } from "vitest";
import { encodeId } from "../http/ids.js";
import { bySegmentParams, overTimeParams } from "./params.js";
import { propertyRefOf } from "./properties.js";
import { bySegmentQueryOf, overTimeQueriesOf } from "./queries.js";

const site = { id: "siteK", timezone: "Europe/Berlin" } as Site;
const now = new Date("2026-03-10T12:00:00Z");
const visitors = { metric: "visitors" as const, filters: [] };

describe("property names and ids", () => {
  it("resolve built-ins by name, other names as event metadata keys, and ids of this product", () => {
    expect(propertyRefOf("siteK", "country", "segment")).toEqual({ kind: "built_in", key: "country" });
    expect(propertyRefOf("siteK", "plan", "segment")).toEqual({ kind: "meta", key: "plan" });
    expect(propertyRefOf("siteK", "'; DROP TABLE events; --", "segment")).toEqual({ kind: "meta", key: "'; DROP TABLE events; --" });
    expect(propertyRefOf("siteK", encodeId("siteK", "t", "author"), "segment")).toEqual({ kind: "tag", key: "author" });
    expect(propertyRefOf("siteK", encodeId("siteK", "m", "country"), "segment")).toEqual({ kind: "meta", key: "country" });
  });

  it("refuse another product's property id and an unknown built-in id", () => {
    expect(() => propertyRefOf("siteK", encodeId("other", "m", "plan"), "segment")).toThrow();
    expect(() => propertyRefOf("siteK", encodeId("siteK", "p", "visitor_id"), "segment")).toThrow();
  });
});

describe("metric queries as engine queries", () => {
  it("asks over time in the product's zone, with the request's filter added to the metric's", () => {
    const goal = { metric: "visitors" as const, filters: [{ field: "event" as const, op: "is" as const, values: ["Signed Up"] }] };
    const q = overTimeQueriesOf(site, goal, overTimeParams.parse({ start_date: "2026-03-01", end_date: "2026-03-03", interval: "hour", property: "plan", operator: "contains", value: "pr" }), now);
    expect(q.days).toEqual({ from: "2026-03-01", to: "2026-03-03" });
    expect(q.total).toEqual({
      site_id: "siteK",
      timezone: "Europe/Berlin",
      date_range: { from: "2026-03-01", to: "2026-03-03" },
      metrics: ["visitors"],
      filters: [
        { field: "event", op: "is", values: ["Signed Up"] },
        { field: "event_meta", key: "plan", op: "contains", values: ["pr"] },
      ],
    });
    expect(q.series.dimensions).toEqual(["time:hour"]);
    expect(statsQuery.safeParse(q.series).success).toBe(true);
  });

  it("breaks down by the segment's dimension, leaving out hits without a value, sorted as asked", () => {
    const byValue = bySegmentQueryOf(site, { metric: "bounce_rate", filters: [] }, bySegmentParams.parse({ segment: "country", order: "asc", limit: "5", offset: "5", search: "u" }), now);
    expect(byValue.query).toMatchObject({
      metrics: ["bounce_rate"],
      dimensions: ["country"],
      filters: [{ field: "country", op: "is_not", values: [""] }],
      order_by: [["bounce_rate", "asc"]],
      limit: 5,
      offset: 5,
      search: "u",
    });
    expect(statsQuery.safeParse(byValue.query).success).toBe(true);
    const bySegment = bySegmentQueryOf(site, visitors, bySegmentParams.parse({ segment: encodeId("siteK", "t", "author"), sort: "segment" }), now);
    expect(bySegment.query).toMatchObject({ dimensions: ["tag:author"], filters: [{ field: "tag", key: "author", op: "is_not", values: [""] }], order_by: [["tag:author", "desc"]] });
    expect(bySegment.query.search).toBeUndefined();
    expect(bySegment.segment).toEqual({ kind: "tag", key: "author" });
  });
});
