import type { EndpointClass, EndpointContext } from "./endpoints.js";

/** Wall-clock latencies of one endpoint class, ms: over HTTP and directly, sample by sample. */
export interface Latencies {
  http: number[];
  direct: number[];
  /** Why sampling stopped early: a request failed (its time until the failure is the last sample). */
  failure?: string;
}

/**
 * How many samples to take: `max`, unless `budgetMs` has run out after at least `min`; a class so
 * slow that one pair of samples took `hardMs` stops there.
 */
export interface SampleBudget {
  max: number;
  min: number;
  budgetMs: number;
  hardMs: number;
}

/** The time `work` took, and its error when it failed. */
async function timed(work: () => Promise<void>): Promise<{ ms: number; error?: Error }> {
  const started = performance.now();
  try {
    await work();
    return { ms: performance.now() - started };
  } catch (error) {
    return { ms: performance.now() - started, error: error as Error };
  }
}

/**
 * Requests over HTTP and as many direct runs, one at a time and interleaved, the order alternating,
 * so that whatever else the machine does in between weighs on both paths alike. Slow classes stop
 * at the time budget (a 10 s query cannot be sampled 20 times in every repetition). A failed
 * request (a timeout, typically) ends the class's sampling: its time so far is kept, a lower bound.
 */
export async function sampleLatencies(endpoint: EndpointClass, ctx: EndpointContext, budget: SampleBudget): Promise<Latencies> {
  const out: Latencies = { http: [], direct: [] };
  const started = performance.now();
  for (let i = 0; i < budget.max; i++) {
    const elapsed = performance.now() - started;
    if (i >= budget.min && elapsed >= budget.budgetMs) break;
    if (i >= 1 && elapsed >= budget.hardMs) break;
    const order = i % 2 === 0 ? (["http", "direct"] as const) : (["direct", "http"] as const);
    for (const path of order) {
      const run = await timed(() => (path === "http" ? endpoint.overHttp(ctx) : endpoint.overDirect(ctx)));
      out[path].push(run.ms);
      if (run.error && out.failure === undefined) out.failure = `${path}: ${run.error.message.split("\n")[0]}`;
    }
    if (out.failure !== undefined) break;
  }
  return out;
}
