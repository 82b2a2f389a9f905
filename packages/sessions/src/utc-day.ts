export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' of an epoch-ms time in UTC: the salt of a hit is the salt of its UTC day. */
export function utcDayOf(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/** Epoch ms of the UTC midnight that starts the day holding timeMs. */
export function utcMidnightOf(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}
