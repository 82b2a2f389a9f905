import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatsEngine } from "../engine.js";
import type { RawRow } from "../engine/rows.js";
import { rowsOf } from "../engine/run.js";
import { sessionSummaryOf } from "../engine/session-rows.js";
import { resolveRange } from "../model/date-range.js";
import type { FilterInput } from "../model/filters.js";
import { type StatsQueryInput, statsQuery } from "../model/query.js";
import { FIXTURE } from "../test-support/fixture.js";
import { ingest } from "../test-support/ingest.js";
import { compileSessionsList } from "./sessions-list.js";
import { disposeWorld } from "../test-support/dispose.js";

// Integration: the engine lists sessions in two statements (the page's ids, then their details);
// compileSessionsList folds the whole period in one. Both must give the same rows and totals for
// any page and filter, on the fixture (src/test-support/fixture.ts) as the real pipeline stores it.

const NOW = new Date("2025-04-02T10:00:00Z");

let db: TestDatabase;
let redis: Redis;
let engine: StatsEngine;
const prefix = `it:${randomUUID()}:`;

beforeAll(async () => {
  db = await createTestDatabase("sessions_list");
  redis = createRedis(loadConfig(), prefix);
  await db.client.command({ query: "SYSTEM STOP MERGES sessions" });
  await ingest(db.client, redis, FIXTURE, 5);
  // A keep-alive that arrived late and joined S7 (F, 03-06 08:00) ten minutes before its start, as
  // the sessionizer allows: its row is older than session_start, which the details read must keep.
  await db.client.command({
    query: `INSERT INTO events SELECT * REPLACE (time - INTERVAL 10 MINUTE AS time, 'session' AS kind, generateUUIDv4() AS id)
      FROM (SELECT * FROM events WHERE site_id = 'alpha' AND time = '2025-03-06 08:00:00.000' AND kind = 'pageview')`,
  });
  engine = new StatsEngine(db.client, { now: () => NOW });
}, 60_000);

afterAll(async () => {
  await disposeWorld(db, redis, prefix);
});

/** The list as the single statement gives it. */
async function inOneStatement(input: StatsQueryInput) {
  const query = statsQuery.parse(input);
  const raw = await rowsOf<RawRow>(db.client, compileSessionsList(query, resolveRange(query.date_range, query.timezone, NOW)));
  return { rows: raw.map(sessionSummaryOf), total_rows: Number(raw[0]?.["total_rows"] ?? 0) };
}

const base = { site_id: "alpha", timezone: "Europe/Berlin", date_range: { from: "2025-02-01", to: "2025-03-31" } };

const FILTERS: FilterInput[][] = [
  [],
  [{ field: "path", values: ["/docs/setup"] }],
  [{ field: "event", values: ["Signup"] }],
  [{ field: "event_meta", key: "plan", values: ["pro"] }],
  [{ field: "tag", key: "author", op: "is_not", values: ["nobody"] }],
  [{ field: "entry_path", values: ["/"] }],
  [{ field: "exit_title", values: ["Pricing", "API"] }],
  [{ field: "exit_path", op: "contains", values: ["blog"] }],
  [{ field: "country", op: "is_not", values: ["GB"] }, { field: "pattern", values: ["^/(pricing|docs)"] }],
  [{ field: "referrer_name", values: ["Google"] }, { field: "path", op: "not_contains", values: ["signup"] }],
];

describe("the two-statement sessions list", () => {
  it("equals the single statement for every page and filter", async () => {
    let compared = 0;
    for (const filters of FILTERS) {
      for (const [limit, offset] of [[100, 0], [3, 0], [3, 3], [2, 7], [1, 15], [5, 40]] as const) {
        const input = { ...base, filters, limit, offset };
        const { period: _, ...listed } = await engine.sessionsList(input);
        expect(listed, JSON.stringify({ filters, limit, offset })).toEqual(await inOneStatement(input));
        compared += listed.rows.length;
      }
    }
    // Not vacuous: most pages hold sessions.
    expect(compared).toBeGreaterThan(100);
  }, 60_000);

  it("counts the late keep-alive, and keeps totals and periods apart", async () => {
    const all = await engine.sessionsList({ ...base, limit: 100 });
    expect(all.total_rows).toBe(17); // alpha's sessions in February and March, the bot not among them
    // S7 alone on its page: the events read starts from its own start.
    const s7 = await engine.sessionsList({ ...base, filters: [{ field: "path", values: ["/docs/api"] }] });
    expect(s7.rows).toMatchObject([{ start: "2025-03-06T08:00:00.000Z", keep_alives: 3, exit_title: "API" }]);
    const week = { ...base, date_range: { from: "2025-03-03", to: "2025-03-09" } };
    for (const input of [week, { ...week, site_id: "beta" }, { ...week, limit: 4, offset: 10 }, { ...week, offset: 11 }]) {
      const { period: _, ...listed } = await engine.sessionsList(input);
      expect(listed).toEqual(await inOneStatement(input));
    }
    expect(await engine.sessionsList({ ...week, offset: 11 })).toMatchObject({ rows: [], total_rows: 0 });
  });
});
