import type { HitRecord } from "@pulse/hits";
import { LIMITS } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { beforeEach, describe, expect, it } from "vitest";
import type { AcceptDeps } from "./accept.js";
import { ingestRoutes } from "./app.js";
import type { IdempotencyStore } from "./ports.js";

// Request handling only: Kafka, metadata and Redis are replaced by in-memory ports here.
// The real pipeline is exercised by apps/consumer/src/pipeline.it.test.ts.
const NOW = Date.UTC(2026, 10, 24, 12);
const TOKEN = "pa_validtoken";
let sent: HitRecord[][];
let kafkaUp: boolean;

function memoryIdempotency(): IdempotencyStore {
  const store = new Map<string, unknown>();
  return {
    async claim(scope, key) {
      const k = `${scope}:${key}`;
      if (!store.has(k)) {
        store.set(k, "pending");
        return { state: "new" };
      }
      const v = store.get(k);
      return v === "pending" ? { state: "pending" } : { state: "done", response: v };
    },
    async complete(scope, key, response) {
      store.set(`${scope}:${key}`, response);
    },
    async release(scope, key) {
      store.delete(`${scope}:${key}`);
    },
  };
}

function app() {
  const deps: AcceptDeps = {
    sites: {
      writeAccessOf: async (token, scope) =>
        token !== TOKEN
          ? { ok: false, status: 401, error: "Unknown or expired access key" }
          : scope === "session"
            ? { ok: false, status: 403, error: 'This key lacks the "session" scope' }
            : { ok: true, siteId: "site1" },
      siteIdOfDomain: (d) => (d === "example.com" || d === "www.example.com" ? "site1" : d === "other.test" ? "site2" : undefined),
      servesHostname: (_s, h) => h === "example.com" || h === "www.example.com",
      isFiltered: (_s, hit) => hit.ip === "10.9.9.9" || hit.path.startsWith("/admin"),
    },
    sink: {
      send: async (records) => {
        if (!kafkaUp) throw new Error("broker down");
        sent.push(records);
        return undefined;
      },
    },
    idempotency: memoryIdempotency(),
    now: () => NOW,
  };
  const root = withJsonErrors(new Hono(), createLogger("t", { level: "silent" }));
  root.route("/", ingestRoutes(deps, { trustedProxyHeaders: ["x-forwarded-for"] }));
  return root;
}

