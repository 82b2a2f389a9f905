import { describe, expect, it } from "vitest";
import { cumulativeShares, DEVICES, EVENTS, HOUR_WEIGHTS, LANGUAGES, PLACES, SOURCES } from "./distributions.js";

describe("cumulativeShares", () => {
  it("turns weights into running shares that end at exactly 1", () => {
    expect(cumulativeShares([1, 1, 2])).toEqual([0.25, 0.5, 1]);
    expect(cumulativeShares([3])).toEqual([1]);
  });

  it("refuses an empty table and weights that are not positive", () => {
    expect(() => cumulativeShares([])).toThrow(/positive/);
    expect(() => cumulativeShares([1, 0])).toThrow(/positive/);
  });
});

describe("weighted tables", () => {
  it("give every row one value per column and a positive weight", () => {
    for (const table of [SOURCES, PLACES, DEVICES, LANGUAGES, EVENTS]) {
      for (const row of table.rows) {
        expect(row).toHaveLength(table.columns.length + 1);
        expect(row.at(-1)).toBeGreaterThan(0);
      }
    }
    expect(HOUR_WEIGHTS).toHaveLength(24);
  });

  it("keep a channel consistent with its source: direct traffic has no referrer", () => {
    for (const [referrer, name, channel] of SOURCES.rows) {
      if (channel === "Direct") expect([referrer, name]).toEqual(["", ""]);
    }
  });
});
