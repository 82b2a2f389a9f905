import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { limitBody } from "./body-limit.js";

const LIMIT = 100;

function app() {
  const a = new Hono();
  a.use("*", limitBody(LIMIT, (c) => c.json({ error: "too large" }, 413)));
  a.post("/", async (c) => c.json({ length: (await c.req.text()).length }));
  return a;
}

/** A POST request that counts how often its `body` stream is asked for. */
function countingRequest(body: string, contentLength: number) {
  const request = new Request("http://x/", { method: "POST", body, headers: { "Content-Length": String(contentLength) } });
  const bodyOf = Object.getOwnPropertyDescriptor(Request.prototype, "body")!.get!;
  let reads = 0;
  Object.defineProperty(request, "body", {
    get() {
      reads++;
      return bodyOf.call(request);
    },
  });
  return { request, reads: () => reads };
}

const stream = (text: string) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe("limitBody", () => {
  it("judges a declared Content-Length without touching the body stream", async () => {
    const small = countingRequest("a".repeat(40), 40);
    const response = await app().fetch(small.request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ length: 40 });
    expect(small.reads()).toBe(0);

    const big = countingRequest("a".repeat(101), 101);
    expect((await app().fetch(big.request)).status).toBe(413);
    expect(big.reads()).toBe(0);
  });

  it("counts a body of undeclared length as it is read", async () => {
    const post = (text: string) =>
      app().request("/", { method: "POST", body: stream(text), duplex: "half" } as RequestInit);
    const small = await post("b".repeat(LIMIT));
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ length: LIMIT });
    const big = await post("b".repeat(LIMIT + 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "too large" });
  });
});
