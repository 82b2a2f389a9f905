import { describe, expect, it } from "vitest";
import { datasetStatement } from "./generate.js";

const spec = { siteId: "s1", domain: "example.com", events: 1000, now: new Date("2026-11-24T12:00:00Z"), seed: 1, topic: "t" };

describe("datasetStatement", () => {
  it("gives a value for every placeholder the statement reads, and for nothing else", () => {
    const { sql, params } = datasetStatement(spec);
    const used = new Set([...sql.matchAll(/\{(\w+):[^}]+\}/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(params).sort());
  });

  it("starts the data 89 days before the day of `now`, at midnight UTC, and names the weekday of that day", () => {
    const { params } = datasetStatement(spec);
    expect(new Date(params["first_day_ms"] as number).toISOString()).toBe("2026-08-27T00:00:00.000Z");
    // 2026-08-27 is a Thursday: ISO weekday 4.
    expect(params["first_dow"]).toBe(4);
    expect(params["now_ms"]).toBe(spec.now.getTime());
  });

  it("keeps the site, domain and sizes as parameters, never in the SQL text", () => {
    const { sql } = datasetStatement({ ...spec, siteId: "site-'x", domain: "quote'd.example.com" });
    expect(sql).not.toContain("site-'x");
    expect(sql).not.toContain("quote'd");
  });
});
