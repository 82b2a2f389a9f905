import { z } from "zod";
import { FILTER_FIELDS, type FilterField, type KeyedField } from "./fields.js";

/** Pirsch's prefixes: "" is, "!" is_not, "~" contains, "^" not_contains. */
export const FILTER_OPS = ["is", "is_not", "contains", "not_contains"] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

const MAX_VALUES = 50;
/** The tracking API caps keys at 100 and values at 512 characters; a filter cannot match longer ones. */
const value = z.string().max(2048);
const mapKey = z.string().min(1).max(100);

const values = z.array(value).min(1).max(MAX_VALUES);

const plainFields = FILTER_FIELDS.filter((f): f is Exclude<FilterField, KeyedField> => f !== "event_meta" && f !== "tag");

/**
 * One condition. Several values: any of them ("is", "contains") or none of them ("is_not",
 * "not_contains"). Several filters: all of them. "contains" ignores case. `pattern` is an RE2
 * regular expression matched against the path, so it takes only "is" (matches) and "is_not".
 * Country codes are compared in upper case, the way they are stored.
 */
const plainFilter = z
  .object({ field: z.enum(plainFields), op: z.enum(FILTER_OPS).default("is"), values })
  .strict()
  .refine((f) => f.field !== "pattern" || f.op === "is" || f.op === "is_not", {
    error: "pattern takes only the operators is and is_not",
    path: ["op"],
  })
  // ClickHouse's regex optimizer takes a trailing lone backslash as matching everything, where RE2 would refuse it.
  .refine((f) => f.field !== "pattern" || f.values.every((v) => !/(?:^|[^\\])(?:\\\\)*\\$/.test(v)), {
    error: "a pattern must not end in an unfinished escape (\\)",
    path: ["values"],
  })
  .transform((f) => (f.field === "country" ? { ...f, values: f.values.map((v) => v.toUpperCase()) } : f));

/** A filter on one key of the event metadata or the tags, e.g. event_meta plan is "pro". */
const keyedFilter = z
  .object({ field: z.enum(["event_meta", "tag"]), key: mapKey, op: z.enum(FILTER_OPS).default("is"), values })
  .strict();

export const filter = z.union([plainFilter, keyedFilter]);
export const filters = z.array(filter).max(MAX_VALUES);

export type Filter = z.infer<typeof filter>;
export type FilterInput = z.input<typeof filter>;
