/**
 * How long and how hard each scenario runs. `npm test` runs the short profile (a few hundred events,
 * 5 s outages) so the whole suite fits CI; `npm run test:faults` sets PULSE_FAULTS=full (30 s outages).
 */
export interface Profile {
  name: "short" | "full";
  /** Length of each outage or fault phase. */
  outageMs: number;
  /** Steady traffic before a fault is injected and after it is lifted. */
  beforeMs: number;
  afterMs: number;
  /** Requests a second, each carrying `batchSize` events. */
  requestsPerSecond: number;
  batchSize: number;
  /** How long the pipeline may take to catch up once traffic stopped. */
  settleTimeoutMs: number;
}

const SHORT: Profile = {
  name: "short",
  outageMs: 5_000,
  beforeMs: 3_000,
  afterMs: 4_000,
  requestsPerSecond: 8,
  batchSize: 5,
  settleTimeoutMs: 120_000,
};

const FULL: Profile = {
  name: "full",
  outageMs: 30_000,
  beforeMs: 10_000,
  afterMs: 15_000,
  requestsPerSecond: 20,
  batchSize: 5,
  settleTimeoutMs: 300_000,
};

export function profileOf(env: NodeJS.ProcessEnv = process.env): Profile {
  return env.PULSE_FAULTS === "full" ? FULL : SHORT;
}
