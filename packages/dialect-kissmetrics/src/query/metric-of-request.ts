import type { AuthEnv } from "@pulse/api-kit";
import type { Context } from "hono";
import type { KissmetricsDeps } from "../deps.js";
import { notFound } from "../http/answer.js";
import { decodeId, ID_KINDS } from "../http/ids.js";
import { productOf } from "../http/access.js";
import { type MetricEntry, metricEntryOf } from "../model/metrics.js";

/**
 * The metric an id in the path names, once the key may read its product: 404 for an id that is not
 * a metric's (or a metric the product does not have), 403 for another account's product.
 */
export async function metricOfRequest(c: Context<AuthEnv>, deps: Pick<KissmetricsDeps, "sites" | "cache">, id: string): Promise<MetricEntry> {
  const decoded = decodeId(id);
  if (decoded === undefined || (decoded.kind !== ID_KINDS.builtInMetric && decoded.kind !== ID_KINDS.goalMetric)) notFound("Metric");
  const site = await productOf(c, deps.sites, decoded.siteId);
  return metricEntryOf(deps.cache, site, decoded) ?? notFound("Metric");
}
