import type { FilterInput } from "./filters.js";
import { type GoalInput, regexOfGlob } from "./goals.js";

/**
 * The hits that reach a goal, as query filters matching them the way goals() does: an event goal by
 * name (and metadata key, or key and value), a path goal by its glob as an RE2 pattern. Dialects use
 * it to narrow a query to one goal.
 */
export function goalFiltersOf(goal: GoalInput): FilterInput[] {
  if (goal.event_name !== undefined) {
    const filters: FilterInput[] = [{ field: "event", op: "is", values: [goal.event_name] }];
    if (goal.meta_key !== undefined) {
      // Without a value the goal only needs the key; a missing key reads as "" in ClickHouse maps.
      filters.push(
        goal.meta_value === undefined
          ? { field: "event_meta", key: goal.meta_key, op: "is_not", values: [""] }
          : { field: "event_meta", key: goal.meta_key, op: "is", values: [goal.meta_value] },
      );
    }
    return filters;
  }
  // The goal schema requires path_pattern when there is no event_name.
  return [{ field: "pattern", op: "is", values: [regexOfGlob(goal.path_pattern ?? "/**")] }];
}
