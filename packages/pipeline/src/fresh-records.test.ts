import { hitRecordOf } from "@pulse/hits";
import { describe, expect, it } from "vitest";
import type { KafkaBatch } from "./batch-processor.js";
import { freshRecordsOf } from "./fresh-records.js";

const record = (path: string) =>
  hitRecordOf("pageview", { url: `https://example.com${path}`, ip: "81.2.69.142", user_agent: "Firefox" }, { siteId: "s", time: 1_000, receivedAt: 1_000 });

function batchOf(values: (unknown | Buffer)[], timestamps: (string | undefined)[] = []): KafkaBatch {
  return {
    topic: "hits",
    partition: 2,
    messages: values.map((v, i) => ({
      offset: String(10 + i),
      value: v instanceof Buffer ? v : Buffer.from(JSON.stringify(v)),
      timestamp: timestamps[i],
    })),
  };
}

const rules = { mark: -1n, isRecent: () => false, lateAppendGraceMs: 0 };

describe("freshRecordsOf", () => {
  it("skips what the mark says is written and keeps the rest in order, with their offsets", () => {
    const [a, b, c] = [record("/a"), record("/b"), record("/c")];
    const fresh = freshRecordsOf(batchOf([a, b, [c]]), { ...rules, mark: 10n });
    expect(fresh.alreadyWritten).toBe(1);
    expect(fresh.records.map((r) => [r.record.id, r.offset])).toEqual([
      [b.id, "11"],
      [c.id, "12"],
    ]);
    expect([...fresh.ids]).toEqual([b.id, c.id]);
  });

  it("dead-letters what cannot be decoded, naming the item of a bundle", () => {
    const good = record("/ok");
    const fresh = freshRecordsOf(batchOf([Buffer.from("{nope"), [good, { v: 9 }]]), rules);
    expect(fresh.records).toHaveLength(1);
    expect(fresh.letters.map(({ offset, reason, index }) => ({ offset, reason: reason.split(":")[0], index }))).toEqual([
      { offset: "10", reason: "not JSON", index: undefined },
      { offset: "11", reason: "bundle item 1", index: 1 },
    ]);
  });

  it("drops copies within the batch and ids the processor saw lately", () => {
    const [a, b] = [record("/a"), record("/b")];
    const fresh = freshRecordsOf(batchOf([a, a, b]), { ...rules, isRecent: (id) => id === b.id });
    expect(fresh.records.map((r) => r.record.id)).toEqual([a.id]);
    expect(fresh.duplicates).toBe(2);
  });

  it("drops records appended after their ack_by, without remembering their ids", () => {
    const late = { ...record("/late"), ack_by: 5_000 };
    const onTime = { ...record("/on-time"), ack_by: 5_000 };
    const fresh = freshRecordsOf(batchOf([late, onTime], ["5001", "5000"]), rules);
    expect(fresh.late).toBe(1);
    expect(fresh.records.map((r) => r.record.id)).toEqual([onTime.id]);
    expect(fresh.ids.has(late.id)).toBe(false);
    // Without a grace setting lateness is not checked at all.
    expect(freshRecordsOf(batchOf([late], ["9999"]), { ...rules, lateAppendGraceMs: undefined }).late).toBe(0);
  });
});
