/**
 * Growth from the previous value as a ratio: 0.25 is a quarter more, -0.5 half as much. From 0 to
 * anything else there is no ratio: null (0 to 0 is no change).
 */
export function changeOf(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return Math.round(((current - previous) / previous) * 10_000) / 10_000;
}

/** A share of a total as a ratio with four decimals; 0 of nothing. */
export function shareOf(part: number, total: number): number {
  return total === 0 ? 0 : Math.round((part / total) * 10_000) / 10_000;
}
