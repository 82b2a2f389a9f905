import { LIMITS } from "@pulse/hits";
import { withJsonErrors } from "@pulse/service";
import fc from "fast-check";
import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ingestRoutes } from "./app.js";
import {
  ENDPOINTS,
  type MemoryIngest,
  beacon,
  bodyOf,
  browserHeaders,
  describeEndpoint,
  expectSoundAnswer,
  expectSoundSink,
  hit,
  memoryIngest,
  serverHeaders,
} from "./test-support/hostile.js";

// Hostile input against every ingest endpoint, through the real routes with in-memory ports:
// whatever arrives, the answer is never a 5xx, every 4xx is JSON naming the problem, and only
// records the Kafka record schema accepts reach the sink. hostile-http.test.ts does the same over
// a real socket, where node's parser and the server's limits come first.

/** Scales every property; HOSTILE_RUNS=600 for a longer hunt. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 60);

/** Every app built in the current test, so afterEach can check none of them logged an error. */
let worlds: MemoryIngest[];

function app(): Hono {
  const world = memoryIngest();
  worlds.push(world);
  const root = withJsonErrors(new Hono(), world.logger);
  root.route("/", ingestRoutes(world.deps, { trustedProxyHeaders: ["x-forwarded-for"] }));
  sinks.set(root, world);
  return root;
}
const sinks = new WeakMap<Hono, MemoryIngest>();
const sentBy = (a: Hono) => sinks.get(a)!.sent;

const endpoint = fc.constantFrom(...ENDPOINTS);

// --- adversarial values -------------------------------------------------------------------------

const nastyStrings = [
  "",
  " ",
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "null",
  "undefined",
  "true",
  "__proto__",
  "constructor",
  "prototype",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "a\uD83D",
  "\uFEFF",
  "\u202Eevil",
  "😀👨‍👩‍👧",
  "Ｅｘａｍｐｌｅ",
  "%00",
  "%E0%A4%A",
  "' OR 1=1 --",
  "'); DROP TABLE events; --",
  "{name:String}",
  "{{7*7}}",
  "../../../etc/passwd",
  "\r\nX-Injected: 1",
  "javascript:alert(1)",
  "http://",
  "https://example.com:99999/",
  "https://[::1/",
  "https://example.com/\uD800",
  "https://xn--nxasmq6b.example.com/",
  "https://ex\u00E4mple.com/",
  "https://example.com/admin/x",
  "http://user:pass@example.com/",
  "0000-01-01T00:00:00Z",
  "2026-11-24T11:00:00.123456789Z",
  "2026-02-30T00:00:00Z",
  "2026-11-24T23:59:60Z",
  "+275760-09-13T00:00:00Z",
  "::ffff:1.2.3.4",
  "fe80::1%eth0",
  "999.1.1.1",
  "x".repeat(5000),
];
const nastyString = fc.oneof(
  fc.constantFrom(...nastyStrings),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);
const nastyNumber = fc.oneof(
  fc.constantFrom(-0, 0.1, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 100_001, 2 ** 31),
  fc.double(),
  fc.integer(),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, fc.oneof(nastyString, nastyNumber), { maxKeys: 4 }) },
);

const FIELDS = [
  ...new Set(ENDPOINTS.flatMap((e) => Object.keys(e.valid))),
  "title",
  "referrer",
  "screen_width",
  "screen_height",
  "tags",
  "event_duration",
  "accept_language",
  "sec_ch_ua",
  "r",
  "t",
  "w",
  "h",
  "e",
  "m",
  "du",
  "g",
];

/** A valid item with some fields replaced by adversarial values or dropped. */
const mutated = (valid: Record<string, unknown>) =>
  fc
    .dictionary(fc.constantFrom(...FIELDS), fc.option(nastyValue, { nil: undefined }), { minKeys: 1, maxKeys: 4 })
    .map((overrides) => ({ ...valid, ...overrides }));

/** Raw JSON number literals JSON.stringify cannot produce. */
const rawNumber = fc.constantFrom(
  "1e400",
  "-1e400",
  "-0",
  "1".padEnd(400, "0"),
  `0.${"0".repeat(400)}1`,
  "9007199254740993",
  "1E+2",
  "-0.0e-0",
);

const deep = (depth: number, open: string, close: string, core = "1") => open.repeat(depth) + core + close.repeat(depth);

// --- checks -------------------------------------------------------------------------------------

/** Sends one request and checks the answer and what reached the sink. */
async function send(
  a: Hono,
  path: string,
  body: RequestInit["body"],
  headers: Record<string, string>,
  method = "POST",
): Promise<Response> {
  const sent = sentBy(a);
  const before = sent.length;
  // duplex: a streamed body is sent as it is read, without a Content-Length.
  const response = await a.request(path, { method, headers, body, duplex: "half" } as RequestInit);
  const answer = { status: response.status, contentType: response.headers.get("content-type"), body: await response.clone().text() };
  expectSoundSink(answer, sent.slice(before));
  // A HEAD answer has no body to check.
  if (method === "HEAD") expect(response.status).toBeLessThan(500);
  else expectSoundAnswer(answer);
  return response;
}


