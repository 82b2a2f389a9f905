import { Readable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@pulse/clickhouse/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RowBinaryWriter } from "./row-binary.js";

// Integration: what the writer encodes must read back the same from real ClickHouse.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("rowbinary");
  await db.client.command({
    query: `CREATE TABLE t (
      n UInt32, s String, lc LowCardinality(String), u UUID, t DateTime64(3, 'UTC'), big UInt64,
      f Float64, e Enum8('a' = 1, 'b' = 2), flag UInt8, m Map(LowCardinality(String), String)
    ) ENGINE = MergeTree ORDER BY n`,
  });
});
afterAll(async () => {
  await db.dispose();
});

// Lengths that need one, two and three bytes of LEB128; multi-byte characters.
const long = "ü".repeat(100) + "x".repeat(20_000);
const rows: { n: number; s: string; lc: string; u: string; t: number; big: string; f: number; e: number; flag: number; m: Record<string, string> }[] = [
  { n: 1, s: "", lc: "Firefox", u: "0192f5a0-7b1c-7def-8a01-23456789abcd", t: 1_764_000_000_123, big: "18446744073709551615", f: 1.5, e: 1, flag: 0, m: {} },
  { n: 2, s: "héllo €𝄞", lc: "y".repeat(300), u: "ffffffff-ffff-7fff-bfff-ffffffffffff", t: 0, big: "999999999999999", f: 0, e: 2, flag: 1, m: { author: "Jöhn", plan: "" } },
  { n: 3, s: long, lc: "x".repeat(127), u: "00000000-0000-0000-0000-000000000001", t: 4_102_444_800_000, big: "9007199254740993", f: -3.25, e: 1, flag: 1, m: { k: long } },
];

describe("RowBinaryWriter (real ClickHouse)", () => {
  it("round-trips every type the events table uses", async () => {
    const writer = new RowBinaryWriter(16); // small, so the buffer has to grow
    for (const r of rows) {
      writer.uint32(r.n);
      writer.string(r.s);
      writer.string(r.lc);
      writer.uuid(r.u);
      writer.dateTime64ms(r.t);
      writer.uint64(r.big);
      writer.float64(r.f);
      writer.int8(r.e);
      writer.uint8(r.flag);
      writer.stringMap(r.m);
    }
    const result = await db.client.exec({
      query: "INSERT INTO t FORMAT RowBinary",
      values: Readable.from([writer.bytes()]),
    });
    result.stream.resume();
    const rs = await db.client.query({
      query: `SELECT n, s, lc, toString(u) AS u, toUnixTimestamp64Milli(t) AS t, toString(big) AS big, f,
                     CAST(e, 'Int8') AS e, flag, m FROM t ORDER BY n`,
      format: "JSONEachRow",
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    expect(await rs.json()).toEqual(rows);
  });

  it("refuses what it cannot encode faithfully, and can drop a half-written row", () => {
    const writer = new RowBinaryWriter();
    writer.uint8(1);
    const mark = writer.length;
    writer.string("half a row");
    expect(() => writer.uint32(-1)).toThrow(RangeError);
    writer.truncate(mark);
    expect([...writer.bytes()]).toEqual([1]);
    expect(() => writer.uuid("not-a-uuid")).toThrow(RangeError);
    expect(() => writer.uuid("0192f5a0-7b1c-7def-8a01-23456789abcz")).toThrow(RangeError);
    expect(() => writer.dateTime64ms(1.5)).toThrow(RangeError);
  });
});
