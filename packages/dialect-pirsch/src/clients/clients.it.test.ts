import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_FIELDS, CREATED_CLIENT_FIELDS, missingFields } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: Pirsch's client endpoints over real ClickHouse and Redis.
let world: PirschWorld;
let siteId: string;
beforeAll(async () => {
  world = await pirschWorld("pirsch_clients");
  siteId = (await world.newSite("clients")).id;
}, 60_000);
afterAll(() => world?.dispose());

const ALL_GRANTS = {
  scope_hit: "w",
  scope_event: "w",
  scope_session: "w",
  scope_statistics: "r",
  scope_domains: "w",
  scope_organizations: "w",
  scope_themes: "w",
  scope_billing: "r",
};

describe("clients", () => {
  it("creates an oAuth client from the reference's request: 32-character id, 64-character secret shown once", async () => {
    const reply = await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", description: "...", ...ALL_GRANTS });
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, CREATED_CLIENT_FIELDS)).toEqual([]);
    expect(reply.body).toMatchObject({ domain_id: siteId, description: "...", ...ALL_GRANTS });
    expect(reply.body.client_id).toMatch(/^[0-9A-Za-z]{32}$/);
    expect(reply.body.client_secret).toMatch(/^[0-9A-Za-z]{64}$/);
    const key = await world.store.getApiKey(reply.body.id);
    expect(key?.scopes.sort()).toEqual(
      ["billing:read", "domains:read", "domains:write", "event", "hit", "organizations:read", "organizations:write", "session", "statistics:read", "themes:read", "themes:write"].sort(),
    );
  });

  it("creates a token client as a write-only access key, keeping only the tracking grants", async () => {
    const reply = await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "token", description: "server", ...ALL_GRANTS });
    expect(reply.status).toBe(200);
    expect(reply.body.client_secret).toMatch(/^pa_[0-9A-Za-z]{45}$/);
    expect(reply.body).toMatchObject({ client_id: "", scope_hit: "w", scope_event: "w", scope_session: "w", scope_statistics: "", scope_domains: "" });
    // The access key is a bearer for tracking (ingest resolves it from the same cache).
    expect(world.cache.keyByToken(reply.body.client_secret)?.scopes.sort()).toEqual(["event", "hit", "session"]);
    const statsOnly = await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "token", scope_statistics: "r" });
    expect(statsOnly.status).toBe(400);
  });

  it("lists clients of a domain and of the account with the documented fields, never a secret", async () => {
    const made = (await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", scope_statistics: "r" })).body;
    const listed = await world.call("GET", `/api/v1/client?id=${siteId}`, world.admin);
    expect(listed.status).toBe(200);
    const entry = listed.body.find((client: { id: string }) => client.id === made.id);
    expect(missingFields(entry, CLIENT_FIELDS)).toEqual([]);
    expect(entry).not.toHaveProperty("client_secret");
    expect(JSON.stringify(listed.body)).not.toContain(made.client_secret);
    const everything = await world.call("GET", "/api/v1/client", world.admin);
    expect(everything.body.map((client: { id: string }) => client.id)).toEqual(expect.arrayContaining([made.id]));
  });

  it("updates a client's description and deletes it", async () => {
    const made = (await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", scope_statistics: "r" })).body;
    const updated = await world.call("POST", "/api/v1/client", world.admin, { id: made.id, description: "renamed" });
    expect(updated.status).toBe(200);
    expect(missingFields(updated.body, CLIENT_FIELDS)).toEqual([]);
    expect(updated.body).toMatchObject({ id: made.id, client_id: made.client_id, description: "renamed", scope_statistics: "r" });
    expect((await world.call("DELETE", `/api/v1/client?id=${made.id}`, world.admin)).status).toBe(200);
    expect(await world.store.getApiKey(made.id)).toBeUndefined();
    expect((await world.call("DELETE", `/api/v1/client?id=${made.id}`, world.admin)).status).toBe(404);
  });

  it("never lets a key grant or remove more than it holds", async () => {
    const limited = await world.keyWith(["domains:read", "domains:write"], siteId);
    const escalation = await world.call("POST", "/api/v1/client", limited, { domain_id: siteId, type: "oauth", scope_statistics: "r" });
    expect(escalation.status).toBe(403);
    expect((await world.call("POST", "/api/v1/client", limited, { type: "oauth", scope_domains: "r" })).status).toBe(403);
    const admin = (await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", ...ALL_GRANTS })).body;
    expect((await world.call("DELETE", `/api/v1/client?id=${admin.id}`, limited)).status).toBe(403);
    const allowed = await world.call("POST", "/api/v1/client", limited, { domain_id: siteId, type: "oauth", scope_domains: "r" });
    expect(allowed).toMatchObject({ status: 200, body: { scope_domains: "r", domain_id: siteId } });
  });
});
