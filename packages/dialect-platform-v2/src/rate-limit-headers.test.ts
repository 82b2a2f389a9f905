import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { resetInMilliseconds } from "./rate-limit-headers.js";

function appSending(reset: string | undefined) {
  const app = new Hono();
  app.use("*", async (c, next) => {
    if (reset !== undefined) c.header("X-RateLimit-Reset", reset);
    await next();
  });
  app.use("/api/v2/*", resetInMilliseconds);
  app.get("/api/v2/x", (c) => c.json({ ok: true }));
  app.get("/api/v2/boom", () => {
    throw new Error("boom");
  });
  app.onError((_, c) => c.json({ error: "Internal server error" }, 500));
  return app;
}

describe("X-RateLimit-Reset in epoch milliseconds", () => {
  it("turns the limiter's epoch seconds into milliseconds", async () => {
    const response = await appSending("1711612800").request("/api/v2/x");
    expect(response.headers.get("X-RateLimit-Reset")).toBe("1711612800000");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("leaves milliseconds, odd values and absent headers alone", async () => {
    expect((await appSending("1711612800000").request("/api/v2/x")).headers.get("X-RateLimit-Reset")).toBe("1711612800000");
    expect((await appSending("soon").request("/api/v2/x")).headers.get("X-RateLimit-Reset")).toBe("soon");
    expect((await appSending(undefined).request("/api/v2/x")).headers.get("X-RateLimit-Reset")).toBeNull();
  });

  it("converts on error responses too", async () => {
    const response = await appSending("1711612800").request("/api/v2/boom");
    expect(response.status).toBe(500);
    expect(response.headers.get("X-RateLimit-Reset")).toBe("1711612800000");
  });
});
