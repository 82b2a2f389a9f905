import { OpenApiRegistry } from "@pulse/service";
import { describe, expect, it } from "vitest";
import type { PlatformV2Deps } from "./deps.js";
import { platformV2Routes } from "./routes.js";

describe("platformV2Routes", () => {
  it("declares every documented path in the OpenAPI registry", () => {
    const registry = new OpenApiRegistry();
    platformV2Routes({ registry } as unknown as PlatformV2Deps);
    expect(registry.list().map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual([
      "GET /api/v2/sites",
      "GET /api/v2/sites/:siteId/stats",
      "GET /api/v2/sites/:siteId/realtime",
      "GET /api/v2/sites/:siteId/events",
      "GET /api/v2/sites/:siteId/pageviews",
    ]);
    const document = registry.document({ title: "t", version: "1" });
    expect(Object.keys(document.paths)).toContain("/api/v2/sites/{siteId}/pageviews");
  });
});
