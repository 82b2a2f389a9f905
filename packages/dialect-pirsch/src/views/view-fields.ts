import type { FunnelFilter } from "@pulse/metadata";
import { z } from "zod";
import { opAndValueOf } from "../funnels/prefixed-values.js";
import { pirschStepOf } from "../funnels/step-filter.js";

const list = z.array(z.string().max(500)).max(50).nullish();
const date = z.string().max(10).nullish();
const time = z.string().max(5).nullish();
const numberOrText = z.union([z.number(), z.string().max(40)]).nullish();

/** The filter and period fields of a Pirsch view; null means "not set". */
export const pirschViewFields = z.object({
  from: date,
  to: date,
  from_time: time,
  to_time: time,
  period: z.number().int().nullish(),
  compare: z.string().max(20).nullish(),
  compare_from: date,
  compare_to: date,
  compare_weekday: z.boolean().nullish(),
  path: list,
  entry_path: list,
  exit_path: list,
  pattern: list,
  language: list,
  country: list,
  city: list,
  referrer: list,
  referrer_name: list,
  os: list,
  browser: list,
  platform: z.union([z.string().max(20), z.array(z.string().max(20))]).nullish(),
  screen_class: list,
  utm_source: list,
  utm_medium: list,
  utm_campaign: list,
  utm_content: list,
  utm_term: list,
  event: list,
  event_meta_key: list,
  event_meta_value: list,
  tag: list,
  tag_key: list,
  tag_value: list,
  visitor_id: numberOrText,
  session_id: numberOrText,
});
export type PirschViewFields = z.infer<typeof pirschViewFields>;
type ViewFieldName = keyof PirschViewFields;

export const VIEW_FIELD_NAMES = Object.keys(pirschViewFields.shape) as ViewFieldName[];

/** Every field present, unset ones as null, as Pirsch returns views. */
export function completeViewFields(fields: Partial<Record<string, unknown>>): Record<ViewFieldName, unknown> {
  return Object.fromEntries(VIEW_FIELD_NAMES.map((name) => [name, fields[name] ?? null])) as Record<ViewFieldName, unknown>;
}

const LIST_FILTERS = [
  "path",
  "entry_path",
  "exit_path",
  "language",
  "country",
  "city",
  "referrer",
  "referrer_name",
  "os",
  "browser",
  "screen_class",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
  "event",
] as const;

/**
 * The view's filters in the statistics model, saved beside the Pirsch fields so the native API
 * and the stats engine can use a view made through Pirsch. Paired lists (event_meta_key with
 * event_meta_value, tag_key with tag_value) become one keyed filter per pair.
 */
export function filtersOfView(fields: PirschViewFields): FunnelFilter[] {
  const filters: FunnelFilter[] = [];
  for (const field of LIST_FILTERS) {
    for (const raw of fields[field] ?? []) {
      const [op, value] = opAndValueOf(raw);
      if (value !== "") filters.push({ field, op, values: [value] });
    }
  }
  for (const pattern of fields.pattern ?? []) filters.push({ field: "pattern", op: "is", values: [pattern] });
  const platforms = typeof fields.platform === "string" ? [fields.platform] : (fields.platform ?? []);
  for (const platform of platforms) filters.push({ field: "platform", op: "is", values: [platform] });
  const pairs = (keys: string[] | null | undefined, values: string[] | null | undefined, field: string) =>
    (keys ?? []).forEach((key, i) => {
      const [op, value] = opAndValueOf(values?.[i] ?? "");
      if (value !== "") filters.push({ field: `${field}:${key}`, op, values: [value] });
    });
  pairs(fields.event_meta_key, fields.event_meta_value, "event_meta");
  pairs(fields.tag_key, fields.tag_value, "tag");
  return filters;
}

/** Pirsch view fields for a view saved through the native API, from its statistics filters. */
export function viewFieldsOfFilters(filters: readonly FunnelFilter[]): Partial<Record<string, unknown>> {
  const step = pirschStepOf(filters);
  const { event_name, path_regex, tags, event_meta, platform, ...rest } = step;
  const metaPairs = Object.entries((event_meta as Record<string, string> | undefined) ?? {});
  const tagPairs = Object.entries((tags as Record<string, string> | undefined) ?? {});
  return {
    ...rest,
    event: event_name,
    pattern: path_regex,
    platform,
    event_meta_key: metaPairs.length > 0 ? metaPairs.map(([key]) => key) : null,
    event_meta_value: metaPairs.length > 0 ? metaPairs.map(([, value]) => value) : null,
    tag_key: tagPairs.length > 0 ? tagPairs.map(([key]) => key) : null,
    tag_value: tagPairs.length > 0 ? tagPairs.map(([, value]) => value) : null,
  };
}
