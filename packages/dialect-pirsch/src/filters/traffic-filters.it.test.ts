import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingFields, TRAFFIC_FILTER_FIELDS } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: traffic filters over real ClickHouse and Redis; they are the ones ingest applies.
let world: PirschWorld;
let siteId: string;
beforeAll(async () => {
  world = await pirschWorld("pirsch_filters");
  siteId = (await world.newSite("filters")).id;
}, 60_000);
afterAll(() => world?.dispose());

describe("traffic filters", () => {
  it("creates, lists, updates and deletes filters as the reference shows", async () => {
    const created = await world.call("POST", "/api/v1/filter", world.admin, { domain_id: siteId, type: "ip", description: "Description", filter: "89.56.99.71" });
    expect(created.status).toBe(200);
    expect(missingFields(created.body, TRAFFIC_FILTER_FIELDS)).toEqual([]);
    expect(created.body).toMatchObject({ domain_id: siteId, type: "ip", description: "Description", filter: "89.56.99.71" });
    expect(world.cache.isHitFiltered(siteId, { ip: "89.56.99.71" })).toBe(true);

    const listed = await world.call("GET", `/api/v1/filter?domain_id=${siteId}`, world.admin);
    expect(listed.body).toEqual([created.body].map((f) => ({ ...f, mod_time: expect.any(String) })));

    const updated = await world.call("POST", "/api/v1/filter", world.admin, { id: created.body.id, domain_id: siteId, type: "ip", description: "IP Address Filter", filter: "10.0.0.0/8" });
    expect(updated.body).toMatchObject({ id: created.body.id, type: "ip", description: "IP Address Filter", filter: "10.0.0.0/8" });
    expect(world.cache.isHitFiltered(siteId, { ip: "10.1.2.3" })).toBe(true);
    expect(world.cache.isHitFiltered(siteId, { ip: "89.56.99.71" })).toBe(false);

    expect((await world.call("DELETE", `/api/v1/filter?id=${created.body.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/filter?domain_id=${siteId}`, world.admin)).body).toEqual([]);
  });

  it("checks the filter against its type", async () => {
    const bad = await world.call("POST", "/api/v1/filter", world.admin, { domain_id: siteId, type: "ip", filter: "not-an-ip" });
    expect(bad.status).toBe(400);
    const path = await world.call("POST", "/api/v1/filter", world.admin, { domain_id: siteId, type: "path", filter: "^/admin" });
    expect(path.body).toMatchObject({ type: "path", filter: "^/admin" });
    expect((await world.call("POST", "/api/v1/filter", world.admin, { domain_id: siteId, type: "country", filter: "de" })).status).toBe(400);
  });
});
