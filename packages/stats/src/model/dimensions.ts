import { z } from "zod";
import { FILTER_FIELDS, type FilterField } from "./fields.js";

export const TIME_INTERVALS = ["minute", "hour", "day", "week", "month", "year"] as const;
export type TimeInterval = (typeof TIME_INTERVALS)[number];

/** A regular expression groups nothing; the keyed fields are broken down per key (below). */
const FIELD_DIMENSIONS = FILTER_FIELDS.filter((f) => f !== "pattern" && f !== "event_meta" && f !== "tag");

const SIMPLE_DIMENSIONS = [
  ...FIELD_DIMENSIONS,
  ...TIME_INTERVALS.map((i) => `time:${i}` as const),
  /** Hour of the day 0-23, minute of the hour 0-59 and ISO weekday 1-7 (Monday = 1), in the query's zone. */
  "hour",
  "minute",
  "weekday",
  /** The keys present, e.g. for Pirsch's list of tags. */
  "event_meta_key",
  "tag_key",
] as const;

const KEYED = /^(event_meta|tag):(.{1,100})$/s;

/**
 * What to group by: a field, a time bucket ("time:day" = the day in the query's zone), or the
 * value of one key, "event_meta:<key>" or "tag:<key>".
 */
export const dimension = z.union([
  z.enum(SIMPLE_DIMENSIONS as unknown as [SimpleDimension, ...SimpleDimension[]]),
  z.custom<`event_meta:${string}` | `tag:${string}`>((v) => typeof v === "string" && KEYED.test(v), {
    error: "not a dimension: use a field, time:<interval>, hour, minute, weekday, event_meta:<key> or tag:<key>",
  }),
]);

export type SimpleDimension =
  | Exclude<FilterField, "pattern" | "event_meta" | "tag">
  | `time:${TimeInterval}`
  | "hour"
  | "minute"
  | "weekday"
  | "event_meta_key"
  | "tag_key";
export type Dimension = z.infer<typeof dimension>;

/** A dimension taken apart, so the compiler can switch on its kind. */
export type ParsedDimension =
  | { kind: "field"; field: Exclude<FilterField, "pattern" | "event_meta" | "tag"> }
  | { kind: "time"; interval: TimeInterval }
  | { kind: "hour" }
  | { kind: "minute" }
  | { kind: "weekday" }
  | { kind: "keys"; of: "event_meta" | "tag" }
  | { kind: "keyed"; of: "event_meta" | "tag"; key: string };

export function parseDimension(d: Dimension): ParsedDimension {
  const keyed = KEYED.exec(d);
  if (keyed) return { kind: "keyed", of: keyed[1] as "event_meta" | "tag", key: keyed[2]! };
  if (d.startsWith("time:")) return { kind: "time", interval: d.slice(5) as TimeInterval };
  if (d === "hour" || d === "minute" || d === "weekday") return { kind: d };
  if (d === "event_meta_key") return { kind: "keys", of: "event_meta" };
  if (d === "tag_key") return { kind: "keys", of: "tag" };
  return { kind: "field", field: d as Exclude<FilterField, "pattern" | "event_meta" | "tag"> };
}

export function isTimeDimension(d: Dimension): d is `time:${TimeInterval}` {
  return d.startsWith("time:");
}
