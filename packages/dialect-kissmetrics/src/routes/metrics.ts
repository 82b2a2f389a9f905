import { type AuthEnv, paramOf, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { type KissmetricsDeps, SCOPE, TAG } from "../deps.js";
import { Hrefs } from "../http/links.js";
import { metricBody, metricBodyOf, metricCatalogOf } from "../model/metrics.js";
import { metricOfRequest } from "../query/metric-of-request.js";
import { collectionRoutes } from "./collection.js";

/** /core/metrics: the built-in metrics and the goals of each product. */
export function metricRoutes(app: Hono<AuthEnv>, deps: KissmetricsDeps): void {
  collectionRoutes(app, deps, {
    name: "metrics",
    title: "metrics",
    body: metricBody,
    entriesOf: async (sites) => sites.flatMap((site) => metricCatalogOf(deps.cache, site)),
    bodiesOf: async (entries, hrefs) => entries.map((entry) => metricBodyOf(entry, hrefs)),
  });

  route(app, deps.registry, { method: "get", path: "/core/metrics/:id", summary: "One metric", tag: TAG, scope: SCOPE, response: metricBody }, async (c) => {
    return c.json(metricBodyOf(await metricOfRequest(c, deps, paramOf(c, "id")), Hrefs.of(c)));
  });
}
