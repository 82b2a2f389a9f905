import { StatsQueryError } from "../errors.js";
import type { Period } from "../model/date-range.js";
import type { TimeInterval } from "../model/dimensions.js";
import { addDays, addMonths, localDateOf, wallClockOf, weekdayOf } from "../model/time-zone.js";

/** A timeseries longer than this is a mistake (minutes over a year), not a chart. */
export const MAX_BUCKETS = 10_000;

const pad = (n: number) => String(n).padStart(2, "0");

function clockLabelOf(instantMs: number, tz: string, withMinutes: boolean): string {
  const w = wallClockOf(instantMs, tz);
  return `${localDateOf(instantMs, tz)} ${pad(w.hour)}:${withMinutes ? pad(w.minute) : "00"}:00`;
}

function tooMany(): never {
  throw new StatsQueryError(`a timeseries has at most ${MAX_BUCKETS} buckets: choose a longer interval`, ["dimensions"]);
}

/** Buckets that step by a fixed duration; the labels of a repeated hour (clocks going back) merge. */
function clockBuckets(period: Period, tz: string, stepMs: number, withMinutes: boolean): string[] {
  const start = period.start.getTime();
  const w = wallClockOf(start, tz);
  // Back to the start of the local minute or hour; zone offsets are whole minutes, so local = UTC seconds.
  let t = start - (w.second * 1000 + (start % 1000)) - (withMinutes ? 0 : w.minute * 60_000);
  const labels: string[] = [];
  for (; t < period.end.getTime(); t += stepMs) {
    const label = clockLabelOf(t, tz, withMinutes);
    if (labels.at(-1) !== label) labels.push(label);
    if (labels.length > MAX_BUCKETS) tooMany();
  }
  return labels;
}

/** Buckets that step by calendar days or months in the zone. */
function calendarBuckets(first: string, last: string, next: (label: string) => string): string[] {
  const labels: string[] = [];
  for (let label = first; label <= last; label = next(label)) {
    labels.push(label);
    if (labels.length > MAX_BUCKETS) tooMany();
  }
  return labels;
}

/**
 * Every bucket label of a period in a zone, in order, exactly as sql/time-buckets.ts labels rows
 * ("2025-03-03", "2025-03-03 14:00:00", ...), so that empty buckets can be filled with zeros.
 */
export function bucketsOf(interval: TimeInterval, period: Period, tz: string): string[] {
  if (period.end.getTime() <= period.start.getTime()) return [];
  const firstDay = localDateOf(period.start.getTime(), tz);
  const lastDay = localDateOf(period.end.getTime() - 1, tz);
  switch (interval) {
    case "minute":
      return clockBuckets(period, tz, 60_000, true);
    case "hour":
      return clockBuckets(period, tz, 3_600_000, false);
    case "day":
      return calendarBuckets(firstDay, lastDay, (d) => addDays(d, 1));
    case "week":
      return calendarBuckets(addDays(firstDay, 1 - weekdayOf(firstDay)), lastDay, (d) => addDays(d, 7));
    case "month":
      return calendarBuckets(`${firstDay.slice(0, 7)}-01`, lastDay, (d) => addMonths(d, 1));
    case "year":
      return calendarBuckets(`${firstDay.slice(0, 4)}-01-01`, lastDay, (d) => addMonths(d, 12));
  }
}
