import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { timeOfUuidv7 } from "@pulse/sessions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDataset } from "./generate.js";

const NOW = new Date("2026-11-24T15:30:00.000Z");
const EVENTS = 20_000;

async function rows<T>(db: TestDatabase, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const result = await db.client.query({ query, query_params: params, format: "JSONEachRow" });
  return result.json<T>();
}

describe("generateDataset (real ClickHouse)", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase("bench_dataset");
    const spec = { domain: "example.com", events: EVENTS, now: NOW, seed: 3, topic: "bench.generated" };
    await generateDataset(db.client, { ...spec, siteId: "a" });
    await generateDataset(db.client, { ...spec, siteId: "b" });
    await generateDataset(db.client, { ...spec, siteId: "c" }, 1);
  }, 120_000);

  afterAll(async () => {
    await db?.dispose();
  });

  it("writes exactly the events asked for, all within the 90 days before now", async () => {
    const [r] = await rows<{ n: number; first: string; last: string }>(
      db,
      "SELECT count() AS n, toString(min(time)) AS first, toString(max(time)) AS last FROM events WHERE site_id = 'a'",
    );
    expect(Number(r!.n)).toBe(EVENTS);
    expect(r!.first >= "2026-08-27 00:00:00").toBe(true);
    expect(r!.last <= "2026-11-24 15:30:00.000").toBe(true);
  });

  it("writes the same rows for the same seed and now, whatever the number of statements at once", async () => {
    const digest = await rows<{ site_id: string; d: string }>(
      db,
      "SELECT site_id, toString(groupBitXor(cityHash64(time, id, kind, visitor_id, path, referrer, country_code, browser))) AS d FROM events GROUP BY site_id ORDER BY site_id",
    );
    expect(digest.map((r) => r.site_id)).toEqual(["a", "b", "c"]);
    expect(new Set(digest.map((r) => r.d)).size).toBe(1);
  });

  it("fills the sessions view from the events, as the pipeline's inserts do", async () => {
    const [e] = await rows<{ sessions: number; pageviews: number }>(
      db,
      "SELECT uniqExact(session_id) AS sessions, countIf(kind = 'pageview') AS pageviews FROM events WHERE site_id = 'a'",
    );
    const [s] = await rows<{ sessions: number; pageviews: number }>(
      db,
      "SELECT uniqExact(session_id) AS sessions, sum(pageviews) AS pageviews FROM sessions WHERE site_id = 'a'",
    );
    expect(Number(s!.sessions)).toBe(Number(e!.sessions));
    expect(Number(s!.pageviews)).toBe(Number(e!.pageviews));
    const [p] = await rows<{ n: number }>(db, "SELECT count() AS n FROM ingest_progress WHERE kafka_topic = 'bench.generated'");
    expect(Number(p!.n)).toBeGreaterThan(0);
  });

  it("gives sessions UUIDv7 ids that carry their start, and every row of a session one visitor", async () => {
    const sample = await rows<{ id: string; start_ms: number | string; visitors: number }>(
      db,
      "SELECT toString(session_id) AS id, toUnixTimestamp64Milli(min(session_start)) AS start_ms, uniqExact(visitor_id) AS visitors FROM events WHERE site_id = 'a' GROUP BY session_id LIMIT 50",
    );
    for (const s of sample) {
      expect(timeOfUuidv7(s.id)).toBe(Number(s.start_ms));
      expect(Number(s.visitors)).toBe(1);
    }
  });

  it("makes the home page the most viewed and pages follow a long tail", async () => {
    const top = await rows<{ path: string; n: number }>(
      db,
      "SELECT path, count() AS n FROM events WHERE site_id = 'a' AND kind = 'pageview' GROUP BY path ORDER BY n DESC LIMIT 3",
    );
    expect(top[0]!.path).toBe("/");
    const [pages] = await rows<{ n: number }>(db, "SELECT uniqExact(path) AS n FROM events WHERE site_id = 'a' AND kind = 'pageview'");
    expect(Number(pages!.n)).toBeGreaterThan(1000);
  });

  it("chains page views: each names the page before it, and only landing pages carry a referrer", async () => {
    const [r] = await rows<Record<string, number | string>>(
      db,
      `SELECT countIf(kind = 'pageview' AND previous_path = '' AND time != session_start) AS orphan_pages,
              countIf(referrer != '' AND time > session_start + INTERVAL 10 SECOND AND kind = 'pageview') AS late_referrers,
              countIf(kind = 'session' AND (title != '' OR hostname != '')) AS keepalives_with_page,
              avg(is_bot) AS bots
       FROM events WHERE site_id = 'a'`,
    );
    expect(Number(r!.orphan_pages)).toBe(0);
    expect(Number(r!.late_referrers)).toBe(0);
    expect(Number(r!.keepalives_with_page)).toBe(0);
    expect(Number(r!.bots)).toBeLessThan(0.05);
  });
});
