import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventRow } from "./event-row.js";
import { EVENT_COLUMNS, insertEvents, insertQueryIdOf, rowBinaryOf, stopRunningInserts } from "./event-writer.js";

// Integration: the RowBinary insert against the shipped schema on real ClickHouse.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("event_writer");
});
afterAll(async () => {
  await db.dispose();
});

const row: EventRow = {
  site_id: "site-a",
  time: Date.UTC(2026, 10, 24, 12, 0, 0, 7),
  id: "019ab5f0-1c00-7abc-9def-0123456789ab",
  kind: "event",
  visitor_id: "18446744073709551557",
  session_id: "019ab5ef-0000-7000-8000-000000000001",
  session_start: Date.UTC(2026, 10, 24, 11, 50),
  hostname: "example.com",
  path: "/pricing",
  title: "Prices — plans",
  previous_path: "",
  seconds_since_previous: 0,
  referrer: "https://news.ycombinator.com/item",
  referrer_name: "Hacker News",
  channel: "Referral",
  utm_source: "hn",
  utm_medium: "social",
  utm_campaign: "launch",
  utm_content: "c",
  utm_term: "t",
  language: "de",
  country_code: "GB",
  region: "ENG",
  city: "London",
  browser: "Firefox",
  browser_version: "120.0",
  os: "Linux",
  os_version: "",
  platform: "desktop",
  screen_class: "XL",
  event_name: "Signup",
  event_duration: 2.5,
  event_meta: { plan: "pro", seats: "3" },
  tags: { author: "Jöhn" },
  is_bot: 0,
  received_at: Date.UTC(2026, 10, 24, 12, 0, 1),
  kafka_topic: "analytics.hits",
  kafka_partition: 4,
  kafka_offset: "9007199254740993",
};

describe("insertEvents (real ClickHouse)", () => {
  it("writes every column of the events table", async () => {
    const rs = await db.client.query({
      query: "SELECT name FROM system.columns WHERE database = {db:String} AND table = 'events' ORDER BY position",
      query_params: { db: db.database },
      format: "JSONEachRow",
    });
    expect((await rs.json<{ name: string }>()).map((c) => c.name)).toEqual([...EVENT_COLUMNS]);
  });

  it("reads back what it wrote, and a retry with the same token writes nothing more", async () => {
    const body = rowBinaryOf([row, { ...row, id: "019ab5f0-1c00-7abc-9def-0123456789ac", kind: "pageview" }]);
    await insertEvents(db.client, body, "t/0/1-2");
    await insertEvents(db.client, body, "t/0/1-2");
    const rs = await db.client.query({
      query: `SELECT * EXCEPT (time, session_start, received_at, visitor_id, kafka_offset, id, session_id),
                toUnixTimestamp64Milli(time) AS time, toUnixTimestamp64Milli(session_start) AS session_start,
                toUnixTimestamp64Milli(received_at) AS received_at, toString(visitor_id) AS visitor_id,
                toString(kafka_offset) AS kafka_offset, toString(id) AS id, toString(session_id) AS session_id
              FROM events ORDER BY id`,
      format: "JSONEachRow",
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    const [first, second] = await rs.json<EventRow>();
    expect(first).toEqual(row);
    expect(second).toMatchObject({ kind: "pageview", id: "019ab5f0-1c00-7abc-9def-0123456789ac" });
    const count = await db.client.query({ query: "SELECT count() AS n FROM events", format: "JSONEachRow" });
    expect(await count.json()).toEqual([{ n: 2 }]);
  });
});

describe("stopRunningInserts", () => {
  const running = async (queryId: string) => {
    const rs = await db.client.query({
      query: "SELECT count() AS n FROM system.processes WHERE query_id = {id:String}",
      query_params: { id: queryId },
      format: "JSONEachRow",
    });
    const [row] = await rs.json<{ n: string | number }>();
    return Number(row?.n ?? 0) > 0;
  };
  const untilRunning = async (queryId: string) => {
    for (let i = 0; i < 100 && !(await running(queryId)); i++) await new Promise((r) => setTimeout(r, 50));
  };

  it("ends a query of the partition's inserts and leaves other partitions' alone", async () => {
    // A slow query stands in for a held insert: KILL QUERY picks by id, whatever the statement.
    const slow = (queryId: string) =>
      db.client.query({ query: "SELECT sleepEachRow(0.5) FROM numbers(20) SETTINGS max_block_size = 1", query_id: queryId, format: "JSONEachRow" }).then((rs) => rs.json());
    const ofPartition3 = insertQueryIdOf("hits.test", [1, 3], "a");
    const ofPartition13 = insertQueryIdOf("hits.test", [13], "b");
    const first = slow(ofPartition3).then(() => "finished", () => "stopped");
    const second = slow(ofPartition13).then(() => "finished", () => "stopped");
    await untilRunning(ofPartition3);
    await untilRunning(ofPartition13);

    await stopRunningInserts(db.client, "hits.test", 3);
    expect(await first).toBe("stopped");
    expect(await running(ofPartition3)).toBe(false);
    expect(await running(ofPartition13)).toBe(true);

    await stopRunningInserts(db.client, "hits.test", 13);
    expect(await second).toBe("stopped");
  }, 30_000);
});
