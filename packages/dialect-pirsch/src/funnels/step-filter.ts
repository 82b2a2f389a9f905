import { type FunnelFilter, type FunnelFilterOp, pathGlobToRegExpSource } from "@pulse/metadata";
import { ValidationError } from "@pulse/service";
import { z } from "zod";
import { opAndValueOf, prefixedValue } from "./prefixed-values.js";

const list = z.array(z.string().max(500)).max(20).nullish();
const pairs = z.record(z.string(), z.string().max(500)).nullish();

/** A funnel step's filter as Pirsch writes it: lists of (optionally prefixed) values per field. */
export const pirschStepFilter = z.object({
  path: list,
  entry_path: list,
  exit_path: list,
  path_pattern: list,
  path_regex: list,
  language: list,
  country: list,
  region: list,
  city: list,
  referrer: list,
  referrer_name: list,
  os: list,
  os_version: list,
  browser: list,
  browser_version: list,
  platform: z.string().max(20).nullish(),
  screen_class: list,
  utm_source: list,
  utm_medium: list,
  utm_campaign: list,
  utm_content: list,
  utm_term: list,
  tags: pairs,
  tag: list,
  event_name: list,
  event_meta_key: list,
  event_meta: pairs,
});
export type PirschStepFilter = z.infer<typeof pirschStepFilter>;

/** Pirsch's list fields and the statistics field each one filters; the rest are named alike. */
const RENAMED: Record<string, string> = { event_name: "event", path_regex: "pattern" };
const LIST_FIELDS = [
  "path",
  "entry_path",
  "exit_path",
  "path_regex",
  "language",
  "country",
  "region",
  "city",
  "referrer",
  "referrer_name",
  "os",
  "os_version",
  "browser",
  "browser_version",
  "screen_class",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_content",
  "utm_term",
  "event_name",
] as const;

/** Keys without a value (tag, event_meta_key) select a breakdown, not hits: they cannot make a step. */
const UNSUPPORTED = ["tag", "event_meta_key"] as const;

/** Values with the same operator become one filter of several values, as Pirsch's statistics filters do. */
function grouped(field: string, values: readonly string[], literal = false): FunnelFilter[] {
  const byOp = new Map<FunnelFilterOp, string[]>();
  for (const raw of values) {
    const [op, value] = literal ? (["is", raw] as const) : opAndValueOf(raw);
    if (value === "") continue;
    byOp.set(op, [...(byOp.get(op) ?? []), value]);
  }
  return [...byOp].map(([op, opValues]) => ({ field, op, values: opValues }));
}

/**
 * Our funnel filters for a Pirsch step filter. path_pattern globs become regular expressions on the
 * `pattern` field (they read back as path_regex); regular expressions take no prefix.
 */
export function filtersOfPirschStep(filter: PirschStepFilter, where: string): FunnelFilter[] {
  for (const field of UNSUPPORTED) {
    if ((filter[field]?.length ?? 0) > 0) {
      throw new ValidationError("Invalid funnel step", [{ field: `${where}.${field}`, message: "is not supported in funnel steps; filter tags or metadata by key and value (tags, event_meta)" }]);
    }
  }
  const filters: FunnelFilter[] = [];
  for (const field of LIST_FIELDS) {
    const values = filter[field];
    if (values) filters.push(...grouped(RENAMED[field] ?? field, values, field === "path_regex"));
  }
  if (filter.path_pattern) filters.push(...grouped("pattern", filter.path_pattern.map(pathGlobToRegExpSource), true));
  if (filter.platform) filters.push({ field: "platform", op: "is", values: [filter.platform] });
  for (const [key, value] of Object.entries(filter.tags ?? {})) filters.push(...grouped(`tag:${key}`, [value]));
  for (const [key, value] of Object.entries(filter.event_meta ?? {})) filters.push(...grouped(`event_meta:${key}`, [value]));
  return filters;
}

const PIRSCH_NAME: Record<string, string> = { event: "event_name", pattern: "path_regex" };

/** A Pirsch step filter for our filters; fields Pirsch does not have keep our names. */
export function pirschStepOf(filters: readonly FunnelFilter[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const push = (name: string, values: string[]) => {
    out[name] = [...((out[name] as string[] | undefined) ?? []), ...values];
  };
  for (const filter of filters) {
    const [field, key] = filter.field.split(":") as [string, string | undefined];
    const values = filter.values.map((value) => (field === "pattern" ? value : prefixedValue(filter.op, value)));
    if (key !== undefined && (field === "tag" || field === "event_meta")) {
      const map = field === "tag" ? "tags" : "event_meta";
      // Pirsch keeps one value per key.
      out[map] = { ...((out[map] as Record<string, string> | undefined) ?? {}), [key]: values[0] ?? "" };
    } else if (field === "platform") {
      out.platform = filter.values[0] ?? null;
    } else {
      push(PIRSCH_NAME[field] ?? field, values);
    }
  }
  return out;
}
