import type { Funnel, Goal } from "@pulse/metadata";
import type { FilterInput, FunnelStepInput, GoalInput, GoalsResult, StatsEngine, StatsQueryInput } from "@pulse/stats";

/** A stored goal as the stats engine takes it; an event goal wins over a path when both are set. */
export function statsGoalOf(goal: Goal): GoalInput {
  const some = (value: string) => (value === "" ? undefined : value);
  if (goal.event_name !== "") {
    return { id: goal.id, name: goal.name, event_name: goal.event_name, meta_key: some(goal.meta_key), meta_value: some(goal.meta_value) };
  }
  return { id: goal.id, name: goal.name, path_pattern: goal.path_pattern };
}

/** A stored funnel's steps as the stats engine takes them: "event_meta:plan" becomes field + key. */
export function statsStepsOf(funnel: Funnel): FunnelStepInput[] {
  return funnel.steps.map((step) => ({
    name: step.name,
    filters: step.filters.map((f) => {
      const [field, key] = f.field.split(":", 2);
      return (key === undefined ? { field, op: f.op, values: f.values } : { field, key, op: f.op, values: f.values }) as FilterInput;
    }),
  }));
}

/** The most goals the engine takes in one call. */
export const GOALS_PER_CALL = 50;

/**
 * The engine's figures for every goal, however many a site stores: asked in chunks the engine
 * takes, answered as one result with the goals in the order given.
 */
export async function goalResultsOf(engine: Pick<StatsEngine, "goals">, query: StatsQueryInput, goals: readonly GoalInput[]): Promise<GoalsResult> {
  const chunks: GoalInput[][] = [];
  for (let i = 0; i < goals.length; i += GOALS_PER_CALL) chunks.push(goals.slice(i, i + GOALS_PER_CALL));
  const results = await Promise.all(chunks.map((chunk) => engine.goals(query, chunk)));
  const first = results[0];
  if (first === undefined) throw new Error("goalResultsOf needs at least one goal");
  return { ...first, goals: results.flatMap((r) => r.goals) };
}
