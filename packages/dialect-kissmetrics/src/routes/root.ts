import type { AuthEnv } from "@pulse/api-kit";
import type { Hono } from "hono";
import { z } from "zod";
import { type KissmetricsDeps, TAG } from "../deps.js";
import { Hrefs, link, linkOf } from "../http/links.js";

export const rootBody = z.object({
  links: z.array(link),
  data: z.object({ links: z.array(link), description: z.string(), name: z.string() }),
});

const QUERY_PARAMS = "{?start_date,end_date,interval,property,operator,value}";
const SEGMENT_PARAMS = "{?segment,start_date,end_date,property,operator,value,sort,order,search,limit,offset}";

/** Every collection, and an RFC 6570 template for each single resource and each metric query. */
export function directoryLinksOf(hrefs: Hrefs) {
  const collection = (name: string, rel: string, title: string, one: string, oneTitle: string) => [
    linkOf(hrefs.core(name), rel, title),
    linkOf(`${hrefs.core(name)}/{id}`, one, oneTitle, true),
  ];
  return [
    linkOf(hrefs.core(), "self", "Directory"),
    ...collection("accounts", "accounts", "Accounts", "account", "Account"),
    ...collection("products", "products", "Products", "product", "Product"),
    ...collection("reports", "reports", "Reports", "report", "Report"),
    ...collection("events", "events", "Events", "event", "Event"),
    ...collection("properties", "properties", "Properties", "property", "Property"),
    ...collection("metrics", "metrics", "Metrics", "metric", "Metric"),
    linkOf(`${hrefs.origin}/query/metrics/{id}/over-time${QUERY_PARAMS}`, "metric-over-time", "Metrics Over Time Query", true),
    linkOf(`${hrefs.origin}/query/metrics/{id}/by-segment${SEGMENT_PARAMS}`, "metric-by-segment", "Metrics By Segment Query", true),
  ];
}

/** GET /core: the root directory. It only names links, so any valid token may read it. */
export function rootRoute(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  deps.registry.add({ method: "get", path: "/core", summary: "The root directory of links", tag: TAG, response: rootBody });
  app.get("/core", (c) => {
    const hrefs = Hrefs.of(c);
    return c.json({
      links: [linkOf(hrefs.core(), "self", "Directory")],
      // The document's wording, kept so scripts that check it keep working.
      data: { links: directoryLinksOf(hrefs), description: "API access for KISSmetrics", name: "KISSmetrics API" },
    });
  });
}
