import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { readFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { createTestDatabase } from "@pulse/clickhouse/testing";
import { rowBinaryOf, EVENT_COLUMNS } from "../dist/index.js";
const chPid = execSync("pgrep -f '^/work/main/.data/bin/clickhouse-chdb'").toString().trim().split("\n")[0];
const chCpu = () => { const f = readFileSync(`/proc/${chPid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10000; };
const db = await createTestDatabase("chins");
const c = db.client;
await c.command({ query: "CREATE TABLE events_nomv AS events" });
const now = Date.now();
const mk = (i) => ({ site_id: "site-a", time: now - 1000000 + i * 7, id: `0192f5a0-7b1c-7def-8a01-${String(i).padStart(12, "0")}`, kind: "pageview", visitor_id: String(1000000 + (i % 2000) * 7919), session_id: `0192f5a0-7b1c-7def-8a01-${String(i % 2000).padStart(12, "0")}`, session_start: now - 2000000, hostname: "example.com", path: `/blog/post-${i % 300}`, title: `Post ${i % 300}`, previous_path: "/", seconds_since_previous: 12, referrer: i % 3 ? "https://www.google.com" : "", referrer_name: i % 3 ? "Google" : "", channel: i % 3 ? "Organic Search" : "Direct", utm_source: "", utm_medium: "", utm_campaign: "", utm_content: "", utm_term: "", language: "en", country_code: "DE", region: "BE", city: "Berlin", browser: "Chrome", browser_version: "120.0", os: "Windows", os_version: "10", platform: "desktop", screen_class: "XL", event_name: "", event_duration: 0, event_meta: {}, tags: {}, is_bot: 0, received_at: now, kafka_topic: "t", kafka_partition: 1, kafka_offset: String(i) });
const ROWS = Number(process.env.ROWS ?? 3000), ROUNDS = Math.max(2, Math.floor(60000 / ROWS));
const rows = Array.from({ length: ROWS }, (_, i) => mk(i));
const settings = (tok) => ({ insert_deduplication_token: tok, deduplicate_blocks_in_dependent_materialized_views: 1, max_insert_block_size: "10000000", min_insert_block_size_rows: "0", min_insert_block_size_bytes: "0", async_insert: 0 });
const jsonRows = rows.map((r) => ({ ...r, time: new Date(r.time).toISOString().replace("T", " ").replace("Z", ""), session_start: new Date(r.session_start).toISOString().replace("T", " ").replace("Z", ""), received_at: new Date(r.received_at).toISOString().replace("T", " ").replace("Z", "") }));
let tok = 0;
const variants = {
  rowbinary: async (table) => { const r = await c.exec({ query: `INSERT INTO ${table} (${EVENT_COLUMNS.join(",")}) FORMAT RowBinary`, values: Readable.from([rowBinaryOf(rows)], { objectMode: false }), clickhouse_settings: settings(`x${tok++}`) }); await finished(r.stream.resume()); },
  json: async (table) => { await c.insert({ table, values: jsonRows, format: "JSONEachRow", clickhouse_settings: settings(`x${tok++}`) }); },
};
for (let rep = 0; rep < 2; rep++) for (const table of ["events"]) for (const [name, fn] of Object.entries(variants).filter(([n]) => n === "rowbinary")) {
  const cpu0 = chCpu(); const w0 = performance.now(); const me = process.cpuUsage();
  for (let i = 0; i < ROUNDS; i++) await fn(table);
  const mine = process.cpuUsage(me);
  console.log(`${table.padEnd(12)} ${name.padEnd(10)} server ${((chCpu() - cpu0) / ROWS / ROUNDS).toFixed(1)} µs/row, wall ${((performance.now() - w0) * 1000 / ROWS / ROUNDS).toFixed(1)} µs/row, client ${((mine.user + mine.system) / ROWS / ROUNDS).toFixed(1)} µs/row`);
}
await db.dispose();
