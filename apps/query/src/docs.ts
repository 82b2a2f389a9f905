import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenApiRegistry } from "@pulse/service";
import { Hono } from "hono";

// Swagger UI's files come from the swagger-ui-dist package: the docs work without any outside network.
const uiDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const asset = (name: string) => readFileSync(join(uiDir, name));

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pulse API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: "/openapi.json", dom_id: "#ui" });</script></body></html>`;

/** `/openapi.json` (OpenAPI 3.1 from the routes' zod schemas) and interactive docs at `/docs`. */
export function docsRoutes(registry: OpenApiRegistry): Hono {
  const app = new Hono();
  const files = { "swagger-ui.css": "text/css", "swagger-ui-bundle.js": "application/javascript" } as const;
  app.get("/openapi.json", (c) =>
    c.json(registry.document({ title: "Pulse analytics API", version: "1.0.0", description: "The native query and management API." })),
  );
  app.get("/docs", (c) => c.html(PAGE));
  for (const [name, type] of Object.entries(files)) {
    const body = asset(name);
    app.get(`/docs/${name}`, (c) => c.body(body, 200, { "Content-Type": type, "Cache-Control": "public, max-age=86400" }));
  }
  return app;
}
