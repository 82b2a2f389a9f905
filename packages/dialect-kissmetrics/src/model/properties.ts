import type { Site } from "@pulse/metadata";
import type { Dimension, FilterInput, FilterOp, StatsEngine } from "@pulse/stats";
import { z } from "zod";
import { answer } from "../http/answer.js";
import { type DecodedId, encodeId, ID_KINDS } from "../http/ids.js";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { allRowsOf, allTimeOf, type Seen } from "./engine-lists.js";
import { displayNameOf } from "./events.js";
import { productLinkOf } from "./products.js";

/**
 * Properties every hit gets from the platform (Kissmetrics' "automatic" type), by their field name
 * in the query model, with a Kissmetrics-style display name. Visitor and session ids are left out:
 * they are salted identifiers, nothing to report on.
 */
export const BUILT_IN_PROPERTIES = [
  ["path", "Page Path", "The path of the page viewed"],
  ["title", "Page Title", "The title of the page viewed"],
  ["hostname", "Hostname", "The hostname the hit was sent from"],
  ["entry_path", "Landing Page", "The first page of the visit"],
  ["exit_path", "Exit Page", "The last page of the visit"],
  ["referrer", "Referrer", "The page the visit came from"],
  ["referrer_name", "Referrer Name", "The site or app the visit came from"],
  ["channel", "Channel", "The kind of source the visit came from"],
  ["utm_source", "Campaign Source", "utm_source of the visit"],
  ["utm_medium", "Campaign Medium", "utm_medium of the visit"],
  ["utm_campaign", "Campaign Name", "utm_campaign of the visit"],
  ["utm_content", "Campaign Content", "utm_content of the visit"],
  ["utm_term", "Campaign Terms", "utm_term of the visit"],
  ["country", "Country", "The visitor's country (ISO 3166-1 code)"],
  ["region", "Region", "The visitor's region"],
  ["city", "City", "The visitor's city"],
  ["language", "Language", "The visitor's language"],
  ["browser", "Browser", "The visitor's browser"],
  ["browser_version", "Browser Version", "The visitor's browser version"],
  ["os", "Operating System", "The visitor's operating system"],
  ["os_version", "Operating System Version", "The visitor's operating system version"],
  ["platform", "Platform", "Desktop, mobile or unknown"],
  ["screen_class", "Screen Class", "The visitor's screen size class"],
] as const;
export type BuiltInField = (typeof BUILT_IN_PROPERTIES)[number][0];
const BUILT_IN = new Map<string, (typeof BUILT_IN_PROPERTIES)[number]>(BUILT_IN_PROPERTIES.map((p) => [p[0], p]));

export const isBuiltInField = (name: string): name is BuiltInField => BUILT_IN.has(name);

/** A property: a built-in field, an event metadata key, or a tag key. */
export type PropertyRef = { kind: "built_in"; key: BuiltInField } | { kind: "meta"; key: string } | { kind: "tag"; key: string };

export const ID_KIND_OF = { built_in: ID_KINDS.builtInProperty, meta: ID_KINDS.metaProperty, tag: ID_KINDS.tagProperty } as const;

export const propertyIdOf = (siteId: string, ref: PropertyRef) => encodeId(siteId, ID_KIND_OF[ref.kind], ref.key);

/** The property a decoded id names; undefined for ids of other things and built-ins we do not have. */
export function propertyRefOfId(id: DecodedId): PropertyRef | undefined {
  if (id.kind === ID_KINDS.builtInProperty) return isBuiltInField(id.key) ? { kind: "built_in", key: id.key } : undefined;
  if (id.kind === ID_KINDS.metaProperty) return { kind: "meta", key: id.key };
  if (id.kind === ID_KINDS.tagProperty) return { kind: "tag", key: id.key };
  return undefined;
}

/** What to group by for a segment on the property. */
export function dimensionOf(ref: PropertyRef): Dimension {
  if (ref.kind === "meta") return `event_meta:${ref.key}`;
  if (ref.kind === "tag") return `tag:${ref.key}`;
  return ref.key;
}

/** A condition on the property's value. */
export function filterOf(ref: PropertyRef, op: FilterOp, values: string[]): FilterInput {
  if (ref.kind === "meta") return { field: "event_meta", key: ref.key, op, values };
  if (ref.kind === "tag") return { field: "tag", key: ref.key, op, values };
  return { field: ref.key, op, values };
}

/** Hits that carry the property at all (a missing key reads as ""). */
export const hasValue = (ref: PropertyRef): FilterInput => filterOf(ref, "is_not", [""]);

/** A product's properties: the built-ins, then its event metadata keys and tag keys by name. */
export async function propertyCatalogOf(engine: Pick<StatsEngine, "breakdown">, site: Site): Promise<PropertyRef[]> {
  const keys = (dimension: "event_meta_key" | "tag_key") =>
    allRowsOf(engine, { ...allTimeOf(site.id), metrics: ["visitors"], dimensions: [dimension], order_by: [[dimension, "asc"]] });
  const [meta, tags] = await Promise.all([keys("event_meta_key"), keys("tag_key")]);
  return [
    ...BUILT_IN_PROPERTIES.map(([key]): PropertyRef => ({ kind: "built_in", key })),
    ...meta.map((r): PropertyRef => ({ kind: "meta", key: String(r.dimensions["event_meta_key"]) })),
    ...tags.map((r): PropertyRef => ({ kind: "tag", key: String(r.dimensions["tag_key"]) })),
  ];
}

export type PropertyType = "automatic" | "text" | "number";

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Built-ins are "automatic"; a key whose every value (up to the engine's 1000 listed) reads as a number is "number". */
export async function propertyTypeOf(engine: Pick<StatsEngine, "filterOptions">, site: Site, ref: PropertyRef): Promise<PropertyType> {
  if (ref.kind === "built_in") return "automatic";
  const values = await answer(() => engine.filterOptions({ ...allTimeOf(site.id) }, dimensionOf(ref)));
  return values.length > 0 && values.every((v) => NUMBER.test(v)) ? "number" : "text";
}

export const propertyBody = z.object({
  links: z.array(link),
  last_sent_at: z.string().nullable(),
  first_sent_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  id: z.string(),
  product_id: z.string(),
  type: z.enum(["automatic", "text", "number"]),
  name: z.string(),
  display_name: z.string(),
  description: z.string().nullable(),
  is_visible: z.boolean(),
  first_used_at: z.string().nullable(),
});
export type PropertyBody = z.infer<typeof propertyBody>;

/** As for events, sent and used times are both when the property was first and last tracked. */
export function propertyBodyOf(site: Site, ref: PropertyRef, type: PropertyType, seen: Seen, hrefs: Hrefs): PropertyBody {
  const id = propertyIdOf(site.id, ref);
  const builtIn = ref.kind === "built_in" ? BUILT_IN.get(ref.key) : undefined;
  return {
    links: [linkOf(hrefs.core("properties", id), "self", "Self"), productLinkOf(site.id, hrefs)],
    last_sent_at: seen.last,
    first_sent_at: seen.first,
    last_used_at: seen.last,
    id,
    product_id: site.id,
    type,
    name: ref.key,
    display_name: builtIn ? builtIn[1] : displayNameOf(ref.key),
    description: builtIn ? builtIn[2] : ref.kind === "meta" ? "Event property" : "Page tag",
    is_visible: true,
    first_used_at: seen.first,
  };
}
