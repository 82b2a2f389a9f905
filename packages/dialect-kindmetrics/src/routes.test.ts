import { OpenApiRegistry } from "@pulse/service";
import { describe, expect, it } from "vitest";
import type { KindmetricsDeps } from "./deps.js";
import { kindmetricsRoutes } from "./routes.js";

describe("kindmetricsRoutes", () => {
  it("declares every documented endpoint, with its query parameters, in the OpenAPI registry", () => {
    const registry = new OpenApiRegistry();
    // Declaring routes touches no dependency but the registry.
    kindmetricsRoutes({ registry } as unknown as KindmetricsDeps);
    const doc = registry.document({ title: "t", version: "1" });
    expect(Object.entries(doc.paths).map(([path, ops]) => `${Object.keys(ops).join(",")} ${path}`)).toEqual([
      "get,post /api/domains",
      "get /api/domains/{id}",
      "get /api/domains/{id}/pages",
      "get /api/domains/{id}/entry_pages",
      "get /api/domains/{id}/sources",
      "get /api/domains/{id}/referrers",
      "get /api/domains/{id}/countries",
      "get /api/domains/{id}/current",
      "get /api/domains/{id}/goals",
    ]);
    const pages = doc.paths["/api/domains/{id}/pages"]!["get"] as { parameters: { name: string }[] };
    expect(pages.parameters.map((p) => p.name)).toEqual(["id", "from", "to", "source_name", "medium_name", "site_path", "goal_id"]);
  });
});
