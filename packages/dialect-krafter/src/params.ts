import { z } from "zod";
import { addDays, addMonths } from "./dates.js";
import { DIMENSIONS, isKrafterDimension, type KrafterDimension } from "./dimensions.js";

export const PERIODS = ["7d", "30d", "12mo", "custom"] as const;
export type Period = (typeof PERIODS)[number];

const DATE_ERROR = "must be an ISO 8601 date such as 2025-01-01";
/** ISO 8601: a date, or a date-time of which the date counts. */
const isoDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true, local: true })], { error: DATE_ERROR })
  .transform((s) => s.slice(0, 10));

/** Comma-separated dimension names; blanks and repeats are dropped, unknown names refused. */
const dimensionList = z
  .string()
  .max(500)
  .optional()
  .transform((text, ctx) => {
    const names = [...new Set((text ?? "").split(",").map((s) => s.trim()).filter((s) => s !== ""))];
    const unknown = names.filter((name) => !isKrafterDimension(name));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `unknown dimension; use ${Object.keys(DIMENSIONS).join(", ")}` });
      return z.NEVER;
    }
    return names as KrafterDimension[];
  });

const periodFields = {
  period: z.enum(PERIODS, { error: `must be one of ${PERIODS.join(", ")}` }).default("30d"),
  from: isoDate.optional().describe("Start date; required when period=custom"),
  to: isoDate.optional().describe("End date; required when period=custom"),
};

/** from and to are required with period=custom, and in order. */
function checkCustom(p: { period: Period; from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  if (p.period !== "custom") return;
  if (p.from === undefined) ctx.addIssue({ code: "custom", message: "is required when period=custom", path: ["from"] });
  if (p.to === undefined) ctx.addIssue({ code: "custom", message: "is required when period=custom", path: ["to"] });
  if (p.from !== undefined && p.to !== undefined && p.from > p.to) ctx.addIssue({ code: "custom", message: "must not be after to", path: ["from"] });
}

/** GET /analytics/sites/:key/events */
export const periodParams = z.object(periodFields).superRefine(checkCustom);
/** GET /analytics/sites/:key/stats */
export const statsParams = z.object({ ...periodFields, dimensions: dimensionList.describe("Comma-separated dimensions to break down by") }).superRefine(checkCustom);

export type PeriodParams = z.infer<typeof periodParams>;

export interface Dates {
  from: string;
  to: string;
}

/**
 * The inclusive dates of a period ending today. Krafter's own example answers period=7d with
 * 2025-02-11 .. 2025-02-18 (eight daily points), so a preset reaches back that many days (or
 * 12 months) from today, which is included.
 */
export function datesOf(params: PeriodParams, today: string): Dates {
  switch (params.period) {
    case "7d":
      return { from: addDays(today, -7), to: today };
    case "30d":
      return { from: addDays(today, -30), to: today };
    case "12mo":
      return { from: addMonths(today, -12), to: today };
    case "custom":
      // checkCustom made sure both are there.
      return { from: params.from!, to: params.to! };
  }
}
