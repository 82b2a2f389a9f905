import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../test-support/webhook-receiver.js";
import { missingFields, WEBHOOK_FIELDS } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";
import { WebhookDispatcher } from "./dispatcher.js";
import { WebhookEventFeed } from "./event-feed.js";
import { WebhookFailures } from "./failure-counter.js";
import type { TrackedEvent } from "./payload.js";

// Integration: webhook endpoints, and deliveries to a real HTTP server on 127.0.0.1, over real
// ClickHouse (the events table the feed reads) and Redis.
let world: PirschWorld;
let receiver: WebhookReceiver;
let siteId: string;

beforeAll(async () => {
  world = await pirschWorld("pirsch_webhooks");
  receiver = await startWebhookReceiver();
  siteId = (await world.newSite("webhooks")).id;
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await world?.dispose();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer(200);
});

const dispatcherFor = (options: { attempts?: number; maxFailures?: number } = {}) =>
  new WebhookDispatcher({
    store: world.store,
    webhooksOf: (id) => world.cache.webhooksOf(id),
    redis: world.redis,
    backoffMs: 20,
    timeoutMs: 2000,
    allowPrivateNetworks: true,
    ...options,
  });

const event = (name: string, extra: Partial<TrackedEvent> = {}): TrackedEvent => ({
  site_id: siteId,
  event_name: name,
  time: new Date().toISOString(),
  hostname: "example.com",
  path: "/checkout",
  title: "Checkout",
  duration_seconds: 0,
  meta: { plan: "pro" },
  ...extra,
});

const createHook = async (name: string, path = "/hook") =>
  (await world.call("POST", "/api/v1/webhook", world.admin, { domain_id: siteId, description: "Description", event: name, endpoint: `${receiver.url}${path}` })).body;

describe("webhook endpoints", () => {
  it("creates, lists, updates and deletes webhooks as the reference shows", async () => {
    const created = await world.call("POST", "/api/v1/webhook", world.admin, { domain_id: siteId, description: "Description", event: "event_name", endpoint: "https://example.com/api/webhook" });
    expect(created.status).toBe(200);
    expect(missingFields(created.body, WEBHOOK_FIELDS)).toEqual([]);
    expect(created.body).toMatchObject({ domain_id: siteId, description: "Description", event: "event_name", endpoint: "https://example.com/api/webhook", active: true });
    const listed = await world.call("GET", `/api/v1/webhook?domain_id=${siteId}`, world.admin);
    expect(listed.body.map((hook: { id: string }) => hook.id)).toContain(created.body.id);
    const updated = await world.call("POST", "/api/v1/webhook", world.admin, { id: created.body.id, domain_id: siteId, description: "Changed", event: "other", endpoint: "https://example.com/other" });
    expect(updated.body).toMatchObject({ id: created.body.id, description: "Changed", event: "other", def_time: created.body.def_time });
    expect((await world.call("DELETE", `/api/v1/webhook?id=${created.body.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/webhook?domain_id=${siteId}`, world.admin)).body.map((hook: { id: string }) => hook.id)).not.toContain(created.body.id);
  });

  it("refuses endpoints that are not http(s) URLs", async () => {
    const bad = await world.call("POST", "/api/v1/webhook", world.admin, { domain_id: siteId, event: "x", endpoint: "file:///etc/passwd" });
    expect(bad.status).toBe(400);
  });
});

