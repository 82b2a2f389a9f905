import { request as httpRequest } from "node:http";
import { LIMITS } from "@pulse/hits";
import type { RunningService } from "@pulse/service";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { beaconLimitsOf } from "./beacon-limits.js";
import { beacon, browserHeaders, hit, memoryIngest, type MemoryIngest, serverHeaders, startIngestServer, TIME } from "./test-support/hostile.js";

// The keyless beacon has a body limit of its own, far below the server-side routes' 2 MiB: checked
// over a real socket, where a declared Content-Length is judged before any of the body is read.

const LIMIT = 8 * 1024;
let world: MemoryIngest;
let service: RunningService;
let base: string;

beforeAll(async () => {
  world = memoryIngest();
  service = await startIngestServer(world, { trustedProxyHeaders: ["x-forwarded-for"], beaconBodyBytes: LIMIT });
  base = service.url;
});
afterAll(async () => {
  await service.stop();
  expect(world.errorLogs, "no unhandled errors were logged").toEqual([]);
});
beforeEach(() => {
  world.sent.length = 0;
});

/** A beacon of exactly `bytes` bytes: one metadata value pads it (multi-byte characters count as bytes). */
function beaconOf(bytes: number, pad = "x"): string {
  const [head, tail] = JSON.stringify({ ...beacon, n: "event", e: "Signup", m: { k: "\u0000" } }).split("\\u0000") as [string, string];
  const room = bytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  const value = pad.repeat(Math.floor(room / Buffer.byteLength(pad)));
  return `${head}${value}${tail}${" ".repeat(room - Buffer.byteLength(value))}`;
}

/** POST over a real socket; `chunked` sends the body without a Content-Length. */
function post(path: string, body: string, headers: Record<string, string>, chunked = false) {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: "POST", headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode!, type: String(res.headers["content-type"]), body: Buffer.concat(parts).toString() }));
    });
    // A refused request may be answered and closed while the body is still being written.
    req.on("error", reject);
    if (chunked) {
      for (let at = 0; at < body.length; at += 4096) req.write(body.slice(at, at + 4096));
      req.end();
    } else {
      req.setHeader("Content-Length", Buffer.byteLength(body));
      req.end(body);
    }
  });
}

describe("the beacon's body limit", () => {
  it("takes a beacon of exactly the limit, in bytes", async () => {
    const body = beaconOf(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const answer = await post("/api/event", body, browserHeaders);
    // The body passed the limit; the value is then refused by the field limits, not the size.
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).fields).toEqual([{ field: "event_meta.k", message: expect.any(String) }]);

    const real = JSON.stringify({ ...beacon, t: "é".repeat(LIMITS.titleLength), r: `https://ref.test/${"r".repeat(2000)}` });
    expect((await post("/api/event", real, browserHeaders)).status).toBe(202);
    expect(world.sent.flat()).toHaveLength(1);
  });

  it("answers 413 JSON one byte over the limit, declared or chunked, and sends nothing", async () => {
    for (const pad of ["x", "ü"]) {
      const body = beaconOf(LIMIT + 1, pad);
      expect(Buffer.byteLength(body)).toBe(LIMIT + 1);
      for (const chunked of [false, true]) {
        const answer = await post("/api/event", body, browserHeaders, chunked);
        expect(answer.status, `${pad} chunked=${chunked}`).toBe(413);
        expect(answer.type).toContain("application/json");
        expect(JSON.parse(answer.body)).toEqual({ error: `Beacon body exceeds ${LIMIT} bytes` });
      }
    }
    expect(world.sent).toEqual([]);
  });

  it("keeps the 2 MiB limit of the server-side routes", async () => {
    // A batch far larger than the beacon's limit is taken where a key is needed.
    const items = Array.from({ length: 200 }, (_, i) => ({ ...hit, url: `${hit.url}/${i}?${"q".repeat(1000)}`, time: TIME }));
    const body = JSON.stringify(items);
    expect(body.length).toBeGreaterThan(LIMITS.beaconBodyBytes);
    for (const chunked of [false, true]) {
      const answer = await post("/api/v1/hit/batch", body, serverHeaders, chunked);
      expect(answer.status).toBe(202);
    }
    const huge = `[${'"x",'.repeat(LIMITS.bodyBytes / 4)}"x"]`;
    const refused = await post("/api/v1/hit/batch", huge, serverHeaders);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body)).toEqual({ error: `Request body exceeds ${LIMITS.bodyBytes} bytes` });
  });

  it("answers the refusal to a browser: CORS headers on the 413", async () => {
    const response = await fetch(`${base}/api/event`, { method: "POST", headers: { ...browserHeaders, Origin: "https://www.example.com" }, body: beaconOf(LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("the beacon's variables", () => {
  const bodyBytes = (value: string) => beaconLimitsOf({ INGEST_BEACON_MAX_BODY_BYTES: value }).bodyBytes;
  const rate = (value: string) => beaconLimitsOf({ INGEST_BEACON_RATE_LIMIT_PER_MINUTE: value }).ratePerMinute;

  it("default to LIMITS.beaconBodyBytes and no rate limit when unset or empty", () => {
    expect(beaconLimitsOf({})).toEqual({ bodyBytes: LIMITS.beaconBodyBytes, ratePerMinute: 0 });
    expect(beaconLimitsOf({ INGEST_BEACON_MAX_BODY_BYTES: "", INGEST_BEACON_RATE_LIMIT_PER_MINUTE: "" })).toEqual({ bodyBytes: LIMITS.beaconBodyBytes, ratePerMinute: 0 });
    expect(LIMITS.beaconBodyBytes).toBe(131_072);
  });

  it("take a body limit from 1 KiB to the tracking API's 2 MiB, a rate of 0 or more", () => {
    expect(bodyBytes("65536")).toBe(65_536);
    for (const bad of ["0", "1023", "abc", "1.5", String(LIMITS.bodyBytes + 1), "-5"]) {
      expect(() => bodyBytes(bad), bad).toThrow(/INGEST_BEACON_MAX_BODY_BYTES/);
    }
    expect(rate("600")).toBe(600);
    for (const bad of ["-1", "x", "2.5"]) expect(() => rate(bad), bad).toThrow(/INGEST_BEACON_RATE_LIMIT_PER_MINUTE/);
  });
});
