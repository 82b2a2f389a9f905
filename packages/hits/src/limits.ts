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
  /** Batch `time` may lie this far in the future (clock skew) ... */
  futureSkewMs: 60_000,
  /** ... and this far in the past. */
  maxAgeMs: 7 * 24 * 3600_000,
} as const;
