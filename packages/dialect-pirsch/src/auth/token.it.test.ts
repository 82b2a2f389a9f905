import { AccessTokens } from "@pulse/metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingFields, TOKEN_FIELDS } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: Pirsch's "Getting an Access Token" over real ClickHouse and Redis.
let world: PirschWorld;
let siteId: string;
let client: { client_id: string; client_secret: string; id: string };

beforeAll(async () => {
  world = await pirschWorld("pirsch_token");
  siteId = (await world.newSite("token")).id;
  const created = await world.call("POST", "/api/v1/client", world.admin, {
    domain_id: siteId,
    type: "oauth",
    description: "SDK",
    scope_statistics: "r",
    scope_domains: "r",
  });
  expect(created.status).toBe(200);
  client = created.body;
}, 60_000);
afterAll(() => world?.dispose());

const exchange = (body: unknown) => world.call("POST", "/api/v1/token", undefined, body);

describe("POST /api/v1/token", () => {
  it("exchanges the reference's request for an access token that expires in an hour, in UTC", async () => {
    const before = Date.now();
    const reply = await exchange({ client_id: client.client_id, client_secret: client.client_secret });
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, TOKEN_FIELDS)).toEqual([]);
    expect(reply.body.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const expires = Date.parse(reply.body.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
  });

  it("gives a token that works as a bearer for what the client may do, and only that", async () => {
    const { body } = await exchange({ client_id: client.client_id, client_secret: client.client_secret });
    const domains = await world.call("GET", "/api/v1/domain", body.access_token);
    expect(domains.status).toBe(200);
    expect(domains.body.map((d: { id: string }) => d.id)).toEqual([siteId]);
    // The client was granted reading only.
    expect((await world.call("POST", "/api/v1/domain/public", body.access_token, { domain_id: siteId })).status).toBe(403);
  });

  it("answers 401 for a wrong secret, an unknown id and a malformed id, and 400 for a malformed body", async () => {
    expect((await exchange({ client_id: client.client_id, client_secret: `${client.client_secret.slice(0, -1)}${client.client_secret.endsWith("x") ? "y" : "x"}` })).status).toBe(401);
    expect((await exchange({ client_id: "A".repeat(32), client_secret: client.client_secret })).status).toBe(401);
    const malformed = await exchange({ client_id: "nope", client_secret: "nope" });
    expect(malformed).toMatchObject({ status: 401, body: { error: expect.any(String) } });
    expect((await exchange({ client_id: client.client_id })).status).toBe(400);
  });

  it("refuses an expired token, an unknown one and a client secret used as a bearer", async () => {
    const { token } = await world.accessTokens.issue(client.id);
    expect((await world.call("GET", "/api/v1/domain", token)).status).toBe(200);
    await world.accessTokens.revoke(token);
    expect((await world.call("GET", "/api/v1/domain", token)).status).toBe(401);

    const shortLived = new AccessTokens({ redis: world.redis, ttlSeconds: 0.2 });
    const brief = await shortLived.issue(client.id);
    expect((await world.call("GET", "/api/v1/domain", brief.token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await world.call("GET", "/api/v1/domain", brief.token)).status).toBe(401);

    expect((await world.call("GET", "/api/v1/domain", client.client_secret)).status).toBe(401);
    expect((await world.call("GET", "/api/v1/domain", `pt_${"x".repeat(64)}`)).status).toBe(401);
  });

  it("ends a client's tokens when the client is deleted", async () => {
    const made = await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", scope_statistics: "r" });
    const { body } = await exchange({ client_id: made.body.client_id, client_secret: made.body.client_secret });
    expect((await world.call("GET", "/api/v1/domain", body.access_token)).status).toBe(200);
    expect((await world.call("DELETE", `/api/v1/client?id=${made.body.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", "/api/v1/domain", body.access_token)).status).toBe(401);
    expect((await exchange({ client_id: made.body.client_id, client_secret: made.body.client_secret })).status).toBe(401);
  });

  it("limits exchanges per client id, failed ones included, leaving other clients alone", async () => {
    const made = (await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", scope_statistics: "r" })).body;
    const other = (await world.call("POST", "/api/v1/client", world.admin, { domain_id: siteId, type: "oauth", scope_statistics: "r" })).body;
    // The limit is 10 a minute per client id: nine guesses and one good exchange pass, the eleventh is refused.
    for (let i = 0; i < 9; i++) expect((await exchange({ client_id: made.client_id, client_secret: "x".repeat(64) })).status).toBe(401);
    expect((await exchange({ client_id: made.client_id, client_secret: made.client_secret })).status).toBe(200);
    const refused = await exchange({ client_id: made.client_id, client_secret: made.client_secret });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Too many token requests/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect((await exchange({ client_id: other.client_id, client_secret: other.client_secret })).status).toBe(200);
  });

  it("limits exchanges per caller address before reading the body", async () => {
    const from = (address: string, body: string) =>
      world.app.request("/api/v1/token", { method: "POST", headers: { "Content-Type": "application/json", "X-Forwarded-For": `${address}, 10.0.0.1` }, body });
    // 60 a minute per address; made-up and malformed requests count too.
    for (let i = 0; i < 60; i++) expect((await from("198.51.100.7", i % 2 === 0 ? "{" : JSON.stringify({ client_id: "nope", client_secret: "nope" }))).status).not.toBe(429);
    const refused = await from("198.51.100.7", JSON.stringify({ client_id: client.client_id, client_secret: client.client_secret }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await from("198.51.100.8", JSON.stringify({ client_id: client.client_id, client_secret: client.client_secret }))).status).toBe(200);
  });

  it("needs no token itself, while every other endpoint does", async () => {
    expect((await world.call("GET", "/api/v1/domain")).status).toBe(401);
    expect((await exchange({ client_id: client.client_id, client_secret: client.client_secret })).status).toBe(200);
  });
});
