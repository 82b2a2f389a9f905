import { describe, expect, it } from "vitest";
import { LIMITS } from "./limits.js";
import { eventBody, hitBatchBody, hitBody, sessionBody } from "./wire.js";

const hit = {
  url: "https://example.com/blog?utm_source=x",
  ip: "81.2.69.142",
  user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0",
  screen_width: 1920,
  tags: { author: "John" },
};

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join(".")) ?? [];

describe("wire format", () => {
  it("accepts the documented page view and drops unknown fields", () => {
    const parsed = hitBody.parse({ ...hit, _comment: "ignored" });
    expect(parsed).toEqual(hit);
  });

  it("names each bad field", () => {
    const result = hitBody.safeParse({ url: "ftp://x", ip: "123.456.789.0", screen_width: -1 });
    expect(pathsOf(result).sort()).toEqual(["ip", "screen_width", "url", "user_agent"]);
  });

  it("limits the URL length", () => {
    const url = `https://example.com/${"a".repeat(LIMITS.urlLength)}`;
    expect(pathsOf(hitBody.safeParse({ ...hit, url }))).toEqual(["url"]);
  });

  it("requires an event name and scalar metadata", () => {
    expect(pathsOf(eventBody.safeParse({ ...hit, event_name: " " }))).toEqual(["event_name"]);
    const nested = eventBody.safeParse({ ...hit, event_name: "Click", event_meta: { a: { b: 1 } } });
    expect(pathsOf(nested)).toEqual(["event_meta.a"]);
    expect(eventBody.parse({ ...hit, event_name: "Click", event_meta: { n: 1, ok: true } }).event_meta).toEqual({
      n: 1,
      ok: true,
    });
  });

  it("takes only client fields for a session keep-alive", () => {
    expect(sessionBody.parse({ ip: "::1", user_agent: "UA long enough", url: "x" })).toEqual({
      ip: "::1",
      user_agent: "UA long enough",
    });
  });

  it("requires time in batches and bounds their size", () => {
    expect(pathsOf(hitBatchBody.safeParse([hit]))).toEqual(["0.time"]);
    expect(hitBatchBody.safeParse([{ ...hit, time: "2023-01-02T14:15:32Z" }]).success).toBe(true);
    expect(pathsOf(hitBatchBody.safeParse([]))).toEqual([""]);
    const tooMany = Array.from({ length: LIMITS.batchSize + 1 }, () => ({ ...hit, time: "2023-01-02T14:15:32Z" }));
    expect(hitBatchBody.safeParse(tooMany).success).toBe(false);
  });
});
