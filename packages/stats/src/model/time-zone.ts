import { z } from "zod";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: constructing them is the expensive part of every conversion below. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(name: string): boolean {
  try {
    formatterOf(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * An IANA zone name. The character check comes first so that no odd string ever reaches Intl;
 * ClickHouse receives the name as a query parameter and knows the same tz database.
 */
export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, "must be an IANA time zone such as Europe/Berlin")
  .refine(isTimeZone, "unknown time zone");

export type TimeZone = z.infer<typeof timeZone>;

/** Local wall-clock fields of an instant in a zone. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClockOf(instantMs: number, tz: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(tz).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields["year"]!,
    month: fields["month"]!,
    day: fields["day"]!,
    hour: fields["hour"]!,
    minute: fields["minute"]!,
    second: fields["second"]!,
  };
}

/** Milliseconds the zone is ahead of UTC at an instant (Berlin in winter: 3,600,000). */
function offsetMsAt(instantMs: number, tz: string): number {
  const w = wallClockOf(instantMs, tz);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a local date and time happens in a zone. Resolved with the offset found at the
 * first guess, which is right except inside a DST gap, where it lands an hour later as clocks do.
 */
export function instantOf(date: string, minutesOfDay: number, tz: string): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day) + minutesOfDay * 60_000;
  const guess = wall - offsetMsAt(wall, tz);
  return wall - offsetMsAt(guess, tz);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(instantMs: number, tz: string): string {
  const w = wallClockOf(instantMs, tz);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Calendar arithmetic on 'YYYY-MM-DD' strings, independent of any zone. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` ('YYYY-MM-DD'); 0 when equal. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ISO weekday of a date: Monday = 1 ... Sunday = 7. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}
