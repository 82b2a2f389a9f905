import { describe, expect, it } from "vitest";
import { utcDayOf, utcMidnightOf } from "./utc-day.js";

describe("utc day", () => {
  it("names the UTC day, not the local one", () => {
    const midnight = Date.UTC(2026, 10, 24);
    expect(utcDayOf(midnight)).toBe("2026-11-24");
    expect(utcDayOf(midnight - 1)).toBe("2026-11-23");
    expect(utcDayOf(midnight + 86_399_999)).toBe("2026-11-24");
    expect(utcMidnightOf(midnight + 5000)).toBe(midnight);
  });
});
