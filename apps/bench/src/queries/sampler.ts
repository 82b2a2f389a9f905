import type { EndpointClass, EndpointContext } from "./endpoints.js";

/** Wall-clock latencies of one endpoint class, ms: over HTTP and directly, sample by sample. */
export interface Latencies {
  http: number[];
  direct: number[];
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** How many samples to take: `max`, unless `budgetMs` runs out first, but never fewer than `min`. */
export interface SampleBudget {
  max: number;
  min: number;
  budgetMs: number;
}

/**
 * Requests over HTTP and as many direct runs, one at a time and interleaved, the order alternating,
 * so that whatever else the machine does in between weighs on both paths alike. Slow classes stop
 * at the time budget (a 10 s query cannot be sampled 20 times in every repetition).
 */
export async function sampleLatencies(endpoint: EndpointClass, ctx: EndpointContext, budget: SampleBudget): Promise<Latencies> {
  const out: Latencies = { http: [], direct: [] };
  const started = performance.now();
  for (let i = 0; i < budget.max; i++) {
    if (i >= budget.min && performance.now() - started >= budget.budgetMs) break;
    if (i % 2 === 0) {
      out.http.push(await timed(() => endpoint.overHttp(ctx)));
      out.direct.push(await timed(() => endpoint.overDirect(ctx)));
    } else {
      out.direct.push(await timed(() => endpoint.overDirect(ctx)));
      out.http.push(await timed(() => endpoint.overHttp(ctx)));
    }
  }
  return out;
}
