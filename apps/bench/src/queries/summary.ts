import { type FigureResult, figure, type TargetResult, target } from "../report.js";
import { median, percentiles, ratio } from "../stats.js";
import type { EndpointClass } from "./endpoints.js";
import type { Latencies } from "./sampler.js";

/** One repetition's percentiles of one endpoint class, ms. */
export interface RepetitionLatency {
  httpP50: number;
  httpP95: number;
  directP50: number;
  directP95: number;
  /** A request failed (a timeout, typically): the latencies are lower bounds and no overhead is taken. */
  failed?: boolean;
}

/** Everything measured on one dataset: per endpoint class id, one entry per repetition. */
export interface DatasetMeasure {
  events: number;
  byClass: Record<string, RepetitionLatency[]>;
}

/** The size the targets are set for. */
export const TARGET_EVENTS = 10_000_000;
/** The API may add at most this much to the direct path's p50. */
export const MAX_API_OVERHEAD = 0.15;

export function latencyOf(samples: Latencies): RepetitionLatency {
  const http = percentiles(samples.http, [50, 95]);
  const direct = percentiles(samples.direct, [50, 95]);
  const latency: RepetitionLatency = { httpP50: http["p50"]!, httpP95: http["p95"]!, directP50: direct["p50"]!, directP95: direct["p95"]! };
  if (samples.failure !== undefined) latency.failed = true;
  return latency;
}

/** 1_000_000 → "1M", 20_000 → "20k", 2_500_000 → "2.5M". */
export function sizeLabel(events: number): string {
  const trim = (n: number) => String(Number(n.toFixed(1)));
  if (events >= 1_000_000) return `${trim(events / 1_000_000)}M`;
  if (events >= 1_000) return `${trim(events / 1_000)}k`;
  return String(events);
}

/** (HTTP p50 − direct p50) ÷ direct p50 of one repetition; NaN when a request failed (times to a failure compare nothing). */
export function overheadOf(r: RepetitionLatency): number {
  return r.failed ? Number.NaN : ratio(r.httpP50 - r.directP50, r.directP50);
}

/**
 * Per dataset and class: p50/p95 over HTTP and direct, and the API's overhead; then, when there
 * are two datasets or more, how the p50s grew from the smallest to the largest (repetition r of
 * one over repetition r of the other, both from this run).
 */
export function queryFigures(datasets: readonly DatasetMeasure[], classes: readonly EndpointClass[]): FigureResult[] {
  const figures: FigureResult[] = [];
  for (const d of datasets) {
    const size = sizeLabel(d.events);
    for (const c of classes) {
      const runs = d.byClass[c.id] ?? [];
      const pick = (f: (r: RepetitionLatency) => number) => runs.map(f);
      figures.push(
        figure(`${size}: ${c.label}, HTTP p50`, "ms", pick((r) => r.httpP50)),
        figure(`${size}: ${c.label}, HTTP p95`, "ms", pick((r) => r.httpP95)),
        figure(`${size}: ${c.label}, direct ${c.direct} p50`, "ms", pick((r) => r.directP50)),
        figure(`${size}: ${c.label}, direct ${c.direct} p95`, "ms", pick((r) => r.directP95)),
        figure(`${size}: ${c.label}, API overhead over direct ${c.direct} (p50)`, "ratio", pick(overheadOf)),
      );
    }
  }
  if (datasets.length >= 2) {
    const small = datasets[0]!;
    const large = datasets.at(-1)!;
    const growth = `${sizeLabel(large.events)}/${sizeLabel(small.events)}`;
    for (const c of classes) {
      const a = small.byClass[c.id] ?? [];
      const b = large.byClass[c.id] ?? [];
      const paired = (f: (r: RepetitionLatency) => number) => b.map((r, i) => ratio(f(r), a[i] ? f(a[i]) : Number.NaN));
      figures.push(
        figure(`${growth}: ${c.label}, HTTP p50`, "×", paired((r) => r.httpP50)),
        figure(`${growth}: ${c.label}, direct ${c.direct} p50`, "×", paired((r) => r.directP50)),
      );
    }
  }
  return figures;
}

/**
 * The targets, checked on the largest dataset measured; when that is not 10M events the
 * result says so (a smaller dataset flatters the latencies).
 */
export function queryTargets(datasets: readonly DatasetMeasure[], classes: readonly EndpointClass[]): TargetResult[] {
  const largest = datasets.at(-1);
  if (largest === undefined) return [];
  const size = sizeLabel(largest.events);
  const smaller = largest.events < TARGET_EVENTS ? `measured at ${size}, the target is for ${sizeLabel(TARGET_EVENTS)}` : undefined;
  const noteOf = (runs: readonly RepetitionLatency[], failed: string) => {
    const failures = runs.filter((r) => r.failed).length;
    const parts = [smaller, failures > 0 ? `${failures} of ${runs.length} repetition(s) ${failed}` : undefined].filter((p) => p !== undefined);
    return parts.length > 0 ? parts.join("; ") : undefined;
  };
  const targets: TargetResult[] = [];
  for (const c of classes) {
    const runs = largest.byClass[c.id] ?? [];
    const note = noteOf(runs, "had a failed request: a lower bound");
    targets.push(target(`4: ${c.id} p95 < ${c.targetP95Ms} ms at 10M (HTTP)`, median(runs.map((r) => r.httpP95)), "ms", "<", c.targetP95Ms, note));
  }
  for (const c of classes.filter((k) => k.direct === "SQL")) {
    const runs = largest.byClass[c.id] ?? [];
    const note = noteOf(runs, "had a failed request, left out");
    targets.push(target(`4: ${c.id} API overhead over direct SQL (p50)`, median(runs.map(overheadOf)), "ratio", "<", MAX_API_OVERHEAD, note));
  }
  return targets;
}
