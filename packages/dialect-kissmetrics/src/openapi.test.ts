import { OpenApiRegistry } from "@pulse/service";
import { describe, expect, it } from "vitest";
import type { KissmetricsDeps } from "./deps.js";
import { kissmetricsRoutes } from "./routes.js";

describe("kissmetricsRoutes", () => {
  it("declares every documented path in the OpenAPI registry", () => {
    const registry = new OpenApiRegistry();
    kissmetricsRoutes({ registry } as unknown as KissmetricsDeps);
    const paths = registry.list().map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(paths.sort()).toEqual(
      [
        "GET /core",
        "GET /core/accounts",
        "GET /core/accounts/:id",
        "GET /core/accounts/:id/products",
        "GET /core/products",
        "GET /core/products/:id",
        "GET /core/reports",
        "GET /core/products/:id/reports",
        "GET /core/reports/:id",
        "GET /core/events",
        "GET /core/products/:id/events",
        "GET /core/events/:id",
        "GET /core/properties",
        "GET /core/products/:id/properties",
        "GET /core/properties/:id",
        "GET /core/metrics",
        "GET /core/products/:id/metrics",
        "GET /core/metrics/:id",
        "GET /query/metrics/:id/over-time",
        "GET /query/metrics/:id/by-segment",
      ].sort(),
    );
    const document = registry.document({ title: "t", version: "1" });
    expect(Object.keys(document.paths)).toContain("/query/metrics/{id}/by-segment");
  });
});
