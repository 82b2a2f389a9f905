import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUNNEL_FIELDS, FUNNEL_STEP_FIELDS, missingFields } from "../test-support/reference-fields.js";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";

// Integration: funnels over real ClickHouse and Redis.
let world: PirschWorld;
let siteId: string;
beforeAll(async () => {
  world = await pirschWorld("pirsch_funnels");
  siteId = (await world.newSite("funnels")).id;
}, 60_000);
afterAll(() => world?.dispose());

const funnelRequest = () => ({
  domain_id: siteId,
  name: "Funnel",
  steps: [
    { name: "Step 1", filter: { path: ["/pricing", "!/pricing/old"], country: ["de"], platform: "desktop" } },
    { name: "Step 2", filter: { event_name: ["Signup"], event_meta: { plan: "pro" }, tags: { author: "~John" } } },
  ],
});

describe("funnels", () => {
  it("creates a funnel from the reference's request with documented funnel and step fields", async () => {
    const reply = await world.call("POST", "/api/v1/funnel", world.admin, funnelRequest());
    expect(reply.status).toBe(200);
    expect(missingFields(reply.body, FUNNEL_FIELDS)).toEqual([]);
    expect(reply.body).toMatchObject({ domain_id: siteId, name: "Funnel" });
    expect(reply.body.steps).toHaveLength(2);
    reply.body.steps.forEach((step: Record<string, unknown>, index: number) => {
      expect(missingFields(step, FUNNEL_STEP_FIELDS)).toEqual([]);
      expect(step).toMatchObject({ funnel_id: reply.body.id, step: index, name: `Step ${index + 1}` });
    });
    expect(reply.body.steps[0].filter).toEqual({ path: ["/pricing", "!/pricing/old"], country: ["de"], platform: "desktop" });
    expect(reply.body.steps[1].filter).toEqual({ event_name: ["Signup"], event_meta: { plan: "pro" }, tags: { author: "~John" } });
    // Stored as our funnel, in the statistics' filter model.
    const stored = await world.store.getFunnel(reply.body.id);
    expect(stored?.steps[0]?.filters).toEqual([
      { field: "path", op: "is", values: ["/pricing"] },
      { field: "path", op: "is_not", values: ["/pricing/old"] },
      { field: "country", op: "is", values: ["de"] },
      { field: "platform", op: "is", values: ["desktop"] },
    ]);
    expect(stored?.steps[1]?.filters).toContainEqual({ field: "tag:author", op: "contains", values: ["John"] });
  });

  it("lists with ?id=<domain>&search=, updates when id is set, keeps step ids stable, and deletes", async () => {
    const created = (await world.call("POST", "/api/v1/funnel", world.admin, { ...funnelRequest(), name: "Findable" })).body;
    const listed = await world.call("GET", `/api/v1/funnel?id=${siteId}&search=findable`, world.admin);
    expect(listed.body).toEqual([created]);
    const updated = await world.call("POST", "/api/v1/funnel", world.admin, { ...funnelRequest(), id: created.id, name: "Renamed" });
    expect(updated.body).toMatchObject({ id: created.id, name: "Renamed" });
    expect(updated.body.steps.map((s: { id: string }) => s.id)).toEqual(created.steps.map((s: { id: string }) => s.id));
    expect((await world.call("DELETE", `/api/v1/funnel?id=${created.id}`, world.admin)).status).toBe(200);
    expect((await world.call("GET", `/api/v1/funnel?id=${siteId}&search=renamed`, world.admin)).body).toEqual([]);
  });

  it("answers 400 for a single step and for filters that cannot make a step", async () => {
    const one = await world.call("POST", "/api/v1/funnel", world.admin, { ...funnelRequest(), steps: [funnelRequest().steps[0]] });
    expect(one.status).toBe(400);
    const keysOnly = await world.call("POST", "/api/v1/funnel", world.admin, { ...funnelRequest(), steps: [{ name: "a", filter: { tag: ["author"] } }, funnelRequest().steps[1]] });
    expect(keysOnly.status).toBe(400);
    expect(keysOnly.body.fields[0].field).toBe("steps.0.filter.tag");
  });
});
