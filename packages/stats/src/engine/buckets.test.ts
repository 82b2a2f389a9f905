import { describe, expect, it } from "vitest";
import { StatsQueryError } from "../errors.js";
import { resolveRange } from "../model/date-range.js";
import { bucketsOf } from "./buckets.js";
import { changeOf, shareOf } from "./change.js";

const NOW = new Date("2025-04-02T10:00:00Z");
const period = (from: string, to: string, tz: string) => resolveRange({ from, to }, tz, NOW);

describe("bucketsOf", () => {
  it("lists days, weeks (by Monday), months and years of a period in its zone", () => {
    expect(bucketsOf("day", period("2025-03-30", "2025-04-02", "Europe/Berlin"), "Europe/Berlin")).toEqual([
      "2025-03-30",
      "2025-03-31",
      "2025-04-01",
      "2025-04-02",
    ]);
    expect(bucketsOf("week", period("2025-03-05", "2025-03-17", "UTC"), "UTC")).toEqual(["2025-03-03", "2025-03-10", "2025-03-17"]);
    expect(bucketsOf("month", period("2024-11-15", "2025-02-01", "UTC"), "UTC")).toEqual(["2024-11-01", "2024-12-01", "2025-01-01", "2025-02-01"]);
    expect(bucketsOf("year", period("2024-11-15", "2025-02-01", "UTC"), "UTC")).toEqual(["2024-01-01", "2025-01-01"]);
  });

  it("has 23 hours on the spring change and 24 labels (one repeated hour merged) in autumn", () => {
    const spring = bucketsOf("hour", period("2025-03-30", "2025-03-30", "Europe/Berlin"), "Europe/Berlin");
    expect(spring).toHaveLength(23);
    expect(spring.slice(0, 3)).toEqual(["2025-03-30 00:00:00", "2025-03-30 01:00:00", "2025-03-30 03:00:00"]);
    const autumn = bucketsOf("hour", period("2025-10-26", "2025-10-26", "Europe/Berlin"), "Europe/Berlin");
    expect(autumn).toHaveLength(24);
    expect(autumn.at(-1)).toBe("2025-10-26 23:00:00");
  });

  it("starts hours at the local hour in zones offset by half an hour", () => {
    const india = bucketsOf("hour", period("2025-03-05", "2025-03-05", "Asia/Kolkata"), "Asia/Kolkata");
    expect(india).toHaveLength(24);
    expect(india[0]).toBe("2025-03-05 00:00:00");
  });

  it("lists the minutes of a short window", () => {
    const window = resolveRange({ lastSeconds: 180 }, "UTC", new Date("2025-04-02T10:00:30Z"));
    expect(bucketsOf("minute", window, "UTC")).toEqual(["2025-04-02 09:57:00", "2025-04-02 09:58:00", "2025-04-02 09:59:00", "2025-04-02 10:00:00"]);
  });

  it("refuses absurd series", () => {
    expect(() => bucketsOf("minute", period("2025-01-01", "2025-03-01", "UTC"), "UTC")).toThrow(StatsQueryError);
  });
});

describe("changeOf and shareOf", () => {
  it("are ratios with four decimals, undefined growth from nothing", () => {
    expect(changeOf(10, 3)).toBe(2.3333);
    expect(changeOf(2, 4)).toBe(-0.5);
    expect(changeOf(0, 0)).toBe(0);
    expect(changeOf(5, 0)).toBeNull();
    expect(shareOf(2, 3)).toBe(0.6667);
    expect(shareOf(1, 0)).toBe(0);
  });
});
