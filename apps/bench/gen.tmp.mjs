import { createClickHouse } from "@pulse/clickhouse";
import { loadConfig } from "@pulse/config";
import { generateDataset } from "./dist/dataset/generate.js";
const client = createClickHouse({ ...loadConfig(), CLICKHOUSE_REQUEST_TIMEOUT_MS: 1800000 }, "bench_profile_q");
const n = Number(process.argv[2]);
const t = performance.now();
await generateDataset(client, { siteId: process.argv[3], domain: "proto.example.com", events: n, now: new Date(), seed: 42, topic: "bench.generated" }, Number(process.argv[4] ?? 2));
console.log("generated", n, ((performance.now() - t) / 1000).toFixed(1), "s");
process.exit(0);
