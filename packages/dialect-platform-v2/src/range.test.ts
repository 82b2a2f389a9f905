import { describe, expect, it } from "vitest";
import { pageviewsQuery, rangeQuery } from "./range.js";

describe("v2 query parameters", () => {
  it("defaults range to 7d and takes 7d, 30d and 90d", () => {
    expect(rangeQuery.parse({})).toEqual({ range: "7d" });
    for (const range of ["7d", "30d", "90d"]) expect(rangeQuery.parse({ range })).toEqual({ range });
  });

  it("refuses other ranges, repeated ranges included", () => {
    for (const range of ["1d", "7D", "month", "", "7d'; --", ["7d", "30d"]]) expect(rangeQuery.safeParse({ range }).success).toBe(false);
  });

  it("takes a pathname as given and an empty one as none", () => {
    expect(pageviewsQuery.parse({ pathname: "/pricing" })).toEqual({ range: "7d", pathname: "/pricing" });
    expect(pageviewsQuery.parse({ pathname: "" })).toEqual({ range: "7d", pathname: undefined });
    expect(pageviewsQuery.parse({ range: "90d" })).toEqual({ range: "90d", pathname: undefined });
    expect(pageviewsQuery.safeParse({ pathname: "x".repeat(2049) }).success).toBe(false);
  });
});
