/**
 * Kindmetrics' "percentage": a whole percent, cut off rather than rounded (Crystal's to_i), of the
 * share the engine gives (0..1, four decimals). Working in basis points keeps 0.29 at 29, not 28.
 */
export function percentageOf(share: number | undefined): number {
  const basisPoints = Math.round((share ?? 0) * 10_000);
  return Math.floor(basisPoints / 100);
}

/** Kindmetrics' "bounce": the bounce rate as a rounded whole percent. */
export function bounceOf(bounceRate: number | undefined): number {
  return Math.round((bounceRate ?? 0) * 100);
}
