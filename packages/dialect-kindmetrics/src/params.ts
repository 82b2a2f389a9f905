import { ValidationError } from "@pulse/service";
import { z } from "zod";
import { addDays, todayIn } from "./dates.js";

const day = z.iso.date({ error: "must be a date like 2020-06-01" });

/** Kindmetrics strips the blanks around a filter value; an empty one filters nothing, as if not sent. */
const filterValue = z
  .string()
  .max(2048)
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

/** The query parameters every statistics endpoint of a domain takes, as Kindmetrics documents them. */
export const statsParams = z.object({
  from: day.optional().describe("First day, inclusive (default: 7 days ago in the domain's time zone)"),
  to: day.optional().describe("Last day, inclusive (default: today in the domain's time zone)"),
  source_name: filterValue.describe("Only visits from this source, e.g. Google or indiehackers.com"),
  medium_name: filterValue.describe("Only visits of this group of sources, e.g. Social or Search"),
  site_path: filterValue.describe("Only this page path, e.g. /blog"),
  goal_id: filterValue.describe("Only what converted on this goal of the domain"),
});
export type StatsParams = z.infer<typeof statsParams>;

export interface Dates {
  from: string;
  to: string;
}

/**
 * The inclusive dates asked for. As documented, `to` defaults to today and `from` to 7 days ago,
 * both on the domain's clock (Kindmetrics used UTC; our sites each have a zone).
 */
export function datesOf(params: Pick<StatsParams, "from" | "to">, timeZone: string, now: Date): Dates {
  const today = todayIn(timeZone, now);
  const dates = { from: params.from ?? addDays(today, -7), to: params.to ?? today };
  if (dates.from > dates.to) {
    throw new ValidationError("Invalid query parameters", [{ field: "from", message: "must not be after to" }]);
  }
  return dates;
}
