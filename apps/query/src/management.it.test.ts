import { Validator } from "@seriousme/openapi-schema-validator";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API } from "./routes/management.js";
import { type QueryWorld, queryWorld } from "./test-support/query-app.js";

// Integration: real ClickHouse and Redis behind the query app's routes.
let world: QueryWorld;
let app: Hono;
let admin: string;
let accountId: string;
let other: { token: string; siteId: string };

beforeAll(async () => {
  world = await queryWorld("query_mgmt");
  app = await world.instance();
  const account = await world.store.createAccount({ name: "Acme" });
  accountId = account.id;
  admin = (await world.store.createApiKey({ account_id: account.id, scopes: ["admin"] })).token;
  const rival = await world.store.createAccount({ name: "Rival" });
  const rivalSite = await world.store.createSite({ account_id: rival.id, domain: "rival.test" });
  other = { token: (await world.store.createApiKey({ account_id: rival.id, scopes: ["admin"] })).token, siteId: rivalSite.id };
}, 60_000);
afterAll(() => world?.dispose());

const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await app.request(path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
};

describe("authentication", () => {
  it("answers 401 as JSON without a token or with an unknown one", async () => {
    expect(await call("GET", `${API}/sites`)).toMatchObject({ status: 401, body: { error: expect.any(String) } });
    expect((await call("GET", `${API}/sites`, "ps_nope")).status).toBe(401);
  });

  it("accepts the token as Bearer, as a bare Authorization header and as ?token=", async () => {
    expect((await call("GET", `${API}/sites`, admin)).status).toBe(200);
    expect((await call("GET", `${API}/sites`, undefined, undefined, { Authorization: admin })).status).toBe(200);
    expect((await call("GET", `${API}/sites?token=${admin}`)).status).toBe(200);
  });

  it("answers 403 for a missing scope and for another account's site", async () => {
    const { token } = await world.store.createApiKey({ account_id: accountId, scopes: ["statistics:read"] });
    expect((await call("POST", `${API}/sites`, token, { domain: "x.test" })).status).toBe(403);
    const foreign = await call("GET", `${API}/sites/${other.siteId}`, admin);
    expect(foreign).toMatchObject({ status: 403, body: { error: expect.any(String) } });
  });
});

describe("sites, keys and filters", () => {
  it("creates, reads, updates and deletes a site", async () => {
    const created = await call("POST", `${API}/sites`, admin, { domain: "shop.test", timezone: "Europe/Berlin" });
    expect(created).toMatchObject({ status: 201, body: { domain: "shop.test", timezone: "Europe/Berlin", account_id: accountId } });
    const id = created.body.id as string;
    expect((await call("GET", `${API}/sites`, admin)).body.map((s: { id: string }) => s.id)).toContain(id);
    const updated = await call("PATCH", `${API}/sites/${id}`, admin, { alternative_domains: ["www.shop.test"] });
    expect(updated.body.alternative_domains).toEqual(["www.shop.test"]);
    expect((await call("GET", `${API}/sites/${id}`, admin)).body.alternative_domains).toEqual(["www.shop.test"]);
    expect((await call("DELETE", `${API}/sites/${id}`, admin)).status).toBe(204);
    expect((await call("GET", `${API}/sites/${id}`, admin)).status).toBe(404);
  });

  it("answers 400 naming the field of a bad site, and 409 for a taken domain", async () => {
    const bad = await call("POST", `${API}/sites`, admin, { domain: "https://not a host/", timezone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["domain", "timezone"]);
    await call("POST", `${API}/sites`, admin, { domain: "taken.test" });
    expect((await call("POST", `${API}/sites`, admin, { domain: "taken.test" })).status).toBe(409);
  });

  it("shows a new key's token once, lists keys without secrets, and refuses to grant more than it holds", async () => {
    const created = await call("POST", `${API}/keys`, admin, { name: "reader", scopes: ["statistics:read", "domains:read"] });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^ps_/);
    const listed = await call("GET", `${API}/keys`, admin);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect(JSON.stringify(listed.body)).not.toContain("token_hash");
    // The new key works at once, even though this instance's cache learned of it only now.
    expect((await call("GET", `${API}/sites`, token)).status).toBe(200);
    const writer = (await world.store.createApiKey({ account_id: accountId, scopes: ["organizations:write", "statistics:read"] })).token;
    const escalation = await call("POST", `${API}/keys`, writer, { scopes: ["admin"] });
    expect(escalation.status).toBe(403);
  });

  it("manages a site's traffic filters and validates each rule", async () => {
    const site = (await call("POST", `${API}/sites`, admin, { domain: "filters.test" })).body;
    const filter = await call("POST", `${API}/sites/${site.id}/filters`, admin, { type: "ip", filter: "89.56.99.71" });
    expect(filter).toMatchObject({ status: 201, body: { type: "ip", filter: "89.56.99.71" } });
    expect((await call("POST", `${API}/sites/${site.id}/filters`, admin, { type: "ip", filter: "not-an-ip" })).status).toBe(400);
    expect((await call("GET", `${API}/sites/${site.id}/filters`, admin)).body).toHaveLength(1);
    expect((await call("DELETE", `${API}/sites/${site.id}/filters/${filter.body.id}`, admin)).status).toBe(204);
    expect((await call("GET", `${API}/sites/${site.id}/filters`, admin)).body).toHaveLength(0);
  });
});

