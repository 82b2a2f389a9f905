import { describe, expect, it } from "vitest";
import type { EndpointClass, EndpointContext } from "./endpoints.js";
import { sampleLatencies } from "./sampler.js";

const ctx = {} as EndpointContext;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function endpoint(httpMs: number, directMs: number, calls: string[], failHttpAt = -1): EndpointClass {
  let http = 0;
  return {
    id: "x",
    label: "x",
    direct: "SQL",
    targetP95Ms: 1,
    overHttp: async () => {
      calls.push("http");
      await sleep(httpMs);
      if (http++ === failHttpAt) throw new Error("Timeout error.\nstack");
    },
    overDirect: async () => {
      calls.push("direct");
      await sleep(directMs);
    },
  };
}

describe("sampleLatencies", () => {
  it("interleaves the two paths, alternating which goes first, up to the maximum", async () => {
    const calls: string[] = [];
    const out = await sampleLatencies(endpoint(1, 1, calls), ctx, { max: 3, min: 1, budgetMs: 10_000, hardMs: 10_000 });
    expect(calls).toEqual(["http", "direct", "direct", "http", "http", "direct"]);
    expect(out.http).toHaveLength(3);
    expect(out.direct).toHaveLength(3);
    expect(out.failure).toBeUndefined();
  });

  it("stops at the budget once it has the minimum, and after one pair when that pair took the hard limit", async () => {
    const calls: string[] = [];
    expect((await sampleLatencies(endpoint(15, 15, calls), ctx, { max: 20, min: 2, budgetMs: 1, hardMs: 10_000 })).http).toHaveLength(2);
    expect((await sampleLatencies(endpoint(15, 15, calls), ctx, { max: 20, min: 3, budgetMs: 1, hardMs: 20 })).http).toHaveLength(1);
  });

  it("ends at a failed request, keeping its time and the first line of its error", async () => {
    const calls: string[] = [];
    const out = await sampleLatencies(endpoint(5, 1, calls, 1), ctx, { max: 5, min: 5, budgetMs: 10_000, hardMs: 10_000 });
    expect(out.failure).toBe("http: Timeout error.");
    expect(out.http).toHaveLength(2);
    expect(out.http[1]).toBeGreaterThanOrEqual(4);
    expect(calls).toHaveLength(4);
  });
});
