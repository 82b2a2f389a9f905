import { ValidationError } from "@pulse/service";
import { describe, expect, it } from "vitest";
import { addDays, todayIn } from "./dates.js";
import { datesOf, statsParams } from "./params.js";

describe("statsParams", () => {
  it("takes the documented parameters, trimmed, and drops empty filters and unknown keys", () => {
    const parsed = statsParams.parse({ from: "2020-04-01", to: "2020-06-01", source_name: " Google ", medium_name: "", site_path: "/blog", token: "t" });
    expect(parsed).toEqual({ from: "2020-04-01", to: "2020-06-01", source_name: "Google", medium_name: undefined, site_path: "/blog", goal_id: undefined });
  });
  it("refuses dates that are not YYYY-MM-DD", () => {
    for (const bad of ["2020-6-1", "yesterday", "2020-02-30", "'; DROP TABLE events; --"]) {
      expect(statsParams.safeParse({ from: bad }).success).toBe(false);
    }
  });
});

describe("datesOf", () => {
  const now = new Date("2026-03-10T23:30:00Z");
  it("defaults to 7 days ago until today on the domain's clock", () => {
    // 23:30 UTC is already 2026-03-11 in Berlin.
    expect(datesOf({}, "Europe/Berlin", now)).toEqual({ from: "2026-03-04", to: "2026-03-11" });
    expect(datesOf({}, "UTC", now)).toEqual({ from: "2026-03-03", to: "2026-03-10" });
  });
  it("keeps explicit dates and refuses from after to, naming from", () => {
    expect(datesOf({ from: "2020-04-01", to: "2020-06-01" }, "UTC", now)).toEqual({ from: "2020-04-01", to: "2020-06-01" });
    expect(datesOf({ to: "2026-03-09" }, "UTC", now)).toEqual({ from: "2026-03-03", to: "2026-03-09" });
    let error: unknown;
    try {
      datesOf({ from: "2020-06-02", to: "2020-06-01" }, "UTC", now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([{ field: "from", message: "must not be after to" }]);
  });
});

describe("dates", () => {
  it("reads today in a zone and steps over month and year ends", () => {
    expect(todayIn("America/Los_Angeles", new Date("2026-01-01T05:00:00Z"))).toBe("2025-12-31");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
  });
});
