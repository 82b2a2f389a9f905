import type { TimeInterval } from "../model/dimensions.js";

/**
 * The label of the bucket a time falls in, in the query's zone: "2025-03-03" for a day or week
 * (its Monday), "2025-03-01" for a month, "2025-03-03 14:00:00" for an hour. Labels are text so
 * that the engine can list every bucket of a period, including empty ones, and match them up.
 * `tz` is a placeholder: ClickHouse takes the zone argument as a constant, which a parameter is.
 * Days, months and years are the text of a Date32 (same labels, and the range of DateTime64):
 * formatDateTime cost three times as much per row (10M rows: ~95 ms against ~30 ms).
 */
export function bucketOf(interval: TimeInterval, time: string, tz: string): string {
  switch (interval) {
    case "minute":
      return `formatDateTime(${time}, '%Y-%m-%d %H:%i:00', ${tz})`;
    case "hour":
      return `formatDateTime(${time}, '%Y-%m-%d %H:00:00', ${tz})`;
    case "day":
      return `toString(toDate32(${time}, ${tz}))`;
    case "week":
      return `toString(toStartOfWeek(${time}, 1, ${tz}))`;
    case "month":
      return `toString(toStartOfMonth(toDate32(${time}, ${tz})))`;
    case "year":
      return `toString(toStartOfYear(toDate32(${time}, ${tz})))`;
  }
}

/** Hour of the day, 0-23, in the zone. */
export function hourOf(time: string, tz: string): string {
  return `toHour(${time}, ${tz})`;
}

/** Minute of the hour, 0-59, in the zone (zones 30 or 45 minutes off UTC shift it). */
export function minuteOf(time: string, tz: string): string {
  return `toMinute(${time}, ${tz})`;
}

/** ISO weekday, Monday = 1 ... Sunday = 7, in the zone (mode 0 of toDayOfWeek). */
export function weekdayOf(time: string, tz: string): string {
  return `toDayOfWeek(${time}, 0, ${tz})`;
}
