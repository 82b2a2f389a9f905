import { connect } from "node:net";
import type { RunningService } from "@pulse/service";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, bodyOf, ENDPOINTS, expectSoundAnswer, expectSoundSink, memoryIngest, type MemoryIngest, startIngestServer, TOKEN } from "./test-support/hostile.js";

// Hostile requests over a real socket: here node's HTTP parser, the server's limits and the
// adapter's URL handling come before the routes, and each must answer JSON (or, for a request that
// never finished arriving, hang up) — never a 5xx, never an empty error.

/** HOSTILE_RUNS=5000 for a longer hunt; the default keeps the file to a few seconds. */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 150);
let world: MemoryIngest;
let service: RunningService;

beforeAll(async () => {
  world = memoryIngest();
  service = await startIngestServer(world, { trustedProxyHeaders: ["x-forwarded-for"] });
});
afterAll(async () => {
  await service.stop();
  expect(world.errorLogs, "no unhandled errors were logged").toEqual([]);
});

/** The first answer on the connection, or undefined when the server hung up without one. */
function parseAnswer(raw: Buffer): Answer | undefined {
  const text = raw.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  // An interim answer (100 Continue to `Expect: 100-continue`) precedes the real one.
  if (status >= 100 && status < 200) return parseAnswer(raw.subarray(end + 4));
  const header = (name: string) => new RegExp(`\r\n${name}: *([^\r]*)`, "i").exec(head)?.[1] ?? null;
  let body = raw.subarray(end + 4);
  const length = header("content-length");
  if (length !== null) body = body.subarray(0, Number(length));
  else if (header("transfer-encoding")?.includes("chunked")) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf("\r\n", at);
      const size = Number.parseInt(body.subarray(at, lineEnd).toString("latin1"), 16);
      if (!(size > 0)) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, contentType: header("content-type"), body: body.toString("utf8") };
}

/** Sends `request` in one write, half-closes, and collects everything until the server closes. */
function exchange(request: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(service.port, "127.0.0.1", () => socket.end(request));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {});
    socket.on("close", () => resolve(Buffer.concat(chunks)));
    // A request the generator left unfinished would otherwise wait for the server's request timeout.
    setTimeout(() => socket.destroy(), 3000);
  });
}

const bytes = (text: string) => Buffer.from(text, "latin1");
/** Any byte but CR and LF, so that the line structure of the request stays as generated. */
const lineByte = fc.integer({ min: 0, max: 255 }).filter((b) => b !== 10 && b !== 13);
const rawText = (maxLength: number) =>
  fc.array(lineByte, { maxLength }).map((codes) => String.fromCharCode(...codes));

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("POST", "GET", "OPTIONS", "HEAD", "PUT", "DELETE") },
  { weight: 1, arbitrary: fc.constantFrom("post", "PROPFIND", "CONNECT", "TRACE", "", "G\u00C9T") },
);

const target = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...new Set(ENDPOINTS.map((e) => e.path))) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom(...ENDPOINTS.map((e) => e.path), "/", "/js/script.js", "/healthz"), rawText(30)).map(
      ([path, suffix]) => `${path}${suffix.replace(/ /g, "")}`,
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "*",
      "http://evil.test/api/v1/hit",
      "//evil.test/api/event",
      "/api\\v1\\hit",
      "/api/v1/hit?%",
      "/api/v1/hit?a=%E0%A4%A",
      "/api/v1/%2e%2e/%2e%2e/hit",
      "/api/event?\u00FF\u00FE",
      `/api/event?${"q=1&".repeat(1100)}`,
      `/api/event/${"a".repeat(8200)}`,
      "",
    ),
  },
);

const version = fc.oneof(
  { weight: 8, arbitrary: fc.constant("HTTP/1.1") },
  { weight: 1, arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2.0", "HTTP/0.9", "HTTP/1.1 extra", "FOO/1.1") },
);

const headerName = fc.oneof(
  fc.constantFrom(
    "X-Forwarded-For",
    "Authorization",
    "Idempotency-Key",
    "User-Agent",
    "Accept-Language",
    "Content-Type",
    "Origin",
    "Expect",
    "Upgrade",
    "Host",
  ),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
  rawText(10).filter((s) => !s.includes(":")),
);
const headerValue = fc.oneof(
  fc.constantFrom("", TOKEN, `Bearer ${TOKEN}`, "81.2.69.142", "::1, 10.0.0.1", "100-continue", "h2c", "x".repeat(3000)),
  rawText(60),
);

type Framing = "length" | "short-length" | "long-length" | "chunked" | "bad-chunked" | "none";
const framing = fc.constantFrom<Framing>("length", "short-length", "long-length", "chunked", "bad-chunked", "none");

const randomBody = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "")) },
);