describe("goals, funnels and views", () => {
  it("creates, lists, updates and deletes a site's goals, never showing them under another site", async () => {
    const site = (await call("POST", `${API}/sites`, admin, { domain: "goals.test" })).body;
    const otherSite = (await call("POST", `${API}/sites`, admin, { domain: "goals2.test" })).body;
    const created = await call("POST", `${API}/sites/${site.id}/goals`, admin, { name: "Signup", event_name: "Signup" });
    expect(created).toMatchObject({ status: 201, body: { name: "Signup", event_name: "Signup", site_id: site.id } });
    expect((await call("POST", `${API}/sites/${site.id}/goals`, admin, { name: "Nothing" })).status).toBe(400);
    expect((await call("GET", `${API}/sites/${site.id}/goals`, admin)).body).toHaveLength(1);
    expect((await call("GET", `${API}/sites/${otherSite.id}/goals`, admin)).body).toHaveLength(0);
    expect((await call("GET", `${API}/sites/${otherSite.id}/goals/${created.body.id}`, admin)).status).toBe(404);
    const renamed = await call("PATCH", `${API}/sites/${site.id}/goals/${created.body.id}`, admin, { name: "Sign-up" });
    expect(renamed.body.name).toBe("Sign-up");
    expect((await call("DELETE", `${API}/sites/${site.id}/goals/${created.body.id}`, admin)).status).toBe(204);
    expect((await call("GET", `${API}/sites/${site.id}/goals`, admin)).body).toHaveLength(0);
  });

  it("creates funnels with ordered steps and saved views", async () => {
    const site = (await call("POST", `${API}/sites`, admin, { domain: "funnels.test" })).body;
    const steps = [
      { name: "Pricing", filters: [{ field: "path", op: "is", values: ["/pricing"] }] },
      { name: "Signup", filters: [{ field: "event", op: "is", values: ["Signup"] }] },
    ];
    const funnel = await call("POST", `${API}/sites/${site.id}/funnels`, admin, { name: "Buy", steps });
    expect(funnel).toMatchObject({ status: 201, body: { name: "Buy", steps, window_seconds: 86400 } });
    expect((await call("POST", `${API}/sites/${site.id}/funnels`, admin, { name: "One", steps: steps.slice(0, 1) })).status).toBe(400);
    const view = await call("POST", `${API}/sites/${site.id}/views`, admin, { name: "Blog", query: { filters: [["path", "contains", ["/blog"]]] } });
    expect(view.status).toBe(201);
    expect((await call("GET", `${API}/sites/${site.id}/views`, admin)).body).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("sends X-RateLimit headers and answers 429 with Retry-After beyond the key's limit, across instances", async () => {
    const { token } = await world.store.createApiKey({ account_id: accountId, scopes: ["domains:read"], rate_limit_per_minute: 3 });
    const second = await world.instance();
    const first = await call("GET", `${API}/sites`, token);
    expect(first.headers.get("x-ratelimit-limit")).toBe("3");
    expect(first.headers.get("x-ratelimit-remaining")).toBe("2");
    expect(Number(first.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    const viaOther = await second.request(`${API}/sites`, { headers: { Authorization: `Bearer ${token}` } });
    expect(viaOther.headers.get("x-ratelimit-remaining")).toBe("1");
    await call("GET", `${API}/sites`, token);
    const limited = await call("GET", `${API}/sites`, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body.error).toMatch(/Rate limit/);
    // Analytics Platform API v2 documents the reset in epoch milliseconds, 429 included.
    const v2 = await call("GET", "/api/v2/sites", token);
    expect(v2.status).toBe(429);
    expect(Number(v2.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() - 1000);
  });
});

describe("dialects mounted beside the native API", () => {
  it("serves Kindmetrics, Krafter and Pirsch paths under the same authentication", async () => {
    const site = (await call("POST", `${API}/sites`, admin, { domain: "dialects.test" })).body;
    const kind = await app.request(`/api/domains?token=${admin}`);
    expect(kind.status).toBe(200);
    expect(JSON.stringify(await kind.json())).toContain("dialects.test");
    expect((await app.request(`/api/v1/analytics/sites/${site.id}/stats?period=7d`, { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(200);
    expect((await app.request("/api/v1/domain", { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(200);
    expect((await app.request("/api/domains")).status).toBe(401);
    expect((await app.request("/core", { headers: { Authorization: `Bearer ${admin}`, Accept: "application/json" } })).status).toBe(200);
    expect((await app.request("/core")).status).toBe(401);
    expect((await app.request("/api/v2/sites", { headers: { Authorization: `Bearer ${admin}` } })).status).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("serves a valid OpenAPI 3.1 document listing every native endpoint, and the docs page", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    expect(doc.openapi).toBe("3.1.0");
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    for (const expected of [`GET ${API}/sites`, `POST ${API}/keys`, `DELETE ${API}/sites/{id}/filters/{filterId}`]) {
      expect(documented).toContain(expected);
    }
    const page = await app.request("/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/openapi.json");
    expect((await app.request("/docs/swagger-ui-bundle.js")).status).toBe(200);
  });
});
