import { describe, expect, it } from "vitest";
import { median, percentile, percentiles, ratio, summarize, weightedPercentile } from "./stats.js";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the two middles of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("ignores values that are not finite and is NaN for none", () => {
    expect(median([Number.NaN, 5, Number.POSITIVE_INFINITY, 1])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it("does not reorder its input", () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });
});

describe("summarize", () => {
  it("gives median, min and max of the runs and keeps the runs", () => {
    expect(summarize([10, 30, 20])).toEqual({ median: 20, min: 10, max: 30, runs: [10, 30, 20] });
  });

  it("is NaN throughout when no run produced a value", () => {
    const s = summarize([Number.NaN]);
    expect(s.median).toBeNaN();
    expect(s.min).toBeNaN();
    expect(s.max).toBeNaN();
  });
});

describe("percentile (nearest rank)", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it("returns values that were measured", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it("rounds the rank up on small samples", () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([1, 2, 3, 4], 25)).toBe(1);
  });

  it("is NaN for no values and refuses p outside 0..100", () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("computes several at once", () => {
    expect(percentiles(hundred, [50, 99])).toEqual({ p50: 50, p99: 99 });
  });
});

describe("weightedPercentile", () => {
  it("counts each value as often as its weight", () => {
    const items = [
      { value: 100, weight: 98 },
      { value: 2000, weight: 2 },
    ];
    expect(weightedPercentile(items, 50)).toBe(100);
    expect(weightedPercentile(items, 98)).toBe(100);
    expect(weightedPercentile(items, 99)).toBe(2000);
  });

  it("agrees with the unweighted percentile when every weight is 1", () => {
    const values = [9, 3, 7, 1, 5];
    for (const p of [0, 20, 50, 90, 100]) {
      expect(weightedPercentile(values.map((value) => ({ value, weight: 1 })), p)).toBe(percentile(values, p));
    }
  });

  it("is NaN without weight", () => {
    expect(weightedPercentile([{ value: 1, weight: 0 }], 50)).toBeNaN();
  });
});

describe("ratio", () => {
  it("divides, and is NaN when either side is missing or the divisor is 0", () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBeNaN();
    expect(ratio(Number.NaN, 4)).toBeNaN();
  });
});
