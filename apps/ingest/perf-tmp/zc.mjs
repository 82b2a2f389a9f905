import { z } from "zod";
import { bodyPool, hitBodies } from "../../bench/dist/bodies.js";
import { hitBody, hitBatchBody, eventBody, sessionBody, hitRecord, hitRecordOf, eventBatchBody, sessionBatchBody } from "@pulse/hits";
for (const [name, s] of Object.entries({ hitBody, eventBody, sessionBody, hitBatchBody, eventBatchBody, sessionBatchBody, hitRecord })) {
  try { z.compile(s, { strict: true }); console.log(name, "compiles"); } catch (e) { console.log(name, "NOT:", e.message); }
}
const texts = hitBodies(bodyPool("example.com"), 2000).map((b) => JSON.stringify(b));
const fast = z.compile(hitBody);
function bench(name, fn, n = 200000) { for (let i = 0; i < 30000; i++) fn(i); const t = process.cpuUsage(); for (let i = 0; i < n; i++) fn(i); const u = process.cpuUsage(t); console.log(name.padEnd(20), ((u.user + u.system) / n).toFixed(2), "µs"); }
bench("parse+zod", (i) => hitBody.safeParse(JSON.parse(texts[i % 2000])));
bench("parse+compiled", (i) => fast.safeParse(JSON.parse(texts[i % 2000])));
const recs = texts.map((t) => hitRecordOf("pageview", hitBody.parse(JSON.parse(t)), { siteId: "s", time: Date.now(), receivedAt: Date.now() })).map((r) => JSON.stringify(r));
const fastRec = z.compile(hitRecord);
bench("rec zod", (i) => hitRecord.safeParse(JSON.parse(recs[i % 2000])));
bench("rec compiled", (i) => fastRec.safeParse(JSON.parse(recs[i % 2000])));
// equality spot check
let diff = 0; for (const t of texts) { const a = hitBody.safeParse(JSON.parse(t)); const b = fast.safeParse(JSON.parse(t)); if (JSON.stringify(a) !== JSON.stringify(b)) diff++; } console.log("diffs", diff);