beforeEach(() => {
  worlds = [];
});
afterEach(() => {
  expect(worlds.flatMap((w) => w.errorLogs), "no unhandled errors were logged").toEqual([]);
});

// --- properties ---------------------------------------------------------------------------------

describe("hostile bodies", () => {
  it("the valid starting points are accepted (so the properties below exercise acceptance too)", async () => {
    const a = app();
    for (const e of ENDPOINTS) {
      const response = await send(a, e.path, bodyOf(e, e.valid), e.headers);
      expect(response.status, describeEndpoint(e)).toBe(202);
    }
    expect(sentBy(a)).toHaveLength(ENDPOINTS.length);
  });

  it("random JSON values", async () => {
    const a = app();
    await fc.assert(
      fc.asyncProperty(endpoint, fc.jsonValue(), async (e, value) => {
        await send(a, e.path, JSON.stringify(value), e.headers);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("valid items with fields replaced by adversarial values", async () => {
    const a = app();
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        endpoint.chain((e) => fc.tuple(fc.constant(e), fc.array(mutated(e.valid), { minLength: 1, maxLength: 3 }))),
        async ([e, items]) => {
          const response = await send(a, e.path, JSON.stringify(e.batch ? items : items[0]), e.headers);
          statuses.add(response.status);
        },
      ),
      { numRuns: RUNS * 4 },
    );
    // Some mutations keep the item valid; if none did, the sink checks above never ran.
    expect(statuses).toContain(202);
    expect(statuses).toContain(400);
  });

  it("raw bytes, invalid UTF-8 included, under any content type", async () => {
    const a = app();
    const contentType = fc.oneof(
      fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data", ""),
      fc.string({ unit: "grapheme-ascii", maxLength: 30 }),
    );
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(
        new Uint8Array([0xff, 0xfe, 0xfd]),
        new Uint8Array([0xc3, 0x28]),
        new Uint8Array([0xed, 0xa0, 0x80]),
        new Uint8Array([0xf4, 0x90, 0x80, 0x80]),
      ),
      // A valid body with one invalid UTF-8 sequence spliced into a string.
      fc.constantFrom(...ENDPOINTS).map((e) => {
        const text = bodyOf(e, e.valid);
        const at = text.indexOf("Mozilla") >= 0 ? text.indexOf("Mozilla") : text.indexOf("example");
        const encoder = new TextEncoder();
        return new Uint8Array([...encoder.encode(text.slice(0, at)), 0xc0, 0xaf, 0xff, ...encoder.encode(text.slice(at))]);
      }),
    );
    await fc.assert(
      fc.asyncProperty(endpoint, bytes, contentType, async (e, body, type) => {
        const headers = { ...e.headers, "Content-Type": type };
        await send(a, e.path, body, headers);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("huge, negative-zero and overlong number literals in every numeric field", async () => {
    const a = app();
    const numeric = ["screen_width", "screen_height", "event_duration", "w", "h", "du", "time", "ip"];
    await fc.assert(
      fc.asyncProperty(endpoint, fc.constantFrom(...numeric), rawNumber, async (e, field, literal) => {
        const marker = "\u0001NUMBER\u0001";
        const text = bodyOf(e, { ...e.valid, [field]: marker }).replace(JSON.stringify(marker), literal);
        await send(a, e.path, text, e.headers);
      }),
      { numRuns: RUNS },
    );
    // -0 is a valid screen width; it must travel as a plain 0.
    const response = await send(a, "/api/v1/hit", `{"url":"${hit.url}","ip":"${hit.ip}","user_agent":"x","screen_width":-0}`, serverHeaders);
    expect(response.status).toBe(202);
    expect(JSON.stringify(sentBy(a).at(-1)![0])).toMatch(/"screen_width":0[,}]/);
  });

  it("10,000-deep nesting as the body and inside every object-valued field", async () => {
    const a = app();
    const depth = 10_000;
    const nestings = [deep(depth, "[", "]"), deep(depth, '{"a":', "}"), deep(depth, "[{\"x\":", "}]")];
    for (const e of ENDPOINTS) {
      for (const nested of nestings) {
        await send(a, e.path, nested, e.headers);
        for (const field of ["event_meta", "tags", "m", "g", "url", "u"]) {
          const marker = "\u0001NESTED\u0001";
          const text = bodyOf(e, { ...e.valid, [field]: marker }).replace(JSON.stringify(marker), nested);
          const response = await send(a, e.path, text, e.headers);
          if (e.objects.includes(field)) expect(response.status, `${describeEndpoint(e)} ${field}`).toBe(400);
        }
      }
    }
  });

  // About a million levels: parsing one such body costs some 300 ms of CPU, so two endpoints stand for all.
  it("nesting as deep as the body limit allows", { timeout: 20_000 }, async () => {
    const a = app();
    const depth = Math.floor(LIMITS.bodyBytes / 2) - 1;
    const response = await send(a, "/api/v1/hit/batch", deep(depth, "[", "]", ""), serverHeaders);
    expect(response.status).toBe(400);
    // The beacon's own, smaller limit (LIMITS.beaconBodyBytes) bounds its nesting.
    const meta = deep(Math.floor(LIMITS.beaconBodyBytes / 2) - 100, "[", "]", "");
    const beaconResponse = await send(
      a,
      "/api/event",
      `{"d":"example.com","n":"event","e":"x","u":"${beacon.u}","m":{"a":${meta}}}`,
      browserHeaders,
    );
    expect(beaconResponse.status).toBe(400);
  });

  it("oversized batches and bodies", async () => {
    const a = app();
    for (const e of ENDPOINTS.filter((x) => x.batch)) {
      const items = Array.from({ length: LIMITS.batchSize + 1 }, () => e.valid);
      const response = await send(a, e.path, JSON.stringify(items), e.headers);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ fields: [{ field: "(body)", message: expect.stringContaining("at most") }] });
      const empty = await send(a, e.path, "[]", e.headers);
      expect(empty.status).toBe(400);
    }
    const huge = `[${'"x",'.repeat(LIMITS.bodyBytes / 4)}"x"]`;
    for (const e of ENDPOINTS) {
      // With and without a Content-Length: a chunked body is counted as it streams.
      const declared = await send(a, e.path, huge, { ...e.headers, "Content-Length": String(huge.length) });
      expect(declared.status).toBe(413);
      const streamed = await send(a, e.path, new Blob([huge]).stream(), e.headers);
      expect(streamed.status).toBe(413);
    }
  });
});

describe("hostile headers, paths and query strings", () => {
  const headerValue = fc.oneof(
    fc.constantFrom("", " ", "null", "::1", "unknown", "1.2.3.4, 5.6.7.8", "[::1]:80", "999.999.999.999", "::ffff:1.2.3.4", "x".repeat(9000)),
    // Header values are bytes: anything but NUL, CR and LF (the fetch API refuses those itself).
    fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  );
  const headerName = fc.constantFrom(
    "x-forwarded-for",
    "authorization",
    "idempotency-key",
    "user-agent",
    "accept-language",
    "sec-ch-ua",
    "sec-ch-ua-platform",
    "content-type",
    "origin",
    "x-random",
  );

  it("random header values on every endpoint", async () => {
    await fc.assert(
      fc.asyncProperty(endpoint, fc.dictionary(headerName, headerValue, { maxKeys: 4 }), async (e, extra) => {
        // A fresh app each time: a repeated Idempotency-Key would rightly send nothing.
        await send(app(), e.path, bodyOf(e, e.valid), { ...e.headers, ...extra });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it("garbage X-Forwarded-For on the beacon never becomes the visitor's IP", async () => {
    const a = app();
    await fc.assert(
      fc.asyncProperty(headerValue, async (forwarded) => {
        const before = sentBy(a).length;
        const response = await send(a, "/api/event", JSON.stringify(beacon), { ...browserHeaders, "X-Forwarded-For": forwarded });
        if (response.status === 202) {
          const ip = sentBy(a)[before]![0]!.ip;
          expect(forwarded.split(",")[0]!.trim().replace(/^\[|\]$/g, "")).toBe(ip);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("random paths, methods and query strings", async () => {
    const a = app();
    const segment = fc.oneof(
      fc.constantFrom("api", "v1", "hit", "event", "session", "batch", "js", "script.js", "..", "%2e%2e", "%", "%E0%A4%A", "%00"),
      fc.webSegment(),
      fc.string({ unit: "grapheme", maxLength: 8 }).map(encodeURIComponent),
    );
    const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.join("/")}`);
    const query = fc.oneof(
      fc.constant(""),
      fc.webQueryParameters().map((q) => `?${q}`),
      fc.constantFrom("?%", "?a=%E0%A4%A", "?&&&==&", `?${"a=1&".repeat(2000)}`, "?__proto__[x]=1", "?a[]=1&a[]=2"),
    );
    const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    await fc.assert(
      fc.asyncProperty(fc.oneof(path, endpoint.map((e) => e.path)), query, method, endpoint, async (p, q, m, e) => {
        const body = m === "GET" || m === "HEAD" ? undefined : bodyOf(e, e.valid);
        await send(a, `${p}${q}`, body, e.headers, m);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
