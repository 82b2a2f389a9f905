import { describe, expect, it } from "vitest";
import { addMonths, todayIn } from "./dates.js";
import { datesOf, periodParams, statsParams } from "./params.js";

const problems = (input: Record<string, string>) => {
  const result = statsParams.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("statsParams", () => {
  it("defaults to 30d without dimensions, and ignores unknown keys such as token", () => {
    expect(statsParams.parse({ token: "t" })).toEqual({ period: "30d", dimensions: [] });
  });
  it("reads comma-separated dimensions, dropping blanks and repeats", () => {
    expect(statsParams.parse({ period: "7d", dimensions: "path, country,,path,device" }).dimensions).toEqual(["path", "country", "device"]);
  });
  it("refuses unknown periods and dimensions, naming the parameter", () => {
    expect(problems({ period: "1y" })).toEqual(["period: must be one of 7d, 30d, 12mo, custom"]);
    expect(problems({ dimensions: "path,'; DROP TABLE events; --" })[0]).toMatch(/^dimensions: unknown dimension; use path, referrer, country/);
    expect(problems({ dimensions: "event_meta:plan" })).toHaveLength(1);
  });
  it("needs from and to with period=custom, in order, as ISO 8601 dates or date-times", () => {
    expect(problems({ period: "custom" })).toEqual(["from: is required when period=custom", "to: is required when period=custom"]);
    expect(problems({ period: "custom", from: "2025-01-31", to: "2025-01-01" })).toEqual(["from: must not be after to"]);
    expect(problems({ period: "custom", from: "01/02/2025", to: "2025-01-31" })).toEqual(["from: must be an ISO 8601 date such as 2025-01-01"]);
    expect(statsParams.parse({ period: "custom", from: "2025-01-01T00:00:00Z", to: "2025-01-31" })).toMatchObject({ from: "2025-01-01", to: "2025-01-31" });
  });
  it("applies the same period rules to the events list", () => {
    expect(periodParams.parse({})).toEqual({ period: "30d" });
    expect(periodParams.safeParse({ period: "custom", from: "2025-01-01" }).success).toBe(false);
  });
});

describe("datesOf", () => {
  const today = "2025-02-18";
  it("reaches back from today, included, as Krafter's example does (7d: 02-11 .. 02-18)", () => {
    expect(datesOf({ period: "7d" }, today)).toEqual({ from: "2025-02-11", to: "2025-02-18" });
    expect(datesOf({ period: "30d" }, today)).toEqual({ from: "2025-01-19", to: "2025-02-18" });
    expect(datesOf({ period: "12mo" }, today)).toEqual({ from: "2024-02-18", to: "2025-02-18" });
    expect(datesOf({ period: "custom", from: "2025-01-01", to: "2025-01-31" }, today)).toEqual({ from: "2025-01-01", to: "2025-01-31" });
  });
  it("keeps month arithmetic inside shorter months, and reads today in the site's zone", () => {
    expect(addMonths("2024-02-29", -12)).toBe("2023-02-28");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(todayIn("Pacific/Auckland", new Date("2025-02-18T12:00:00Z"))).toBe("2025-02-19");
  });
});
