import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { createRedis, type Redis } from "@pulse/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatsEngine } from "./engine.js";
import { StatsQueryError } from "./errors.js";
import type { Session } from "./test-support/fixture.js";
import { ingest } from "./test-support/ingest.js";
import { disposeWorld } from "./test-support/dispose.js";

// Integration: deleting a site's data by day, through ClickHouse mutations, on a fixture of its own
// (the figures of engine.it.test.ts must not change under it). Days are UTC.
//
//  session  site   who  start (UTC)        hits
//  D1       alpha  A    03-01 10:00        0 /, 30 /pricing, 40 Signup on /pricing
//  D2a      alpha  B    03-02 10:00        0 /                                       (a bounce)
//  D2b      alpha  C    03-02 12:00        0 /, 20 Signup on /                        (no bounce: an event)
//  D2c      alpha  D    03-02 23:59        0 /, 120 /pricing                          (ends on 03-03, started on 03-02)
//  D3       alpha  E    03-03 10:00        0 /
//  B2       beta   F    03-02 10:00        0 /, 10 /pricing, 20 Signup on /pricing    (another site, same day)
//
//  03-02 on alpha: visitors 3 (B, C, D), sessions 3, page views 3 (D2c's second is on 03-03), events 1,
//  bounces 1 (D2a). 03-03 on alpha: visitors 2 (D's 00:01 page view, E), page views 2, sessions 1 (D3).
//  Deleting its events: events 0, bounces 2 (D2a and now D2b), page views 3.
//  Deleting everything of 03-02: nothing left of D2a-D2c, D2c's 03-03 page view included;
//  03-01 and 03-03 keep visitors 1 each (D3's page view only on 03-03), beta keeps 1 visitor, 2 page views, 1 event.
const SIGNUP = { event: "Signup" };
const SESSIONS: Session[] = [
  { name: "D1", site: "alpha", who: "A", start: "2025-03-01T10:00:00Z", hits: [[0, "/"], [30, "/pricing"], [40, "/pricing", SIGNUP]] },
  { name: "D2a", site: "alpha", who: "B", start: "2025-03-02T10:00:00Z", hits: [[0, "/"]] },
  { name: "D2b", site: "alpha", who: "C", start: "2025-03-02T12:00:00Z", hits: [[0, "/"], [20, "/", SIGNUP]] },
  { name: "D2c", site: "alpha", who: "D", start: "2025-03-02T23:59:00Z", hits: [[0, "/"], [120, "/pricing"]] },
  { name: "D3", site: "alpha", who: "E", start: "2025-03-03T10:00:00Z", hits: [[0, "/"]] },
  { name: "B2", site: "beta", who: "F", start: "2025-03-02T10:00:00Z", hits: [[0, "/"], [10, "/pricing"], [20, "/pricing", SIGNUP]] },
];

let db: TestDatabase;
let redis: Redis;
let engine: StatsEngine;
const prefix = `it:${randomUUID()}:`;

beforeAll(async () => {
  db = await createTestDatabase("stats_deletion");
  redis = createRedis(loadConfig(), prefix);
  await ingest(db.client, redis, SESSIONS, 3);
  engine = new StatsEngine(db.client, { now: () => new Date("2025-04-02T10:00:00Z") });
}, 60_000);

afterAll(async () => {
  await disposeWorld(db, redis, prefix);
});

const METRICS = ["visitors", "sessions", "pageviews", "events", "bounces"] as const;
const figures = (site: string, day: string) => engine.aggregate({ site_id: site, date_range: { from: day, to: day }, metrics: [...METRICS] }).then((r) => r.metrics);

/** deleteData returns once the mutations are accepted; ClickHouse finishes them in the background. */
async function mutationsDone(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const result = await db.client.query({ query: "SELECT count() AS pending FROM system.mutations WHERE database = currentDatabase() AND is_done = 0", format: "JSONEachRow" });
    const [row] = await result.json<{ pending: string }>();
    if (Number(row!.pending) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("mutations still pending after 10 s");
}

async function rowsOf(table: "events" | "sessions", site: string): Promise<number> {
  const result = await db.client.query({ query: `SELECT count() AS n FROM ${table} WHERE site_id = {site:String}`, query_params: { site }, format: "JSONEachRow" });
  const [row] = await result.json<{ n: string }>();
  return Number(row!.n);
}

describe("deleteData", () => {
  it("starts from the fixture's figures", async () => {
    expect(await figures("alpha", "2025-03-02")).toEqual({ visitors: 3, sessions: 3, pageviews: 3, events: 1, bounces: 1 });
    expect(await figures("alpha", "2025-03-03")).toEqual({ visitors: 2, sessions: 1, pageviews: 2, events: 0, bounces: 1 });
    expect(await figures("beta", "2025-03-02")).toEqual({ visitors: 1, sessions: 1, pageviews: 2, events: 1, bounces: 0 });
  });

  it("deletes only the custom events of a day's sessions, and the bounces follow", async () => {
    await engine.deleteData({ site_id: "alpha", date_range: { from: "2025-03-02", to: "2025-03-02" }, kind: "events" });
    await mutationsDone();
    expect(await figures("alpha", "2025-03-02")).toEqual({ visitors: 3, sessions: 3, pageviews: 3, events: 0, bounces: 2 });
    expect(await figures("alpha", "2025-03-01")).toEqual({ visitors: 1, sessions: 1, pageviews: 2, events: 1, bounces: 0 });
    expect(await figures("beta", "2025-03-02")).toEqual({ visitors: 1, sessions: 1, pageviews: 2, events: 1, bounces: 0 });
  });

  it("deletes every row of a day's sessions and leaves other days and sites alone", async () => {
    const betaRows = [await rowsOf("events", "beta"), await rowsOf("sessions", "beta")];
    await engine.deleteData({ site_id: "alpha", date_range: { from: "2025-03-02", to: "2025-03-02" }, timezone: "UTC", kind: "all" });
    await mutationsDone();
    expect(await figures("alpha", "2025-03-02")).toEqual({ visitors: 0, sessions: 0, pageviews: 0, events: 0, bounces: 0 });
    // D2c's second page view was on 03-03; it went with its session.
    expect(await figures("alpha", "2025-03-03")).toEqual({ visitors: 1, sessions: 1, pageviews: 1, events: 0, bounces: 1 });
    expect(await figures("alpha", "2025-03-01")).toEqual({ visitors: 1, sessions: 1, pageviews: 2, events: 1, bounces: 0 });
    expect(await figures("beta", "2025-03-02")).toEqual({ visitors: 1, sessions: 1, pageviews: 2, events: 1, bounces: 0 });
    expect([await rowsOf("events", "beta"), await rowsOf("sessions", "beta")]).toEqual(betaRows);
    // What is left of alpha: D1's three rows and D3's one.
    expect(await rowsOf("events", "alpha")).toBe(4);
  });

  it("refuses a range that is not whole dates, and an unknown kind", async () => {
    await expect(engine.deleteData({ site_id: "alpha", date_range: { from: "2025-03-03", to: "2025-03-02" }, kind: "all" })).rejects.toThrow(StatsQueryError);
    // biome-ignore lint/suspicious/noExplicitAny: an invalid kind on purpose
    await expect(engine.deleteData({ site_id: "alpha", date_range: { from: "2025-03-02", to: "2025-03-02" }, kind: "imported" as any })).rejects.toThrow(StatsQueryError);
  });
});
