import { describe, expect, it } from "vitest";
import { addDays, dayOf, daysOf, localDateOf } from "./dates.js";

const now = new Date("2026-03-10T23:30:00Z");

describe("query dates", () => {
  it("reads dates as given and date-times as the product's local day", () => {
    expect(dayOf("2026-03-01", "Europe/Berlin")).toBe("2026-03-01");
    expect(dayOf("2026-03-01T23:30:00Z", "Europe/Berlin")).toBe("2026-03-02");
    expect(dayOf("2026-03-01T23:30:00Z", "UTC")).toBe("2026-03-01");
    expect(localDateOf(now.getTime(), "America/New_York")).toBe("2026-03-10");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("cover the last 30 days to today in the product's zone by default", () => {
    expect(daysOf({}, "UTC", now)).toEqual({ from: "2026-02-09", to: "2026-03-10" });
    // 23:30 UTC is already the 11th in Berlin.
    expect(daysOf({}, "Europe/Berlin", now)).toEqual({ from: "2026-02-10", to: "2026-03-11" });
  });

  it("extend 30 days from a start or to an end given alone", () => {
    expect(daysOf({ start_date: "2026-01-01" }, "UTC", now)).toEqual({ from: "2026-01-01", to: "2026-01-30" });
    expect(daysOf({ end_date: "2026-01-30" }, "UTC", now)).toEqual({ from: "2026-01-01", to: "2026-01-30" });
    expect(daysOf({ start_date: "2026-01-05", end_date: "2026-01-07" }, "UTC", now)).toEqual({ from: "2026-01-05", to: "2026-01-07" });
  });
});
