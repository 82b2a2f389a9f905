import { describe, expect, it } from "vitest";
import { resolveRange } from "../model/date-range.js";
import { statsQuery } from "../model/query.js";
import { compileSessionsListQueries } from "./sessions-list.js";

const NASTY = "x' OR '1'='1";
const query = statsQuery.parse({
  site_id: NASTY,
  date_range: "7d",
  timezone: "Europe/Berlin",
  filters: [
    { field: "event_meta", key: NASTY, values: [NASTY] },
    { field: "exit_title", values: [NASTY] },
  ],
  limit: 20,
  offset: 40,
});
const period = resolveRange(query.date_range, query.timezone, new Date("2025-04-02T10:00:00Z"));
const page = [
  { session: "01957a5e-0000-7000-8000-000000000002", started_at: "2025-03-30 10:00:00.000", ended_at: "2025-03-30 10:40:00.000", total_rows: "50" },
  { session: "01957a5e-0000-7000-8000-000000000001", started_at: "2025-03-29 09:00:00.000", ended_at: "2025-03-29 09:05:00.000", total_rows: "50" },
];

describe("compileSessionsListQueries", () => {
  const { pageSince, total, detailsOf } = compileSessionsListQueries(query, period);
  const details = detailsOf(page);
  const since = pageSince(new Date("2025-04-01T00:00:00Z"));

  it("keeps user values and page ids out of the SQL and restricts every read to the site", () => {
    for (const { sql, params } of [since, total, details]) {
      expect(sql).not.toContain(NASTY);
      const reads = sql.match(/FROM (events|sessions)\b/g)?.length ?? 0;
      expect(sql.match(/site_id = \{site:String\}/g)?.length).toBe(reads);
      expect(params["site"]).toBe(NASTY);
    }
    expect(details.sql).not.toContain(page[0]!.session);
    expect(Object.values(details.params)).toContainEqual(page.map((r) => r.session));
  });

  it("pages among recent sessions, and counts the whole period without paging", () => {
    expect(since.sql).toMatch(/LIMIT \{p\d+:UInt32\} OFFSET \{p\d+:UInt32\}$/);
    expect(since.sql).toMatch(/session_start >= \{p\d+:DateTime64\(3, 'UTC'\)\}/);
    expect(since.sql).not.toContain("total_rows");
    expect(Object.values(since.params)).toEqual(expect.arrayContaining(["2025-04-01 00:00:00.000", 20, 40]));
    expect(total.sql).toMatch(/^SELECT count\(\) AS total_rows FROM/);
    expect(total.sql).not.toContain("LIMIT");
    expect(total.sql).not.toMatch(/session_start >= \{p\d+/);
  });

  it("reads events only over the page's span in the details statement, which does not page", () => {
    expect(details.sql).not.toContain("LIMIT");
    // Two reads of events (exit titles, keep-alives), each bounded by the page's span.
    expect(details.sql.match(/FROM events/g)).toHaveLength(2);
    const params = Object.values(details.params);
    // From a day before the oldest start (late hits), to the newest end.
    expect(params).toEqual(expect.arrayContaining(["2025-03-28 09:00:00.000", "2025-03-30 10:40:00.000", "2025-03-29 09:00:00.000", "2025-03-30 10:00:00.000"]));
  });
});
