import { createLogger } from "@pulse/logger";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { startService } from "./serve.js";

const logger = createLogger("test", { level: "silent" });

describe("startService", () => {
  it("serves routes, health and readiness, and JSON errors", async () => {
    let dependencyUp = true;
    const routes = new Hono().get("/boom", () => {
      throw new Error("secret internals");
    });
    const service = await startService({
      name: "t",
      logger,
      host: "127.0.0.1",
      port: 0,
      routes,
      checks: { db: async () => dependencyUp },
      onShutdown: async () => {},
      shutdownTimeoutMs: 5000,
    });
    try {
      expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: "ok" });
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", dependencies: { db: "ok" } });

      dependencyUp = false;
      const notReady = await fetch(`${service.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ dependencies: { db: "failing" } });

      const missing = await fetch(`${service.url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toHaveProperty("error");

      const boom = await fetch(`${service.url}/boom`);
      expect(boom.status).toBe(500);
      const body = await boom.text();
      expect(JSON.parse(body)).toEqual({ error: "Internal server error" });
      expect(body).not.toContain("secret internals");
    } finally {
      await service.stop();
    }
  });

  it("finishes in-flight requests, refuses new ones, then runs onShutdown", async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const routes = new Hono().get("/slow", async (c) => {
      order.push("slow started");
      await gate;
      order.push("slow finished");
      return c.json({ ok: true });
    });
    const service = await startService({
      name: "t",
      logger,
      host: "127.0.0.1",
      port: 0,
      routes,
      checks: {},
      onShutdown: async () => void order.push("shutdown hook"),
      shutdownTimeoutMs: 5000,
    });
    const inFlight = fetch(`${service.url}/slow`);
    while (!order.includes("slow started")) await new Promise((r) => setTimeout(r, 5));
    const stopped = service.stop();
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
    release();
    expect((await inFlight).status).toBe(200);
    await stopped;
    expect(order).toEqual(["slow started", "slow finished", "shutdown hook"]);
  });
});
