import { type HitRecord, hitRecord } from "@pulse/hits";
import { createLogger, type Logger } from "@pulse/logger";
import { expect } from "vitest";
import { type RunningService, startService } from "@pulse/service";
import type { AcceptDeps } from "../accept.js";
import { ingestRoutes } from "../app.js";
import type { BeaconOptions } from "../routes/beacon.js";
import type { IdempotencyStore } from "../ports.js";

// What the hostile-input tests share: ingest's ports in memory, the endpoints with a body each
// accepts, and the checks every answer and every record sent must pass.

export const NOW = Date.UTC(2026, 10, 24, 12);
export const TOKEN = "pa_validtoken";
export const TIME = "2026-11-24T11:00:00Z";

function memoryIdempotency(): IdempotencyStore {
  const store = new Map<string, unknown>();
  return {
    async claim(scope, key) {
      const k = `${scope}\u0000${key}`;
      if (!store.has(k)) {
        store.set(k, "pending");
        return { state: "new" };
      }
      const value = store.get(k);
      return value === "pending" ? { state: "pending" } : { state: "done", response: value };
    },
    async complete(scope, key, response) {
      store.set(`${scope}\u0000${key}`, response);
    },
    async release(scope, key) {
      store.delete(`${scope}\u0000${key}`);
    },
  };
}

export interface MemoryIngest {
  deps: AcceptDeps;
  /** Each `sink.send` call's records. */
  sent: HitRecord[][];
  /** Log lines at level error or above: an unhandled error shows up here. */
  errorLogs: string[];
  logger: Logger;
}

/** One site (example.com, www.example.com) with write key TOKEN; paths under /admin are filtered. */
export function memoryIngest(): MemoryIngest {
  const sent: HitRecord[][] = [];
  const errorLogs: string[] = [];
  const deps: AcceptDeps = {
    sites: {
      writeAccessOf: async (token) =>
        token === TOKEN ? { ok: true, siteId: "site1" } : { ok: false, status: 401, error: "Unknown or expired access key" },
      siteIdOfDomain: (d) => (d === "example.com" ? "site1" : undefined),
      servesHostname: (_s, h) => h === "example.com" || h === "www.example.com",
      isFiltered: (_s, hit) => hit.path.startsWith("/admin"),
    },
    sink: {
      send: async (records) => {
        sent.push(records);
        return undefined;
      },
    },
    idempotency: memoryIdempotency(),
    now: () => NOW,
  };
  const logger = createLogger("t", { level: "error", destination: { write: (line: string) => errorLogs.push(line) } });
  return { deps, sent, errorLogs, logger };
}

/** The ingest routes over `world`, served on a free port of 127.0.0.1 by the services' own HTTP server. */
export function startIngestServer(world: MemoryIngest, options: BeaconOptions): Promise<RunningService> {
  return startService({
    name: "ingest-test",
    logger: world.logger,
    host: "127.0.0.1",
    port: 0,
    routes: ingestRoutes(world.deps, options),
    checks: {},
    onShutdown: async () => {},
    shutdownTimeoutMs: 5000,
  });
}

export const hit = { url: "https://example.com/blog", ip: "81.2.69.142", user_agent: "Mozilla/5.0 Firefox/120.0" };
const event = { ...hit, event_name: "Signup", event_meta: { plan: "pro" } };
const session = { ip: hit.ip, user_agent: hit.user_agent };
export const beacon = { d: "example.com", n: "pageview", u: "https://www.example.com/pricing" };
const beaconEvent = { ...beacon, n: "event", e: "Signup", m: { plan: "pro" }, du: 3 };

export interface Endpoint {
  path: string;
  /** A body the endpoint accepts, as a starting point for mutations. */
  valid: Record<string, unknown>;
  batch: boolean;
  /** Object-valued fields the endpoint reads (others are stripped). */
  objects: string[];
  headers: Record<string, string>;
}

export const serverHeaders = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
export const browserHeaders = { "Content-Type": "text/plain", "User-Agent": hit.user_agent, "X-Forwarded-For": hit.ip };

export const ENDPOINTS: Endpoint[] = [
  { path: "/api/v1/hit", valid: hit, batch: false, objects: ["url", "tags"], headers: serverHeaders },
  { path: "/api/v1/event", valid: event, batch: false, objects: ["url", "tags", "event_meta"], headers: serverHeaders },
  { path: "/api/v1/session", valid: session, batch: false, objects: [], headers: serverHeaders },
  { path: "/api/v1/hit/batch", valid: { ...hit, time: TIME }, batch: true, objects: ["url", "tags"], headers: serverHeaders },
  {
    path: "/api/v1/event/batch",
    valid: { ...event, time: TIME },
    batch: true,
    objects: ["url", "tags", "event_meta"],
    headers: serverHeaders,
  },
  { path: "/api/v1/session/batch", valid: { ...session, time: TIME }, batch: true, objects: [], headers: serverHeaders },
  { path: "/api/event", valid: beacon, batch: false, objects: ["u", "g"], headers: browserHeaders },
  { path: "/api/event", valid: beaconEvent, batch: false, objects: ["u", "m", "g"], headers: browserHeaders },
  { path: "/api/event", valid: { ...beacon, n: "session" }, batch: false, objects: [], headers: browserHeaders },
];

export const describeEndpoint = (e: Endpoint) => `${e.path} ${JSON.stringify(e.valid).slice(0, 40)}`;
export const bodyOf = (e: Endpoint, item: unknown) => JSON.stringify(e.batch ? [item] : item);

/** An answer as the checks need it, from a fetch Response or read off a raw socket. */
export interface Answer {
  status: number;
  contentType: string | null;
  body: string;
}

/** Never a 5xx; a 4xx is JSON with an `error`, and a validation error names each field. */
export function expectSoundAnswer(answer: Answer): void {
  expect(answer.status, `never a 5xx: ${answer.body}`).toBeLessThan(500);
  if (answer.status < 400) return;
  expect(answer.contentType).toContain("application/json");
  const body = JSON.parse(answer.body) as { error?: unknown; fields?: unknown };
  expect(typeof body.error).toBe("string");
  expect((body.error as string).length).toBeGreaterThan(0);
  const isValidation = answer.status === 400 && (body.error as string).startsWith("Invalid ");
  if (isValidation || body.fields !== undefined) {
    expect(Array.isArray(body.fields), `fields of ${answer.body}`).toBe(true);
    const fields = body.fields as unknown[];
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields) expect(f).toEqual({ field: expect.any(String), message: expect.any(String) });
  }
}

/**
 * Only a 202 sends; it sends exactly as many records as it accepted, each one the consumer will take.
 * `mayReplay`: the request carried an Idempotency-Key that may have been used before, so its 202 may
 * repeat an earlier answer and send nothing.
 */
export function expectSoundSink(answer: Answer, batches: HitRecord[][], { mayReplay = false } = {}): void {
  if (answer.status !== 202) {
    expect(batches, `status ${answer.status} sent records`).toEqual([]);
    return;
  }
  const { accepted } = JSON.parse(answer.body) as { accepted: number };
  const records = batches.flat();
  if (mayReplay && records.length === 0) return;
  expect(records).toHaveLength(accepted);
  for (const record of records) {
    // What Kafka carries is the JSON text: it must read back as a valid record.
    const parsed = hitRecord.safeParse(JSON.parse(JSON.stringify(record)));
    expect(parsed.success, `invalid record ${JSON.stringify(record)}: ${parsed.error?.message}`).toBe(true);
    expect(Number.isSafeInteger(record.time)).toBe(true);
  }
}
