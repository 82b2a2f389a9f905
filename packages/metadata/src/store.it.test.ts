import { createHash } from "node:crypto";
import { loadConfig } from "@pulse/config";
import { createRedis } from "@pulse/redis";
import { ZodError } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MetadataCache } from "./cache.js";
import { metadataChange } from "./changes.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { compilePathGlob, pathGlobToRegExpSource } from "./path-glob.js";
import type { FunnelStep } from "./schemas.js";
import { MetadataStore } from "./store.js";
import { createTestEnvironment, eventually, type TestEnvironment } from "./test-support/environment.js";

// Integration: real ClickHouse and Redis (the local stack); a fresh database and key prefix per run.
let env: TestEnvironment;
let store: MetadataStore;
let cache: MetadataCache;

beforeAll(async () => {
  env = await createTestEnvironment("metadata");
  store = env.store;
  // A refresh far beyond the test's lifetime: anything the cache sees arrived by pub/sub.
  cache = new MetadataCache({ source: store, createSubscriber: env.connectRedis, keyPrefix: env.keyPrefix, refreshMs: 600_000 });
  await cache.start();
});

afterAll(async () => {
  await cache?.stop();
  await env?.dispose();
});

async function rows(query: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const result = await env.clickhouse.query({ query, query_params: params, format: "JSONEachRow" });
  return result.json();
}

