import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { readFileSync } from "node:fs";
import { compileAggregate, statsQuery, resolveRange } from "@pulse/stats";
const client = createClickHouse(loadConfig(), process.env.DB);
const q = statsQuery.parse({ site_id: process.env.SITE ?? "m1", date_range: "90d", timezone: "UTC", metrics: ["visitors"] });
const params = { ...compileAggregate(q, resolveRange(q.date_range, q.timezone, new Date())).params, p0: 20, p1: 0 };
const run = async (sql, extra = {}) => (await client.query({ query: sql, query_params: { ...params, ...extra }, format: "JSONEachRow" })).json();
const full = readFileSync("/tmp/q_sessions.sql", "utf8").replace("count() OVER () AS total_rows", "{total:UInt64} AS total_rows").replace("LIMIT {p0:UInt32} OFFSET {p1:UInt32}", "");
const restricted = full
  .replaceAll("WHERE (site_id = {site:String})", "WHERE (session_id IN {ids:Array(UUID)}) AND (site_id = {site:String})")
  .replaceAll("AND (time >= {start:DateTime64(3, 'UTC')})", "AND (time >= {floor:DateTime64(3, 'UTC')})");
const times = [];
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const [page, [count]] = await Promise.all([run(readFileSync("/tmp/q_sess_ids.sql", "utf8")), run(readFileSync("/tmp/q_sess_count.sql", "utf8"))]);
  const t1 = performance.now();
  const floor = page.map((r) => r.s_start).sort()[0];
  const rows = await run(restricted, { ids: page.map((r) => r.session_id), floor, total: Object.values(count)[0] });
  const t2 = performance.now();
  times.push([t1 - t0, t2 - t1, t2 - t0].map((x) => x.toFixed(0)).join("+"));
  if (rows.length !== 20) throw new Error(`rows ${rows.length}`);
}
const a = (await run(readFileSync("/tmp/q_sessions.sql", "utf8"))).map((r) => r.session + r.exit_title + r.keep_alives + r.entry_path + r.total_rows);
const page = await run(readFileSync("/tmp/q_sess_ids.sql", "utf8"));
const [count] = await run(readFileSync("/tmp/q_sess_count.sql", "utf8"));
const b = (await run(restricted, { ids: page.map((r) => r.session_id), floor: page.map((r) => r.s_start).sort()[0], total: Object.values(count)[0] })).map((r) => r.session + r.exit_title + r.keep_alives + r.entry_path + r.total_rows);
console.log("same rows:", JSON.stringify(a) === JSON.stringify(b), a[0], b[0]);
console.log("phase1 (ids||count) + phase2 (detail) = total ms:", times.join("  "));
process.exit(0);
