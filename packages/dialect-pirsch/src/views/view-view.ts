import type { FunnelFilter, SavedView, Site } from "@pulse/metadata";
import { z } from "zod";
import { defTimeOf, modTimeOf } from "../http/times.js";
import { completeViewFields, type PirschViewFields, pirschViewFields, viewFieldsOfFilters } from "./view-fields.js";

export const pirschView = z.object({
  id: z.string(),
  def_time: z.string(),
  mod_time: z.string(),
  domain_id: z.string(),
  /** The site's account. */
  user_id: z.string(),
  name: z.string(),
  ...pirschViewFields.shape,
});
export type PirschView = z.infer<typeof pirschView>;

/** Where the Pirsch fields live inside a saved view's query. */
export const PIRSCH_QUERY_KEY = "pirsch";

/** The saved query for Pirsch fields: the fields themselves, and the filters in the stats model. */
export function savedQueryOf(fields: PirschViewFields, filters: FunnelFilter[]): Record<string, unknown> {
  return { [PIRSCH_QUERY_KEY]: completeViewFields(fields), filters };
}

export function viewView(view: SavedView, site: Site): PirschView {
  const stored = view.query[PIRSCH_QUERY_KEY];
  const parsed = pirschViewFields.safeParse(stored ?? {});
  // A view saved natively (or unreadable as Pirsch fields) is shown through its filters.
  const fields =
    stored !== undefined && parsed.success ? parsed.data : viewFieldsOfFilters(Array.isArray(view.query.filters) ? (view.query.filters as FunnelFilter[]) : []);
  return {
    id: view.id,
    def_time: defTimeOf(view),
    mod_time: modTimeOf(view),
    domain_id: view.site_id,
    user_id: site.account_id,
    name: view.name,
    ...(completeViewFields(fields) as PirschViewFields),
  };
}
