import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PirschWorld, pirschWorld } from "../test-support/world.js";
import { UNSUPPORTED } from "./unsupported-routes.js";

// Integration: the features not supported yet answer 501 naming the feature, behind authentication.
let world: PirschWorld;
beforeAll(async () => {
  world = await pirschWorld("pirsch_unsupported");
}, 60_000);
afterAll(() => world?.dispose());

const endpoints = UNSUPPORTED.flatMap(({ feature, endpoints }) => endpoints.map(([method, path]) => ({ feature, method: method.toUpperCase(), path })));

describe("features not supported yet", () => {
  it.each(endpoints)("$method $path answers 501 naming $feature", async ({ feature, method, path }) => {
    const reply = await world.call(method, path, world.admin, method === "GET" || method === "DELETE" ? undefined : { id: "Jk49fgm38" });
    expect(reply).toMatchObject({ status: 501, body: { error: `${feature} is not supported yet` } });
  });

  it("still asks for a token first", async () => {
    expect((await world.call("GET", "/api/v1/billing")).status).toBe(401);
  });

  it("covers members, invitations, organizations, themes, custom domains, email reports, imports and billing", () => {
    const paths = endpoints.map((e) => e.path);
    for (const path of ["/api/v1/member", "/api/v1/invitation", "/api/v1/organization", "/api/v1/theme", "/api/v1/domain/custom", "/api/v1/report", "/api/v1/import", "/api/v1/billing"]) {
      expect(paths).toContain(path);
    }
  });
});

describe("the OpenAPI registry", () => {
  it("documents every Pirsch route once per method", () => {
    const document = world.registry.document({ title: "Pirsch", version: "1" });
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(new Set(operations).size).toBe(operations.length);
    expect(operations).toEqual(expect.arrayContaining(["post /api/v1/token", "get /api/v1/domain", "post /api/v1/goal/regex", "delete /api/v1/webhook", "get /api/v1/billing"]));
  });
});
