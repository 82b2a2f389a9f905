import type { HitRecord } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AcceptDeps } from "./accept.js";
import { ingestRoutes } from "./app.js";

// The acknowledgement deadline alone: Kafka is a sink that answers after `delayMs` (or never).
const NOW = Date.UTC(2026, 10, 24, 12);
const TIMEOUT_MS = 80;

function appWith(delayMs: number | undefined) {
  const sent: HitRecord[][] = [];
  const deps: AcceptDeps = {
    sites: {
      writeAccessOf: async () => ({ ok: true, siteId: "site1" }),
      siteIdOfDomain: () => "site1",
      servesHostname: () => true,
      isFiltered: () => false,
    },
    sink: {
      send: (records) => {
        sent.push(records.map((r) => ({ ...r })));
        if (delayMs === undefined) return new Promise<void>(() => {});
        return new Promise<void>((resolve) => setTimeout(resolve, delayMs));
      },
    },
    idempotency: {
      claim: async () => ({ state: "new" }),
      complete: async () => {},
      release: async () => {},
    },
    now: () => NOW,
    ackTimeoutMs: TIMEOUT_MS,
  };
  const app = withJsonErrors(new Hono(), createLogger("t", { level: "silent" }));
  app.route("/", ingestRoutes(deps, { trustedProxyHeaders: [] }));
  return { app, sent };
}

const hit = { url: "https://example.com/a", ip: "81.2.69.142", user_agent: "Mozilla/5.0 Firefox/120.0" };
const batchOf = (n: number) => Array.from({ length: n }, () => ({ ...hit, time: new Date(NOW).toISOString() }));
const post = (app: Hono, body: unknown) =>
  app.request("/api/v1/hit/batch", {
    method: "POST",
    headers: { Authorization: "Bearer k", "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the acknowledgement deadline", () => {
  it("stamps every record with it and answers 202 when Kafka acknowledges in time", async () => {
    const { app, sent } = appWith(5);
    const response = await post(app, batchOf(2));
    expect(response.status).toBe(202);
    expect(sent[0]!.map((r) => r.ack_by)).toEqual([NOW + TIMEOUT_MS, NOW + TIMEOUT_MS]);
  });

  it("answers 503 at the deadline when Kafka has not answered, without waiting for it", async () => {
    const { app, sent } = appWith(undefined);
    const started = performance.now();
    const response = await post(app, batchOf(1));
    const waited = performance.now() - started;
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(((await response.json()) as { error: string }).error).toMatch(/not acknowledge/);
    expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(sent[0]![0]!.ack_by).toBe(NOW + TIMEOUT_MS);
  });

  it("answers 503 when the acknowledgement comes after the deadline", async () => {
    const { app } = appWith(TIMEOUT_MS * 3);
    expect((await post(app, batchOf(1))).status).toBe(503);
  });
});
