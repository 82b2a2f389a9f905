import { type AuthEnv, requireScope, route } from "@pulse/api-kit";
import type { Hono } from "hono";
import { BASE, type PlatformV2Deps, SCOPE, TAG } from "../deps.js";
import { siteBodyOf, sitesBody } from "../shapes.js";

/** GET /api/v2/sites: the sites of the key's account, or its one site when the key is limited to it. */
export function sitesRoute(app: Hono<AuthEnv>, deps: PlatformV2Deps): void {
  route(app, deps.registry, { method: "get", path: `${BASE}/sites`, summary: "All sites the key has access to", tag: TAG, scope: SCOPE, response: sitesBody }, async (c) => {
    const key = c.get("key");
    requireScope(key, SCOPE);
    // From the store, not the cache: a site made a moment ago is listed at once.
    const sites = await deps.store.listSites({ account_id: key.account_id });
    const visible = key.site_id === "" ? sites : sites.filter((s) => s.id === key.site_id);
    return c.json({ sites: visible.map(siteBodyOf) });
  });
}
