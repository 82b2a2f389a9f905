import { randomUUID } from "node:crypto";
import { finished } from "node:stream/promises";
import type { ClickHouseClient } from "@pulse/clickhouse";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { hitRecordOf } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { createRedis, type Redis } from "@pulse/redis";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BatchControl, BatchProcessor, type DeadLetter, type KafkaBatch, type ProcessorDeps } from "./batch-processor.js";

// Integration: real ClickHouse (a fresh database with the shipped schema) and real Redis.
// Kafka is not involved here: batches are built as the consumer receives them from kafkajs.
const TOPIC = "it.hits";
const logger = createLogger("pipeline-it", { level: "silent" });
const active: BatchControl = { isActive: () => true, heartbeat: async () => {} };
let db: TestDatabase;
let redis: Redis;
let letters: DeadLetter[];
let site: string;

beforeAll(async () => {
  db = await createTestDatabase("pipeline");
  redis = createRedis(loadConfig(), `it:${randomUUID()}:`);
});
afterAll(async () => {
  redis.disconnect();
  await db.dispose();
});
beforeEach(() => {
  letters = [];
  site = `site-${randomUUID().slice(0, 8)}`;
});

function depsWith(clickhouse: ClickHouseClient): ProcessorDeps {
  return {
    clickhouse,
    sessionizer: new Sessionizer(redis, { saltStore: new SaltStore(redis) }),
    realtime: new Realtime(redis),
    hostnamesOf: () => ["example.com"],
    deadLetter: async (l) => void letters.push(...l),
    logger,
    retry: { initialMs: 10, maxMs: 50 },
  };
}

