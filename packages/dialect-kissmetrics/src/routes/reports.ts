import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { productOf } from "../http/access.js";
import { notFound } from "../http/answer.js";
import { Hrefs } from "../http/links.js";
import { mapLimited } from "../http/limited.js";
import { type Report, reportBody, reportBodyOf, reportById, reportsOf } from "../model/reports.js";
import { collectionRoutes } from "./collection.js";

/** /core/reports: saved reports are our funnels and saved views. */
export function reportRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  const { cache, store } = deps;
  collectionRoutes(app, deps, {
    name: "reports",
    title: "reports",
    body: reportBody,
    entriesOf: async (sites) => (await mapLimited(sites, 4, async (site) => (await reportsOf(site, cache, store)).map((report) => ({ site, report })))).flat(),
    bodiesOf: async (entries, hrefs) => entries.map(({ site, report }) => reportBodyOf(report, site, hrefs)),
  });

  route(app, deps.registry, { method: "get", path: "/core/reports/:id", summary: "One report (funnel or saved view)", tag: TAG, scope: SCOPE, response: reportBody }, async (c) => {
    const report: Report = (await reportById(paramOf(c, "id"), cache, store)) ?? notFound("Report");
    const site = await productOf(c, deps.sites, report.site_id);
    return c.json(reportBodyOf(report, site, Hrefs.of(c)));
  });
}
