import type { FilterOp } from "@pulse/stats";
import { z } from "zod";
import { pagingQuery } from "../http/paging.js";

/** A date (YYYY-MM-DD) or an ISO 8601 date-time with an offset. */
const dateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO 8601 date-time" });

/** Kissmetrics-style operator names for the engine's filter ops. */
export const OPERATORS = { equals: "is", not_equals: "is_not", contains: "contains", not_contains: "not_contains" } as const satisfies Record<string, FilterOp>;

const text = (max: number) => z.string().max(max);
/** Empty strings are "not given", as a form that leaves a field blank means. */
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v === "" ? undefined : v));

/**
 * A condition on one property: ?property=country&operator=equals&value=US; several values (repeat
 * ?value=) match any of them (none of them for the negated operators). The property is a property
 * name or id as /core/properties lists them.
 */
const filterParams = {
  property: optionalText(200),
  operator: z.enum(Object.keys(OPERATORS) as [keyof typeof OPERATORS, ...(keyof typeof OPERATORS)[]]).default("equals"),
  value: z
    .union([text(2048), z.array(text(2048)).min(1).max(50)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
};

const dateParams = { start_date: dateParam.optional(), end_date: dateParam.optional() };

function filterComplete(p: { property?: string | undefined; value?: string[] | undefined }, ctx: z.RefinementCtx) {
  if ((p.property === undefined) !== (p.value === undefined)) {
    ctx.addIssue({ code: "custom", message: "property and value go together", path: [p.property === undefined ? "property" : "value"] });
  }
}

export const INTERVALS = ["hour", "day", "week", "month"] as const;

/** GET /query/metrics/:id/over-time */
export const overTimeParams = z.object({ ...dateParams, interval: z.enum(INTERVALS).default("day"), ...filterParams }).superRefine(filterComplete);

/**
 * GET /query/metrics/:id/by-segment: the metric per value of the `segment` property, sorted by
 * value (default) or by segment, descending by default, narrowed by `search` (segment values
 * containing it, ignoring case), paged like every list.
 */
export const bySegmentParams = z
  .object({
    ...dateParams,
    segment: text(200).min(1),
    ...filterParams,
    sort: z.enum(["value", "segment"]).default("value"),
    order: z.enum(["asc", "desc"]).default("desc"),
    search: optionalText(200),
    ...pagingQuery.shape,
  })
  .superRefine(filterComplete);

export type OverTimeParams = z.infer<typeof overTimeParams>;
export type BySegmentParams = z.infer<typeof bySegmentParams>;
export type FilterParams = Pick<OverTimeParams, "property" | "operator" | "value">;
