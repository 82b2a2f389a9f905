import { describe, expect, it } from "vitest";
import { resolveRange } from "../model/date-range.js";
import { compileDeletion } from "./deletion.js";

const SITE = "x' OR site_id != '";
// 2025-03-02 in Berlin: [03-01 23:00Z, 03-02 23:00Z)
const period = resolveRange({ from: "2025-03-02", to: "2025-03-02" }, "Europe/Berlin", new Date("2025-04-02T10:00:00Z"));

describe("compileDeletion", () => {
  it("deletes the site's sessions that started in the period, from both tables, with parameters only", () => {
    const statements = compileDeletion(SITE, period, "all");
    expect(statements.map((s) => s.sql)).toEqual([
      "ALTER TABLE events DELETE WHERE site_id = {site:String} AND session_start >= {start:DateTime64(3, 'UTC')} AND session_start < {end:DateTime64(3, 'UTC')} AND time >= {start:DateTime64(3, 'UTC')}",
      "ALTER TABLE sessions DELETE WHERE site_id = {site:String} AND session_start >= {start:DateTime64(3, 'UTC')} AND session_start < {end:DateTime64(3, 'UTC')}",
    ]);
    for (const { sql, params } of statements) {
      expect(sql).not.toContain(SITE);
      expect(params).toEqual({ site: SITE, start: "2025-03-01 23:00:00.000", end: "2025-03-02 23:00:00.000" });
    }
  });

  it("deletes only custom events and zeroes the sessions' event counts for kind events", () => {
    const [events, sessions] = compileDeletion(SITE, period, "events").map((s) => s.sql);
    expect(events).toMatch(/^ALTER TABLE events DELETE WHERE site_id = \{site:String\} .* AND kind = 'event'$/);
    expect(sessions).toBe(
      "ALTER TABLE sessions UPDATE events = 0 WHERE site_id = {site:String} AND session_start >= {start:DateTime64(3, 'UTC')} AND session_start < {end:DateTime64(3, 'UTC')}",
    );
  });
});
