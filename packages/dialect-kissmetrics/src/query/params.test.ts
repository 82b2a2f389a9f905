import { describe, expect, it } from "vitest";
import { bySegmentParams, overTimeParams } from "./params.js";

describe("over-time parameters", () => {
  it("default to days, the equals operator and no filter", () => {
    expect(overTimeParams.parse({})).toEqual({ interval: "day", operator: "equals", property: undefined, value: undefined, start_date: undefined, end_date: undefined });
  });

  it("take dates or date-times, an interval, and a filter with one or more values", () => {
    const parsed = overTimeParams.parse({ start_date: "2026-03-01", end_date: "2026-03-05T10:00:00+01:00", interval: "week", property: "country", operator: "not_equals", value: ["US", "GB"] });
    expect(parsed).toMatchObject({ start_date: "2026-03-01", end_date: "2026-03-05T10:00:00+01:00", interval: "week", property: "country", operator: "not_equals", value: ["US", "GB"] });
    expect(overTimeParams.parse({ property: "plan", value: "pro" }).value).toEqual(["pro"]);
  });

  it("refuse unknown intervals and operators, bad dates, and half a filter", () => {
    for (const bad of [
      { interval: "minute" },
      { interval: "day'; --" },
      { operator: "like" },
      { start_date: "2026-13-01" },
      { start_date: "yesterday" },
      { end_date: "2026-03-01 10:00" },
      { property: "plan" },
      { value: "pro" },
      { property: "x".repeat(201), value: "a" },
    ]) {
      expect(overTimeParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("by-segment parameters", () => {
  it("need a segment and default to the value, descending, first page of 20", () => {
    expect(bySegmentParams.safeParse({}).success).toBe(false);
    const parsed = bySegmentParams.parse({ segment: "country" });
    expect(parsed).toMatchObject({ segment: "country", sort: "value", order: "desc", limit: 20, offset: 0 });
    expect(parsed.search).toBeUndefined();
  });

  it("take sort, order, search and paging, an empty search being none", () => {
    expect(bySegmentParams.parse({ segment: "plan", sort: "segment", order: "asc", search: "pr", limit: "5", offset: "10" })).toMatchObject({
      sort: "segment",
      order: "asc",
      search: "pr",
      limit: 5,
      offset: 10,
    });
    expect(bySegmentParams.parse({ segment: "plan", search: "" }).search).toBeUndefined();
    for (const bad of [{ sort: "name" }, { order: "up" }, { sort: "value; DROP" }, { limit: "0" }]) {
      expect(bySegmentParams.safeParse({ segment: "plan", ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
