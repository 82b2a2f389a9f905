// Temporary: ingest (or bare Hono) in-process on a port, driven by wrk; prints CPU µs per request.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createKafka, createProducer, ensureTopics, BatchingProducer } from "@pulse/kafka";
import { createLogger } from "@pulse/logger";
import { startService } from "@pulse/service";
import { bodyPool, hitBodies } from "../../bench/dist/bodies.js";
import { ingestRoutes } from "../dist/app.js";
import { partitionKeyOf, hitBody } from "@pulse/hits";
if (process.env.NOZOD) hitBody.safeParse = (x) => ({ success: true, data: x });
import { z } from "zod";
if (process.env.COPY) hitBody.safeParse = (x) => ({ success: true, data: { ...x } });
if (process.env.URLONLY) hitBody.safeParse = (x) => (URL.parse(x.url), { success: true, data: x });
if (process.env.ZCOMPILE) { const c = z.compile(hitBody); hitBody.safeParse = c.safeParse; }
import { kafkaRecordSink } from "../dist/record-sink.js";

const MODE = process.env.MODE ?? "ingest";
const SECONDS = Number(process.env.SECONDS ?? 8);
const CONNS = Number(process.env.CONNS ?? 64);
const bodies = hitBodies(bodyPool("example.com"), 2000);
writeFileSync("/tmp/perf/bodies.txt", bodies.map((b) => JSON.stringify(b)).join("\n") + "\n");
writeFileSync("/tmp/perf/wrk.lua", `
local bodies = {}
for line in io.lines("/tmp/perf/bodies.txt") do if #line > 0 then bodies[#bodies + 1] = line end end
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer pa_x" }
local reqs = {}
local i = 0
function init() for k = 1, #bodies do reqs[k] = wrk.format("POST", "/api/v1/hit", headers, bodies[k]) end end
function request() i = i % #reqs + 1 return reqs[i] end
`);
let port, stop;
if (MODE === "bare-service") {
  const app = new Hono();
  app.post("/api/v1/hit", async (c) => { const body = JSON.parse(await c.req.text()); return c.json({ accepted: Array.isArray(body) ? body.length : 1, filtered: 0 }, 202); });
  const service = await startService({ name: "perf", logger: createLogger("perf", { level: "warn" }), host: "127.0.0.1", port: 0, routes: app, checks: {}, onShutdown: async () => {}, shutdownTimeoutMs: 5000 });
  port = service.port;
  stop = () => service.stop();
} else if (MODE.startsWith("piece")) {
  const { hitRecordOf } = await import("@pulse/hits");
  const app = new Hono();
  app.post("/api/v1/hit", async (c) => {
    const raw = JSON.parse(await c.req.text());
    const body = MODE >= "piece1" ? hitBody.safeParse(raw).data : raw;
    if (MODE >= "piece2") { const now = Date.now(); const r = hitRecordOf("pageview", body, { siteId: "site1", time: now, receivedAt: now }); if (MODE >= "piece3") { partitionKeyOf(r); JSON.stringify(r); } }
    return c.json({ accepted: 1, filtered: 0 }, 202);
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  port = server.address().port;
  stop = async () => server.close();
} else if (MODE === "bare") {
  const app = new Hono();
  app.post("/api/v1/hit", async (c) => { const body = JSON.parse(await c.req.text()); return c.json({ accepted: Array.isArray(body) ? body.length : 1, filtered: 0 }, 202); });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((r) => server.once("listening", r));
  port = server.address().port;
  stop = async () => server.close();
} else {
  const logger = createLogger("perf", { level: "warn" });
  const kafka = createKafka({ KAFKA_BROKERS: ["127.0.0.1:9092"], KAFKA_CLIENT_ID: "perf" }, logger);
  const topic = `perf.ingest.${process.pid}`;
  await ensureTopics(kafka, [{ topic, numPartitions: 6, replicationFactor: 1 }]);
  const producer = createProducer(kafka);
  await producer.connect();
  const realSend = producer.send.bind(producer);
  globalThis.stats = { sends: 0, messages: 0, ms: 0 };
  producer.send = async (rec) => { const t = performance.now(); globalThis.stats.sends++; globalThis.stats.messages += rec.messages.length; try { return await realSend(rec); } finally { globalThis.stats.ms += performance.now() - t; } };
  const batching = new BatchingProducer(producer, topic, { lingerMs: 3, maxMessages: 5000, bundle: process.env.BUNDLE !== "0" });
  const deps = {
    sites: { writeAccessOf: async () => ({ ok: true, siteId: "site1" }), siteIdOfDomain: () => "site1", servesHostname: () => true, isFiltered: () => false },
    sink: process.env.SINK === "noop" ? { send: async () => {} } : process.env.SINK === "encode" ? { send: async (rs) => { rs.map((r) => ({ key: partitionKeyOf(r), value: JSON.stringify(r) })); } } : kafkaRecordSink(batching), idempotency: {}, now: Date.now,
  };
  const service = await startService({ name: "perf", logger, host: "127.0.0.1", port: 0, routes: ingestRoutes(deps, { trustedProxyHeaders: [] }), checks: {}, onShutdown: async () => { await batching.drain(); await producer.disconnect(); }, shutdownTimeoutMs: 5000 });
  port = service.port;
  stop = async () => { await service.stop(); const admin = kafka.admin(); await admin.connect(); await admin.deleteTopics({ topics: [topic] }); await admin.disconnect(); };
}
const run = (s) => new Promise((resolve) => { const { spawn } = require_child(); });
function require_child() { return null; }
const { spawn } = await import("node:child_process");
const wrk = (secs) => new Promise((resolve) => { const p = spawn("wrk", ["-t1", `-c${CONNS}`, `-d${secs}s`, "-s", "/tmp/perf/wrk.lua", `http://127.0.0.1:${port}`]); let out = ""; p.stdout.on("data", (d) => (out += d)); p.on("close", () => resolve(out)); });
await wrk(2);
const cpu = process.cpuUsage();
const out = await wrk(SECONDS);
const used = process.cpuUsage(cpu);
const requests = Number(/(\d+) requests in/.exec(out)[1]);
const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0;
console.log(`${MODE}: ${(requests / SECONDS).toFixed(0)} req/s, CPU ${((used.user + used.system) / requests).toFixed(1)} µs/request (${((used.user + used.system) / SECONDS / 1e6).toFixed(2)} cores), non-2xx ${non2xx}`);
if (globalThis.stats) console.log(`produce calls ${(globalThis.stats.sends / (SECONDS + 2)).toFixed(0)}/s, ${(globalThis.stats.messages / globalThis.stats.sends).toFixed(1)} Kafka messages each, ${(globalThis.stats.ms / globalThis.stats.sends).toFixed(1)} ms each`);
await stop();
process.exit(0);
