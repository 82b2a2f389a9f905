import { LIMITS } from "./limits.js";

/** Why a hit's time is refused, or undefined when it is acceptable relative to `now`. */
export function timeProblemOf(timeMs: number, now: number): string | undefined {
  if (timeMs > now + LIMITS.futureSkewMs) return "lies in the future";
  if (timeMs < now - LIMITS.maxAgeMs) return `is older than ${LIMITS.maxAgeMs / 86_400_000} days`;
  return undefined;
}
