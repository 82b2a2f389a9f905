import type { Site } from "@pulse/metadata";
import type { FilterInput, StatsEngine } from "@pulse/stats";
import { z } from "zod";
import { answer } from "../http/answer.js";
import { encodeId, ID_KINDS } from "../http/ids.js";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { allRowsOf, allTimeOf, type Seen } from "./engine-lists.js";
import { productLinkOf } from "./products.js";

/** A custom event name of a product and how often it was tracked. Page views are not events here. */
export interface EventEntry {
  site: Site;
  name: string;
  total: number;
}

export const eventBody = z.object({
  links: z.array(link),
  last_sent_at: z.string().nullable(),
  first_sent_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  id: z.string(),
  product_id: z.string(),
  name: z.string(),
  display_name: z.string(),
  description: z.null(),
  is_visible: z.boolean(),
  total: z.number().int(),
  first_used_at: z.string().nullable(),
});
export type EventBody = z.infer<typeof eventBody>;

export const eventFilterOf = (name: string): FilterInput => ({ field: "event", op: "is", values: [name] });

/** A product's event library: every custom event name ever tracked, by name, with its total. */
export async function eventCatalogOf(engine: Pick<StatsEngine, "breakdown">, site: Site): Promise<EventEntry[]> {
  const rows = await allRowsOf(engine, {
    ...allTimeOf(site.id),
    metrics: ["events"],
    dimensions: ["event"],
    filters: [{ field: "event", op: "is_not", values: [""] }],
    order_by: [["event", "asc"]],
  });
  return rows.map((r) => ({ site, name: String(r.dimensions["event"]), total: r.metrics.events ?? 0 }));
}

/** One event of the library by name; undefined when the product never tracked it. */
export async function eventEntryOf(engine: Pick<StatsEngine, "aggregate">, site: Site, name: string): Promise<EventEntry | undefined> {
  const result = await answer(() => engine.aggregate({ ...allTimeOf(site.id), metrics: ["events"], filters: [eventFilterOf(name)] }));
  const total = result.metrics.events ?? 0;
  return total > 0 ? { site, name, total } : undefined;
}

/** "search engine hit" is shown as "Search engine hit". */
export const displayNameOf = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * We record when a hit happened, not separately when it was received or used in a report, so the
 * sent and used times are the same: the first and last time the event was tracked.
 */
export function eventBodyOf(entry: EventEntry, seen: Seen, hrefs: Hrefs): EventBody {
  const id = encodeId(entry.site.id, ID_KINDS.event, entry.name);
  return {
    links: [linkOf(hrefs.core("events", id), "self", "Self"), productLinkOf(entry.site.id, hrefs)],
    last_sent_at: seen.last,
    first_sent_at: seen.first,
    last_used_at: seen.last,
    id,
    product_id: entry.site.id,
    name: entry.name,
    display_name: displayNameOf(entry.name),
    description: null,
    is_visible: true,
    total: entry.total,
    first_used_at: seen.first,
  };
}
