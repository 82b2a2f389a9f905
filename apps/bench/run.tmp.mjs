import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { readFileSync } from "node:fs";
import { compileAggregate, compileSessionsList, compileBreakdown, compileTimeseries, compileFunnel, statsQuery, resolveRange, funnelSteps, funnelOptions } from "@pulse/stats";
const client = createClickHouse(loadConfig(), process.env.DB ?? "bench_proto_q");
const site = process.env.SITE ?? "m1";
const q = statsQuery.parse({ site_id: site, date_range: "90d", timezone: "UTC", limit: 20, metrics: ["visitors"] });
const period = resolveRange(q.date_range, q.timezone, new Date());
const params = compileAggregate(q, period).params;
const sql = readFileSync(process.argv[2], "utf8");
const n = Number(process.argv[3] ?? 5);
const times = [];
let rows;
for (let i = 0; i < n; i++) {
  const t = performance.now();
  const r = await client.query({ query: sql, query_params: { ...params, p0: 20, p1: 0 }, format: "JSONEachRow" });
  rows = await r.json();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(process.argv[2], "rows", rows.length, "ms", times.map((t) => t.toFixed(0)).join(" "));
process.exit(0);
