import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hitRecord } from "./record.js";
import { hitRecordOf, partitionKeyOf, retryableIdOf } from "./records.js";

const body = { url: "https://example.com/a", ip: "81.2.69.142", user_agent: "Mozilla/5.0 Firefox/120.0" };
const context = { siteId: "site1", time: Date.UTC(2026, 0, 1, 12), receivedAt: Date.UTC(2026, 0, 1, 12, 0, 1) };

describe("hitRecordOf", () => {
  it("adds kind, site, times and a valid record shape; drops the batch time field", () => {
    const record = hitRecordOf("pageview", { ...body, time: "2026-01-01T12:00:00Z" } as never, context);
    expect(hitRecord.parse(record)).toEqual(record);
    expect(record).toMatchObject({ v: 1, kind: "pageview", site_id: "site1", time: context.time });
    expect(record).not.toHaveProperty("time", "2026-01-01T12:00:00Z");
  });

  it("gives every record a unique UUIDv7 ordered by hit time", () => {
    const a = hitRecordOf("pageview", body, context);
    const b = hitRecordOf("pageview", body, { ...context, time: context.time + 1 });
    const c = hitRecordOf("pageview", body, context);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(a.id).not.toBe(c.id);
    expect(a.id < b.id).toBe(true);
  });

  it("may carry ingest's acknowledgement deadline, a time; records without one stay valid", () => {
    const record = hitRecordOf("pageview", body, context);
    expect(hitRecord.parse({ ...record, ack_by: context.receivedAt + 10_000 }).ack_by).toBe(context.receivedAt + 10_000);
    expect(hitRecord.safeParse(record).success).toBe(true);
    expect(hitRecord.safeParse({ ...record, ack_by: -1 }).success).toBe(false);
  });
});

describe("partitionKeyOf", () => {
  it("is stable per visitor and site, and differs between visitors and sites", () => {
    const key = partitionKeyOf({ site_id: "s", ip: "1.2.3.4", user_agent: "ua" });
    expect(partitionKeyOf({ site_id: "s", ip: "1.2.3.4", user_agent: "ua" })).toBe(key);
    expect(partitionKeyOf({ site_id: "s", ip: "1.2.3.5", user_agent: "ua" })).not.toBe(key);
    expect(partitionKeyOf({ site_id: "t", ip: "1.2.3.4", user_agent: "ua" })).not.toBe(key);
    expect(key).not.toContain("1.2.3.4");
  });

  it("keeps the key every earlier version produced, so visitors keep their partition across upgrades", () => {
    const digest = createHash("sha256").update("1.2.3.4\u0000ua").digest("base64url");
    expect(partitionKeyOf({ site_id: "s", ip: "1.2.3.4", user_agent: "ua" })).toBe(`s:${digest.slice(0, 16)}`);
  });
});

describe("retryableIdOf", () => {
  it("is a valid UUID (version 8), the same for the same request item, different otherwise", () => {
    const id = retryableIdOf("site1", "req-1", "pageview", 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(hitRecord.parse(hitRecordOf("pageview", body, { ...context, id })).id).toBe(id);
    expect(retryableIdOf("site1", "req-1", "pageview", 0)).toBe(id);
    const others = [
      retryableIdOf("site2", "req-1", "pageview", 0),
      retryableIdOf("site1", "req-2", "pageview", 0),
      retryableIdOf("site1", "req-1", "event", 0),
      retryableIdOf("site1", "req-1", "pageview", 1),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });
});