describe("WebhookDispatcher", () => {
  it("POSTs the event as JSON to the webhooks of its name, and only those", async () => {
    const hook = await createHook("Purchase", "/purchase");
    await createHook("Signup", "/signup");
    expect(await dispatcherFor().notify(event("Purchase"))).toEqual(["delivered"]);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: "POST", path: "/purchase" });
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.body).toMatchObject({ webhook_id: hook.id, domain_id: siteId, event: "Purchase", path: "/checkout", meta: { plan: "pro" } });
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });

  it("retries a failed delivery with backoff and succeeds when the endpoint recovers", async () => {
    const hook = await createHook("Retry");
    receiver.answer(500, 503, 200);
    const started = Date.now();
    expect(await dispatcherFor({ attempts: 3 }).notify(event("Retry"))).toEqual(["delivered"]);
    expect(receiver.received).toHaveLength(3);
    // 20 ms, then 40 ms of backoff.
    expect(Date.now() - started).toBeGreaterThanOrEqual(60);
    expect(await new WebhookFailures(world.redis).count(hook.id)).toBe(0);
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });

  it("deactivates a webhook after repeated failed deliveries, and saving it activates it again", async () => {
    const hook = await createHook("Broken");
    receiver.answer(500);
    const dispatcher = dispatcherFor({ attempts: 2, maxFailures: 3 });
    expect(await dispatcher.notify(event("Broken"))).toEqual(["failed"]);
    expect(await dispatcher.notify(event("Broken"))).toEqual(["failed"]);
    expect(await dispatcher.notify(event("Broken"))).toEqual(["deactivated"]);
    expect(receiver.received).toHaveLength(6);
    const listed = (await world.call("GET", `/api/v1/webhook?domain_id=${siteId}`, world.admin)).body;
    expect(listed.find((h: { id: string }) => h.id === hook.id)).toMatchObject({ active: false });
    // Inactive webhooks are not called.
    await world.cache.reload();
    expect(await dispatcher.notify(event("Broken"))).toEqual([]);

    const saved = await world.call("POST", "/api/v1/webhook", world.admin, { id: hook.id, domain_id: siteId, description: hook.description, event: "Broken", endpoint: hook.endpoint });
    expect(saved.body.active).toBe(true);
    receiver.answer(200);
    expect(await dispatcher.notify(event("Broken"))).toEqual(["delivered"]);
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });

  it("refuses loopback and private endpoints unless allowed", async () => {
    const hook = await createHook("Guarded");
    const guarded = new WebhookDispatcher({ store: world.store, webhooksOf: (id) => world.cache.webhooksOf(id), redis: world.redis, attempts: 1, maxFailures: 10 });
    expect(await guarded.notify(event("Guarded"))).toEqual(["failed"]);
    expect(receiver.received).toHaveLength(0);
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });
});

describe("WebhookEventFeed", () => {
  it("delivers custom events the pipeline wrote to ClickHouse, once, and skips others", async () => {
    const hook = await createHook("Feed");
    const feed = new WebhookEventFeed({ clickhouse: world.db.client, redis: world.redis, store: world.store, dispatcher: dispatcherFor(), lagMs: 0 });
    // The first poll starts from now rather than replaying history.
    const start = Date.now();
    await feed.pollOnce(start);
    const at = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
    const row = (name: string, kind: string, offsetMs: number) => ({
      site_id: siteId,
      time: at(start + offsetMs),
      received_at: at(start + offsetMs),
      id: crypto.randomUUID(),
      session_id: crypto.randomUUID(),
      session_start: at(start),
      kind,
      event_name: name,
      path: "/thanks",
      event_meta: { plan: "pro" },
    });
    await world.db.client.insert({
      table: "events",
      values: [row("Feed", "event", 10), row("Other", "event", 20), row("Feed", "pageview", 30), row("Feed", "event", 40)],
      format: "JSONEachRow",
    });
    expect(await feed.pollOnce(start + 1000)).toBe(2);
    expect(receiver.received.map((r) => (r.body as { event: string; path: string }).event)).toEqual(["Feed", "Feed"]);
    expect(receiver.received[0]?.body).toMatchObject({ webhook_id: hook.id, domain_id: siteId, path: "/thanks", meta: { plan: "pro" } });
    // The watermark moved past them: nothing is delivered twice.
    expect(await feed.pollOnce(start + 2000)).toBe(0);
    expect(receiver.received).toHaveLength(2);
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });

  it("continues where a full batch stopped, and lets one instance poll at a time", async () => {
    const hook = await createHook("Batched");
    const options = { clickhouse: world.db.client, redis: world.redis, store: world.store, dispatcher: dispatcherFor(), lagMs: 0, batchSize: 1 };
    const feed = new WebhookEventFeed(options);
    const start = Date.now() + 5000;
    await feed.pollOnce(start);
    const at = (ms: number) => new Date(ms).toISOString().replace("T", " ").replace("Z", "");
    const row = (offsetMs: number) => ({
      site_id: siteId,
      time: at(start + offsetMs),
      received_at: at(start + offsetMs),
      id: crypto.randomUUID(),
      session_id: crypto.randomUUID(),
      session_start: at(start),
      kind: "event",
      event_name: "Batched",
      path: `/p${offsetMs}`,
    });
    await world.db.client.insert({ table: "events", values: [row(10), row(20)], format: "JSONEachRow" });
    expect(await feed.pollIfLeader(start + 1000)).toBe(1);
    // Another instance waits while the lock is held.
    expect(await new WebhookEventFeed(options).pollIfLeader(start + 1000)).toBe(0);
    expect(await feed.pollOnce(start + 1000)).toBe(1);
    expect(await feed.pollOnce(start + 1000)).toBe(0);
    expect(receiver.received.map((r) => (r.body as { path: string }).path)).toEqual(["/p10", "/p20"]);
    await world.call("DELETE", `/api/v1/webhook?id=${hook.id}`, world.admin);
  });
});
