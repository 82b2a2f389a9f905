import { LIMITS } from "@pulse/hits";
import { z } from "zod";

/**
 * Ingest's own variable, read like @pulse/config reads the shared ones (unset or empty: the default;
 * invalid: the service does not start, naming it). The beacon may not take more than the tracking
 * API's body limit, which the outer middleware enforces anyway.
 */
const beaconEnv = z.object({
  INGEST_BEACON_MAX_BODY_BYTES: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number().int().min(1024).max(LIMITS.bodyBytes).default(LIMITS.beaconBodyBytes),
  ),
});

/** The beacon's body limit in bytes from the environment. */
export function beaconBodyBytesOf(env: Record<string, string | undefined> = process.env): number {
  const parsed = beaconEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable INGEST_BEACON_MAX_BODY_BYTES: ${issue.message}`);
  }
  return parsed.data.INGEST_BEACON_MAX_BODY_BYTES;
}