const uniqueHost = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}.example.com`;

describe("metadata store (real ClickHouse and Redis)", () => {
  it("creates the four tables as ReplacingMergeTree(version, is_deleted)", async () => {
    const tables = await rows(
      "SELECT name, engine_full FROM system.tables WHERE database = {db:String} AND name IN ('accounts', 'sites', 'api_keys', 'traffic_filters') ORDER BY name",
      { db: env.database },
    );
    expect(tables.map((t) => t.name)).toEqual(["accounts", "api_keys", "sites", "traffic_filters"]);
    for (const table of tables) expect(table.engine_full).toMatch(/^ReplacingMergeTree\(version, is_deleted\) ORDER BY id/);
  });

  it("announces writes on <prefix>metadata:changed, a channel ioredis does not prefix by itself", async () => {
    const listener = createRedis(loadConfig(), "");
    try {
      const received: string[] = [];
      listener.on("message", (_channel: string, message: string) => received.push(message));
      await listener.subscribe(`${env.keyPrefix}metadata:changed`);
      const account = await store.createAccount({ name: "Announced" });
      const [message] = await eventually(() => received, (r) => r.length > 0);
      expect(metadataChange.parse(JSON.parse(message!))).toEqual({ entity: "account", id: account.id, op: "create", version: account.version });
    } finally {
      listener.disconnect();
    }
  });

  it("keeps user values out of the SQL", async () => {
    const name = "it's'); DROP TABLE sites; --";
    const account = await store.createAccount({ name });
    expect((await store.getAccount(account.id))?.name).toBe(name);
    expect(await store.listSites()).toBeInstanceOf(Array);
  });

  it("carries a site's create, update and delete to the cache through pub/sub", async () => {
    const account = await store.createAccount({ name: "Sites" });
    const domain = uniqueHost("shop");
    const site = await store.createSite({ account_id: account.id, domain: domain.toUpperCase(), timezone: "europe/berlin" });
    expect(site).toMatchObject({ domain, timezone: "Europe/Berlin", alternative_domains: [], public: false });
    expect(await store.getSite(site.id)).toEqual(site);
    await eventually(() => cache.siteByHostname(`www.${domain}`)?.id, (id) => id === site.id);

    const alias = uniqueHost("alias");
    const updated = await store.updateSite(site.id, { alternative_domains: [alias] });
    expect(updated.version).toBeGreaterThan(site.version);
    await eventually(() => cache.siteByHostname(alias)?.id, (id) => id === site.id);
    expect(cache.siteById(site.id)).toEqual(updated);

    await store.deleteSite(site.id);
    expect((await store.listSites({ account_id: account.id })).map((s) => s.id)).toEqual([]);
    expect(await store.getSite(site.id)).toBeUndefined();
    await eventually(() => cache.siteById(site.id), (found) => found === undefined);
    expect(cache.siteByHostname(domain)).toBeUndefined();
    expect(cache.siteByHostname(alias)).toBeUndefined();
  });

  it("finds a key by its token and stores only the token's hash", async () => {
    const account = await store.createAccount({ name: "Keys" });
    const site = await store.createSite({ account_id: account.id, domain: uniqueHost("keys") });
    const { key, token } = await store.createApiKey({ account_id: account.id, site_id: site.id, scopes: ["hit", "event"], name: "tracker", rate_limit_per_minute: 100 });
    expect(token).toMatch(/^pa_[0-9A-Za-z]{45}$/);
    expect(key).not.toHaveProperty("token_hash");
    expect(key).toMatchObject({ token_prefix: token.slice(0, 8), scopes: ["hit", "event"], rate_limit_per_minute: 100, expires_at: null });

    const found = await eventually(() => cache.keyByToken(token), (k) => k !== undefined);
    expect(found).toMatchObject({ id: key.id, site_id: site.id });
    expect(cache.keyByToken(`${token}x`)).toBeUndefined();

    const sha256 = createHash("sha256").update(token).digest("hex");
    expect(await rows("SELECT token_hash, token_prefix FROM api_keys WHERE id = {id:String}", { id: key.id })).toEqual([
      { token_hash: sha256, token_prefix: token.slice(0, 8) },
    ]);
    const everything = await env.clickhouse.query({ query: "SELECT * FROM api_keys", format: "JSONEachRow" }).then((r) => r.text());
    expect(everything).toContain(sha256);
    expect(everything).not.toContain(token.slice(3));

    const reader = await store.createApiKey({ account_id: account.id, scopes: ["statistics:read"] });
    expect(reader.token).toMatch(/^ps_/);
  });

  it("does not return expired keys from the cache", async () => {
    const account = await store.createAccount({ name: "Expiry" });
    const expired = await store.createApiKey({ account_id: account.id, scopes: ["hit"], expires_at: new Date(Date.now() - 1000).toISOString() });
    const live = await store.createApiKey({ account_id: account.id, scopes: ["hit"], expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    // Loaded after the expired key was written, so its absence is expiry, not staleness.
    await eventually(() => cache.keyByToken(live.token), (k) => k !== undefined);
    expect(cache.keyByToken(expired.token)).toBeUndefined();
    expect((await store.getApiKey(expired.key.id))?.expires_at).toBe(expired.key.expires_at);

    await store.updateApiKey(live.key.id, { expires_at: new Date(Date.now() - 1).toISOString() });
    await eventually(() => cache.keyByToken(live.token), (k) => k === undefined);
  });

  it("keeps the highest version: a late write with a lower one does not win", async () => {
    // Background merges fold these tiny tables within a second; stopped so both rows stay visible.
    await env.clickhouse.command({ query: "SYSTEM STOP MERGES sites" });
    const account = await store.createAccount({ name: "Versions" });
    const site = await store.createSite({ account_id: account.id, domain: uniqueHost("versions") });
    await env.clickhouse.insert({
      table: "sites",
      values: [{ ...site, domain: "stale.example.com", version: site.version - 1, is_deleted: 0 }],
      format: "JSONEachRow",
      clickhouse_settings: { async_insert: 0 },
    });
    expect(await store.getSite(site.id)).toEqual(site);
    expect(await rows("SELECT count() AS n FROM sites WHERE id = {id:String}", { id: site.id })).toEqual([{ n: 2 }]);

    // A writer whose clock lags an hour still outranks the row its edit was based on.
    const lagging = new MetadataStore({ clickhouse: env.clickhouse, redis: env.redis, keyPrefix: env.keyPrefix, now: () => Date.now() - 3_600_000 });
    const edited = await lagging.updateSite(site.id, { public: true });
    expect(edited.version).toBe(site.version + 1);
    expect(await store.getSite(site.id)).toEqual(edited);
  });

  it("hides soft-deleted rows with FINAL alone; PREWHERE would bring them back", async () => {
    await env.clickhouse.command({ query: "SYSTEM STOP MERGES accounts" });
    const account = await store.createAccount({ name: "Deletes" });
    await store.deleteAccount(account.id);
    const id = { id: account.id };
    expect(await store.getAccount(account.id)).toBeUndefined();
    expect(await rows("SELECT is_deleted FROM accounts WHERE id = {id:String} ORDER BY version", id)).toEqual([{ is_deleted: 0 }, { is_deleted: 1 }]);
    expect(await rows("SELECT id FROM accounts FINAL WHERE id = {id:String}", id)).toEqual([]);
    // PREWHERE runs before FINAL's replacement, so it drops the deletion and resurrects the row.
    expect(await rows("SELECT id FROM accounts FINAL PREWHERE is_deleted = 0 WHERE id = {id:String}", id)).toEqual([id]);
  });

  it("applies traffic filters from the cache and validates type and filter together", async () => {
    const account = await store.createAccount({ name: "Filters" });
    const site = await store.createSite({ account_id: account.id, domain: uniqueHost("filters") });
    const byIp = await store.createTrafficFilter({ site_id: site.id, type: "ip", filter: "89.56.99.71", description: "office" });
    await store.createTrafficFilter({ site_id: site.id, type: "cidr", filter: "2001:db8::/32" });
    await eventually(() => cache.filtersOf(site.id).length, (n) => n === 2);
    expect(cache.isHitFiltered(site.id, { ip: "89.56.99.71" })).toBe(true);
    expect(cache.isHitFiltered(site.id, { ip: "2001:db8::7" })).toBe(true);
    expect(cache.isHitFiltered(site.id, { ip: "89.56.99.72", path: "/admin" })).toBe(false);

    await expect(store.updateTrafficFilter(byIp.id, { type: "cidr" })).rejects.toBeInstanceOf(ZodError);
    await store.updateTrafficFilter(byIp.id, { type: "path", filter: "^/admin" });
    await eventually(() => cache.isHitFiltered(site.id, { path: "/admin/users" }), (hit) => hit);
    expect(cache.isHitFiltered(site.id, { ip: "89.56.99.71" })).toBe(false);

    await store.deleteTrafficFilter(byIp.id);
    expect((await store.listTrafficFilters({ site_id: site.id })).map((f) => f.type)).toEqual(["cidr"]);
    await eventually(() => cache.filtersOf(site.id).length, (n) => n === 1);
  });

  it("refuses writes that would break references or claim a taken domain", async () => {
    const account = await store.createAccount({ name: "Rules" });
    const other = await store.createAccount({ name: "Other" });
    const domain = uniqueHost("taken");
    const site = await store.createSite({ account_id: account.id, domain });
    await expect(store.createSite({ account_id: other.id, domain: `${domain.toUpperCase()}.` })).rejects.toBeInstanceOf(ConflictError);
    await expect(store.createSite({ account_id: other.id, domain: uniqueHost("x"), alternative_domains: [domain] })).rejects.toThrow(
      `${domain} already belongs to site ${site.id}`,
    );
    await expect(store.createSite({ account_id: "missing", domain: uniqueHost("y") })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.createApiKey({ account_id: other.id, site_id: site.id, scopes: ["hit"] })).rejects.toBeInstanceOf(ConflictError);
    await expect(store.deleteAccount(account.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.updateSite("missing", { public: true })).rejects.toBeInstanceOf(NotFoundError);
    // Its own domain moving into its alternatives is not a clash with itself.
    const moved = await store.updateSite(site.id, { domain: uniqueHost("new"), alternative_domains: [domain] });
    expect(moved.alternative_domains).toEqual([domain]);
  });
});

describe("goals, funnels and saved views (real ClickHouse and Redis)", () => {
  const newSite = async (label: string) => {
    const account = await store.createAccount({ name: label });
    return store.createSite({ account_id: account.id, domain: uniqueHost(label) });
  };
  const steps: FunnelStep[] = [
    { name: "Pricing", filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
    { name: "Signed up", filters: [{ field: "event", op: "is", values: ["Signup"] }, { field: "event_meta:plan", op: "is_not", values: ["free"] }] },
  ];

  it("creates the three tables as ReplacingMergeTree(version, is_deleted)", async () => {
    const tables = await rows(
      "SELECT name, engine_full FROM system.tables WHERE database = {db:String} AND name IN ('goals', 'funnels', 'saved_views') ORDER BY name",
      { db: env.database },
    );
    expect(tables.map((t) => t.name)).toEqual(["funnels", "goals", "saved_views"]);
    for (const table of tables) expect(table.engine_full).toMatch(/^ReplacingMergeTree\(version, is_deleted\) ORDER BY id/);
  });

  it("carries a goal's create, update and delete to the cache", async () => {
    const site = await newSite("goals");
    const created = await store.createGoal({ site_id: site.id, name: "Read the blog", path_pattern: "/blog/**/" });
    expect(created).toMatchObject({ path_pattern: "/blog/**", event_name: "", meta_key: "", meta_value: "", custom_metric_key: "" });
    expect(await store.getGoal(created.id)).toEqual(created);
    await eventually(() => cache.goalsOf(site.id), (goals) => goals.length === 1);
    expect(cache.goalsOf(site.id)).toEqual([created]);

    const updated = await store.updateGoal(created.id, { event_name: "Purchase", meta_key: "plan", meta_value: "pro", custom_metric_key: "amount" });
    expect(updated.version).toBeGreaterThan(created.version);
    expect(updated).toMatchObject({ path_pattern: "/blog/**", event_name: "Purchase", site_id: site.id, created_at: created.created_at });
    await eventually(() => cache.goalsOf(site.id)[0]?.version, (version) => version === updated.version);
    expect(cache.goalsOf(site.id)).toEqual([updated]);

    // The merged goal is checked: without path and event it would match nothing.
    await expect(store.updateGoal(created.id, { path_pattern: "", event_name: "" })).rejects.toBeInstanceOf(ZodError);
    await expect(store.updateGoal(created.id, { meta_key: "" })).rejects.toBeInstanceOf(ZodError);

    await store.deleteGoal(created.id);
    expect(await store.getGoal(created.id)).toBeUndefined();
    expect(await store.listGoals({ site_id: site.id })).toEqual([]);
    await eventually(() => cache.goalsOf(site.id), (goals) => goals.length === 0);
    await expect(store.deleteGoal(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("announces goal, funnel and saved view writes with their entity names", async () => {
    const listener = createRedis(loadConfig(), "");
    try {
      const received: string[] = [];
      listener.on("message", (_channel: string, message: string) => received.push(message));
      await listener.subscribe(`${env.keyPrefix}metadata:changed`);
      const site = await newSite("notices");
      const goal = await store.createGoal({ site_id: site.id, name: "Signup", event_name: "Signup" });
      const funnel = await store.createFunnel({ site_id: site.id, name: "Signup", steps });
      const view = await store.createSavedView({ site_id: site.id, name: "Home", query: { path: "/" } });
      const changes = (await eventually(() => received, (r) => r.length >= 5)).map((m) => metadataChange.parse(JSON.parse(m)));
      expect(changes.slice(2)).toEqual([
        { entity: "goal", id: goal.id, op: "create", version: goal.version },
        { entity: "funnel", id: funnel.id, op: "create", version: funnel.version },
        { entity: "saved_view", id: view.id, op: "create", version: view.version },
      ]);
    } finally {
      listener.disconnect();
    }
  });

  it("never shows one site's goals or funnels under another", async () => {
    const first = await newSite("first");
    const second = await newSite("second");
    const a1 = await store.createGoal({ site_id: first.id, name: "A1", path_pattern: "/a" });
    const b1 = await store.createGoal({ site_id: second.id, name: "B1", event_name: "b" });
    const a2 = await store.createGoal({ site_id: first.id, name: "A2", event_name: "a" });
    const fa = await store.createFunnel({ site_id: first.id, name: "FA", steps });
    const fb = await store.createFunnel({ site_id: second.id, name: "FB", steps, window_seconds: 3600 });

    expect((await store.listGoals({ site_id: first.id })).map((g) => g.id)).toEqual([a1.id, a2.id]);
    expect((await store.listGoals({ site_id: second.id })).map((g) => g.id)).toEqual([b1.id]);
    expect((await store.listFunnels({ site_id: second.id })).map((f) => f.id)).toEqual([fb.id]);
    const everything = (await store.listGoals()).map((g) => g.id);
    expect(everything).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));

    await eventually(() => cache.funnelsOf(second.id).length + cache.goalsOf(second.id).length, (n) => n === 2);
    await eventually(() => cache.funnelsOf(first.id).length + cache.goalsOf(first.id).length, (n) => n === 3);
    expect(cache.goalsOf(first.id).map((g) => g.id)).toEqual([a1.id, a2.id]);
    expect(cache.goalsOf(second.id).map((g) => g.id)).toEqual([b1.id]);
    expect(cache.funnelsOf(first.id).map((f) => f.id)).toEqual([fa.id]);
    expect(cache.funnelsOf(second.id).map((f) => f.id)).toEqual([fb.id]);
    for (const g of cache.goalsOf(first.id)) expect(g.site_id).toBe(first.id);
    expect(cache.funnelById(fb.id)?.site_id).toBe(second.id);
    expect(cache.goalsOf("missing")).toEqual([]);
  });

  it("keeps funnel steps as JSON, validated on read, and carries changes to the cache", async () => {
    const site = await newSite("funnels");
    const created = await store.createFunnel({ site_id: site.id, name: "Signup", steps });
    expect(created.window_seconds).toBe(86_400);
    expect(await store.getFunnel(created.id)).toEqual(created);
    const [raw] = await rows("SELECT steps, window_seconds FROM funnels WHERE id = {id:String}", { id: created.id });
    expect(JSON.parse(String(raw?.steps))).toEqual(steps);
    await eventually(() => cache.funnelById(created.id), (f) => f !== undefined);
    expect(cache.funnelsOf(site.id)).toEqual([created]);

    const third = { name: "Paid", filters: [{ field: "event", op: "is" as const, values: ["Purchase"] }] };
    const updated = await store.updateFunnel(created.id, { steps: [...steps, third], window_seconds: 7 * 86_400 });
    await eventually(() => cache.funnelById(created.id)?.steps.length, (n) => n === 3);
    expect(cache.funnelById(created.id)).toEqual(updated);
    await expect(store.updateFunnel(created.id, { steps: [third] })).rejects.toBeInstanceOf(ZodError);
    await expect(store.createFunnel({ site_id: "missing", name: "x", steps })).rejects.toBeInstanceOf(NotFoundError);

    // A row whose steps no longer parse is skipped, not returned half-valid.
    const broken = { ...updated, id: "broken-funnel", steps: "not json", version: updated.version, is_deleted: 0 };
    await env.clickhouse.insert({ table: "funnels", values: [broken], format: "JSONEachRow", clickhouse_settings: { async_insert: 0 } });
    expect(await store.getFunnel("broken-funnel")).toBeUndefined();
    expect((await store.listFunnels({ site_id: site.id })).map((f) => f.id)).toEqual([created.id]);

    await store.deleteFunnel(created.id);
    expect(await store.getFunnel(created.id)).toBeUndefined();
    await eventually(() => cache.funnelById(created.id), (f) => f === undefined);
    expect(cache.funnelsOf(site.id)).toEqual([]);
  });

  it("stores saved views with their query as JSON", async () => {
    const site = await newSite("views");
    const query = { period: "30d", filters: [{ field: "country", op: "is", values: ["DE", "AT"] }], compare: true };
    const view = await store.createSavedView({ site_id: site.id, name: "DACH", query });
    expect(await store.getSavedView(view.id)).toEqual(view);
    expect(view.query).toEqual(query);
    const [raw] = await rows("SELECT query FROM saved_views WHERE id = {id:String}", { id: view.id });
    expect(JSON.parse(String(raw?.query))).toEqual(query);

    const renamed = await store.updateSavedView(view.id, { name: "German-speaking" });
    expect(renamed).toMatchObject({ name: "German-speaking", query });
    expect(await store.listSavedViews({ site_id: site.id })).toEqual([renamed]);
    await expect(store.updateSavedView(view.id, { query: { big: "x".repeat(9000) } })).rejects.toBeInstanceOf(ZodError);
    await store.deleteSavedView(view.id);
    expect(await store.listSavedViews({ site_id: site.id })).toEqual([]);
  });

  it("deletes a site's goals, funnels and views with it, and leaves other sites' alone", async () => {
    const doomed = await newSite("doomed");
    const kept = await newSite("kept");
    const goal = await store.createGoal({ site_id: doomed.id, name: "G", path_pattern: "/x" });
    const funnel = await store.createFunnel({ site_id: doomed.id, name: "F", steps });
    const view = await store.createSavedView({ site_id: doomed.id, name: "V", query: {} });
    const other = await store.createGoal({ site_id: kept.id, name: "G", path_pattern: "/x" });
    await eventually(() => cache.goalsOf(doomed.id).length + cache.goalsOf(kept.id).length, (n) => n === 2);

    await store.deleteSite(doomed.id);
    expect(await store.getGoal(goal.id)).toBeUndefined();
    expect(await store.getFunnel(funnel.id)).toBeUndefined();
    expect(await store.getSavedView(view.id)).toBeUndefined();
    expect(await store.getSite(doomed.id)).toBeUndefined();
    expect(await store.getGoal(other.id)).toEqual(other);
    await eventually(() => cache.siteById(doomed.id), (s) => s === undefined);
    expect(cache.goalsOf(doomed.id)).toEqual([]);
    expect(cache.funnelById(funnel.id)).toBeUndefined();
    expect(cache.goalsOf(kept.id)).toEqual([other]);
  });

  it("matches path globs in ClickHouse exactly as in JavaScript", async () => {
    const patterns = ["/blog/*", "/docs/**", "/shop/**/checkout", "/a.b+(c)", "/product-*.html"];
    const paths = ["/blog/a", "/blog/a/b", "/blog", "/docs/x/y", "/docs", "/shop/a/b/checkout", "/shop/checkout", "/a.b+(c)", "/aXb+(c)", "/product-1.html", "/product-1/2.html", "/docs/a\nb"];
    const [result] = await rows(
      "SELECT arrayMap(re -> arrayMap(p -> match(p, re), {paths:Array(String)}), {patterns:Array(String)}) AS matches",
      { paths, patterns: patterns.map(pathGlobToRegExpSource) },
    );
    const expected = patterns.map((pattern) => paths.map((path) => (compilePathGlob(pattern).test(path) ? 1 : 0)));
    expect(result?.matches).toEqual(expected);
    expect(expected.flat()).toContain(1);
  });
});
