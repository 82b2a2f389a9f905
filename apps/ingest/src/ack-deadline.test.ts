import type { HitRecord } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AcceptDeps } from "./accept.js";
import { ingestRoutes } from "./app.js";

// The acknowledgement deadline alone. Kafka is a sink that answers after `delayMs` (or never) with
// the broker's append time `appendedAt(ackBy)`; the consumer drops a record appended after ack_by.
const NOW = Date.UTC(2026, 10, 24, 12);
const TIMEOUT_MS = 60;
const GRACE_MS = 40;

interface Kafka {
  delayMs?: number;
  appendedAt?: (ackBy: number) => number | undefined;
}

function appWith(kafka: Kafka) {
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
        if (kafka.delayMs === undefined) return new Promise<never>(() => {});
        const time = kafka.appendedAt?.(records[0]!.ack_by!);
        return new Promise((resolve) => setTimeout(() => resolve(time), kafka.delayMs));
      },
    },
    idempotency: { claim: async () => ({ state: "new" }), complete: async () => {}, release: async () => {} },
    now: () => NOW,
    ack: { timeoutMs: TIMEOUT_MS, graceMs: GRACE_MS },
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
  it("stamps every record with it and answers 202 when the broker appended them in time", async () => {
    const { app, sent } = appWith({ delayMs: 5, appendedAt: (ackBy) => ackBy - 50 });
    const response = await post(app, batchOf(2));
    expect(response.status).toBe(202);
    expect(sent[0]!.map((r) => r.ack_by)).toEqual([NOW + TIMEOUT_MS, NOW + TIMEOUT_MS]);
  });

  it("answers 202 for an answer that comes after the deadline, when the append was before it", async () => {
    // The consumer keeps these records (appended by ack_by): saying 503 would invite a second copy.
    const { app } = appWith({ delayMs: TIMEOUT_MS + GRACE_MS / 2, appendedAt: (ackBy) => ackBy });
    expect((await post(app, batchOf(1))).status).toBe(202);
  });

  it("answers 503 when the broker appended them after the deadline (the consumer drops them)", async () => {
    const { app } = appWith({ delayMs: 5, appendedAt: (ackBy) => ackBy + 1 });
    const response = await post(app, batchOf(1));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(((await response.json()) as { error: string }).error).toMatch(/not stored/);
  });

  it("answers 503 when Kafka has not answered by the end of the grace, without waiting longer", async () => {
    const { app } = appWith({});
    const started = performance.now();
    const response = await post(app, batchOf(1));
    expect(response.status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS + GRACE_MS - 5);
  });
});