const now = Date.now();
const page = (path: string, offsetMs = 0, ip = "81.2.69.142") =>
  hitRecordOf(
    "pageview",
    { url: `https://example.com${path}`, ip, user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0" },
    { siteId: site, time: now - 60_000 + offsetMs, receivedAt: now },
  );

function batchOf(records: unknown[], firstOffset = 0, partition = 0): KafkaBatch {
  return {
    topic: TOPIC,
    partition,
    messages: records.map((r, i) => ({
      offset: String(firstOffset + i),
      value: r instanceof Buffer ? r : Buffer.from(JSON.stringify(r)),
    })),
  };
}

async function counts() {
  const rs = await db.client.query({
    query: `SELECT
      (SELECT count() FROM events WHERE site_id = {site:String}) AS rows,
      (SELECT uniqExact(id) FROM events WHERE site_id = {site:String}) AS ids,
      (SELECT sum(pageviews) FROM sessions WHERE site_id = {site:String}) AS session_pageviews`,
    query_params: { site },
    format: "JSONEachRow",
  });
  const [row] = await rs.json<{ rows: string; ids: string; session_pageviews: string }>();
  return { rows: Number(row!.rows), ids: Number(row!.ids), sessionPageviews: Number(row!.session_pageviews) };
}

describe("BatchProcessor (real ClickHouse and Redis)", () => {
  it("writes enriched, sessionized rows and the session view", async () => {
    const records = [page("/"), page("/pricing", 10_000), page("/signup", 25_000)];
    const outcome = await new BatchProcessor(depsWith(db.client), TOPIC).process(batchOf(records, 1000, 7), active);
    expect(outcome).toMatchObject({ lastOffset: "1002", written: 3, alreadyWritten: 0, deadLettered: 0 });
    const rs = await db.client.query({
      query: `SELECT path, previous_path, seconds_since_previous, browser, os, country_code, kafka_partition, kafka_offset
              FROM events WHERE site_id = {site:String} ORDER BY time`,
      query_params: { site },
      format: "JSONEachRow",
    });
    expect(await rs.json()).toEqual([
      { path: "/", previous_path: "", seconds_since_previous: 0, browser: "Firefox", os: "Linux", country_code: "GB", kafka_partition: 7, kafka_offset: 1000 },
      { path: "/pricing", previous_path: "/", seconds_since_previous: 10, browser: "Firefox", os: "Linux", country_code: "GB", kafka_partition: 7, kafka_offset: 1001 },
      { path: "/signup", previous_path: "/pricing", seconds_since_previous: 15, browser: "Firefox", os: "Linux", country_code: "GB", kafka_partition: 7, kafka_offset: 1002 },
    ]);
    const sessions = await db.client.query({
      query: `SELECT count() AS n, sum(pageviews) AS pv, argMinMerge(entry_path) AS entry, argMaxMerge(exit_path) AS exit
              FROM sessions WHERE site_id = {site:String} GROUP BY session_id`,
      query_params: { site },
      format: "JSONEachRow",
    });
    expect(await sessions.json()).toEqual([{ n: 1, pv: 3, entry: "/", exit: "/signup" }]);
  });

  it("drops a record the broker appended after ingest answered 503 for it, and counts its retry", async () => {
    const ackBy = now - 30_000;
    const late = { ...page("/late"), ack_by: ackBy };
    const onTime = { ...page("/on-time", 1000), ack_by: ackBy };
    const batch = batchOf([late, onTime], 0, 12);
    batch.messages[0]!.timestamp = String(ackBy + 2001); // resumed after the deadline and its grace
    batch.messages[1]!.timestamp = String(ackBy + 1999); // within the grace: ingest may have answered 202
    const processor = new BatchProcessor({ ...depsWith(db.client), lateAppendGraceMs: 2000 }, TOPIC);
    expect(await processor.process(batch, active)).toMatchObject({ written: 1, late: 1, duplicates: 0, lastOffset: "1" });
    // The client's retry with the same Idempotency-Key carries the same id and a new deadline.
    const retry = batchOf([{ ...late, ack_by: now }], 2, 12);
    retry.messages[0]!.timestamp = String(now);
    expect(await processor.process(retry, active)).toMatchObject({ written: 1, late: 0, duplicates: 0 });
    expect(await counts()).toEqual({ rows: 2, ids: 2, sessionPageviews: 2 });
  });

  it("counts a batch once when a restarted consumer gets it again before the commit", async () => {
    const batch = batchOf([page("/a"), page("/b", 1000)], 0, 1);
    await new BatchProcessor(depsWith(db.client), TOPIC).process(batch, active);
    // A new processor has no memory: what it knows comes from ClickHouse.
    const again = await new BatchProcessor(depsWith(db.client), TOPIC).process(batch, active);
    expect(again).toMatchObject({ written: 0, alreadyWritten: 2, lastOffset: "1" });
    expect(await counts()).toEqual({ rows: 2, ids: 2, sessionPageviews: 2 });
  });

  it("skips the written part of a batch re-formed with other boundaries", async () => {
    const records = [page("/1"), page("/2", 1000), page("/3", 2000), page("/4", 3000)];
    await new BatchProcessor(depsWith(db.client), TOPIC).process(batchOf(records.slice(0, 2), 0, 2), active);
    const reformed = await new BatchProcessor(depsWith(db.client), TOPIC).process(batchOf(records.slice(1), 1, 2), active);
    expect(reformed).toMatchObject({ written: 2, alreadyWritten: 1 });
    expect(await counts()).toEqual({ rows: 4, ids: 4, sessionPageviews: 4 });
  });

  it("retries an insert whose answer was lost, with the same token, without doubling any table", async () => {
    let calls = 0;
    // The insert reaches ClickHouse, then the caller sees an error, as when a connection drops mid-answer.
    const lossy = new Proxy(db.client, {
      get(target, prop, receiver) {
        if (prop !== "exec") return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<ClickHouseClient["exec"]>) => {
          const result = await target.exec(...args);
          if (++calls <= 2) {
            // The insert has completed on the server; only its answer is lost.
            await finished(result.stream.resume());
            throw new Error("socket hang up");
          }
          return result;
        };
      },
    });
    const outcome = await new BatchProcessor(depsWith(lossy), TOPIC).process(batchOf([page("/x"), page("/y", 500)], 0, 3), active);
    expect(calls).toBe(3);
    expect(outcome.written).toBe(2);
    expect(await counts()).toEqual({ rows: 2, ids: 2, sessionPageviews: 2 });
    const progress = await db.client.query({
      query: "SELECT max(last_offset) AS last FROM ingest_progress WHERE kafka_partition = 3",
      format: "JSONEachRow",
    });
    expect(await progress.json()).toEqual([{ last: 1 }]);
  });

  it("abandons a failing batch without committing when the partition is taken away", async () => {
    let alive = true;
    const failing = new Proxy(db.client, {
      get(target, prop, receiver) {
        if (prop !== "exec") return Reflect.get(target, prop, receiver);
        return async () => {
          alive = false;
          throw new Error("ClickHouse is down");
        };
      },
    });
    const control = { isActive: () => alive, heartbeat: async () => {} };
    const outcome = await new BatchProcessor(depsWith(failing), TOPIC).process(batchOf([page("/z")], 0, 4), control);
    expect(outcome.lastOffset).toBeUndefined();
    expect((await counts()).rows).toBe(0);
  });

  it("inserts the batches of several partitions processed at once together, each exactly once", async () => {
    let inserts = 0;
    const counting = new Proxy(db.client, {
      get(target, prop, receiver) {
        if (prop !== "exec") return Reflect.get(target, prop, receiver);
        return (...args: Parameters<ClickHouseClient["exec"]>) => {
          inserts++;
          return target.exec(...args);
        };
      },
    });
    const processor = new BatchProcessor(depsWith(counting), TOPIC);
    const a = batchOf([page("/p10", 0, "1.1.1.1"), page("/p10b", 500, "1.1.1.1")], 0, 10);
    const b = batchOf([page("/p11", 0, "2.2.2.2")], 40, 11);
    const outcomes = await Promise.all([processor.process(a, active), processor.process(b, active)]);
    expect(outcomes.map((o) => [o.written, o.lastOffset])).toEqual([
      [2, "1"],
      [1, "40"],
    ]);
    expect(inserts).toBe(1);
    expect(await counts()).toEqual({ rows: 3, ids: 3, sessionPageviews: 3 });
    const progress = await db.client.query({
      query: "SELECT kafka_partition AS p, max(last_offset) AS last FROM ingest_progress WHERE kafka_partition IN (10, 11) GROUP BY p ORDER BY p",
      format: "JSONEachRow",
    });
    expect(await progress.json()).toEqual([
      { p: 10, last: 1 },
      { p: 11, last: 40 },
    ]);
    // Either batch, delivered again to a consumer that knows nothing, is recognised as written.
    const again = await new BatchProcessor(depsWith(db.client), TOPIC).process(b, active);
    expect(again).toMatchObject({ written: 0, alreadyWritten: 1 });
  });

  it("dead-letters poison messages with a reason and writes the rest", async () => {
    const bad = { ...page("/bad"), url: "not a url" };
    const future = { ...page("/ok"), v: 2 };
    const outcome = await new BatchProcessor(depsWith(db.client), TOPIC).process(
      batchOf([Buffer.from("{oops"), page("/good"), bad, future, page("/good2", 1000)], 0, 5),
      active,
    );
    expect(outcome).toMatchObject({ written: 2, deadLettered: 3, lastOffset: "4" });
    expect(letters.map((l) => [l.offset, l.reason.split(":")[0]])).toEqual([
      ["0", "not JSON"],
      ["2", "invalid record"],
      ["3", "invalid record"],
    ]);
    expect((await counts()).rows).toBe(2);
  });

  it("writes the good records of a bundle and dead-letters its bad items one by one", async () => {
    const good = [page("/b1"), page("/b2", 1000), page("/b3", 2000)];
    const bad = { ...page("/bad"), url: "not a url" };
    const bundle = Buffer.from(JSON.stringify([good[0], bad, good[1]]));
    const batch: KafkaBatch = {
      topic: TOPIC,
      partition: 9,
      messages: [
        { offset: "0", value: bundle },
        { offset: "1", value: Buffer.from(JSON.stringify(good[2])) },
        { offset: "2", value: Buffer.from("[]") },
      ],
    };
    const outcome = await new BatchProcessor(depsWith(db.client), TOPIC).process(batch, active);
    expect(outcome).toMatchObject({ written: 3, deadLettered: 2, lastOffset: "2" });
    expect(letters.map((l) => ({ offset: l.offset, index: l.index, reason: l.reason.split(":")[0] }))).toEqual([
      { offset: "0", index: 1, reason: "bundle item 1" },
      { offset: "2", index: undefined, reason: "empty bundle" },
    ]);
    expect(JSON.parse(String(letters[0]!.value))).toEqual(bad);
    const rs = await db.client.query({
      query: "SELECT path, kafka_offset FROM events WHERE site_id = {site:String} ORDER BY time",
      query_params: { site },
      format: "JSONEachRow",
    });
    expect(await rs.json()).toEqual([
      { path: "/b1", kafka_offset: 0 },
      { path: "/b2", kafka_offset: 0 },
      { path: "/b3", kafka_offset: 1 },
    ]);
    // Replayed after a crash, the bundle is recognised as written, all of it.
    const again = await new BatchProcessor(depsWith(db.client), TOPIC).process(batch, active);
    expect(again).toMatchObject({ written: 0, alreadyWritten: 2 });
    expect((await counts()).rows).toBe(3);
  });

  it("drops a copy of an event that a retried produce call stored twice", async () => {
    const record = page("/once");
    const outcome = await new BatchProcessor(depsWith(db.client), TOPIC).process(batchOf([record, page("/next", 1000), record], 0, 6), active);
    expect(outcome).toMatchObject({ written: 2, duplicates: 1 });
    expect(await counts()).toEqual({ rows: 2, ids: 2, sessionPageviews: 2 });
  });

  it("updates realtime counters with the visitors just written", async () => {
    const records = [page("/live", 0, "81.2.69.142"), page("/live", 0, "8.8.8.8"), page("/other", 0, "8.8.4.4")];
    await new BatchProcessor(depsWith(db.client), TOPIC).process(batchOf(records, 0, 8), active);
    const realtime = new Realtime(redis);
    expect(await realtime.activeVisitors(site, 300)).toBe(3);
    expect(await realtime.activePages(site, 300, Date.now())).toEqual([
      { path: "/live", visitors: 2 },
      { path: "/other", visitors: 1 },
    ]);
  });

  it("prepares a partition's next batch while the previous insert runs, and writes both in order, once", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const order: string[] = [];
    const held = new Proxy(db.client, {
      get(target, prop, receiver) {
        if (prop !== "exec") return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<ClickHouseClient["exec"]>) => {
          order.push(`insert ${args[0].clickhouse_settings?.insert_deduplication_token}`);
          if (order.length === 1) await gate;
          return target.exec(...args);
        };
      },
    });
    const processor = new BatchProcessor(depsWith(held), TOPIC);
    const copy = page("/b2", 2000);
    const first = await processor.start(batchOf([page("/b1", 1000), copy], 0, 20), active);
    // The first insert is held; start() resolved anyway, and the next batch (a producer retry's copy
    // of `copy`, then a new hit) is prepared meanwhile; its start() resolves once its insert starts.
    let secondStarted = false;
    const starting = processor.start(batchOf([copy, page("/b3", 3000)], 2, 20), active).then((p) => {
      secondStarted = true;
      return p;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(order).toEqual([`insert ${TOPIC}/20/0-1`]);
    expect(secondStarted).toBe(false);
    release();
    const second = await starting;
    const outcomes = await Promise.all([first.done, second.done]);
    expect(outcomes.map((o) => [o.written, o.duplicates, o.lastOffset])).toEqual([
      [2, 0, "1"],
      [1, 1, "3"],
    ]);
    expect(order).toEqual([`insert ${TOPIC}/20/0-1`, `insert ${TOPIC}/20/2-3`]);
    expect(await counts()).toEqual({ rows: 3, ids: 3, sessionPageviews: 3 });
  });

  it("gives up a batch queued behind an abandoned insert of its partition, and reads the partition again from scratch", async () => {
    let fail = true;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = new Proxy(db.client, {
      get(target, prop, receiver) {
        if (prop !== "exec") return Reflect.get(target, prop, receiver);
        return async (...args: Parameters<ClickHouseClient["exec"]>) => {
          if (!fail) return target.exec(...args);
          await gate;
          throw new Error("ClickHouse is down");
        };
      },
    });
    // What the consumer does: a batch is ours while its lane is alive; abandoning one kills the lane.
    let laneAlive = true;
    const abandoned: string[] = [];
    const control = (name: string): BatchControl => ({
      isActive: () => laneAlive,
      heartbeat: async () => {},
      abandoned: () => {
        abandoned.push(name);
        laneAlive = false;
      },
    });
    const processor = new BatchProcessor(depsWith(failing), TOPIC);
    const records = [page("/c1", 1000), page("/c2", 2000), page("/c3", 3000)];
    const first = await processor.start(batchOf(records.slice(0, 2), 0, 21), control("first"));
    const starting = processor.start(batchOf(records.slice(2), 2, 21), control("second"));
    await new Promise((r) => setTimeout(r, 300));
    // The insert fails while the partition is no longer ours (say its group changed): both are given up.
    laneAlive = false;
    release();
    const second = await starting;
    const outcomes = await Promise.all([first.done, second.done]);
    expect(outcomes.map((o) => o.lastOffset)).toEqual([undefined, undefined]);
    expect(abandoned).toEqual(["first", "second"]);
    expect((await counts()).rows).toBe(0);

    // Fetched again (the consumer seeks back): nothing is taken for a copy of the abandoned batches.
    fail = false;
    laneAlive = true;
    const again = await processor.process(batchOf(records, 0, 21), control("again"));
    expect(again).toMatchObject({ written: 3, duplicates: 0, alreadyWritten: 0, lastOffset: "2" });
    expect(await counts()).toEqual({ rows: 3, ids: 3, sessionPageviews: 3 });
  });
});
