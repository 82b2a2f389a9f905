import type { Funnel, MetadataCache, MetadataStore, SavedView, Site } from "@pulse/metadata";
import { z } from "zod";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { kmTime } from "../http/times.js";
import { productLinkOf } from "./products.js";

/** Saved reports are our funnels and saved views; the type says which. */
export const REPORT_TYPES = { funnel: "funnel", view: "saved_view" } as const;

export interface Report {
  id: string;
  site_id: string;
  name: string;
  report_type: (typeof REPORT_TYPES)[keyof typeof REPORT_TYPES];
  created_at: string;
}

export const reportBody = z.object({
  links: z.array(link),
  created_at: z.string(),
  name: z.string(),
  report_type: z.string(),
  account_id: z.string(),
  product_id: z.string(),
  id: z.string(),
});
export type ReportBody = z.infer<typeof reportBody>;

const ofFunnel = (f: Funnel): Report => ({ id: f.id, site_id: f.site_id, name: f.name, report_type: REPORT_TYPES.funnel, created_at: f.created_at });
const ofView = (v: SavedView): Report => ({ id: v.id, site_id: v.site_id, name: v.name, report_type: REPORT_TYPES.view, created_at: v.created_at });

/** A product's reports, oldest first. */
export async function reportsOf(site: Site, cache: Pick<MetadataCache, "funnelsOf">, store: Pick<MetadataStore, "listSavedViews">): Promise<Report[]> {
  const views = await store.listSavedViews({ site_id: site.id });
  return [...cache.funnelsOf(site.id).map(ofFunnel), ...views.map(ofView)].sort(
    (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
  );
}

/** A report by id, whichever site it belongs to: callers check the site against the key. */
export async function reportById(id: string, cache: Pick<MetadataCache, "funnelById">, store: Pick<MetadataStore, "getSavedView">): Promise<Report | undefined> {
  const funnel = cache.funnelById(id);
  if (funnel) return ofFunnel(funnel);
  const view = await store.getSavedView(id);
  return view ? ofView(view) : undefined;
}

export function reportBodyOf(report: Report, site: Site, hrefs: Hrefs): ReportBody {
  return {
    links: [
      linkOf(hrefs.core("reports", report.id), "self", "Self"),
      productLinkOf(site.id, hrefs),
      linkOf(hrefs.core("accounts", site.account_id), "account", "Account"),
    ],
    created_at: kmTime(report.created_at),
    name: report.name,
    report_type: report.report_type,
    account_id: site.account_id,
    product_id: site.id,
    id: report.id,
  };
}
