import { describe, expect, it } from "vitest";
import { countStatement, insertStatement, sessionRanges } from "./generate.js";

const spec = { siteId: "s1", domain: "example.com", events: 1000, now: new Date("2026-11-24T12:00:00Z"), seed: 1, topic: "t" };
const placeholders = (sql: string) => [...new Set([...sql.matchAll(/\{(\w+):[^}]+\}/g)].map((m) => m[1]))].sort();

describe("insertStatement and countStatement", () => {
  it("give a value for every placeholder the statement reads, and for nothing else", () => {
    for (const { sql, params } of [
      insertStatement(spec, { from: 0, count: 10 }),
      insertStatement(spec, { from: 10, count: 10, limit: 5 }),
      countStatement(spec, { from: 0, count: 10 }),
    ]) {
      expect(placeholders(sql)).toEqual(Object.keys(params).sort());
    }
  });

  it("cut the last range with LIMIT only when asked", () => {
    expect(insertStatement(spec, { from: 0, count: 10 }).sql).not.toContain("LIMIT");
    expect(insertStatement(spec, { from: 0, count: 10, limit: 5 })).toMatchObject({ params: { limit: 5, session_from: 0, session_count: 10 } });
  });

  it("start the data 89 days before the day of `now`, at midnight UTC, and name the weekday of that day", () => {
    const { params } = countStatement(spec, { from: 0, count: 10 });
    expect(new Date(params["first_day_ms"] as number).toISOString()).toBe("2026-08-27T00:00:00.000Z");
    // 2026-08-27 is a Thursday: ISO weekday 4.
    expect(params["first_dow"]).toBe(4);
    expect(params["now_ms"]).toBe(spec.now.getTime());
  });

  it("keep the site and domain as parameters, never in the SQL text", () => {
    const { sql } = insertStatement({ ...spec, siteId: "site-'x", domain: "quote'd.example.com" }, { from: 0, count: 1 });
    expect(sql).not.toContain("site-'x");
    expect(sql).not.toContain("quote'd");
  });
});

describe("sessionRanges", () => {
  it("splits the sessions into contiguous ranges, the last one open-ended for LIMIT to cut", () => {
    const ranges = sessionRanges(27_000, 3);
    expect(ranges.slice(0, 2)).toEqual([
      { from: 0, count: 3333 },
      { from: 3333, count: 3333 },
    ]);
    // The last range alone holds more sessions than the rest of the events need at 2.7 rows each.
    expect(ranges[2]!.from).toBe(6666);
    expect(ranges[2]!.count * 2.7).toBeGreaterThan(27_000 - 2 * 3333 * 2.7);
  });

  it("is one range for one stream", () => {
    expect(sessionRanges(1000, 1)).toHaveLength(1);
  });
});
