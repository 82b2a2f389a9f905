/** YYYY-MM-DD of an instant in a zone (en-CA formats dates that way). */
export function localDateOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A start_date or end_date as the product's local date: a plain date is taken as is, a date-time
 * (with its offset) is the day it falls on in the product's zone.
 */
export function dayOf(value: string, timeZone: string): string {
  return DATE.test(value) ? value : localDateOf(Date.parse(value), timeZone);
}

/** Without dates a query covers the last 30 days, today included; one date alone extends 30 days from or to it. */
export const DEFAULT_DAYS = 30;

export function daysOf(params: { start_date?: string | undefined; end_date?: string | undefined }, timeZone: string, now: Date): { from: string; to: string } {
  const from = params.start_date === undefined ? undefined : dayOf(params.start_date, timeZone);
  const to = params.end_date === undefined ? undefined : dayOf(params.end_date, timeZone);
  if (from !== undefined && to !== undefined) return { from, to };
  if (from !== undefined) return { from, to: addDays(from, DEFAULT_DAYS - 1) };
  const end = to ?? localDateOf(now.getTime(), timeZone);
  return { from: addDays(end, -(DEFAULT_DAYS - 1)), to: end };
}
