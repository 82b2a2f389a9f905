import { type Goal, pathGlobToRegExpSource } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";

export const pirschGoal = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  name: z.string(),
  /** The path pattern as written, a glob such as "/checkout/**". */
  path_pattern: z.string().nullable(),
  /** The regular expression made from path_pattern, usable as the statistics `pattern` filter. */
  pattern: z.string().nullable(),
  event_name: z.string().nullable(),
  event_meta_key: z.string().nullable(),
  event_meta_value: z.string().nullable(),
  custom_metric_key: z.string().nullable(),
  custom_metric_type: z.enum(["integer", "float"]).nullable(),
  visitor_goal: z.number().nullable(),
  cr_goal: z.number().nullable(),
  custom_metric_total_goal: z.number().nullable(),
  custom_metric_avg_goal: z.number().nullable(),
  delete_reached: z.boolean(),
  email_reached: z.boolean(),
});
export type PirschGoal = z.infer<typeof pirschGoal>;

/** Pirsch's null for what we store as "" or 0. */
const text = (value: string) => (value === "" ? null : value);
const target = (value: number) => (value === 0 ? null : value);

export function goalView(goal: Goal): PirschGoal {
  return {
    id: goal.id,
    def_time: defTimeOf(goal),
    mod_time: modTimeOf(goal),
    domain_id: goal.site_id,
    name: goal.name,
    path_pattern: text(goal.path_pattern),
    pattern: goal.path_pattern === "" ? null : pathGlobToRegExpSource(goal.path_pattern),
    event_name: text(goal.event_name),
    event_meta_key: text(goal.meta_key),
    event_meta_value: text(goal.meta_value),
    custom_metric_key: text(goal.custom_metric_key),
    custom_metric_type: goal.custom_metric_type === "" ? null : goal.custom_metric_type,
    visitor_goal: target(goal.visitor_goal),
    cr_goal: target(goal.cr_goal),
    custom_metric_total_goal: target(goal.custom_metric_total_goal),
    custom_metric_avg_goal: target(goal.custom_metric_avg_goal),
    delete_reached: goal.delete_reached,
    email_reached: goal.email_reached,
  };
}
