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

  it("takes a link-local IPv6 address with its zone, and drops the zone", () => {
    expect(hitBody.parse({ ...hit, ip: "fe80::1%eth0" }).ip).toBe("fe80::1");
    expect(sessionBody.parse({ ip: "fe80::a:b%wlp2s0", user_agent: "UA" }).ip).toBe("fe80::a:b");
    expect(hitBody.parse({ ...hit, ip: "fe80::1%3" }).ip).toBe("fe80::1");
    expect(hitBody.parse({ ...hit, ip: "::ffff:81.2.69.142%eth0.100" }).ip).toBe("::ffff:81.2.69.142");
    expect(hitBatchBody.parse([{ ...hit, ip: "fe80::1%br_lan", time: "2023-01-02T14:15:32Z" }])[0]!.ip).toBe("fe80::1");
  });

  it("still refuses a zone on IPv4, an empty or odd zone, and a zone alone", () => {
    for (const ip of ["81.2.69.142%eth0", "fe80::1%", "fe80::1%a%b", "fe80::1%a b", "%eth0", "fe80::1%eth0%", "zz::1%eth0", 42]) {
      const result = hitBody.safeParse({ ...hit, ip });
      expect(pathsOf(result), String(ip)).toEqual(["ip"]);
      expect(result.error?.issues[0]?.message).toBe("must be an IPv4 or IPv6 address");
    }
  });

  it("requires time in batches and bounds their size", () => {
    expect(pathsOf(hitBatchBody.safeParse([hit]))).toEqual(["0.time"]);
    expect(hitBatchBody.safeParse([{ ...hit, time: "2023-01-02T14:15:32Z" }]).success).toBe(true);
    expect(pathsOf(hitBatchBody.safeParse([]))).toEqual([""]);
    const tooMany = Array.from({ length: LIMITS.batchSize + 1 }, () => ({ ...hit, time: "2023-01-02T14:15:32Z" }));
    expect(hitBatchBody.safeParse(tooMany).success).toBe(false);
  });
});