interface Generated {
  request: Buffer;
  method: string;
  /** False when the framing promised more body than was sent: hanging up is then a fair answer. */
  complete: boolean;
}

/** Mostly `what`, sometimes `otherwise`: requests stay close enough to valid ones to reach the routes. */
const mostly = <T>(what: T, otherwise: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(what) }, { weight: 1, arbitrary: otherwise });

/** A request to one endpoint with its valid body, with any part of it replaced by something hostile. */
const request: fc.Arbitrary<Generated> = fc
  .constantFrom(...ENDPOINTS)
  .chain((e) =>
    fc.record({
      method: mostly("POST", method),
      target: mostly(e.path, target),
      version,
      host: mostly<string | null>(
        "127.0.0.1",
        fc.constantFrom<string | null>(null, "", "exa mple.com", "x:99999", "[::1", "\u00FF.test", "a/b"),
      ),
      endpointHeaders: mostly(Object.entries(e.headers), fc.constant<[string, string][]>([])),
      headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
      framing: mostly<Framing>("length", framing),
      body: mostly(Buffer.from(bodyOf(e, e.valid)), randomBody),
    }),
  )
  .map(({ method, target, version, host, endpointHeaders, headers, framing, body }) => {
    const lines = [`${method} ${target} ${version}`];
    if (host !== null) lines.push(`Host: ${host}`);
    for (const [name, value] of [...endpointHeaders, ...headers]) lines.push(`${name}: ${value}`);
    let payload = Buffer.alloc(0);
    let complete = true;
    switch (framing) {
      case "length":
        lines.push(`Content-Length: ${body.length}`);
        payload = body;
        break;
      case "short-length":
        lines.push(`Content-Length: ${Math.floor(body.length / 2)}`);
        payload = body;
        break;
      case "long-length":
        lines.push(`Content-Length: ${body.length + 10}`);
        payload = body;
        complete = false;
        break;
      case "chunked":
        lines.push("Transfer-Encoding: chunked");
        payload = Buffer.concat([bytes(`${body.length.toString(16)}\r\n`), body, bytes("\r\n0\r\n\r\n")]);
        break;
      case "bad-chunked":
        lines.push("Transfer-Encoding: chunked");
        payload = Buffer.concat([bytes("zz\r\n"), body]);
        break;
      case "none":
        break;
    }
    lines.push("Connection: close");
    const request = Buffer.concat([bytes(`${lines.join("\r\n")}\r\n\r\n`), payload]);
    return { request, method, complete };
  });

describe("hostile requests over a real socket", () => {
  it("a well-formed request still works (the properties below reach the routes)", async () => {
    const e = ENDPOINTS[0]!;
    const payload = bodyOf(e, e.valid);
    const raw = await exchange(
      bytes(
        `POST ${e.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          `Content-Length: ${payload.length}\r\nConnection: close\r\n\r\n${payload}`,
      ),
    );
    expect(parseAnswer(raw)?.status).toBe(202);
  });

  it("answers anything with a JSON error or a success, never a 5xx, and sends only valid records", async () => {
    const statuses = new Map<number | "closed", number>();
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        const before = world.sent.length;
        const answer = parseAnswer(await exchange(generated.request));
        const key = answer?.status ?? "closed";
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (!answer) {
          expect(generated.complete, `no answer to ${JSON.stringify(generated.request.toString("latin1").slice(0, 300))}`).toBe(false);
          expect(world.sent.length).toBe(before);
          return;
        }
        const mayReplay = /\r\nidempotency-key:/i.test(generated.request.toString("latin1"));
        expectSoundSink(answer, world.sent.slice(before), { mayReplay });
        if (generated.method === "HEAD") expect(answer.status).toBeLessThan(500);
        else expectSoundAnswer(answer);
      }),
      { numRuns: RUNS },
    );
    // The generator reaches past the parser into the routes, down to accepting hits.
    expect(statuses.get(202) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(statuses.get(400) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});
