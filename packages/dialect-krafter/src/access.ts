import { siteFor } from "@pulse/api-kit";
import { type ApiKey, entityId, hasScope, type Site } from "@pulse/metadata";
import { HTTPException } from "hono/http-exception";
import type { KrafterDeps } from "./deps.js";

/** Krafter's "analytics:read" is our "statistics:read". */
export const ANALYTICS_READ = "statistics:read" as const;
export const INSUFFICIENT_SCOPE = "Insufficient scope";

/**
 * The site a :key names, when the key may read it. Krafter's :key is its site key (the public id
 * in its tracker snippet); ours is the site id, and the site's domain is taken too. Unknown: 404;
 * another account's or another site's: 403 (Krafter's "cross-team resource access").
 */
export async function siteOfKey(key: ApiKey, deps: Pick<KrafterDeps, "sites" | "cache">, siteKey: string): Promise<Site> {
  if (!hasScope(key.scopes, ANALYTICS_READ)) throw new HTTPException(403, { message: INSUFFICIENT_SCOPE });
  // Only a key shaped like an id is looked up by id: a miss there waits for a metadata reload.
  const byId = entityId.safeParse(siteKey).success ? await deps.sites(siteKey) : undefined;
  const site = byId ?? deps.cache.siteByHostname(siteKey.trim().toLowerCase());
  if (site === undefined) throw new HTTPException(404, { message: "Not found" });
  return siteFor(key, deps.sites, site.id, ANALYTICS_READ);
}
