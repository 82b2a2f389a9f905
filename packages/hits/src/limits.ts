/** Documented request limits of the tracking API (README "Tracking API limits"). */
export const LIMITS = {
  urlLength: 2048,
  referrerLength: 2048,
  titleLength: 512,
  headerLength: 1024,
  eventNameLength: 200,
  tagCount: 50,
  metaCount: 50,
  keyLength: 100,
  valueLength: 512,
  batchSize: 1000,
  /** Bodies above this are refused with 413 before parsing. */
  bodyBytes: 2 * 1024 * 1024,
  /**
   * The keyless browser beacon's default body limit (INGEST_BEACON_MAX_BODY_BYTES): anyone may post
   * there, and JSON parsing runs before anything else, so its cost is bounded by a limit of its own.
   * The largest beacon the field limits allow (50 tags, 50 metadata entries, URL, referrer, title) is
   * about 70 KB of ASCII.
   */
  beaconBodyBytes: 128 * 1024,
  /** Batch `time` may lie this far in the future (clock skew) ... */
  futureSkewMs: 60_000,
  /** ... and this far in the past. */
  maxAgeMs: 7 * 24 * 3600_000,
} as const;
