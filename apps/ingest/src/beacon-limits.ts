import { LIMITS } from "@pulse/hits";
import { z } from "zod";

const unsetWhenEmpty = (value: unknown) => (value === "" ? undefined : value);

/**
 * Ingest's own variables, read like @pulse/config reads the shared ones (unset or empty: the default;
 * invalid: the service does not start, naming the variable). The beacon may not take more than the
 * tracking API's body limit, which the outer middleware enforces anyway.
 */
const beaconEnv = z.object({
  INGEST_BEACON_MAX_BODY_BYTES: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(1024).max(LIMITS.bodyBytes).default(LIMITS.beaconBodyBytes)),
  /**
   * Off (0) by default: a beacon refused is a page view lost, and many visitors may share one address
   * (offices, carrier-grade NAT). Set it where floods from single addresses matter more.
   */
  INGEST_BEACON_RATE_LIMIT_PER_MINUTE: z.preprocess(unsetWhenEmpty, z.coerce.number().int().min(0).max(1_000_000).default(0)),
});

export interface BeaconLimits {
  /** The beacon's body limit in bytes. */
  bodyBytes: number;
  /** Beacons a minute per client address; 0: no limit. */
  ratePerMinute: number;
}

/** The beacon's limits from the environment. */
export function beaconLimitsOf(env: Record<string, string | undefined> = process.env): BeaconLimits {
  const parsed = beaconEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return { bodyBytes: parsed.data.INGEST_BEACON_MAX_BODY_BYTES, ratePerMinute: parsed.data.INGEST_BEACON_RATE_LIMIT_PER_MINUTE };
}
