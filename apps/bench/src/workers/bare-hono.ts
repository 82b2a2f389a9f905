import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { workerConfig } from "./worker.js";

/**
 * The ceiling of single-hit ingest: a bare Hono app on the same server adapter (@hono/node-server)
 * that reads and parses the same body and answers 202 with the same answer, doing nothing else.
 */
const { host, port } = workerConfig<{ host: string; port: number }>();

const app = new Hono();
app.get("/healthz", (c) => c.json({ status: "ok" }));
for (const path of ["/api/v1/hit", "/api/v1/hit/batch"]) {
  app.post(path, async (c) => {
    const body = JSON.parse(await c.req.text()) as unknown;
    return c.json({ accepted: Array.isArray(body) ? body.length : 1, filtered: 0 }, 202);
  });
}

const server = serve({ fetch: app.fetch, hostname: host, port });
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
}
