import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, type RunningPipeline, startPipeline } from "./test-support/pipeline.js";
import { privateStack } from "./test-support/private-stack.js";

// Faults injected into real servers: this file's own ClickHouse and Kafka are stopped and started
// while real ingest and consumer processes run against them.
const stack = privateStack(28_123, 29_092);
let p: RunningPipeline;

beforeAll(async () => {
  await stack.up("clickhouse", "kafka");
  p = await startPipeline("faults", stack.env);
}, 180_000);
afterAll(async () => {
  await p?.stop().catch(() => {});
  await stack.dispose();
}, 60_000);

const UA = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

async function sendBatch(prefix: string, from: number, count: number) {
  const body = Array.from({ length: count }, (_, i) => ({
    url: `https://${p.domain}/${prefix}/${from + i}`,
    ip: `10.2.${(from + i) % 200}.${(from + i) % 250}`,
    user_agent: UA,
    time: new Date(Date.now() - 1000).toISOString(),
  }));
  const response = await fetch(`${p.ingestUrl}/api/v1/hit/batch`, {
    method: "POST",
    headers: { Authorization: `Bearer ${p.token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, retryAfter: response.headers.get("retry-after") };
}

async function stored(prefix: string) {
  const rs = await p.db.client.query({
    query: `SELECT count() AS n, uniqExact(id) AS ids FROM events
            WHERE site_id = {site:String} AND startsWith(path, {prefix:String})`,
    query_params: { site: p.siteId, prefix: `/${prefix}/` },
    format: "JSONEachRow",
  });
  const [row] = await rs.json<{ n: number; ids: number }>();
  return row!;
}

async function readiness(url: string) {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: (await response.json()) as { dependencies: Record<string, string> } };
}

describe("faults (real servers stopped and restarted)", () => {
  it("keeps accepting while ClickHouse is down, and writes everything once after it returns", async () => {
    expect((await sendBatch("ch", 0, 100)).status).toBe(202);
    await eventually(() => stored("ch"), (r) => r.n === 100);
    await stack.down("clickhouse");
    for (let i = 100; i < 300; i += 100) expect((await sendBatch("ch", i, 100)).status).toBe(202);
    // The consumer notices and waits: its readiness says which dependency is failing.
    const waiting = await eventually(() => readiness(p.consumerUrl), (r) => r.status === 503, 15_000);
    expect(waiting.body.dependencies.clickhouse).toBe("failing");
    await new Promise((r) => setTimeout(r, 3000));
    await stack.up("clickhouse");
    await eventually(() => stored("ch"), (r) => r.n >= 300, 90_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await stored("ch")).toEqual({ n: 300, ids: 300 });
  }, 180_000);

  it("answers 503 with Retry-After while Kafka is down, stores none of those, and accepts again after", async () => {
    await stack.down("kafka");
    const refused = await sendBatch("kafka-down", 0, 10);
    expect(refused).toEqual({ status: 503, retryAfter: "5" });
    await stack.up("kafka");
    const accepted = await eventually(() => sendBatch("kafka-up", 0, 10), (r) => r.status === 202, 90_000);
    expect(accepted.status).toBe(202);
    await eventually(() => stored("kafka-up"), (r) => r.n >= 10, 150_000);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await stored("kafka-down")).toEqual({ n: 0, ids: 0 });
    // Retries of the same call by the test may have been accepted more than once; each is its own event.
    const up = await stored("kafka-up");
    expect(up.n).toBe(up.ids);
  }, 360_000);
});
