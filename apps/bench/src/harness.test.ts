import { describe, expect, it } from "vitest";
import { batchBodies, bodyPool, hitBodies, TIME_PLACEHOLDER } from "./bodies.js";
import { ConsumerLog } from "./consumer-log.js";
import { parseOptions } from "./options.js";
import { VisibilityTracker } from "./visibility.js";
import { childCpuSecondsOf, wrkResultOf } from "./wrk.js";
import { hitBatchBody, hitBody } from "@pulse/hits";

describe("parseOptions", () => {
  it("defaults to every scenario, three repetitions and the 1-minute batch run", () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ quick: false, scenarios: ["1", "2", "3", "4"], repetitions: 3, durationS: 10, batchDurationS: 60 });
  });

  it("shortens everything with --quick, and explicit flags win", () => {
    expect(parseOptions(["--quick"])).toMatchObject({ quick: true, repetitions: 1, batchDurationS: 10 });
    expect(parseOptions(["--quick", "--repetitions=2", "--scenario=1,2"])).toMatchObject({ repetitions: 2, scenarios: ["1", "2"] });
  });

  it("takes scenario 4's dataset sizes smallest first, and its sampling limits", () => {
    expect(parseOptions([])).toMatchObject({ queryEvents: [1_000_000, 10_000_000], querySamples: 20, queryBudgetS: 4 });
    expect(parseOptions(["--quick"])).toMatchObject({ queryEvents: [100_000], querySamples: 5 });
    expect(parseOptions(["--query-events=20000,5000,20000", "--query-samples=3", "--query-budget=0.5"])).toMatchObject({
      queryEvents: [5000, 20_000],
      querySamples: 3,
      queryBudgetS: 0.5,
    });
    expect(() => parseOptions(["--query-events=1e6,x"])).toThrow(/--query-events needs a positive/);
  });

  it("refuses unknown options, scenarios and bad numbers", () => {
    expect(() => parseOptions(["--fast"])).toThrow(/unknown option --fast/);
    expect(() => parseOptions(["--scenario=5"])).toThrow(/unknown scenario/);
    expect(() => parseOptions(["--duration=0"])).toThrow(/--duration needs a positive/);
  });
});

describe("bodies", () => {
  const pool = bodyPool("example.com");

  it("draws from pools of a few hundred distinct values", () => {
    for (const values of [pool.urls, pool.userAgents, pool.ips]) expect(new Set(values).size).toBeGreaterThanOrEqual(300);
    expect(new Set(pool.referrers).size).toBeGreaterThanOrEqual(100);
  });

  it("makes bodies the ingest schema accepts, the same ones every run", () => {
    const bodies = hitBodies(pool, 500);
    for (const body of bodies) expect(hitBody.safeParse(body).success).toBe(true);
    expect(hitBodies(bodyPool("example.com"), 500)).toEqual(bodies);
  });

  it("makes batches of the asked size whose time is stamped at send", () => {
    const [batch] = batchBodies(pool, 1, 100);
    expect(batch).toHaveLength(100);
    const stamped = JSON.parse(JSON.stringify(batch).replaceAll(TIME_PLACEHOLDER, new Date().toISOString()));
    expect(hitBatchBody.safeParse(stamped).success).toBe(true);
  });
});

describe("wrk output", () => {
  it("reads the children's CPU from bash's times", () => {
    expect(childCpuSecondsOf("0m0.010s 0m0.005s\n0m1.250s 0m0.310s\n")).toBeCloseTo(1.56);
    expect(childCpuSecondsOf("2m0.5s 0m1s")).toBeCloseTo(121.5);
  });

  it("turns the script's JSON into rates, latencies in ms and due-time percentiles", () => {
    const raw = {
      requests: 5000,
      duration_us: 10_000_000,
      errors: { connect: 0, read: 1, write: 0, status: 2, timeout: 3 },
      latency_us: { mean: 1500, max: 9000, p50: 1200, p90: 2500, p99: 8000 },
      due_latency_us: Array.from({ length: 100 }, (_, i) => (i + 1) * 100),
      late: 4,
      t0_us: 1_000_000,
      done_us: 11_000_000,
    };
    const r = wrkResultOf(raw, 2, 10, 500);
    expect(wrkResultOf(raw, 2, 10).rps).toBe(500);
    expect(r).toMatchObject({ requests: 5000, statusErrors: 2, socketErrors: 1, timeouts: 3, loadgenCores: 0.2 });
    expect(r.latencyMs).toMatchObject({ p50: 1.2, p99: 8 });
    expect(r.dueLatencyMs).toEqual({ p50: 5, p99: 9.9, count: 100, late: 4 });
    expect(r.rps).toBe(10);
    expect(wrkResultOf(raw, 2, 10).dueLatencyMs).toBeUndefined();
  });
});

describe("VisibilityTracker", () => {
  it("dates newly visible events at the midpoint between polls and weights them by count", () => {
    const t = new VisibilityTracker();
    // bucket 10 covers received_at 1000..1099 ms, middle 1050
    expect(t.observe(1000, 2000, [{ b: 10, n: 5 }])).toBe(5);
    expect(t.observe(2000, 3000, [{ b: 10, n: 5 }, { b: 20, n: 3 }])).toBe(3);
    expect(t.total).toBe(8);
    expect(t.lastVisibleAt).toBe(2500);
    expect(t.lags).toEqual([
      { value: 450, weight: 5 },
      { value: 450, weight: 3 },
    ]);
    expect(t.observe(3000, 4000, [{ b: 10, n: 7 }])).toBe(2);
    expect(t.lagPercentile(99)).toBe(2450);
  });

  it("counts events never seen as a lower-bound lag", () => {
    const t = new VisibilityTracker();
    t.observe(0, 1000, [{ b: 0, n: 1 }]);
    expect(t.lagPercentile(99, 99, 60_000)).toBe(60_000);
  });
});

describe("ConsumerLog", () => {
  it("sums the consumer's batch timings and times the run from joining the group", () => {
    const log = new ConsumerLog();
    log.take('{"level":"info","time":"2026-11-24T10:00:00.000Z","msg":"joined consumer group"}');
    log.take("not json");
    log.take(
      '{"level":"debug","time":"2026-11-24T10:00:01.000Z","written":100,"deadLettered":0,"timings":{"decode":1,"enrich":2,"sessionize":3,"insert":4},"msg":"batch written"}',
    );
    log.take(
      '{"level":"debug","time":"2026-11-24T10:00:02.500Z","written":50,"deadLettered":1,"timings":{"decode":0.5,"enrich":1,"sessionize":1.5,"insert":2},"msg":"batch written"}',
    );
    expect(log).toMatchObject({ batches: 2, written: 150, deadLettered: 1, stageMs: { decode: 1.5, enrich: 3, sessionize: 4.5, insert: 6 } });
    expect(log.wallMs).toBe(2500);
  });
});
