import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetadataCache } from "./cache.js";
import { clientSecretMatches } from "./clients.js";
import { NotFoundError } from "./errors.js";
import type { MetadataStore } from "./store.js";
import { createTestEnvironment, eventually, type TestEnvironment } from "./test-support/environment.js";

// Integration: what migration 0004 adds, through the store and the cache (real ClickHouse and Redis).
let env: TestEnvironment;
let store: MetadataStore;
let cache: MetadataCache;

beforeAll(async () => {
  env = await createTestEnvironment("pirsch_entities");
  store = env.store;
  cache = new MetadataCache({ source: store, createSubscriber: env.connectRedis, keyPrefix: env.keyPrefix, refreshMs: 600_000 });
  await cache.start();
});
afterAll(async () => {
  await cache?.stop();
  await env?.dispose();
});

const host = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}.example.com`;
const newSite = async (label: string) => {
  const account = await store.createAccount({ name: label });
  return store.createSite({ account_id: account.id, domain: host(label) });
};

describe("oAuth clients", () => {
  it("stores the client secret as a hash, finds the client by id and never by a bearer token", async () => {
    const site = await newSite("oauth");
    const created = await store.createOAuthClient({ account_id: site.account_id, site_id: site.id, scopes: ["statistics:read"], name: "SDK" });
    expect(created.client_id).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(created.client_secret).toMatch(/^[0-9A-Za-z]{64}$/);
    expect(created.key).toMatchObject({ client_type: "oauth", client_id: created.client_id, name: "SDK" });
    expect(created.key).not.toHaveProperty("client_secret_hash");

    const raw = await env.clickhouse.query({ query: "SELECT * FROM api_keys", format: "JSONEachRow" }).then((r) => r.text());
    expect(raw).toContain(created.client_id);
    expect(raw).not.toContain(created.client_secret);

    const found = await eventually(() => cache.keyByClientId(created.client_id), (k) => k !== undefined);
    expect(found?.id).toBe(created.key.id);
    expect(clientSecretMatches(found!, created.client_secret)).toBe(true);
    expect(clientSecretMatches(found!, `${created.client_secret.slice(1)}x`)).toBe(false);
    expect(cache.keyById(created.key.id)?.client_id).toBe(created.client_id);
    expect(cache.keyByToken(created.client_secret)).toBeUndefined();
    expect(cache.keyByToken(created.client_id)).toBeUndefined();
  });

  it("marks token clients and gives write-only keys Pirsch's 45-character access key", async () => {
    const site = await newSite("token-client");
    const { key, token } = await store.createApiKey({ account_id: site.account_id, site_id: site.id, scopes: ["hit", "event"] }, { clientType: "token" });
    expect(key).toMatchObject({ client_type: "token", client_id: "" });
    expect(token).toMatch(/^pa_[0-9A-Za-z]{45}$/);
    await eventually(() => cache.keyByToken(token)?.id, (id) => id === key.id);
  });

  it("forgets a deleted client", async () => {
    const site = await newSite("gone-client");
    const created = await store.createOAuthClient({ account_id: site.account_id, scopes: ["domains:read"] });
    await eventually(() => cache.keyById(created.key.id), (k) => k !== undefined);
    await store.deleteApiKey(created.key.id);
    await eventually(() => cache.keyById(created.key.id), (k) => k === undefined);
    expect(cache.keyByClientId(created.client_id)).toBeUndefined();
  });
});

describe("site settings and goal targets", () => {
  it("keeps a site's settings object through writes and reads", async () => {
    const site = await newSite("settings");
    expect(site.settings).toEqual({});
    const updated = await store.updateSite(site.id, { settings: { pirsch: { subdomain: "shop", metadata: { a: [1, 2] } } } });
    expect(await store.getSite(site.id)).toEqual(updated);
    await eventually(() => cache.siteById(site.id)?.settings, (s) => JSON.stringify(s) === JSON.stringify(updated.settings));
    await expect(store.updateSite(site.id, { settings: { big: "x".repeat(20_000) } })).rejects.toBeInstanceOf(ZodError);
  });

  it("stores Pirsch's goal targets, 0 and false when not set", async () => {
    const site = await newSite("targets");
    const plain = await store.createGoal({ site_id: site.id, name: "Plain", event_name: "Signup" });
    expect(plain).toMatchObject({ custom_metric_type: "", visitor_goal: 0, cr_goal: 0, delete_reached: false, email_reached: false });
    const goal = await store.createGoal({
      site_id: site.id,
      name: "Revenue",
      event_name: "Purchase",
      custom_metric_key: "amount",
      custom_metric_type: "float",
      visitor_goal: 123,
      cr_goal: 1.23,
      custom_metric_total_goal: 346,
      custom_metric_avg_goal: 95.3,
      email_reached: true,
    });
    expect(await store.getGoal(goal.id)).toEqual(goal);
    await expect(store.updateGoal(goal.id, { custom_metric_key: "" })).rejects.toBeInstanceOf(ZodError);
  });
});

describe("access links and webhooks", () => {
  it("creates access links with a code, finds valid ones by code and drops them with their site", async () => {
    const site = await newSite("links");
    const link = await store.createAccessLink({ site_id: site.id, description: "Investors" });
    expect(link).toMatchObject({ site_id: site.id, description: "Investors", valid_until: null });
    expect(link.code).toMatch(/^[0-9A-Za-z]{32}$/);
    await eventually(() => cache.accessLinkByCode(link.code)?.id, (id) => id === link.id);

    const expired = await store.updateAccessLink(link.id, { valid_until: new Date(Date.now() - 1000).toISOString() });
    expect(expired.code).toBe(link.code);
    await eventually(() => cache.accessLinkByCode(link.code), (found) => found === undefined);

    const other = await store.createAccessLink({ site_id: site.id, valid_until: "2999-01-01T00:00:00Z" });
    expect(other.valid_until).toBe("2999-01-01T00:00:00.000Z");
    await store.deleteSite(site.id);
    expect(await store.listAccessLinks({ site_id: site.id })).toEqual([]);
  });

  it("creates, deactivates and deletes webhooks, cached by site", async () => {
    const site = await newSite("hooks");
    const hook = await store.createWebhook({ site_id: site.id, event: "Signup", endpoint: "https://example.com/hook" });
    expect(hook).toMatchObject({ active: true, description: "", event: "Signup" });
    await eventually(() => cache.webhooksOf(site.id).length, (n) => n === 1);
    const off = await store.updateWebhook(hook.id, { active: false });
    expect(await store.getWebhook(hook.id)).toEqual(off);
    await eventually(() => cache.webhooksOf(site.id)[0]?.active, (active) => active === false);
    await expect(store.createWebhook({ site_id: site.id, event: "x", endpoint: "ftp://example.com" })).rejects.toBeInstanceOf(ZodError);
    await store.deleteWebhook(hook.id);
    await expect(store.deleteWebhook(hook.id)).rejects.toBeInstanceOf(NotFoundError);
    await eventually(() => cache.webhooksOf(site.id).length, (n) => n === 0);
  });
});
