import type { Goal } from "@pulse/metadata";
import type { GoalResult } from "@pulse/stats";

export interface KindmetricsGoal {
  name: string;
  kind: "Path" | "Event";
  conversions: number;
}

/**
 * /goals: Kindmetrics counted a goal's conversions as distinct visitors (uniq(user_id)), so
 * "conversions" is the engine's converting visitors. An event goal wins over a path when a goal
 * has both, as the engine counts it. Most conversions first, as Kindmetrics sorted them.
 */
export function goalsOf(goals: readonly Goal[], results: readonly GoalResult[]): KindmetricsGoal[] {
  const byId = new Map(results.map((r) => [r.id, r]));
  return goals
    .map((goal) => ({
      name: goal.name,
      kind: goal.event_name !== "" ? ("Event" as const) : ("Path" as const),
      conversions: byId.get(goal.id)?.visitors ?? 0,
    }))
    .sort((a, b) => b.conversions - a.conversions);
}
