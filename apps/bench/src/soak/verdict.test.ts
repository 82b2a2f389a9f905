import { describe, expect, it } from "vitest";
import { lagVerdict, memoryVerdict, type SoakSample, sampleHeader, sampleLine } from "./verdict.js";

const sample = (atS: number, warmup: boolean, ingest: number, lagP50Ms: number, visible = 100): SoakSample => ({
  atS,
  warmup,
  rssMb: { ingest, consumer: 100, query: 80 },
  visible,
  lagP50Ms,
  lagP99Ms: lagP50Ms * 2,
});

describe("memoryVerdict", () => {
  it("ignores warm-up and passes while every later sample is within 10% of the first one after it", () => {
    const samples = [sample(10, true, 50, 300), sample(20, false, 100, 300), sample(30, false, 109, 300), sample(40, false, 92, 300)];
    expect(memoryVerdict(samples, "ingest")).toMatchObject({ pass: true });
    expect(memoryVerdict(samples, "ingest").detail).toContain("largest deviation 9.0%");
  });

  it("fails on growth beyond 10%", () => {
    const samples = [sample(20, false, 100, 300), sample(30, false, 105, 300), sample(40, false, 111, 300)];
    expect(memoryVerdict(samples, "ingest").pass).toBe(false);
  });

  it("fails when the process was gone or nothing was sampled after warm-up", () => {
    expect(memoryVerdict([sample(20, false, 100, 300), sample(30, false, Number.NaN, 300)], "ingest").pass).toBe(false);
    expect(memoryVerdict([sample(10, true, 100, 300)], "ingest").pass).toBe(false);
  });
});

describe("lagVerdict", () => {
  const run = (lags: number[], visible = 100) => lags.map((lag, i) => sample(10 * (i + 2), false, 100, lag, visible));

  it("passes when the last third's median lag is within 25% or 250 ms of the first third's", () => {
    expect(lagVerdict([sample(10, true, 100, 5000), ...run([400, 420, 380, 450, 500, 480, 600, 620, 640])]).pass).toBe(true);
    expect(lagVerdict(run([2000, 2100, 1900, 2200, 2300, 2400, 2400, 2500, 2450])).pass).toBe(true);
  });

  it("fails when the lag climbs", () => {
    const verdict = lagVerdict(run([2000, 2100, 1900, 2500, 2700, 2800, 3000, 3200, 3400]));
    expect(verdict.pass).toBe(false);
    expect(verdict.detail).toContain("p50 lag 2000 ms over the first third, 3200 ms over the last (limit 2500 ms)");
  });

  it("fails when an interval saw nothing become queryable, and with too few samples", () => {
    const stalled = run([400, 400, 400]);
    stalled[1]!.visible = 0;
    expect(lagVerdict(stalled)).toMatchObject({ pass: false });
    expect(lagVerdict(stalled).detail).toContain("1 interval(s) with no event");
    expect(lagVerdict(run([400, 400])).pass).toBe(false);
  });
});

describe("sample lines", () => {
  it("line up under the header and mark warm-up", () => {
    const header = sampleHeader(["ingest", "consumer", "query"]);
    const line = sampleLine(sample(65, true, 88.25, 312.4), ["ingest", "consumer", "query"], 10);
    expect(line.startsWith("01:05")).toBe(true);
    expect(line.endsWith("warm-up")).toBe(true);
    expect(line.slice(0, header.length).trimEnd().split(/\s+/)).toEqual(["01:05", "88.3", "100.0", "80.0", "10", "312", "625"]);
    expect(sampleLine({ ...sample(70, false, 90, Number.NaN), visible: 0 }, ["ingest", "consumer", "query"], 10)).toContain("–");
  });
});
