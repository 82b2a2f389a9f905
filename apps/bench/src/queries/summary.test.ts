import { describe, expect, it } from "vitest";
import type { EndpointClass } from "./endpoints.js";
import { type DatasetMeasure, latencyOf, overheadOf, queryFigures, queryTargets, sizeLabel } from "./summary.js";

const noop = async () => {};
const classes: EndpointClass[] = [
  { id: "aggregate", label: "aggregate", direct: "SQL", targetP95Ms: 100, overHttp: noop, overDirect: noop },
  { id: "realtime", label: "realtime", direct: "Redis", targetP95Ms: 5, overHttp: noop, overDirect: noop },
];
const rep = (httpP50: number, httpP95: number, directP50: number, directP95: number) => ({ httpP50, httpP95, directP50, directP95 });

const small: DatasetMeasure = {
  events: 1_000_000,
  byClass: { aggregate: [rep(11, 14, 10, 12), rep(12, 15, 10, 13)], realtime: [rep(2, 3, 1, 1.5), rep(2, 4, 1, 2)] },
};
const large: DatasetMeasure = {
  events: 10_000_000,
  byClass: { aggregate: [rep(55, 90, 50, 80), rep(60, 120, 50, 100)], realtime: [rep(2, 3, 1, 1), rep(4, 6, 2, 3)] },
};

describe("latencyOf", () => {
  it("takes nearest-rank p50 and p95 of each path", () => {
    const http = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(latencyOf({ http, direct: [5, 1, 3] })).toEqual({ httpP50: 10, httpP95: 19, directP50: 3, directP95: 5 });
  });
});

describe("sizeLabel", () => {
  it("names sizes as the issue does", () => {
    expect([sizeLabel(1_000_000), sizeLabel(10_000_000), sizeLabel(20_000), sizeLabel(2_500_000), sizeLabel(999)]).toEqual(["1M", "10M", "20k", "2.5M", "999"]);
  });
});

describe("queryFigures", () => {
  it("gives each dataset and class its percentiles and overhead, then the growth from the smallest to the largest", () => {
    const figures = queryFigures([small, large], classes);
    const byLabel = new Map(figures.map((f) => [f.label, f]));
    expect(figures).toHaveLength(2 * 2 * 5 + 2 * 2);
    expect(byLabel.get("10M: aggregate, HTTP p95")).toMatchObject({ median: 105, min: 90, max: 120 });
    expect(byLabel.get("1M: realtime, direct Redis p50")).toMatchObject({ median: 1 });
    // (11 − 10) / 10 and (12 − 10) / 10
    expect(byLabel.get("1M: aggregate, API overhead over direct SQL (p50)")!.runs).toEqual([0.1, 0.2].map((v) => expect.closeTo(v, 10)));
    // repetition by repetition: 55 / 11 and 60 / 12
    expect(byLabel.get("10M/1M: aggregate, HTTP p50")).toMatchObject({ unit: "×", runs: [5, 5] });
    expect(byLabel.get("10M/1M: realtime, direct Redis p50")!.runs).toEqual([1, 2]);
  });

  it("has no growth rows for a single dataset", () => {
    expect(queryFigures([small], classes).filter((f) => f.unit === "×")).toEqual([]);
  });
});

describe("queryTargets", () => {
  it("checks p95 on the largest dataset for every class and the overhead for the SQL classes only", () => {
    const targets = queryTargets([small, large], classes);
    expect(targets.map((t) => [t.name, t.measured, t.pass])).toEqual([
      ["4: aggregate p95 < 100 ms at 10M (HTTP)", 105, false],
      ["4: realtime p95 < 5 ms at 10M (HTTP)", 4.5, true],
      ["4: aggregate API overhead over direct SQL (p50)", expect.closeTo(0.15, 10), false],
    ]);
    expect(targets.every((t) => t.note === undefined)).toBe(true);
  });

  it("says when the largest dataset is smaller than the targets are set for", () => {
    const [first] = queryTargets([small], classes);
    expect(first).toMatchObject({ measured: 14.5, pass: true, note: "measured at 1M, the target is for 10M" });
  });

  it("keeps the overhead's sign: an API faster than direct is no overhead", () => {
    expect(overheadOf(rep(9, 9, 10, 10))).toBeCloseTo(-0.1);
  });
});

describe("failed requests", () => {
  const failed = { ...rep(30_000, 30_000, 8_000, 8_000), failed: true };
  const withFailure: DatasetMeasure = { events: 10_000_000, byClass: { aggregate: [rep(55, 90, 50, 80), failed, rep(60, 100, 50, 90)], realtime: [] } };

  it("take no overhead from a repetition with a failed request, and latencyOf marks it", () => {
    expect(overheadOf(failed)).toBeNaN();
    expect(latencyOf({ http: [1], direct: [2], failure: "http: Timeout error." })).toMatchObject({ failed: true });
  });

  it("say so in the targets: the latency is a lower bound, the overhead leaves it out", () => {
    const [p95, , overhead] = queryTargets([withFailure], classes);
    expect(p95).toMatchObject({ measured: 100, note: "1 of 3 repetition(s) had a failed request: a lower bound" });
    // (55 − 50) / 50 and (60 − 50) / 50; the failed repetition is not a value.
    expect(overhead!.measured).toBeCloseTo(0.15);
    expect(overhead!.note).toBe("1 of 3 repetition(s) had a failed request, left out");
  });
});
