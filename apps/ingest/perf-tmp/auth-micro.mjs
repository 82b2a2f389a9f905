import { createHash, timingSafeEqual } from "node:crypto";
const token = "pa_" + "a".repeat(45);
const hashToken = (t) => createHash("sha256").update(t, "utf8").digest("hex");
const map = new Map([[hashToken(token), { token_hash: hashToken(token) }]]);
function bench(name, fn, n = 300000) { for (let i = 0; i < 30000; i++) fn(i); const t = process.cpuUsage(); for (let i = 0; i < n; i++) fn(i); const u = process.cpuUsage(t); console.log(name.padEnd(20), ((u.user + u.system) / n).toFixed(2), "µs"); }
bench("keyOfBearer-like", () => { const key = map.get(hashToken(token)); return timingSafeEqual(Buffer.from(hashToken(token), "hex"), Buffer.from(key.token_hash, "hex")); });
bench("one sha256", () => hashToken(token));
