import { FILTER_FIELDS, type FilterField } from "./fields.js";
import { type Filter, type FilterInput, type FilterOp, filters as filtersSchema } from "./filters.js";

/** Pirsch's value prefixes: "!" is not, "~" contains, "^" does not contain; no prefix is "is". */
const PREFIXES: readonly (readonly [string, FilterOp])[] = [
  ["!", "is_not"],
  ["~", "contains"],
  ["^", "not_contains"],
];

/** Pirsch names the event filter `event`; every other filter parameter is named as our field. */
const DIRECT = new Set<string>(FILTER_FIELDS.filter((f) => f !== "event_meta" && f !== "tag"));

function opAndValueOf(raw: string): [FilterOp, string] {
  for (const [prefix, op] of PREFIXES) if (raw.startsWith(prefix)) return [op, raw.slice(prefix.length)];
  return ["is", raw];
}

/**
 * The filters in Pirsch-style query parameters: `path=!/home&path=~blog&meta_plan=pro&tag_author=John`.
 * Repeated parameters with the same operator become one filter with several values (any of them, or
 * for negations none of them); `meta_<key>` and `tag_<key>` filter one metadata key or tag each.
 * Empty values are a blank form field, not a filter. A `pattern` is a regular expression and never
 * takes a prefix. Parameters that are not filters (id, from, tz, ...) are left to the adapter.
 * Throws a ZodError when a value breaks the model's limits.
 */
export function filtersFromPirschParams(params: Record<string, string | string[] | undefined>): Filter[] {
  const grouped = new Map<string, FilterInput>();
  const add = (field: FilterField, key: string | undefined, raw: string) => {
    const [op, value] = field === "pattern" ? (["is", raw] as const) : opAndValueOf(raw);
    if (value === "") return;
    const id = JSON.stringify([field, key ?? null, op]);
    const existing = grouped.get(id);
    if (existing) existing.values.push(value);
    else grouped.set(id, key === undefined ? ({ field, op, values: [value] } as FilterInput) : ({ field, key, op, values: [value] } as FilterInput));
  };
  for (const [name, given] of Object.entries(params)) {
    if (given === undefined) continue;
    const values = Array.isArray(given) ? given : [given];
    for (const raw of values) {
      if (DIRECT.has(name)) add(name as FilterField, undefined, raw);
      else if (name.startsWith("meta_") && name.length > 5) add("event_meta", name.slice(5), raw);
      else if (name.startsWith("tag_") && name.length > 4) add("tag", name.slice(4), raw);
    }
  }
  return filtersSchema.parse([...grouped.values()]);
}
