import { type FilterInput, type GoalInput, regexOfGlob } from "@pulse/stats";

/**
 * A goal as filters of the query model, for Kindmetrics' goal_id parameter ("aggregate stats for
 * goals"): an event goal selects its events (and metadata), a path goal the pages its glob matches,
 * with the same glob-to-RE2 translation the engine's goal figures use.
 */
export function filtersOfGoal(goal: GoalInput): FilterInput[] {
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
  return [{ field: "pattern", op: "is", values: [regexOfGlob(goal.path_pattern ?? "/")] }];
}
