// Temporary perf driver: BatchProcessor over bench-like records, real ClickHouse + Redis. Reports CPU per event.
import { randomUUID } from "node:crypto";
import { createTestDatabase } from "@pulse/clickhouse/testing";
import { loadConfig } from "@pulse/config";
import { hitRecordOf } from "@pulse/hits";
import { createLogger } from "@pulse/logger";
import { createRedis } from "@pulse/redis";
import { Realtime, SaltStore, Sessionizer } from "@pulse/sessions";
import { BatchProcessor } from "../dist/index.js";
import { bodyPool, hitBodies } from "../../../apps/bench/dist/bodies.js";

const N = Number(process.env.N ?? 60000);
const BATCH = Number(process.env.BATCH ?? 3000);
const BUNDLE = Number(process.env.BUNDLE ?? 1);
const config = loadConfig();
const db = await createTestDatabase("perf");
const redis = createRedis(config, `perf:${randomUUID()}:`);
const logger = createLogger("perf", { level: "warn" });
let execs = 0;
const counting = new Proxy(db.client, { get(t, p, r) { if (p !== "exec") return Reflect.get(t, p, r); return (...a) => { execs++; return t.exec(...a); }; } });
const processor = new BatchProcessor({
  clickhouse: counting,
  sessionizer: new Sessionizer(redis, { saltStore: new SaltStore(redis) }),
  realtime: new Realtime(redis),
  hostnamesOf: () => ["example.com", "www.example.com"],
  deadLetter: async (l) => { throw new Error("letters: " + l.map((x) => x.reason).join(",")); },
  logger,
}, "perf.hits");
const bodies = hitBodies(bodyPool("example.com"), 5000, 17);
const now = Date.now();
const values = bodies.map((b, i) => JSON.stringify(hitRecordOf("pageview", b, { siteId: "perfsite", time: now - 3600_000 + i * 10, receivedAt: now })));
const control = { isActive: () => true, heartbeat: async () => {} };
const offsets = new Map();
const timings = { decode: 0, enrich: 0, sessionize: 0, insert: 0 };
let events = 0;
let k = 0;
const makeBatch = (partition) => {
  const messages = [];
  let off = offsets.get(partition) ?? 0;
  for (let i = 0; i < BATCH / BUNDLE; i++) {
    const group = [];
    for (let j = 0; j < BUNDLE; j++) group.push(values[(k++) % values.length].replace(/"id":"[^"]+"/, `"id":"${randomUUID().replace(/^(.{14})./, "$17")}"`));
    messages.push({ offset: String(off++), value: Buffer.from(BUNDLE === 1 ? group[0] : `[${group.join(",")}]`) });
  }
  offsets.set(partition, off);
  return { topic: "perf.hits", partition, messages };
};
// warm-up
await processor.process(makeBatch(0), control);
const batches = [];
for (let b = 0; b < N / BATCH; b++) batches.push(makeBatch(b % 6));
import { readFileSync } from "node:fs";
import { execSync } from "node:child_process";
const chPid = execSync("pgrep -f '^/work/main/.data/bin/clickhouse-chdb'").toString().trim().split("\n")[0];
const chCpu = () => { const f = readFileSync(`/proc/${chPid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10000; };
const ch0 = chCpu();
const cpu = process.cpuUsage();
const t0 = performance.now();
const CONC = Number(process.env.CONC ?? 1);
for (let b = 0; b < batches.length; b += CONC) {
  const os = await Promise.all(batches.slice(b, b + CONC).map((batch) => processor.process(batch, control)));
  for (const o of os) { events += o.written; for (const s in timings) timings[s] += o.timings[s]; }
}
console.log("inserts", execs);
const wall = performance.now() - t0;
const used = process.cpuUsage(cpu);
console.log(`events ${events} wall ${(wall / 1000).toFixed(2)} s → ${(events / wall * 1000).toFixed(0)} ev/s; CPU ${((used.user + used.system) / events).toFixed(1)} µs/event (user ${(used.user / events).toFixed(1)}, sys ${(used.system / events).toFixed(1)})`);
console.log("stage µs/event", Object.fromEntries(Object.entries(timings).map(([s, ms]) => [s, +(ms * 1000 / events).toFixed(1)])));
const chUsed = chCpu() - ch0;
console.log(`clickhouse process CPU ${(chUsed / events).toFixed(1)} µs/event (whole server, others included)`);
const c = await db.client.query({ query: "SELECT count() AS n, uniqExact(id) AS u FROM events", format: "JSONEachRow" });
console.log("table", (await c.json())[0]);
redis.disconnect();
await db.dispose();
