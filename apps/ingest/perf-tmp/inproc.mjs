// In-process: the ingest app (no HTTP server, no Kafka) on single hits; CPU µs per request for variants.
import { bodyPool, hitBodies } from "../../bench/dist/bodies.js";
import { partitionKeyOf, hitBody } from "@pulse/hits";
import { bundlesOf } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { withJsonErrors } from "@pulse/service";
import { Hono } from "hono";
import { z } from "zod";
import { ingestRoutes } from "../dist/app.js";
const V = process.env.V ?? "base";
const orig = hitBody.safeParse;
if (V === "nozod") hitBody.safeParse = (x) => ({ success: true, data: x });
if (V === "compiled") { const c = z.compile(hitBody); hitBody.safeParse = c.safeParse; }
const bodies = hitBodies(bodyPool("example.com"), 2000).map((b) => JSON.stringify(b));
let pending = [];
const deps = {
  sites: { writeAccessOf: async () => ({ ok: true, siteId: "site1" }), siteIdOfDomain: () => "site1", servesHostname: () => true, isFiltered: () => false },
  sink: { send: async (records) => { for (const r of records) pending.push({ key: partitionKeyOf(r), value: JSON.stringify(r) }); if (pending.length >= 40) { bundlesOf(pending, 6); pending = []; } } },
  idempotency: {}, now: Date.now,
};
const app = withJsonErrors(new Hono(), createLogger("t", { level: "silent" }));
app.route("/", ingestRoutes(deps, { trustedProxyHeaders: [] }));
const req = (i) => app.request("/api/v1/hit", { method: "POST", headers: { Authorization: "Bearer x", "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(bodies[i % 2000])) }, body: bodies[i % 2000] });
for (let i = 0; i < 20000; i++) { const r = await req(i); if (r.status !== 202) throw new Error(await r.text()); await r.arrayBuffer(); }
const N = 60000;
const t = process.cpuUsage();
for (let i = 0; i < N; i++) { const r = await req(i); await r.arrayBuffer(); }
const u = process.cpuUsage(t);
console.log(V.padEnd(10), ((u.user + u.system) / N).toFixed(1), "µs/request");
