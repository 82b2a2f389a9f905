import { describe, expect, it } from "vitest";
import { dimension, parseDimension } from "./dimensions.js";
import { filter } from "./filters.js";
import { regexOfGlob } from "./goals.js";
import { goal } from "./goals.js";
import { statsQuery } from "./query.js";

const base = { site_id: "alpha", date_range: "7d" };
const problemOf = (input: unknown) => {
  const result = statsQuery.safeParse(input);
  return result.success ? undefined : result.error.issues.map((i) => i.message).join("; ");
};

describe("statsQuery", () => {
  it("fills in defaults", () => {
    expect(statsQuery.parse(base)).toEqual({
      ...base,
      timezone: "UTC",
      metrics: ["visitors"],
      dimensions: [],
      filters: [],
      limit: 20,
      offset: 0,
      include: { relative: false },
    });
  });

  it("takes a full query", () => {
    const query = statsQuery.parse({
      ...base,
      timezone: "Europe/Berlin",
      metrics: ["visitors", "bounce_rate", "revenue"],
      dimensions: ["path", "event_meta:plan", "time:week"],
      filters: [{ field: "path", op: "contains", values: ["blog"] }, { field: "tag", key: "author", values: ["John"] }],
      order_by: [["bounce_rate", "asc"]],
      limit: 100,
      search: "blog",
      include: { relative: true, comparison: "previous_period" },
      revenue_key: "amount",
    });
    expect(query.dimensions).toEqual(["path", "event_meta:plan", "time:week"]);
  });

  it("refuses what it cannot answer, saying why", () => {
    expect(problemOf({ ...base, limit: 101 })).toMatch(/100/);
    expect(problemOf({ ...base, timezone: "Mars/Olympus" })).toMatch(/time zone/);
    expect(problemOf({ ...base, timezone: "'; DROP" })).toMatch(/IANA/);
    expect(problemOf({ ...base, metrics: ["visits"] })).toBeDefined();
    expect(problemOf({ ...base, metrics: ["visitors", "visitors"] })).toMatch(/repeat/);
    expect(problemOf({ ...base, order_by: [["pageviews", "desc"]] })).toMatch(/cannot order by pageviews/);
    expect(problemOf({ ...base, metrics: ["revenue"] })).toMatch(/revenue_key/);
    expect(problemOf({ ...base, metrics: ["custom_metric_avg"], custom_metric_key: "x" })).toMatch(/custom_metric_type/);
    expect(problemOf({ ...base, metrics: ["avg_time_on_page"], dimensions: ["title"] })).toMatch(/avg_time_on_page/);
    expect(problemOf({ ...base, date_range: "all", include: { comparison: "previous_period" } })).toMatch(/previous period/);
    expect(problemOf({ ...base, dimensions: ["pattern"] })).toBeDefined();
    expect(problemOf({ ...base, dimensions: ["time:fortnight"] })).toBeDefined();
    expect(problemOf({ ...base, unknown: 1 })).toBeDefined();
  });
});

describe("dimension", () => {
  it("parses fields, time buckets and keyed values", () => {
    expect(parseDimension(dimension.parse("country"))).toEqual({ kind: "field", field: "country" });
    expect(parseDimension(dimension.parse("time:hour"))).toEqual({ kind: "time", interval: "hour" });
    expect(parseDimension(dimension.parse("weekday"))).toEqual({ kind: "weekday" });
    expect(parseDimension(dimension.parse("tag_key"))).toEqual({ kind: "keys", of: "tag" });
    expect(parseDimension(dimension.parse("event_meta:plan:v2"))).toEqual({ kind: "keyed", of: "event_meta", key: "plan:v2" });
    expect(parseDimension(dimension.parse("tag:'; DROP"))).toEqual({ kind: "keyed", of: "tag", key: "'; DROP" });
    expect(dimension.safeParse("event_meta:").success).toBe(false);
    expect(dimension.safeParse("path; DROP").success).toBe(false);
  });
});

describe("filter", () => {
  it("defaults to is, upper-cases countries, needs a key for maps", () => {
    expect(filter.parse({ field: "path", values: ["/"] })).toEqual({ field: "path", op: "is", values: ["/"] });
    expect(filter.parse({ field: "country", values: ["jp", "Gb"] })).toEqual({ field: "country", op: "is", values: ["JP", "GB"] });
    expect(filter.parse({ field: "event_meta", key: "plan", op: "is_not", values: ["pro"] })).toMatchObject({ key: "plan" });
    expect(filter.safeParse({ field: "tag", values: ["x"] }).success).toBe(false);
    expect(filter.safeParse({ field: "path", key: "x", values: ["/"] }).success).toBe(false);
    expect(filter.safeParse({ field: "path", values: [] }).success).toBe(false);
    expect(filter.safeParse({ field: "path", op: "like", values: ["/"] }).success).toBe(false);
  });

  it("takes patterns with is and is_not only, and refuses an unfinished escape", () => {
    expect(filter.safeParse({ field: "pattern", values: ["^/blog/[^/]+$"] }).success).toBe(true);
    expect(filter.safeParse({ field: "pattern", op: "contains", values: ["blog"] }).success).toBe(false);
    expect(filter.safeParse({ field: "pattern", values: ["\\"] }).success).toBe(false);
    expect(filter.safeParse({ field: "pattern", values: ["a\\\\\\"] }).success).toBe(false);
    expect(filter.safeParse({ field: "pattern", values: ["a\\\\"] }).success).toBe(true);
  });
});

describe("goal", () => {
  it("turns globs into anchored expressions with everything else literal", () => {
    expect(regexOfGlob("/blog/*")).toBe("^/blog/[^/]*$");
    expect(regexOfGlob("/docs/**")).toBe("^/docs/.*$");
    expect(regexOfGlob("/a.b/(x)?*")).toBe("^/a\\.b/\\(x\\)\\?[^/]*$");
    const re = new RegExp(regexOfGlob("/blog/*"));
    expect(["/blog/a", "/blog/", "/blog/a/b", "/blogs/a"].map((p) => re.test(p))).toEqual([true, true, false, false]);
  });

  it("needs a page or an event", () => {
    expect(goal.safeParse({ id: "g", name: "G" }).success).toBe(false);
    expect(goal.safeParse({ id: "g", name: "G", path_pattern: "/a", event_name: "b" }).success).toBe(false);
    expect(goal.safeParse({ id: "g", name: "G", path_pattern: "/a", meta_key: "k" }).success).toBe(false);
    expect(goal.safeParse({ id: "g", name: "G", event_name: "Signup", meta_value: "pro" }).success).toBe(false);
    expect(goal.safeParse({ id: "g", name: "G", event_name: "Signup", meta_key: "plan", meta_value: "pro" }).success).toBe(true);
  });
});
