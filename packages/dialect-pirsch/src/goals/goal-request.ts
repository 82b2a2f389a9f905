import type { GoalUpdate } from "@pulse/metadata";
import { z } from "zod";

/** null and "" both mean "not set" in Pirsch's requests. */
const optionalText = z.string().nullish();
/** "0 to pass": 0, null and absence all mean "no target". */
const optionalTarget = z.number().min(0).nullish();

/**
 * The fields of Pirsch's create and update requests. The targets are named `visitors` and `cr` in
 * the requests (visitor_goal and cr_goal in responses); both spellings are accepted.
 */
export const goalRequestFields = z.object({
  name: z.string(),
  path_pattern: optionalText,
  event_name: optionalText,
  event_meta_key: optionalText,
  event_meta_value: optionalText,
  custom_metric_key: optionalText,
  custom_metric_type: z.enum(["integer", "float", ""]).nullish(),
  visitors: optionalTarget,
  visitor_goal: optionalTarget,
  cr: optionalTarget,
  cr_goal: optionalTarget,
  custom_metric_total_goal: optionalTarget,
  custom_metric_avg_goal: optionalTarget,
  delete_reached: z.boolean().nullish(),
  email_reached: z.boolean().nullish(),
});
export type GoalRequestFields = z.infer<typeof goalRequestFields>;

/**
 * Our goal fields for the fields the request mentions (null clears one), so an update leaves
 * unmentioned fields as they are and a create gets the store's defaults for them.
 */
export function goalFieldsOf(request: Partial<GoalRequestFields>): GoalUpdate {
  const fields: GoalUpdate = {};
  const has = (name: keyof GoalRequestFields) => Object.hasOwn(request, name) && request[name] !== undefined;
  const text = (value: string | null | undefined) => value ?? "";
  const number = (value: number | null | undefined) => value ?? 0;
  if (has("name")) fields.name = request.name!;
  if (has("path_pattern")) fields.path_pattern = text(request.path_pattern);
  if (has("event_name")) fields.event_name = text(request.event_name);
  if (has("event_meta_key")) fields.meta_key = text(request.event_meta_key);
  if (has("event_meta_value")) fields.meta_value = text(request.event_meta_value);
  if (has("custom_metric_key")) fields.custom_metric_key = text(request.custom_metric_key);
  if (has("custom_metric_type")) fields.custom_metric_type = request.custom_metric_type ?? "";
  if (has("visitors") || has("visitor_goal")) fields.visitor_goal = Math.round(number(request.visitors ?? request.visitor_goal));
  if (has("cr") || has("cr_goal")) fields.cr_goal = number(request.cr ?? request.cr_goal);
  if (has("custom_metric_total_goal")) fields.custom_metric_total_goal = number(request.custom_metric_total_goal);
  if (has("custom_metric_avg_goal")) fields.custom_metric_avg_goal = number(request.custom_metric_avg_goal);
  if (has("delete_reached")) fields.delete_reached = request.delete_reached ?? false;
  if (has("email_reached")) fields.email_reached = request.email_reached ?? false;
  return fields;
}
