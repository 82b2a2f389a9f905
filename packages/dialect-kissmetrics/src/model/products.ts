import type { Site } from "@pulse/metadata";
import { z } from "zod";
import { type Hrefs, link, linkOf } from "../http/links.js";
import { kmTime } from "../http/times.js";

export const productBody = z.object({
  links: z.array(link),
  id: z.string(),
  account_id: z.string(),
  name: z.string(),
  url: z.string(),
  status: z.enum(["active", "canceled"]),
  environment: z.string(),
  timezone: z.string(),
  created_at: z.string(),
});
export type ProductBody = z.infer<typeof productBody>;

/**
 * A site is a product. Sites have no name of their own, so the domain names it (and gives its URL);
 * a tracked site is live, hence "production".
 */
export function productBodyOf(site: Site, hrefs: Hrefs): ProductBody {
  return {
    links: productLinksOf(site, hrefs),
    id: site.id,
    account_id: site.account_id,
    name: site.domain,
    url: `https://${site.domain}`,
    status: "active",
    environment: "production",
    timezone: site.timezone,
    created_at: kmTime(site.created_at),
  };
}

function productLinksOf(site: Site, hrefs: Hrefs) {
  return [
    linkOf(hrefs.core("products", site.id), "self", "Self"),
    linkOf(hrefs.core("accounts", site.account_id), "account", "Account"),
    linkOf(hrefs.core("products", site.id, "reports"), "reports", "Product Reports"),
    linkOf(hrefs.core("products", site.id, "events"), "events", "Product Events"),
    linkOf(hrefs.core("products", site.id, "properties"), "properties", "Product Properties"),
    linkOf(hrefs.core("products", site.id, "metrics"), "metrics", "Product Metrics"),
  ];
}

/** The product link every child resource carries. */
export function productLinkOf(siteId: string, hrefs: Hrefs) {
  return linkOf(hrefs.core("products", siteId), "product", "Product");
}
