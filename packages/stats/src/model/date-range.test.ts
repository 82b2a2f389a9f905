import { describe, expect, it } from "vitest";
import { dateRange, previousPeriodOf, resolveRange, startOfTodayIn } from "./date-range.js";
import { localDateOf } from "./time-zone.js";

const iso = (p: { start: Date; end: Date }) => [p.start.toISOString(), p.end.toISOString()];
const NOW = new Date("2025-04-02T10:00:00Z"); // a Wednesday

describe("resolveRange", () => {
  it("takes explicit dates as whole days in the zone, end exclusive", () => {
    expect(iso(resolveRange({ from: "2025-03-03", to: "2025-03-09" }, "Europe/Berlin", NOW))).toEqual([
      "2025-03-02T23:00:00.000Z",
      "2025-03-09T23:00:00.000Z",
    ]);
    expect(iso(resolveRange({ from: "2025-03-03", to: "2025-03-03" }, "UTC", NOW))).toEqual(["2025-03-03T00:00:00.000Z", "2025-03-04T00:00:00.000Z"]);
    expect(iso(resolveRange({ from: "2025-07-01", to: "2025-07-01" }, "America/New_York", NOW))).toEqual([
      "2025-07-01T04:00:00.000Z",
      "2025-07-02T04:00:00.000Z",
    ]);
  });

  it("puts a visit at 23:30 UTC on the next day for a site in Berlin", () => {
    const visit = Date.parse("2025-03-04T23:30:00Z");
    expect(localDateOf(visit, "Europe/Berlin")).toBe("2025-03-05");
    const wednesday = resolveRange({ from: "2025-03-05", to: "2025-03-05" }, "Europe/Berlin", NOW);
    expect(visit >= wednesday.start.getTime() && visit < wednesday.end.getTime()).toBe(true);
    const tuesday = resolveRange({ from: "2025-03-04", to: "2025-03-04" }, "Europe/Berlin", NOW);
    expect(visit < tuesday.end.getTime()).toBe(false);
  });

  it("gives days their real length when the clocks change", () => {
    const spring = resolveRange({ from: "2025-03-30", to: "2025-03-30" }, "Europe/Berlin", NOW);
    expect(iso(spring)).toEqual(["2025-03-29T23:00:00.000Z", "2025-03-30T22:00:00.000Z"]);
    const autumn = resolveRange({ from: "2025-10-26", to: "2025-10-26" }, "Europe/Berlin", NOW);
    expect((autumn.end.getTime() - autumn.start.getTime()) / 3_600_000).toBe(25);
  });

  it("narrows one day to minutes, to_time being the last minute included", () => {
    const range = { from: "2025-03-05", to: "2025-03-05", from_time: "09:15", to_time: "17:59" };
    expect(iso(resolveRange(range, "Europe/Berlin", NOW))).toEqual(["2025-03-05T08:15:00.000Z", "2025-03-05T17:00:00.000Z"]);
  });

  it("resolves presets relative to now, ending today", () => {
    const days = (preset: string) => {
      const p = resolveRange(dateRange.parse(preset), "Europe/Berlin", NOW);
      return [localDateOf(p.start.getTime(), "Europe/Berlin"), localDateOf(p.end.getTime() - 1, "Europe/Berlin")];
    };
    expect(days("today")).toEqual(["2025-04-02", "2025-04-02"]);
    expect(days("yesterday")).toEqual(["2025-04-01", "2025-04-01"]);
    expect(days("7d")).toEqual(["2025-03-27", "2025-04-02"]);
    expect(days("30d")).toEqual(["2025-03-04", "2025-04-02"]);
    expect(days("90d")).toEqual(["2025-01-03", "2025-04-02"]);
    expect(days("12mo")).toEqual(["2024-05-01", "2025-04-02"]);
    expect(days("month")).toEqual(["2025-04-01", "2025-04-02"]);
    expect(days("year")).toEqual(["2025-01-01", "2025-04-02"]);
    expect(days("all")[0]).toBe("1970-01-01");
  });

  it("knows today by the zone: 23:30 UTC is already tomorrow in Tokyo", () => {
    const late = new Date("2025-04-02T23:30:00Z");
    expect(iso(resolveRange("today", "Asia/Tokyo", late))).toEqual(["2025-04-02T15:00:00.000Z", "2025-04-03T15:00:00.000Z"]);
    expect(startOfTodayIn("Asia/Tokyo", late).toISOString()).toBe("2025-04-02T15:00:00.000Z");
  });

  it("takes the last seconds up to now", () => {
    expect(iso(resolveRange({ lastSeconds: 600 }, "UTC", NOW))).toEqual(["2025-04-02T09:50:00.000Z", "2025-04-02T10:00:00.000Z"]);
  });
});

describe("previousPeriodOf", () => {
  it("is the same number of days just before", () => {
    expect(iso(previousPeriodOf({ from: "2025-03-03", to: "2025-03-09" }, "Europe/Berlin", NOW))).toEqual([
      "2025-02-23T23:00:00.000Z",
      "2025-03-02T23:00:00.000Z",
    ]);
    // A week across the spring change compares with the 7 days before it, not 167 hours.
    const previous = previousPeriodOf({ from: "2025-04-03", to: "2025-04-09" }, "Europe/Berlin", NOW);
    expect(iso(previous)).toEqual(["2025-03-26T23:00:00.000Z", "2025-04-02T22:00:00.000Z"]);
    expect(iso(previousPeriodOf("month", "UTC", NOW))).toEqual(["2025-03-30T00:00:00.000Z", "2025-04-01T00:00:00.000Z"]);
  });

  it("keeps the minutes of a single day", () => {
    const range = { from: "2025-03-05", to: "2025-03-05", from_time: "10:00", to_time: "10:59" };
    expect(iso(previousPeriodOf(range, "UTC", NOW))).toEqual(["2025-03-04T10:00:00.000Z", "2025-03-04T11:00:00.000Z"]);
  });

  it("is the seconds before for a realtime window", () => {
    expect(iso(previousPeriodOf({ lastSeconds: 60 }, "UTC", NOW))).toEqual(["2025-04-02T09:58:00.000Z", "2025-04-02T09:59:00.000Z"]);
  });
});

describe("dateRange", () => {
  it("refuses ranges that make no sense", () => {
    expect(dateRange.safeParse({ from: "2025-03-09", to: "2025-03-03" }).success).toBe(false);
    expect(dateRange.safeParse({ from: "2025-03-03", to: "2025-03-04", from_time: "10:00" }).success).toBe(false);
    expect(dateRange.safeParse({ from: "2025-03-03", to: "2025-03-03", from_time: "12:00", to_time: "11:00" }).success).toBe(false);
    expect(dateRange.safeParse({ from: "2025-02-30", to: "2025-03-03" }).success).toBe(false);
    expect(dateRange.safeParse({ from: "2025-03-03", to: "2025-03-03", from_time: "24:00" }).success).toBe(false);
    expect(dateRange.safeParse({ lastSeconds: 3601 }).success).toBe(false);
    expect(dateRange.safeParse("last-week").success).toBe(false);
  });
});