const hit = { url: "https://example.com/blog", ip: "81.2.69.142", user_agent: "Mozilla/5.0 Firefox/120.0" };
const auth = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
const post = (a: Hono, path: string, body: unknown, headers: Record<string, string> = auth) =>
  a.request(path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

beforeEach(() => {
  sent = [];
  kafkaUp = true;
});

describe("server-side tracking", () => {
  it("accepts a page view with 202 once the sink acknowledged it", async () => {
    const response = await post(app(), "/api/v1/hit", hit);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1, filtered: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toMatchObject({ kind: "pageview", site_id: "site1", url: hit.url, time: NOW });
  });

  it("accepts events and batches with their own times", async () => {
    const a = app();
    const event = await post(a, "/api/v1/event", { ...hit, event_name: "Signup", event_meta: { plan: "pro" } });
    expect(event.status).toBe(202);
    const time = "2026-11-24T11:00:00Z";
    const batch = await post(a, "/api/v1/hit/batch", [
      { ...hit, time },
      { ...hit, url: "https://example.com/b", time },
    ]);
    expect(await batch.json()).toEqual({ accepted: 2, filtered: 0 });
    expect(sent[1]!.map((r) => r.time)).toEqual([Date.parse(time), Date.parse(time)]);
  });

  it("answers 401 without or with an unknown key, 403 without the scope", async () => {
    const a = app();
    const missing = await post(a, "/api/v1/hit", hit, { "Content-Type": "application/json" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toHaveProperty("error");
    expect((await post(a, "/api/v1/hit", hit, { Authorization: "Bearer nope" })).status).toBe(401);
    expect((await post(a, "/api/v1/session", { ip: hit.ip, user_agent: hit.user_agent })).status).toBe(403);
    expect(sent).toEqual([]);
  });

  it("refuses a page on another site's domain with 403, a whole batch for one such item", async () => {
    const a = app();
    const foreign = await post(a, "/api/v1/hit", { ...hit, url: "https://OTHER.test/pricing" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: "Page hostname other.test belongs to another site: a key sends hits for its own site only" });
    // Spellings the URL parser reads as that host are that host.
    for (const url of ["https://user:pw@other.test:8443/x", "https://other.test\\x", "https://%6Fther.test/x"]) {
      expect((await post(a, "/api/v1/event", { ...hit, url, event_name: "Signup" })).status, url).toBe(403);
    }
    const time = "2026-11-24T11:00:00Z";
    const batch = [{ ...hit, time }, { ...hit, url: "https://www.example.com/", time }, { ...hit, url: "https://other.test/", time }];
    expect((await post(a, "/api/v1/hit/batch", batch)).status).toBe(403);
    expect(sent).toEqual([]);
    // The key's own domains, and hostnames no site claims (a server's internal names), are taken.
    const own = await post(a, "/api/v1/hit/batch", [batch[0], batch[1], { ...hit, url: "http://localhost:8080/", time }]);
    expect(own.status).toBe(202);
    expect(sent.flat()).toHaveLength(3);
  });

  it("answers 400 naming the fields of a bad body, and sends nothing", async () => {
    const response = await post(app(), "/api/v1/hit", { url: "not a url", ip: "1.2.3", screen_width: "wide" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(["ip", "screen_width", "url", "user_agent"]);
    expect(sent).toEqual([]);
  });

  it("answers 400 for malformed JSON", async () => {
    const response = await post(app(), "/api/v1/hit", "{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "Request body is not valid JSON" });
  });

  it("refuses a whole batch when one item is invalid or its time is out of bounds", async () => {
    const a = app();
    const good = { ...hit, time: "2026-11-24T11:00:00Z" };
    const badItem = await post(a, "/api/v1/hit/batch", [good, { ...good, url: "x" }]);
    expect(badItem.status).toBe(400);
    expect(((await badItem.json()) as { fields: { field: string }[] }).fields[0]!.field).toBe("1.url");
    const future = await post(a, "/api/v1/hit/batch", [good, { ...good, time: "2026-11-25T12:00:00Z" }]);
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ fields: [{ field: "1.time", message: "time lies in the future" }] });
    const old = await post(a, "/api/v1/hit/batch", [{ ...good, time: "2026-11-01T12:00:00Z" }]);
    expect(old.status).toBe(400);
    expect(sent).toEqual([]);
  });

  it("refuses oversized URLs, batches and bodies", async () => {
    const a = app();
    const longUrl = await post(a, "/api/v1/hit", { ...hit, url: `https://example.com/${"x".repeat(LIMITS.urlLength)}` });
    expect(longUrl.status).toBe(400);
    const many = Array.from({ length: LIMITS.batchSize + 1 }, () => ({ ...hit, time: "2026-11-24T11:00:00Z" }));
    expect((await post(a, "/api/v1/hit/batch", many)).status).toBe(400);
    const huge = JSON.stringify({ ...hit, title: "x".repeat(LIMITS.bodyBytes) });
    const tooBig = await post(a, "/api/v1/hit", huge, { ...auth, "Content-Length": String(huge.length) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toHaveProperty("error");
    expect(sent).toEqual([]);
  });

  it("drops hits matched by traffic filters but answers 202", async () => {
    const time = "2026-11-24T11:00:00Z";
    const response = await post(app(), "/api/v1/hit/batch", [
      { ...hit, time },
      { ...hit, ip: "10.9.9.9", time },
      { ...hit, url: "https://example.com/admin/x", time },
    ]);
    expect(await response.json()).toEqual({ accepted: 1, filtered: 2 });
    expect(sent[0]).toHaveLength(1);
  });

  it("answers 503 with Retry-After when Kafka does not acknowledge, never 2xx", async () => {
    kafkaUp = false;
    const response = await post(app(), "/api/v1/hit", hit);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toHaveProperty("error");
  });

  it("counts a retried request with the same Idempotency-Key once", async () => {
    const a = app();
    const headers = { ...auth, "Idempotency-Key": "req-1" };
    kafkaUp = false;
    expect((await post(a, "/api/v1/hit", hit, headers)).status).toBe(503);
    kafkaUp = true;
    const first = await post(a, "/api/v1/hit", hit, headers);
    const second = await post(a, "/api/v1/hit", hit, headers);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await second.json()).toEqual(await first.json());
    expect(sent).toHaveLength(1);
  });

  it("gives every attempt of a keyed request the same event ids, so a stored 503 is not counted twice", async () => {
    // Two apps, two idempotency stores: as when the first attempt's answer was a 503 that Kafka stored anyway.
    const time = "2026-11-24T11:00:00Z";
    const batch = [{ ...hit, time }, { ...hit, url: "https://example.com/two", time }];
    expect((await post(app(), "/api/v1/hit/batch", batch, { ...auth, "Idempotency-Key": "req-2" })).status).toBe(202);
    expect((await post(app(), "/api/v1/hit/batch", batch, { ...auth, "Idempotency-Key": "req-2" })).status).toBe(202);
    expect((await post(app(), "/api/v1/hit/batch", batch, { ...auth, "Idempotency-Key": "req-3" })).status).toBe(202);
    const [first, retry, other] = sent.map((records) => records.map((r) => r.id));
    expect(retry).toEqual(first);
    expect(new Set(first).size).toBe(2);
    expect(other!.some((id) => first!.includes(id))).toBe(false);
  });
});

describe("browser beacon", () => {
  const beacon = { d: "example.com", n: "pageview", u: "https://www.example.com/pricing?utm_source=x", w: 1440 };
  const browser = {
    "Content-Type": "text/plain",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0",
    "X-Forwarded-For": "81.2.69.142, 10.0.0.1",
    "Accept-Language": "de-DE,de;q=0.9",
  };

  it("takes the client from the request and accepts pages on the site's hostnames", async () => {
    const response = await post(app(), "/api/event", beacon, browser);
    expect(response.status).toBe(202);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(sent[0]![0]).toMatchObject({
      kind: "pageview",
      ip: "81.2.69.142",
      user_agent: browser["User-Agent"],
      accept_language: "de-DE,de;q=0.9",
      url: beacon.u,
      screen_width: 1440,
    });
  });

  it("accepts a link-local visitor address with its zone, storing it without the zone", async () => {
    // Node reports link-local socket addresses with their zone (fe80::1%eth0); so may a proxy.
    const response = await post(app(), "/api/event", beacon, { ...browser, "X-Forwarded-For": "fe80::1%eth0" });
    expect(response.status).toBe(202);
    expect(sent[0]![0]!.ip).toBe("fe80::1");
    const serverSide = await post(app(), "/api/v1/hit", { ...hit, ip: "fe80::2%enp0s3" });
    expect(serverSide.status).toBe(202);
    expect(sent[1]![0]!.ip).toBe("fe80::2");
  });

  it("refuses pages on other hostnames and unknown domains", async () => {
    const a = app();
    expect((await post(a, "/api/event", { ...beacon, u: "https://evil.test/" }, browser)).status).toBe(403);
    expect((await post(a, "/api/event", { ...beacon, d: "unknown.test" }, browser)).status).toBe(404);
    expect(sent).toEqual([]);
  });

  it("sends custom events with metadata", async () => {
    const response = await post(app(), "/api/event", { ...beacon, n: "event", e: "Signup", m: { plan: "pro" } }, browser);
    expect(response.status).toBe(202);
    expect(sent[0]![0]).toMatchObject({ kind: "event", event_name: "Signup", event_meta: { plan: "pro" } });
  });

  it("answers 400 naming the field of a bad beacon", async () => {
    const response = await post(app(), "/api/event", { ...beacon, n: "event" }, browser);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fields: [{ field: "event_name" }] });
  });

  it("serves the tracker script", async () => {
    const response = await app().request("/js/script.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("javascript");
    const script = await response.text();
    expect(script).toContain("data-domain");
    expect(script).toContain("/api/event");
  });
});
