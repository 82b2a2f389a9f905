import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { createLogger } from "@pulse/logger";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_HTTP_LIMITS, type HttpLimits, httpLimitsOf } from "./limits.js";
import { type RunningService, startService } from "./serve.js";

// Every limit against a real listening server, spoken to over raw sockets so that nothing between
// the test and the server (a fetch client) fixes up, splits or times out the requests first.

let service: RunningService | undefined;
let errorLines: string[];

async function start(limits: Partial<HttpLimits> = {}): Promise<RunningService> {
  errorLines = [];
  const logger = createLogger("t", { level: "error", destination: { write: (line: string) => errorLines.push(line) } });
  const routes = new Hono()
    .get("/echo", (c) => c.json({ url: c.req.url.length }))
    .post("/echo", async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
  service = await startService({
    name: "t",
    logger,
    host: "127.0.0.1",
    port: 0,
    routes,
    checks: {},
    onShutdown: async () => {},
    shutdownTimeoutMs: 5000,
    limits,
  });
  return service;
}

afterEach(async () => {
  await service?.stop();
  service = undefined;
});

interface Answer {
  status: number | undefined;
  body: unknown;
  /** True when the server closed the connection. */
  closed: boolean;
  /** From the first byte sent to the close (or the end of waiting). */
  elapsedMs: number;
  /** How many of the parts were written before the server hung up. */
  partsSent: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function opened(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Writes `parts` with `gapMs` between them and reads one answer, or until the server closes, or until `waitMs` passed. */
async function exchange(
  port: number,
  parts: (string | Uint8Array)[],
  { gapMs = 0, waitMs = 5000, untilClosed = false } = {},
): Promise<Answer> {
  const socket = await opened(port);
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  socket.on("error", () => {});
  // Done when the server hangs up or one whole response (with a Content-Length) has arrived.
  const done = new Promise<void>((resolve) => {
    socket.once("close", () => resolve());
    socket.on("data", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
      if (!untilClosed && end !== -1 && length !== undefined && text.length - end - 4 >= Number(length)) resolve();
    });
  });
  socket.once("close", () => {
    closed = true;
  });
  const started = Date.now();
  let partsSent = 0;
  for (const part of parts) {
    if (closed) break;
    socket.write(part);
    partsSent++;
    if (gapMs > 0) await sleep(gapMs);
  }
  await Promise.race([done, sleep(waitMs)]);
  // A server that hangs up after its answer does so right away.
  if (!closed) await Promise.race([new Promise((resolve) => socket.once("close", resolve)), sleep(20)]);
  const elapsedMs = Date.now() - started;
  socket.destroy();
  const text = Buffer.concat(chunks).toString("utf8");
  const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
  const rawBody = text.slice(text.indexOf("\r\n\r\n") + 4);
  let body: unknown = rawBody;
  try {
    body = JSON.parse(rawBody);
  } catch {}
  return { status: status === undefined ? undefined : Number(status), body, closed, elapsedMs, partsSent };
}

const get = (target: string, headers = "") => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`;

describe("HTTP limits", () => {
  it("refuses impossible combinations at start", async () => {
    expect(() => httpLimitsOf({ headersTimeoutMs: 2000, requestTimeoutMs: 1000 })).toThrow(/headersTimeoutMs/);
    expect(() => httpLimitsOf({ maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(httpLimitsOf({ maxUrlBytes: undefined })).toEqual(DEFAULT_HTTP_LIMITS);
  });

  it("docs/limits.md states every default", () => {
    const doc = readFileSync(new URL("../../../docs/limits.md", import.meta.url), "utf8");
    for (const [name, value] of Object.entries(DEFAULT_HTTP_LIMITS)) expect(doc, name).toContain(`| ${value} `);
  });

  it("answers headers beyond maxHeaderBytes with 431 and a JSON error", async () => {
    const { port } = await start();
    const big = await exchange(port, [get("/echo", `X-Big: ${"a".repeat(20 * 1024)}\r\n`)]);
    expect(big.status).toBe(431);
    expect(big.body).toEqual({ error: `Request headers exceed ${DEFAULT_HTTP_LIMITS.maxHeaderBytes} bytes` });
    expect(big.closed).toBe(true);
    // Many small headers count together.
    const many = Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${"b".repeat(20)}\r\n`).join("");
    expect((await exchange(port, [get("/echo", many)])).status).toBe(431);
    const fits = await exchange(port, [get("/echo", `X-Big: ${"a".repeat(12 * 1024)}\r\nConnection: close\r\n`)]);
    expect(fits.status).toBe(200);
  });

  it("answers URLs beyond maxUrlBytes with 414 and a JSON error", async () => {
    const { port } = await start();
    const long = await exchange(port, [get(`/echo/${"a".repeat(10 * 1024)}`)]);
    expect(long.status).toBe(414);
    expect(long.body).toEqual({ error: `Request URL exceeds ${DEFAULT_HTTP_LIMITS.maxUrlBytes} bytes` });
    expect(long.closed).toBe(true);
    // Longer than the whole header allowance: refused by node's parser, still a 414.
    const huge = await exchange(port, [get(`/${"a".repeat(20 * 1024)}`)]);
    expect(huge.status).toBe(414);
    expect(huge.body).toHaveProperty("error");
    const limit = DEFAULT_HTTP_LIMITS.maxUrlBytes;
    const atLimit = await exchange(port, [get(`/echo?${"a".repeat(DEFAULT_HTTP_LIMITS.maxQueryBytes)}`, "Connection: close\r\n")]);
    expect(atLimit.status).toBe(200);
    const justOver = await exchange(port, [get(`/echo/${"a".repeat(limit - "/echo/".length + 1)}`)]);
    expect(justOver.status).toBe(414);
  });

  it("answers query strings beyond maxQueryBytes with 414", async () => {
    const { port } = await start({ maxQueryBytes: 100 });
    const answer = await exchange(port, [get(`/echo?q=${"a".repeat(99)}`)]);
    expect(answer.status).toBe(414);
    expect(answer.body).toEqual({ error: "Query string exceeds 100 bytes" });
    expect((await exchange(port, [get(`/echo?q=${"a".repeat(98)}`, "Connection: close\r\n")])).status).toBe(200);
  });

  it("answers bodies beyond maxBodyBytes with 413, declared or chunked", async () => {
    const { port } = await start({ maxBodyBytes: 1000 });
    const post = (headers: string) => `POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`;
    // Refused on the declared length alone, without waiting for the body.
    const declared = await exchange(port, [post("Content-Length: 3000000\r\n")]);
    expect(declared.status).toBe(413);
    expect(declared.body).toEqual({ error: "Request body exceeds 1000 bytes" });
    expect(declared.closed).toBe(true);
    const chunk = "x".repeat(1500);
    const chunked = await exchange(port, [
      `${post("Transfer-Encoding: chunked\r\n")}${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
    ]);
    expect(chunked.status).toBe(413);
    expect(chunked.body).toEqual({ error: "Request body exceeds 1000 bytes" });
    expect(chunked.closed).toBe(true);
    const fits = await exchange(port, [`${post("Content-Length: 1000\r\nConnection: close\r\n")}${"y".repeat(1000)}`]);
    expect(fits).toMatchObject({ status: 200, body: { bytes: 1000 } });
    const fitsChunked = await exchange(port, [
      `${post("Transfer-Encoding: chunked\r\nConnection: close\r\n")}3e8\r\n${"z".repeat(1000)}\r\n0\r\n\r\n`,
    ]);
    expect(fitsChunked).toMatchObject({ status: 200, body: { bytes: 1000 } });
  });

  it("cuts off a client that sends its headers slowly after headersTimeoutMs, with 408", async () => {
    const limits = { headersTimeoutMs: 600, requestTimeoutMs: 5000 };
    const { port } = await start(limits);
    const request = get("/echo", "X-Padding: slow\r\n");
    const answer = await exchange(port, [...request], { gapMs: 100 });
    expect(answer.status).toBe(408);
    expect(answer.body).toHaveProperty("error", expect.stringContaining("600 ms"));
    expect(answer.closed).toBe(true);
    expect(answer.partsSent).toBeLessThan(request.length);
    // Cut at the limit, not at the end of some unrelated, longer timeout.
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 50);
    expect(answer.elapsedMs).toBeLessThan(limits.headersTimeoutMs + 1000);
  });

  it("cuts off a body that trickles after requestTimeoutMs, with 408", async () => {
    const limits = { headersTimeoutMs: 500, requestTimeoutMs: 1200 };
    const { port } = await start(limits);
    const body = "x".repeat(100);
    const answer = await exchange(port, [`POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n`, ...body], {
      gapMs: 100,
    });
    expect(answer.status).toBe(408);
    expect(answer.body).toHaveProperty("error", expect.stringContaining("1200 ms"));
    expect(answer.closed).toBe(true);
    expect(answer.partsSent).toBeLessThan(body.length);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(limits.requestTimeoutMs - 50);
    expect(answer.elapsedMs).toBeLessThan(limits.requestTimeoutMs + 1000);
    await sleep(100);
    // The route whose body read was cut short is not an error of the service.
    expect(errorLines).toEqual([]);
  });

  it("closes idle keep-alive connections after keepAliveTimeoutMs", async () => {
    const { port } = await start({ keepAliveTimeoutMs: 300 });
    const answer = await exchange(port, [get("/echo")], { waitMs: 3000, untilClosed: true });
    expect(answer.status).toBe(200);
    expect(answer.closed).toBe(true);
    // Node keeps an idle connection one second beyond the timeout it announces in `Keep-Alive: timeout=`.
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(250);
    expect(answer.elapsedMs).toBeLessThan(300 + 1000 + 700);
  });

  it("closes connections beyond maxConnections and takes new ones once others left", async () => {
    const { port } = await start({ maxConnections: 2 });
    const first = await opened(port);
    const second = await opened(port);
    await sleep(50);
    const refused = await exchange(port, [get("/echo")], { waitMs: 2000 });
    expect(refused).toMatchObject({ status: undefined, closed: true });
    expect(refused.elapsedMs).toBeLessThan(1000);
    first.destroy();
    second.destroy();
    await sleep(100);
    expect((await exchange(port, [get("/echo", "Connection: close\r\n")])).status).toBe(200);
  });

  it("answers malformed requests with a JSON 400", async () => {
    const { port } = await start();
    const cases = [
      "GARBAGE\r\n\r\n",
      "GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
      "GET /echo HTTP/1.1\r\nHost: exa mple.com\r\n\r\n",
      "GET /a\\b HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET * HTTP/1.1\r\nHost: x\r\n\r\n",
      "GET /echo HTTP/1.1\r\n\r\n",
    ];
    for (const request of cases) {
      const answer = await exchange(port, [Buffer.from(request, "latin1")]);
      expect(answer.status, JSON.stringify(request)).toBe(400);
      expect(answer.body, JSON.stringify(request)).toEqual({ error: expect.any(String) });
    }
    const connectMethod = await exchange(port, ["CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n"]);
    expect(connectMethod).toMatchObject({ status: 405, body: { error: "CONNECT is not supported" }, closed: true });
    const expectation = await exchange(port, [get("/echo", "Expect: 200-ok\r\n")]);
    expect(expectation).toMatchObject({ status: 417, body: { error: expect.any(String) } });
    // HTTP/1.0 has no Host header to require.
    expect((await exchange(port, ["GET /echo HTTP/1.0\r\n\r\n"])).status).toBe(200);
  });
});
