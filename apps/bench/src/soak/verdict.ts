import { median } from "../stats.js";

/** One sample of the soak run, taken every interval. */
export interface SoakSample {
  /** Seconds since the load started. */
  atS: number;
  warmup: boolean;
  /** Resident memory per service, MB (NaN when it could not be read). */
  rssMb: Record<string, number>;
  /** Events that became queryable during the interval. */
  visible: number;
  /** Lag of those events, accepted → queryable, ms (NaN when none became visible). */
  lagP50Ms: number;
  lagP99Ms: number;
}

export interface Verdict {
  criterion: string;
  pass: boolean;
  detail: string;
}

/** After warm-up, each service's resident memory stays within this share of its first sample. */
export const MEMORY_BAND = 0.1;

const afterWarmup = (samples: readonly SoakSample[]) => samples.filter((s) => !s.warmup);

/** Per service: every sample after warm-up within ±10% of the first one after warm-up. */
export function memoryVerdict(samples: readonly SoakSample[], service: string): Verdict {
  const values = afterWarmup(samples).map((s) => s.rssMb[service] ?? Number.NaN);
  const criterion = `${service} resident memory within ±${MEMORY_BAND * 100}% after warm-up`;
  const base = values[0];
  if (base === undefined || !Number.isFinite(base) || values.some((v) => !Number.isFinite(v))) {
    return { criterion, pass: false, detail: "not measured (too few samples after warm-up, or the process was gone)" };
  }
  const low = Math.min(...values);
  const high = Math.max(...values);
  const drift = Math.max(base - low, high - base) / base;
  const last = values.at(-1)!;
  return {
    criterion,
    pass: drift <= MEMORY_BAND,
    detail: `${base.toFixed(1)} MB at the end of warm-up, ${low.toFixed(1)}–${high.toFixed(1)} MB after, ${last.toFixed(1)} MB at the end (largest deviation ${(drift * 100).toFixed(1)}%)`,
  };
}

/** The lag counts as flat when the last third's median is at most this much above the first third's. */
export const LAG_RISE_SHARE = 0.25;
export const LAG_RISE_MS = 250;

/**
 * End-to-end lag stays flat after warm-up: events keep becoming queryable in every interval, and
 * the median of the per-interval p50 lags over the last third of the samples is at most 25% (or
 * 250 ms, whichever is more) above that of the first third.
 */
export function lagVerdict(samples: readonly SoakSample[]): Verdict {
  const measured = afterWarmup(samples);
  const criterion = "end-to-end lag flat after warm-up";
  if (measured.length < 3) return { criterion, pass: false, detail: `only ${measured.length} sample(s) after warm-up; at least 3 needed` };
  const stalled = measured.filter((s) => s.visible === 0).length;
  const third = Math.floor(measured.length / 3);
  const first = median(measured.slice(0, third).map((s) => s.lagP50Ms));
  const last = median(measured.slice(-third).map((s) => s.lagP50Ms));
  const limit = Math.max(first * (1 + LAG_RISE_SHARE), first + LAG_RISE_MS);
  const flat = Number.isFinite(first) && Number.isFinite(last) && last <= limit;
  const detail =
    `p50 lag ${first.toFixed(0)} ms over the first third, ${last.toFixed(0)} ms over the last (limit ${limit.toFixed(0)} ms)` +
    (stalled > 0 ? `; ${stalled} interval(s) with no event becoming queryable` : "");
  return { criterion, pass: flat && stalled === 0, detail };
}

const cell = (value: number, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const WIDTH = 11;

function clock(seconds: number): string {
  const t = Math.round(seconds);
  return `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
}

/** The header of the sample table; every column but the first is WIDTH wide, so lines print as they come. */
export function sampleHeader(services: readonly string[]): string {
  return ["time ", ...[...services.map((s) => `${s} MB`), "visible/s", "lag p50 ms", "lag p99 ms"].map((h) => h.padStart(WIDTH))].join(" ");
}

/** One sample as a line under sampleHeader. */
export function sampleLine(s: SoakSample, services: readonly string[], intervalS: number): string {
  const cells = [...services.map((name) => cell(s.rssMb[name] ?? Number.NaN, 1)), cell(s.visible / intervalS), cell(s.lagP50Ms), cell(s.lagP99Ms)];
  return [clock(s.atS), ...cells.map((c) => c.padStart(WIDTH))].join(" ") + (s.warmup ? "  warm-up" : "");
}
