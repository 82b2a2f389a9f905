/**
 * Versions for ReplacingMergeTree: microseconds since the epoch, strictly increasing within
 * a process even when several writes land in the same millisecond. Stays below 2^53 until
 * the year 2255, so it survives JSON as a plain number.
 */
export function createVersionClock(now: () => number = Date.now): () => number {
  let last = 0;
  return () => {
    last = Math.max(now() * 1000, last + 1);
    return last;
  };
}
