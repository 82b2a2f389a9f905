import { OpenApiRegistry } from "@pulse/service";
import { describe, expect, it } from "vitest";
import type { KrafterDeps } from "./deps.js";
import { krafterRoutes } from "./routes.js";

describe("krafterRoutes", () => {
  it("declares every documented endpoint, with its query parameters, in the OpenAPI registry", () => {
    const registry = new OpenApiRegistry();
    // Declaring routes touches no dependency but the registry.
    krafterRoutes({ registry } as unknown as KrafterDeps);
    const doc = registry.document({ title: "t", version: "1" });
    expect(Object.keys(doc.paths)).toEqual(["/api/v1/analytics/sites/{key}/stats", "/api/v1/analytics/sites/{key}/realtime", "/api/v1/analytics/sites/{key}/events"]);
    const stats = doc.paths["/api/v1/analytics/sites/{key}/stats"]!["get"] as { parameters: { name: string }[]; description: string };
    expect(stats.parameters.map((p) => p.name)).toEqual(["key", "period", "from", "to", "dimensions"]);
    expect(stats.description).toContain("statistics:read");
  });
});
