import { z } from "zod";
import { addDays, addMonths, daysBetween, instantOf, localDateOf } from "./time-zone.js";

export const DATE_PRESETS = ["today", "yesterday", "7d", "30d", "90d", "12mo", "month", "year", "all"] as const;

const day = z.iso.date({ error: "must be a date as YYYY-MM-DD" });
const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "must be a time as HH:MM");

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Explicit dates, inclusive, in the query's time zone; the times narrow a single day to minutes. */
export const explicitDates = z
  .object({ from: day, to: day, from_time: clock.optional(), to_time: clock.optional() })
  .strict()
  .refine((r) => r.from <= r.to, { error: "from must not be after to", path: ["to"] })
  .refine((r) => (r.from_time === undefined && r.to_time === undefined) || r.from === r.to, {
    error: "from_time and to_time apply only when from and to are the same day",
    path: ["from_time"],
  })
  .refine((r) => r.from_time === undefined || r.to_time === undefined || r.from_time <= r.to_time, {
    error: "from_time must not be after to_time",
    path: ["to_time"],
  });

/** The last n seconds up to now, as Pirsch's `start` parameter (at most an hour). */
export const lastSeconds = z.object({ lastSeconds: z.int().min(1).max(3600) }).strict();

export const dateRange = z.union([z.enum(DATE_PRESETS), explicitDates, lastSeconds]);

export type DatePreset = (typeof DATE_PRESETS)[number];
export type DateRange = z.infer<typeof dateRange>;

/** UTC instants; `end` is exclusive. */
export interface Period {
  start: Date;
  end: Date;
}

/** The days a range covers, in the zone; lastSeconds is not day-based. */
interface LocalSpan {
  from: string;
  to: string;
  fromMinutes: number;
  /** Exclusive end within `to`, in minutes (1440 = the whole day). */
  toMinutes: number;
}

/** "all" begins here: earlier than any hit the platform can hold. */
const EPOCH_DAY = "1970-01-01";

/**
 * Presets end today (inclusive) so a dashboard shows the day in progress: "7d" is today and the six
 * days before it, "12mo" the current month and the eleven before it, "month"/"year" to date.
 */
function spanOf(range: Exclude<DateRange, { lastSeconds: number }>, tz: string, now: Date): LocalSpan {
  const whole = (from: string, to: string): LocalSpan => ({ from, to, fromMinutes: 0, toMinutes: 1440 });
  const today = localDateOf(now.getTime(), tz);
  if (typeof range !== "string") {
    return {
      from: range.from,
      to: range.to,
      fromMinutes: range.from_time === undefined ? 0 : minutesOf(range.from_time),
      // to_time names the last minute included, as a user reads "12:00 to 12:59".
      toMinutes: range.to_time === undefined ? 1440 : minutesOf(range.to_time) + 1,
    };
  }
  switch (range) {
    case "today":
      return whole(today, today);
    case "yesterday":
      return whole(addDays(today, -1), addDays(today, -1));
    case "7d":
      return whole(addDays(today, -6), today);
    case "30d":
      return whole(addDays(today, -29), today);
    case "90d":
      return whole(addDays(today, -89), today);
    case "12mo":
      return whole(addMonths(today, -11), today);
    case "month":
      return whole(`${today.slice(0, 7)}-01`, today);
    case "year":
      return whole(`${today.slice(0, 4)}-01-01`, today);
    case "all":
      return whole(EPOCH_DAY, today);
  }
}

function periodOfSpan(span: LocalSpan, tz: string): Period {
  const start = instantOf(span.from, span.fromMinutes, tz);
  // Minute 1440 of `to` is midnight of the next day, which instantOf resolves like any other time.
  const end = instantOf(span.to, span.toMinutes, tz);
  return { start: new Date(start), end: new Date(end) };
}

/** The UTC instants a range covers in a zone, relative to `now` for presets. */
export function resolveRange(range: DateRange, tz: string, now: Date): Period {
  if (typeof range === "object" && "lastSeconds" in range) {
    return { start: new Date(now.getTime() - range.lastSeconds * 1000), end: now };
  }
  return periodOfSpan(spanOf(range, tz, now), tz);
}

/**
 * The period just before, of the same length: whole days for day-based ranges (so a week in
 * which the clocks change still compares with the 7 days before it), seconds otherwise.
 */
export function previousPeriodOf(range: DateRange, tz: string, now: Date): Period {
  if (typeof range === "object" && "lastSeconds" in range) {
    const { start } = resolveRange(range, tz, now);
    return { start: new Date(start.getTime() - range.lastSeconds * 1000), end: start };
  }
  const span = spanOf(range, tz, now);
  const days = daysBetween(span.from, span.to) + 1;
  return periodOfSpan({ ...span, from: addDays(span.from, -days), to: addDays(span.to, -days) }, tz);
}

/** Midnight at the start of today in the zone: periods ending by then change only by late hits. */
export function startOfTodayIn(tz: string, now: Date): Date {
  return new Date(instantOf(localDateOf(now.getTime(), tz), 0, tz));
}
